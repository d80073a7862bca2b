package dev.streamz.kafka.internal;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import java.nio.ByteBuffer;

/**
 * Hands every call to the user's deserializer except {@code close()}: a source creates a new
 * {@code KafkaConsumer} at each start, and a consumer closes its deserializers when it closes, but the
 * user's instances must survive a stop for the next start.
 *
 * @param <T> what it reads
 */
public final class KeepOpenDeserializer<T> implements Deserializer<T> {
    private final Deserializer<T> delegate;

    /** @param delegate the user's deserializer */
    public KeepOpenDeserializer(Deserializer<T> delegate) {
        this.delegate = delegate;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return delegate.deserialize(topic, data);
    }

    @Override
    public T deserialize(String topic, Headers headers, byte[] data) {
        return delegate.deserialize(topic, headers, data);
    }

    @Override
    public T deserialize(String topic, Headers headers, ByteBuffer data) {
        return delegate.deserialize(topic, headers, data);
    }

    @Override
    public void close() {
        // the user's instance outlives this consumer
    }
}

package dev.streamz.kafka;

import dev.streamz.RefCounter;
import dev.streamz.Scheduler;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Writes each element to Kafka and emits it downstream once the broker has acknowledged it (streamz's
 * {@code to_kafka}); built by {@link Kafka#toKafka}.
 *
 * <p><b>Order and back pressure.</b> Up to {@code maxInFlight} elements are sent and not yet acknowledged
 * at once; beyond that the emitter waits (its {@code emitAsync} future, or a source upstream, is held)
 * until the oldest is acknowledged: the producer's acknowledgements are the back pressure. Elements leave
 * downstream in the order they arrived, each after its own acknowledgement. Metadata refs are held from
 * arrival until the element has been emitted downstream, so a checkpointing source upstream (a Kafka
 * source, for example) commits only what the broker has acknowledged.
 *
 * <p><b>Errors.</b> A send that fails (the broker refuses the record, it is over the size limit, a
 * serializer throws, the producer's buffer stays full) is reported to the graph's error handler as a
 * {@link StreamException} naming this node and the topic, whose cause is a {@link KafkaSendException}
 * carrying the element; the element is not emitted downstream and its refs are released.
 *
 * <p>The producer lives as long as the sink: {@link #close()} flushes and closes it.
 *
 * @param <T> the element type
 */
public final class KafkaSink<T> extends Stream<T> implements AutoCloseable {
    private static final int PENDING = 0;
    private static final int ACKED = 1;
    private static final int FAILED = 2;

    private final KafkaProducer<Object, Object> producer;
    private final Function<? super T, ? extends ProducerRecord<?, ?>> toRecord;
    private final Scheduler scheduler;
    private final Slot[] ring;
    private final int mask;
    private final int capacity;
    /** Scheduler thread only: the oldest unemitted slot and the next free one (head <= tail). */
    private long head;
    private long tail;
    /** Elements that arrived while the ring was full, with their metadata; their emitters wait on space. */
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    private CompletableFuture<Void> space;
    /** Set while a downstream emission has not been accepted yet: later acks wait for it. */
    private boolean downstreamBusy;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drainTask = this::drain;
    private final Runnable afterDownstream = () -> {
        downstreamBusy = false;
        drain();
    };
    private volatile boolean closed;

    @SuppressWarnings("unchecked")
    KafkaSink(Stream<T> upstream, Map<String, Object> producerConfig,
              Function<? super T, ? extends ProducerRecord<?, ?>> toRecord, Serializer<?> keySerializer,
              Serializer<?> valueSerializer, int maxInFlight, String topicLabel) {
        super("to_kafka", parameters(producerConfig, maxInFlight, topicLabel), upstream);
        // Acknowledgements arrive on the producer's thread; the graph's scheduler is where they are emitted.
        this.scheduler = requireScheduler();
        this.toRecord = toRecord;
        this.capacity = maxInFlight;
        int size = Integer.highestOneBit(Math.max(1, maxInFlight - 1)) << 1;
        this.ring = new Slot[size];
        this.mask = size - 1;
        for (int i = 0; i < size; i++) {
            ring[i] = new Slot(this);
        }
        this.producer = new KafkaProducer<>(producerConfig, (Serializer<Object>) keySerializer,
                (Serializer<Object>) valueSerializer);
    }

    private static Map<String, Object> parameters(Map<String, Object> config, int maxInFlight, String topic) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("topic", topic);
        p.put("bootstrap_servers", config.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        p.put("max_in_flight", maxInFlight);
        return p;
    }

    @Override
    public void update(Object x, List<Map<String, Object>> metadata, Stream<?> from) {
        if (closed) {
            throw new StreamException(this, "the sink is closed", null);
        }
        retain(metadata);
        if (tail - head >= capacity || !waiting.isEmpty()) {
            waiting.addLast(x);
            waiting.addLast(metadata);
            if (space == null) {
                space = new CompletableFuture<>();
            }
            holdEmitter(space);
            return;
        }
        send(x, metadata);
    }

    @SuppressWarnings("unchecked")
    private void send(Object x, List<Map<String, Object>> metadata) {
        ProducerRecord<Object, Object> record;
        try {
            record = (ProducerRecord<Object, Object>) toRecord.apply((T) x);
            if (record == null) {
                throw new NullPointerException("toKafka: the record function returned null");
            }
        } catch (RuntimeException e) {
            release(metadata);
            throw userFailure(e);
        }
        Slot slot = ring[(int) (tail++ & mask)];
        slot.element = x;
        slot.metadata = metadata;
        slot.topic = record.topic();
        slot.error = null;
        slot.state = PENDING;
        try {
            producer.send(record, slot);
        } catch (RuntimeException e) {
            slot.onCompletion(null, e); // a serializer, the buffer's max.block.ms, a closed producer
        }
    }

    /** Emits, on the scheduler, the acknowledged elements at the head, in arrival order. */
    private void drain() {
        drainScheduled.set(false);
        while (!downstreamBusy && head < tail) {
            Slot slot = ring[(int) (head & mask)];
            int state = slot.state;
            if (state == PENDING) {
                break;
            }
            head++;
            Object x = slot.element;
            List<Map<String, Object>> md = slot.metadata;
            Exception error = slot.error;
            String topic = slot.topic;
            slot.element = null;
            slot.metadata = null;
            slot.error = null;
            if (state == FAILED) {
                scheduler.reportError(new StreamException(this, "send to topic '" + topic + "' failed for element "
                        + KafkaSendException.describe(x) + ": " + error, new KafkaSendException(x, topic, error)));
                release(md);
                continue;
            }
            CompletableFuture<Void> accepted;
            try {
                accepted = emitDownstreamAsync(x, md);
            } catch (RuntimeException e) {
                scheduler.reportError(e instanceof StreamException se ? se
                        : new StreamException(this, "downstream of to_kafka failed", e));
                release(md);
                continue;
            }
            release(md);
            if (!accepted.isDone()) {
                downstreamBusy = true;
                accepted.whenComplete((v, e) -> scheduler.execute(afterDownstream));
            }
        }
        refill();
    }

    /** Sends what waited for space, then lets its emitters go. */
    private void refill() {
        while (!waiting.isEmpty() && tail - head < capacity) {
            Object x = waiting.pollFirst();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> md = (List<Map<String, Object>>) waiting.pollFirst();
            try {
                send(x, md);
            } catch (StreamException e) {
                scheduler.reportError(e);
            }
        }
        if (waiting.isEmpty() && space != null) {
            CompletableFuture<Void> s = space;
            space = null;
            s.complete(null);
        }
    }

    private void acknowledged() {
        if (drainScheduled.compareAndSet(false, true)) {
            scheduler.execute(drainTask);
        }
    }

    /**
     * Waits until every element sent so far is acknowledged (or failed), then, unless called on the
     * graph's scheduler thread, until those elements have been emitted downstream. Elements still waiting
     * for room (beyond {@code maxInFlight}) are not covered.
     */
    public void flush() {
        producer.flush();
        if (!scheduler.inSchedulerThread()) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            scheduler.execute(() -> {
                drain();
                done.complete(null);
            });
            done.join();
        }
    }

    /**
     * Elements sent and not yet emitted downstream, plus those waiting for room.
     *
     * @return the number of elements
     */
    @Override
    public int bufferedCount() {
        return (int) (tail - head) + waiting.size() / 2;
    }

    /** Flushes, then closes the producer (waiting at most 30 s). Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        flush();
        closed = true;
        producer.close(Duration.ofSeconds(30));
    }

    private static void retain(List<Map<String, Object>> md) {
        for (int i = 0; i < md.size(); i++) {
            if (md.get(i).get(RefCounter.METADATA_KEY) instanceof RefCounter r) {
                r.retain();
            }
        }
    }

    private static void release(List<Map<String, Object>> md) {
        for (int i = 0; i < md.size(); i++) {
            if (md.get(i).get(RefCounter.METADATA_KEY) instanceof RefCounter r) {
                r.release();
            }
        }
    }

    /** One in-flight element; reused, and its own send callback, so a send allocates no callback. */
    private static final class Slot implements Callback {
        final KafkaSink<?> sink;
        Object element;
        List<Map<String, Object>> metadata;
        String topic;
        Exception error;
        volatile int state;

        Slot(KafkaSink<?> sink) {
            this.sink = sink;
        }

        @Override
        public void onCompletion(RecordMetadata meta, Exception exception) {
            error = exception;
            state = exception == null ? ACKED : FAILED;
            sink.acknowledged();
        }
    }
}

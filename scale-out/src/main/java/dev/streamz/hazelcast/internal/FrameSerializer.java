package dev.streamz.hazelcast.internal;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import dev.streamz.frames.Frame;

import java.io.IOException;

/**
 * Hazelcast's serializer for {@link Frame}, registered by {@code Cluster} in every member and client
 * configuration it builds, so a frame can be put in a map or a queue of the cluster. The encoding is
 * {@link TravellingFrame}'s. Writing leaves the frame's holders alone; reading allocates a frame that
 * belongs to the reader (one holder).
 */
public final class FrameSerializer implements StreamSerializer<Frame> {
    /** The type id: positive, and unlikely to clash with a user's. */
    public static final int TYPE_ID = 0x5752_4601;

    /** Creates the serializer. */
    public FrameSerializer() {
    }

    @Override
    public void write(ObjectDataOutput out, Frame frame) throws IOException {
        out.writeByteArray(TravellingFrame.encode(frame));
    }

    @Override
    public Frame read(ObjectDataInput in) throws IOException {
        return TravellingFrame.decode(in.readByteArray());
    }

    @Override
    public int getTypeId() {
        return TYPE_ID;
    }
}

/**
 * Scale-out for streamz on Hazelcast: {@link dev.streamz.hazelcast.Cluster#scatter scatter} a stream's
 * elements to the members of a cluster in micro-batches, run {@code map}, {@code starmap}, {@code filter},
 * {@code accumulate} and {@code flatten} there ({@link dev.streamz.hazelcast.DistributedStream}), and
 * {@link dev.streamz.hazelcast.DistributedStream#gather gather} the results back into the local graph in
 * input order, with back pressure and reference-counted metadata.
 */
module dev.streamz.hazelcast {
    requires transitive dev.streamz;
    requires transitive com.hazelcast.core;
    requires dev.streamz.frames;

    exports dev.streamz.hazelcast;
}

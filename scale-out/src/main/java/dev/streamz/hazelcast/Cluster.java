package dev.streamz.hazelcast;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.streamz.Stream;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A Hazelcast cluster that scattered streams run on: members started in this JVM ({@link #embedded}), a
 * client of a cluster that runs elsewhere ({@link #client}), or an instance the caller already has
 * ({@link #of}). {@link #scatter(Stream)} sends a stream's elements to its members.
 *
 * <p>In client mode, the members must have this module's jar and the classes of the scattered functions
 * on their class path: a batch task is a serialized object that the member deserializes and runs.
 *
 * <p>{@link #close()} shuts down what this object started (the embedded members, or the client) and
 * nothing else.
 */
public final class Cluster implements AutoCloseable {
    private final HazelcastInstance instance;
    private final List<HazelcastInstance> embedded;
    private final boolean owned;

    private Cluster(HazelcastInstance instance, List<HazelcastInstance> embedded, boolean owned) {
        this.instance = instance;
        this.embedded = Collections.unmodifiableList(embedded);
        this.owned = owned;
    }

    /**
     * Starts {@code members} Hazelcast members in this JVM, joined by TCP on the addresses the options
     * give, and waits (up to {@code options.connectTimeout()}) until each sees all of them. Batches are
     * submitted through the first.
     *
     * @param options the cluster's name, addresses and discovery switches
     * @param members how many members to start; at least 1
     * @return the cluster
     * @throws IllegalArgumentException if {@code members} is below 1
     * @throws IllegalStateException if the members did not form one cluster of {@code members}
     */
    public static Cluster embedded(ClusterOptions options, int members) {
        Objects.requireNonNull(options, "Cluster.embedded: options must not be null");
        if (members < 1) {
            throw new IllegalArgumentException("Cluster.embedded: members must be at least 1, got " + members);
        }
        List<HazelcastInstance> started = new ArrayList<>(members);
        try {
            for (int i = 0; i < members; i++) {
                started.add(Hazelcast.newHazelcastInstance(memberConfig(options, members, i)));
            }
            // A member's join returns before every other member has heard of it: wait (bounded) for one view.
            long deadline = System.nanoTime() + options.connectTimeout().toNanos();
            for (HazelcastInstance m : started) {
                int seen = m.getCluster().getMembers().size();
                while (seen != members && System.nanoTime() < deadline) {
                    java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
                    seen = m.getCluster().getMembers().size();
                }
                if (seen != members) {
                    throw new IllegalStateException("Cluster.embedded: member " + m.getName() + " sees " + seen
                            + " members, expected " + members + " (cluster '" + options.clusterName()
                            + "'; are the ports from " + options.port() + " free?)");
                }
            }
        } catch (RuntimeException | Error e) {
            for (HazelcastInstance m : started) {
                m.getLifecycleService().terminate();
            }
            throw e;
        }
        return new Cluster(started.getFirst(), new ArrayList<>(started), true);
    }

    /**
     * Connects to a running cluster as a client, on the addresses in {@code options.members()} (or
     * {@code host:port} when empty).
     *
     * @param options the cluster's name and addresses
     * @return the cluster
     * @throws IllegalStateException (Hazelcast's) if no member answered within {@code connectTimeout}
     */
    public static Cluster client(ClusterOptions options) {
        Objects.requireNonNull(options, "Cluster.client: options must not be null");
        ClientConfig c = new ClientConfig();
        c.setClassLoader(Thread.currentThread().getContextClassLoader());
        c.setClusterName(options.clusterName());
        c.getSerializationConfig().addSerializerConfig(frameSerializer());
        c.setProperty("hazelcast.phone.home.enabled", Boolean.toString(options.phoneHome()));
        c.getNetworkConfig().setAddresses(new ArrayList<>(options.members().isEmpty()
                ? List.of(options.host() + ":" + options.port()) : options.members()));
        c.getNetworkConfig().getAutoDetectionConfig().setEnabled(options.autoDetection());
        c.getConnectionStrategyConfig().getConnectionRetryConfig()
                .setClusterConnectTimeoutMillis(options.connectTimeout().toMillis());
        return new Cluster(HazelcastClient.newHazelcastClient(c), List.of(), true);
    }

    /**
     * Uses an instance the caller started and configured (a member or a client); {@link #close()} leaves
     * it running.
     *
     * @param instance a running Hazelcast member or client
     * @return the cluster
     */
    public static Cluster of(HazelcastInstance instance) {
        return new Cluster(Objects.requireNonNull(instance, "Cluster.of: instance must not be null"), List.of(),
                false);
    }

    /**
     * The member configuration {@link #embedded} uses, for callers that start members of the same cluster
     * elsewhere (another JVM) or add one later. It registers the serializer that moves a {@code Frame} as one unit,
     * as the client configuration of {@link #client} does.
     *
     * @param options the cluster's options
     * @param members how many members the TCP join list names when {@code options.members()} is empty
     * @param index which member this is, from 0: its instance name ends with it
     * @return a fresh Hazelcast configuration
     */
    public static Config memberConfig(ClusterOptions options, int members, int index) {
        Config c = new Config();
        // User classes (the scattered functions, the elements) load through the context loader of the thread
        // that builds the config, as the classes of the code that scatters them do.
        c.setClassLoader(Thread.currentThread().getContextClassLoader());
        c.setClusterName(options.clusterName());
        c.setInstanceName(options.clusterName() + "-member-" + index);
        c.getSerializationConfig().addSerializerConfig(frameSerializer());
        c.setProperty("hazelcast.phone.home.enabled", Boolean.toString(options.phoneHome()));
        c.setProperty("hazelcast.socket.bind.any", "false");
        NetworkConfig n = c.getNetworkConfig();
        n.setPort(options.port()).setPortCount(options.portCount()).setPortAutoIncrement(true);
        n.getInterfaces().setEnabled(true).addInterface(options.host());
        JoinConfig j = n.getJoin();
        j.getMulticastConfig().setEnabled(options.multicast());
        j.getAutoDetectionConfig().setEnabled(options.autoDetection());
        List<String> seeds = options.members();
        if (seeds.isEmpty()) {
            seeds = new ArrayList<>(members);
            for (int i = 0; i < members; i++) {
                seeds.add(options.host() + ":" + (options.port() + i));
            }
        }
        j.getTcpIpConfig().setEnabled(true).setMembers(new ArrayList<>(seeds));
        return c;
    }

    /** {@return the instance that submits batches: the first embedded member, the client, or the given one} */
    public HazelcastInstance instance() {
        return instance;
    }

    /** {@return the members {@link #embedded} started, in order (empty for a client or a given instance)} */
    public List<HazelcastInstance> embeddedMembers() {
        return embedded;
    }

    /** {@return how many members the cluster has now} */
    public int memberCount() {
        return instance.getCluster().getMembers().size();
    }

    /**
     * Scatters {@code stream}'s elements to this cluster with the {@linkplain ScatterOptions#defaults()
     * default options}: the steps added to the returned stream run on the members, and
     * {@link DistributedStream#gather()} brings the results back in input order. Usable with
     * {@code stream.through(cluster::scatter)}.
     *
     * @param stream the local stream whose elements go to the cluster
     * @param <T> element type
     * @return a distributed stream with no step yet
     */
    public <T> DistributedStream<T> scatter(Stream<T> stream) {
        return scatter(stream, ScatterOptions.defaults());
    }

    /**
     * {@link #scatter(Stream)} with options: batch size, linger, batches in flight, retries.
     *
     * @param stream the local stream whose elements go to the cluster
     * @param options how elements are batched and shipped
     * @param <T> element type
     * @return a distributed stream with no step yet
     */
    public <T> DistributedStream<T> scatter(Stream<T> stream, ScatterOptions options) {
        Objects.requireNonNull(stream, "scatter: stream must not be null");
        Objects.requireNonNull(options, "scatter: options must not be null");
        return DistributedStream.start(this, stream, options);
    }

    /** Shuts down the embedded members or the client this object started; leaves a given instance running. */
    @Override
    public void close() {
        if (!owned) {
            return;
        }
        if (embedded.isEmpty()) {
            instance.shutdown();
            return;
        }
        for (HazelcastInstance m : embedded.reversed()) {
            if (m.getLifecycleService().isRunning()) {
                m.shutdown();
            }
        }
    }

    @Override
    public String toString() {
        return "Cluster[" + instance.getName() + ", " + (embedded.isEmpty() ? "client or given instance"
                : embedded.size() + " embedded members") + "]";
    }

    /** Frames travel as one unit each (schema, rows, validity and values, dictionaries), not field by field. */
    private static com.hazelcast.config.SerializerConfig frameSerializer() {
        return new com.hazelcast.config.SerializerConfig().setTypeClass(dev.streamz.frames.Frame.class)
                .setImplementation(new dev.streamz.hazelcast.internal.FrameSerializer());
    }
}

package dev.streamz.hazelcast;

import com.hazelcast.core.Hazelcast;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Test support: a cluster of Hazelcast members in this JVM on loopback, joined by TCP (multicast,
 * auto-detection and phone-home off), under a cluster name of the caller's and on free ports. Start it
 * once per test class ({@code @BeforeAll}) and {@link #close()} it after ({@code @AfterAll}), which also
 * shuts down every Hazelcast instance of the JVM, so a test that failed half-way leaves none behind.
 */
public final class EmbeddedCluster implements AutoCloseable {
    static {
        // Hazelcast logs every join and partition move at INFO: route it to slf4j-simple, set to warn in
        // the tests' simplelogger.properties.
        System.setProperty("hazelcast.logging.type", "slf4j");
    }

    private final Cluster cluster;
    private final ClusterOptions options;

    private EmbeddedCluster(Cluster cluster, ClusterOptions options) {
        this.cluster = cluster;
        this.options = options;
    }

    /**
     * Starts {@code members} members named {@code clusterName} on free loopback ports.
     *
     * @param clusterName unique per test class, so that two classes never join each other
     * @param members how many
     * @return the running cluster
     */
    public static EmbeddedCluster start(String clusterName, int members) {
        int port = freePorts(members);
        ClusterOptions options = ClusterOptions.builder().clusterName(clusterName).port(port).portCount(members)
                .build();
        return new EmbeddedCluster(Cluster.embedded(options, members), options);
    }

    /** {@return the cluster} */
    public Cluster cluster() {
        return cluster;
    }

    /** {@return the options it was started with: a client connects with them} */
    public ClusterOptions options() {
        return options;
    }

    /** Picks a base port in 20000-50000 such that it and the next {@code n - 1} are free on loopback. */
    private static int freePorts(int n) {
        for (int tries = 0; tries < 200; tries++) {
            int base = ThreadLocalRandom.current().nextInt(20_000, 50_000);
            boolean free = true;
            for (int i = 0; i < n && free; i++) {
                try (ServerSocket s = new ServerSocket(base + i, 1, InetAddress.getLoopbackAddress())) {
                    s.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no " + n + " consecutive free loopback ports found");
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } finally {
            Hazelcast.shutdownAll();
        }
    }
}

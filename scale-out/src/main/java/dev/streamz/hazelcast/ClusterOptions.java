package dev.streamz.hazelcast;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to reach or start a Hazelcast cluster: the cluster's name, where its members listen, and the
 * discovery switches. Validated when built; the defaults are written once, in {@link Builder}.
 *
 * <p>Embedded members ({@link Cluster#embedded}) bind to {@code host}, on {@code port} and the ports
 * after it, and find each other by TCP join on the addresses in {@code members} (or, when that is empty,
 * on {@code host} at {@code port}, {@code port + 1}, ... one per member started). Multicast, cloud
 * auto-detection and phone-home are off unless switched on: a streaming job should join the cluster it
 * was given, not whatever answers on the network. A client ({@link Cluster#client}) connects to the
 * addresses in {@code members} (or {@code host:port} when empty).
 *
 * @param clusterName the cluster's name; members and clients join only a cluster of the same name
 * @param host the address embedded members bind to and advertise; a client's default member address
 * @param port the first port embedded members try; a client's default member port; 1 to 65535
 * @param portCount how many ports from {@code port} an embedded member may try; at least 1
 * @param members {@code host:port} addresses of the cluster's members, for TCP join and for a client; may
 *     be empty (see above); never {@code null}
 * @param multicast whether embedded members also discover each other by multicast
 * @param autoDetection whether Hazelcast's cloud auto-detection runs
 * @param phoneHome whether Hazelcast reports usage statistics to its vendor
 * @param connectTimeout how long a client keeps trying to reach the cluster before {@link Cluster#client}
 *     fails; positive
 */
public record ClusterOptions(String clusterName, String host, int port, int portCount, List<String> members,
                             boolean multicast, boolean autoDetection, boolean phoneHome,
                             Duration connectTimeout) {

    /** Validates every field. */
    public ClusterOptions {
        Objects.requireNonNull(clusterName, "ClusterOptions: clusterName must not be null");
        if (clusterName.isBlank()) {
            throw new IllegalArgumentException("ClusterOptions: clusterName must not be blank");
        }
        Objects.requireNonNull(host, "ClusterOptions: host must not be null");
        if (host.isBlank()) {
            throw new IllegalArgumentException("ClusterOptions: host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("ClusterOptions: port must be between 1 and 65535, got " + port);
        }
        if (portCount < 1 || port + portCount - 1 > 65535) {
            throw new IllegalArgumentException("ClusterOptions: portCount must be at least 1 and keep the ports "
                    + "below 65536, got " + portCount + " from port " + port);
        }
        Objects.requireNonNull(members, "ClusterOptions: members must not be null (use List.of())");
        members = List.copyOf(members);
        for (String m : members) {
            checkAddress(m);
        }
        Objects.requireNonNull(connectTimeout, "ClusterOptions: connectTimeout must not be null");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("ClusterOptions: connectTimeout must be positive, got "
                    + connectTimeout);
        }
    }

    private static void checkAddress(String m) {
        int colon = m.lastIndexOf(':');
        if (m.isBlank() || colon <= 0 || colon == m.length() - 1) {
            throw new IllegalArgumentException("ClusterOptions: member address must be host:port, got '" + m + "'");
        }
        int p;
        try {
            p = Integer.parseInt(m.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ClusterOptions: member address must be host:port, got '" + m + "'", e);
        }
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("ClusterOptions: port of member address '" + m
                    + "' must be between 1 and 65535");
        }
    }

    /** {@return the defaults: see {@link Builder}} */
    public static ClusterOptions defaults() {
        return builder().build();
    }

    /** {@return a builder holding the defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return a builder holding these options} */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.clusterName = clusterName;
        b.host = host;
        b.port = port;
        b.portCount = portCount;
        b.members = members;
        b.multicast = multicast;
        b.autoDetection = autoDetection;
        b.phoneHome = phoneHome;
        b.connectTimeout = connectTimeout;
        return b;
    }

    /** Builds {@link ClusterOptions}; its field initializers are the defaults. */
    public static final class Builder {
        private String clusterName = "streamz";
        private String host = "127.0.0.1";
        private int port = 5701;
        private int portCount = 100;
        private List<String> members = List.of();
        private boolean multicast = false;
        private boolean autoDetection = false;
        private boolean phoneHome = false;
        private Duration connectTimeout = Duration.ofSeconds(10);

        private Builder() {
        }

        /**
         * Sets {@code clusterName}.
         *
         * @param v the cluster's name (default {@code "streamz"})
         * @return this builder
         */
        public Builder clusterName(String v) {
            clusterName = v;
            return this;
        }

        /**
         * Sets {@code host}.
         *
         * @param v the address members bind to (default {@code "127.0.0.1"}: loopback only)
         * @return this builder
         */
        public Builder host(String v) {
            host = v;
            return this;
        }

        /**
         * Sets {@code port}.
         *
         * @param v the first member port (default 5701, Hazelcast's)
         * @return this builder
         */
        public Builder port(int v) {
            port = v;
            return this;
        }

        /**
         * Sets {@code portCount}.
         *
         * @param v how many ports from {@code port} a member may try (default 100)
         * @return this builder
         */
        public Builder portCount(int v) {
            portCount = v;
            return this;
        }

        /**
         * Sets {@code members}.
         *
         * @param v {@code host:port} addresses of the members (default none: derived from host and port)
         * @return this builder
         */
        public Builder members(List<String> v) {
            members = v;
            return this;
        }

        /**
         * Sets {@code multicast}.
         *
         * @param v whether members discover each other by multicast (default off)
         * @return this builder
         */
        public Builder multicast(boolean v) {
            multicast = v;
            return this;
        }

        /**
         * Sets {@code autoDetection}.
         *
         * @param v whether cloud auto-detection runs (default off)
         * @return this builder
         */
        public Builder autoDetection(boolean v) {
            autoDetection = v;
            return this;
        }

        /**
         * Sets {@code phoneHome}.
         *
         * @param v whether usage statistics are sent to the vendor (default off)
         * @return this builder
         */
        public Builder phoneHome(boolean v) {
            phoneHome = v;
            return this;
        }

        /**
         * Sets {@code connectTimeout}.
         *
         * @param v how long a client tries to reach the cluster (default 10 s)
         * @return this builder
         */
        public Builder connectTimeout(Duration v) {
            connectTimeout = v;
            return this;
        }

        /**
         * {@return the options}
         *
         * @throws IllegalArgumentException if a value is out of range
         * @throws NullPointerException if a value is {@code null}
         */
        public ClusterOptions build() {
            return new ClusterOptions(clusterName, host, port, portCount, members, multicast, autoDetection,
                    phoneHome, connectTimeout);
        }
    }
}

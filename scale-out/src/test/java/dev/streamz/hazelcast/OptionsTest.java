package dev.streamz.hazelcast;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The typed configuration: defaults in one place, every bad value refused when built, naming the field. */
class OptionsTest {
    @Test
    void clusterOptionsDefaultsAreLoopbackWithDiscoveryOff() {
        ClusterOptions o = ClusterOptions.defaults();
        assertEquals("streamz", o.clusterName());
        assertEquals("127.0.0.1", o.host());
        assertEquals(5701, o.port());
        assertFalse(o.multicast());
        assertFalse(o.autoDetection());
        assertFalse(o.phoneHome());
        assertEquals(o, o.toBuilder().build());
    }

    @Test
    void clusterOptionsRefuseBadValuesNamingTheField() {
        assertMessage("clusterName must not be blank",
                () -> ClusterOptions.builder().clusterName(" ").build());
        assertMessage("port must be between 1 and 65535, got 0", () -> ClusterOptions.builder().port(0).build());
        assertMessage("portCount must be at least 1", () -> ClusterOptions.builder().portCount(0).build());
        assertMessage("member address must be host:port, got 'localhost'",
                () -> ClusterOptions.builder().members(List.of("localhost")).build());
        assertMessage("connectTimeout must be positive",
                () -> ClusterOptions.builder().connectTimeout(Duration.ZERO).build());
        assertThrows(NullPointerException.class, () -> ClusterOptions.builder().host(null).build());
    }

    @Test
    void scatterOptionsDefaultsAndRefusals() {
        ScatterOptions o = ScatterOptions.defaults();
        assertEquals(1000, o.batchSize());
        assertEquals(Duration.ofMillis(1), o.linger());
        assertEquals(o, o.toBuilder().build());
        assertMessage("batchSize must be at least 1, got 0", () -> ScatterOptions.builder().batchSize(0).build());
        assertMessage("linger must be positive", () -> ScatterOptions.builder().linger(Duration.ZERO).build());
        assertMessage("maxBatchesInFlight must be at least 1",
                () -> ScatterOptions.builder().maxBatchesInFlight(0).build());
        assertMessage("maxAttempts must be at least 1", () -> ScatterOptions.builder().maxAttempts(0).build());
        assertEquals(Duration.ofSeconds(30), o.batchTimeout());
        assertMessage("batchTimeout must be positive, got PT0S",
                () -> ScatterOptions.builder().batchTimeout(Duration.ZERO).build());
        assertMessage("batchTimeout must be positive",
                () -> ScatterOptions.builder().batchTimeout(Duration.ofMillis(-1)).build());
        assertThrows(NullPointerException.class, () -> ScatterOptions.builder().batchTimeout(null).build());
        assertMessage("executorName must not be blank", () -> ScatterOptions.builder().executorName("").build());
    }

    @Test
    void embeddedNeedsAtLeastOneMember() {
        assertMessage("members must be at least 1, got 0", () -> Cluster.embedded(ClusterOptions.defaults(), 0));
    }

    private static void assertMessage(String part, org.junit.jupiter.api.function.Executable e) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().contains(part), ex.getMessage());
    }
}

package dev.streamz.frames.internal.kernels;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A JVM started without the Vector API flag fails at the first kernel with the exact flag to add. */
class VectorFlagTest {

    /** Runs one kernel; started by the test in a JVM without {@code --add-modules jdk.incubator.vector}. */
    public static final class Probe {
        private Probe() {
        }

        /**
         * Calls a kernel.
         *
         * @param args unused
         */
        public static void main(String[] args) {
            System.out.println(Reduce.sum(java.lang.foreign.MemorySegment.NULL, null, 0));
        }
    }

    @Test
    void Q11_aMissingVectorFlagIsAClearErrorNamingTheFlag() throws Exception {
        assertTrue(VectorSupport.available(), "the build's JVM flags resolve jdk.incubator.vector");
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                Probe.class.getName())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertNotEquals(0, p.exitValue(), out);
        assertTrue(out.contains("start the JVM with --add-modules jdk.incubator.vector"), out);
        assertTrue(out.contains("IllegalStateException"), out);
        assertEquals(-1, out.indexOf("NoClassDefFoundError: jdk/incubator"), out);
    }
}

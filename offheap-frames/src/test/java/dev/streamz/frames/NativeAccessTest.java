package dev.streamz.frames;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Arrow interop without {@code --enable-native-access}: the JDK warns, nothing fails. */
class NativeAccessTest {
    /** Run in a child JVM: an export imported back, then released; prints the rows and "released". */
    public static void main(String[] args) {
        Frame f = FrameBuilder.of(Schema.builder().int64("x").build(), 2).addLong(7).endRow().build();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment array = arena.allocate(80, 8);
            MemorySegment schema = arena.allocate(72, 8);
            ArrowCData.exportFrame(f, array, schema);
            f.release();
            Frame back = ArrowCData.importFrame(array.address(), schema.address());
            System.out.println(back.rows());
            back.release();
            System.out.println(f.holders() == 0 ? "released" : "still held");
        }
    }

    /** R23: without the flag the child JVM prints the JDK's restricted-method warning and works. */
    @Test
    void R23_withoutTheFlagTheJdkWarnsAndInteropWorks() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                NativeAccessTest.class.getName())).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), err);
        assertEquals("[[7]]\nreleased\n", out.replace("\r\n", "\n"));
        assertTrue(err.contains("WARNING: A restricted method in java.lang.foreign"), err);
        assertTrue(err.contains("--enable-native-access"), err);
    }
}

package dev.streamz.disruptor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Checks that no pipeline thread outlives its test. */
public final class ThreadLeaks {
    private ThreadLeaks() {
    }

    /** @return live threads that a pipeline started (their names start with "streamz-" or "test-seg-") */
    public static List<String> live() {
        List<String> out = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String n = t.getName();
            if (t.isAlive() && (n.startsWith("streamz-") || n.startsWith("test-seg-"))) {
                out.add(n);
            }
        }
        return out;
    }

    /** Fails if a pipeline thread is still alive (close() joins them, so none should be). */
    public static void assertNone() {
        List<String> live = live();
        if (!live.isEmpty()) {
            // A thread that close() halted may still be returning from run(); give it a moment.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!live.isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                live = live();
            }
            if (!live.isEmpty()) {
                throw new AssertionError("threads left behind: " + live);
            }
        }
    }
}

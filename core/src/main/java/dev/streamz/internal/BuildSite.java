package dev.streamz.internal;

import java.net.URL;
import java.security.CodeSource;

/** Finds the line of user code that built a node; runs at build time only, never per element. */
public final class BuildSite {
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    /**
     * The packages of the other streamz modules (connectors, runtime, frames, scale-out). Their classes build
     * core nodes on the user's behalf (a Kafka source, a gather node), so the user's line is further up.
     */
    private static final String[] MODULE_PACKAGES = {
        "dev.streamz.disruptor.", "dev.streamz.frames.", "dev.streamz.dataframe.", "dev.streamz.kafka.",
        "dev.streamz.chronicle.", "dev.streamz.hazelcast.",
    };

    private BuildSite() {
    }

    /** @return {@code File.java:line} of the first frame outside the library, or {@code "unknown"} */
    public static String capture() {
        return WALKER.walk(frames -> frames
                .filter(f -> !isLibraryFrame(f))
                .findFirst()
                .map(f -> (f.getFileName() == null ? f.getClassName() : f.getFileName()) + ":" + f.getLineNumber())
                .orElse("unknown"));
    }

    private static boolean isLibraryFrame(StackWalker.StackFrame f) {
        String className = f.getClassName();
        // Core's classes sit directly in dev.streamz or under dev.streamz.internal / dev.streamz.spi.
        if (className.startsWith("dev.streamz.internal.") || className.startsWith("dev.streamz.spi.")) {
            return true;
        }
        if (className.startsWith("dev.streamz.") && className.indexOf('.', "dev.streamz.".length()) < 0) {
            return true;
        }
        for (String p : MODULE_PACKAGES) {
            if (className.startsWith(p)) {
                // A module's own tests share its packages; they are the user there.
                return !isTestClass(f.getDeclaringClass());
            }
        }
        return false;
    }

    private static boolean isTestClass(Class<?> c) {
        CodeSource cs = c.getProtectionDomain().getCodeSource();
        URL at = cs == null ? null : cs.getLocation();
        return at != null && at.getPath().endsWith("/test-classes/");
    }
}

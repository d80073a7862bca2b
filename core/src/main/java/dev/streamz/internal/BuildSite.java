package dev.streamz.internal;

/** Finds the line of user code that built a node; runs at build time only, never per element. */
public final class BuildSite {
    private static final StackWalker WALKER = StackWalker.getInstance();

    private BuildSite() {
    }

    /** @return {@code File.java:line} of the first frame outside the library, or {@code "unknown"} */
    public static String capture() {
        return WALKER.walk(frames -> frames
                .filter(f -> !isLibraryFrame(f.getClassName()))
                .findFirst()
                .map(f -> (f.getFileName() == null ? f.getClassName() : f.getFileName()) + ":" + f.getLineNumber())
                .orElse("unknown"));
    }

    private static boolean isLibraryFrame(String className) {
        // Library classes sit directly in dev.streamz or under dev.streamz.internal / dev.streamz.spi.
        if (className.startsWith("dev.streamz.internal.") || className.startsWith("dev.streamz.spi.")) {
            return true;
        }
        return className.startsWith("dev.streamz.") && className.indexOf('.', "dev.streamz.".length()) < 0;
    }
}

package dev.streamz.frames.internal.kernels;

/**
 * The one check that the JDK's incubating Vector API module is resolved, run by every kernel class that uses
 * it before it touches a vector type.
 *
 * <p>Why a check: on the class path the module {@code jdk.incubator.vector} is not resolved unless the JVM is
 * started with {@value #FLAG}; the first vector class would then fail with a bare {@code NoClassDefFoundError}
 * deep inside a kernel. This check fails first, at class initialisation, with the exact flag to add. On the
 * module path the module descriptor's {@code requires jdk.incubator.vector} resolves it and the check passes.
 */
public final class VectorSupport {
    /** The JVM flag that resolves the Vector API module on the class path. */
    public static final String FLAG = "--add-modules jdk.incubator.vector";

    /** The module's name. */
    public static final String MODULE = "jdk.incubator.vector";

    private VectorSupport() {
    }

    /**
     * Whether the Vector API module is resolved in this JVM.
     *
     * @return true when the kernels can run
     */
    public static boolean available() {
        return ModuleLayer.boot().findModule(MODULE).isPresent();
    }

    /**
     * Throws unless the Vector API module is resolved.
     *
     * @throws IllegalStateException naming the flag to add when it is not
     */
    public static void require() {
        if (!available()) {
            throw new IllegalStateException("streamz frames kernels need the JDK Vector API module '" + MODULE
                    + "', which this JVM did not resolve: start the JVM with " + FLAG
                    + " (the project's launchers and build add it; see docs/benchmarks.md, Vector API)");
        }
    }
}

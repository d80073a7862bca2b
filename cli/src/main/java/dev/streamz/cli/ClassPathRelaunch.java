package dev.streamz.cli;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs the launcher again on the class path, for the commands that use Chronicle Queue.
 *
 * <p>Why: Chronicle's jars declare no module names, so on the module path they become automatic modules,
 * and the JVM flags they need ({@code --add-exports=java.base/sun.nio.ch=ALL-UNNAMED} and the others in
 * the parent pom's {@code streamz.jvm.flags}) apply to the unnamed module only; naming the automatic
 * modules in those flags instead makes every other JVM warn about unknown modules. On the class path the
 * one list of flags works everywhere, so a launcher started on the module path starts one child JVM on
 * the class path, with the same flags and jars, for {@code replay} and {@code demo}.
 */
final class ClassPathRelaunch {
    private static final String MARK = "streamz.relaunched";

    private ClassPathRelaunch() {
    }

    /**
     * @param args the command line
     * @return whether this JVM runs the launcher as a named module and the command needs Chronicle
     */
    static boolean needed(String[] args) {
        return args.length > 0 && (args[0].equals("replay") || args[0].equals("demo"))
                && Main.class.getModule().isNamed() && System.getProperty(MARK) == null
                && System.getProperty("jdk.module.path") != null;
    }

    /**
     * Runs the command in a child JVM on the class path, its input and output inherited.
     *
     * @param args the command line
     * @return the child's exit code
     */
    static int run(String[] args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-Djdk.module.") && !a.startsWith("--add-modules") && !a.startsWith("--module-path")) {
                cmd.add(a);
            }
        }
        cmd.add("-D" + MARK + "=true");
        cmd.add("-cp");
        cmd.add(classPath(System.getProperty("jdk.module.path")));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            return p.waitFor();
        } catch (IOException e) {
            System.err.println("streamz: cannot start the class-path JVM: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** Every jar of the module path (folders expanded), in order. */
    private static String classPath(String modulePath) {
        List<String> entries = new ArrayList<>();
        for (String e : modulePath.split(File.pathSeparator)) {
            Path p = Path.of(e);
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(f -> entries.add(f.toString()));
                } catch (IOException ex) {
                    entries.add(e);
                }
            } else {
                entries.add(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}

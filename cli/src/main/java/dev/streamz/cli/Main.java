package dev.streamz.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The {@code streamz} command line: {@code streamz demo}, {@code streamz replay} and {@code streamz --help}.
 *
 * <p>{@link #run(String[], PrintStream, PrintStream)} does the work and returns the exit code, so tests can
 * run it in-process; {@link #main(String[])} only wires it to the console.
 */
public final class Main {
    /** Exit code of a successful run. */
    public static final int OK = 0;
    /** Exit code for a command line that cannot be understood (unknown command or demo section). */
    public static final int USAGE = 2;

    private Main() {
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the command and its arguments
     */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.out.flush();
        if (code != OK) {
            System.exit(code);
        }
    }

    /**
     * Runs one command.
     *
     * @param args the command and its arguments
     * @param out where normal output goes
     * @param err where usage errors go
     * @return the exit code: {@link #OK}, or {@link #USAGE} for a command line that cannot be understood
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("streamz: no command given");
            err.print(usage());
            return USAGE;
        }
        String command = args[0];
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        return switch (command) {
            case "help", "--help", "-h" -> {
                out.print(usage());
                yield OK;
            }
            case "demo" -> demo(rest, out, err);
            case "replay" -> ReplayCommand.run(rest, out, err);
            default -> {
                err.println("streamz: unknown command '" + command + "'");
                err.print(usage());
                yield USAGE;
            }
        };
    }

    /** @return the usage text, ending with a newline */
    public static String usage() {
        StringBuilder sb = new StringBuilder();
        sb.append("usage: streamz <command> [arguments]\n");
        sb.append("\n");
        sb.append("streamz for the JVM: push-based stream pipelines with Python streamz's semantics.\n");
        sb.append("\n");
        sb.append("commands:\n");
        sb.append("  demo [SECTION...]   run example pipelines end to end on built-in data and print what\n");
        sb.append("                      happens, step by step (every section, or only those named)\n");
        sb.append("  demo --list         list the demo sections\n");
        sb.append("  replay DIR [opts]   show what a Chronicle Queue journal holds and replay it, with progress\n");
        sb.append("                      (streamz replay --help lists the options)\n");
        sb.append("  help, --help, -h    show this help\n");
        sb.append("\n");
        sb.append("demo sections: ").append(String.join(", ", Demos.names())).append('\n');
        sb.append("\n");
        sb.append("examples:\n");
        sb.append("  ./streamz demo\n");
        sb.append("  ./streamz demo crawler checkpoint\n");
        sb.append("  ./streamz replay /var/journal/orders --from 2026-01-01T10:00:00Z --pace original:10\n");
        return sb.toString();
    }

    private static int demo(List<String> args, PrintStream out, PrintStream err) {
        if (args.equals(List.of("--list"))) {
            for (DemoSection s : Demos.SECTIONS) {
                out.printf("%-16s %s%n", s.name(), s.title());
            }
            return OK;
        }
        List<DemoSection> chosen = new ArrayList<>();
        for (String name : args) {
            Optional<DemoSection> section = Demos.find(name);
            if (section.isEmpty()) {
                err.println("streamz demo: unknown section '" + name + "'; the sections are: "
                        + String.join(", ", Demos.names()));
                return USAGE;
            }
            chosen.add(section.get());
        }
        if (chosen.isEmpty()) {
            chosen.addAll(Demos.SECTIONS);
        }
        out.println("streamz for the JVM: demo");
        out.println("Each section builds a real pipeline and pushes data through it. Lines starting with '|' are");
        out.println("the code, 'emit x' is a call to source.emit(x), and the indented lines under it are what");
        out.println("the pipeline did before emit returned.");
        Narrator narrator = new Narrator(out);
        for (DemoSection s : chosen) {
            s.run(narrator);
        }
        out.println();
        out.println("Done: " + chosen.size() + (chosen.size() == 1 ? " section." : " sections."));
        return OK;
    }
}

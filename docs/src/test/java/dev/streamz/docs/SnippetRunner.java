package dev.streamz.docs;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compiles a snippet with {@code javax.tools.JavaCompiler} against streamz-core and runs it, capturing what
 * it prints to {@code System.out}.
 *
 * <p>The snippet convention: a {@code ```java} block is the body of {@code public static void main(String[]
 * args) throws Exception} in a class that imports {@link #IMPORTS}. Local classes, records and interfaces
 * may be declared inside it. The generated source puts the snippet's first line on the same line number
 * it has in the Markdown file, and names the Markdown file as the class's source file, so compiler errors,
 * stack traces and {@code StreamException} build sites all read {@code core.md:123}.
 */
final class SnippetRunner {
    /** The imports every snippet gets. */
    static final List<String> IMPORTS = List.of("dev.streamz.*", "dev.streamz.spi.*", "dev.streamz.disruptor.*",
            "dev.streamz.chronicle.*", "dev.streamz.frames.*", "dev.streamz.frames.kernels.*", "dev.streamz.dataframe.*",
            "java.nio.file.Path",
            "java.util.*", "java.util.function.*", "java.util.concurrent.*", "java.util.concurrent.atomic.*",
            "java.time.*", "dev.streamz.kafka.*", "org.apache.kafka.common.serialization.*");

    private static final String CLASS_NAME = "Snippet";

    private SnippetRunner() {
    }

    /**
     * @param s a snippet
     * @return the Java source it compiles to
     */
    static String source(Snippet s) {
        StringBuilder sb = new StringBuilder();
        for (String i : IMPORTS) {
            sb.append("import ").append(i).append("; ");
        }
        sb.append("final class ").append(CLASS_NAME)
          .append(" { public static void main(String[] args) throws Exception { ");
        // Line 1 holds everything above; the snippet's first line lands on line s.line(), as in the Markdown.
        sb.append("\n".repeat(Math.max(1, s.line() - 1)));
        sb.append(s.code());
        sb.append("}}\n");
        return sb.toString();
    }

    /**
     * Compiles and runs a snippet.
     *
     * @param s the snippet
     * @return what it printed to {@code System.out}, with {@code \n} line ends
     * @throws AssertionError naming {@code file:line} if it does not compile or throws
     */
    static String run(Snippet s) {
        Map<String, byte[]> classes = compile(s);
        ClassLoader loader = new ClassLoader(SnippetRunner.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = classes.get(name);
                if (bytes == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
        Method main;
        try {
            main = loader.loadClass(CLASS_NAME).getMethod("main", String[].class);
            main.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(s.where() + ": compiled snippet has no main method", e);
        }
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            // The snippet's loader is the context loader while it runs: a library that loads user classes by
            // name (Hazelcast deserializing a scattered lambda, on threads that inherit it) finds the snippet's.
            Thread self = Thread.currentThread();
            ClassLoader context = self.getContextClassLoader();
            self.setContextClassLoader(loader);
            try {
                main.invoke(null, (Object) new String[0]);
            } catch (InvocationTargetException e) {
                out.flush();
                throw new AssertionError(s.where() + ": snippet threw " + e.getCause() + "\nit printed before:\n"
                        + captured.toString(StandardCharsets.UTF_8), e.getCause());
            } catch (IllegalAccessException e) {
                throw new AssertionError(s.where() + ": cannot call the snippet's main method", e);
            } finally {
                self.setContextClassLoader(context);
                System.setOut(original);
            }
        }
        return captured.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    private static Map<String, byte[]> compile(Snippet s) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new AssertionError("no Java compiler: run the docs tests on a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8);
        Map<String, byte[]> classes = new HashMap<>();
        JavaFileManager memory = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension),
                        kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return new ByteArrayOutputStream() {
                            @Override
                            public void close() throws IOException {
                                super.close();
                                classes.put(className, toByteArray());
                            }
                        };
                    }
                };
            }
        };
        String source = source(s);
        JavaFileObject unit = new SimpleJavaFileObject(URI.create("snippet:///" + s.file()), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        List<String> options = List.of("-classpath", coreClasspath(), "-proc:none", "-implicit:none",
                "-Xlint:none", "-g");
        boolean ok = javac.getTask(null, memory, diagnostics, options, null, List.of(unit)).call();
        if (!ok) {
            StringBuilder sb = new StringBuilder(s.where() + ": snippet does not compile");
            List<String> codeLines = s.code().lines().toList();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() != Diagnostic.Kind.ERROR) {
                    continue;
                }
                long line = d.getLineNumber();
                sb.append("\n  ").append(s.file()).append(':').append(line).append(": error: ")
                  .append(d.getMessage(Locale.ROOT));
                int index = (int) (line - s.line());
                if (index >= 0 && index < codeLines.size()) {
                    sb.append("\n    ").append(codeLines.get(index).strip());
                }
            }
            throw new AssertionError(sb.toString());
        }
        return classes;
    }

    /** @return where streamz-core's classes are (a jar or a classes folder) */
    private static String coreClasspath() {
        try {
            URI core = dev.streamz.Stream.class.getProtectionDomain().getCodeSource().getLocation().toURI();
            return Path.of(core).toString() + File.pathSeparator + System.getProperty("java.class.path");
        } catch (URISyntaxException e) {
            throw new AssertionError("cannot locate streamz-core", e);
        }
    }
}

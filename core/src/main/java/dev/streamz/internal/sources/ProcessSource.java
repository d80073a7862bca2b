package dev.streamz.internal.sources;

import dev.streamz.Scheduler;
import dev.streamz.Source;
import dev.streamz.StreamException;
import dev.streamz.internal.Metadata;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code fromProcess} (I13): runs a command and emits its standard output line by line, each line a
 * {@code byte[]} that includes its {@code '\n'}. With {@code withEnd}, a final line without a newline
 * is emitted too; without it, that partial line is dropped. With {@code withStderr}, standard error is
 * merged into the output; otherwise it goes to this JVM's standard error.
 *
 * <p>A daemon thread ({@code streamz-process-PID}) reads the output and waits until the graph accepted a
 * line before it reads on. When the process ends the source stops itself; an exit code other than 0 is
 * reported to the error handler. {@code stop()} destroys the process (and its descendants), forcibly if
 * it has not ended two seconds later; a restart runs the command again.
 *
 * <p>A line longer than {@code maxLineBytes} (newline included) is reported, with its line number, and
 * skipped up to its newline; the lines after it are kept, and the reader never buffers more than about
 * {@code maxLineBytes} plus one 8 KiB read.
 *
 * <p>An {@code Error} on the reader thread (an {@code OutOfMemoryError} while buffering a huge line) or
 * from a function downstream (a {@code StackOverflowError} in a {@code map}) is reported and moves the
 * source to its failed state ({@code isStopped()} and {@code failure()}), which destroys the process; an
 * exception in a function downstream is reported and the source reads on.
 */
public final class ProcessSource extends Source<byte[]> {
    private static final byte[] NEWLINE = {'\n'};

    private final List<String> command;
    private final boolean withStderr;
    private final boolean withEnd;
    private final int maxLineBytes;

    private volatile int run;
    private volatile Process process;
    private volatile Thread reader;
    private volatile Scheduler scheduler;

    /**
     * @param command the program and its arguments
     * @param withStderr merge standard error into the output
     * @param withEnd emit a final line that has no newline
     * @param maxLineBytes the longest line emitted, newline included; longer ones are reported and skipped
     */
    public ProcessSource(List<String> command, boolean withStderr, boolean withEnd, int maxLineBytes) {
        super("from_process", Map.of("command", command, "with_stderr", withStderr, "with_end", withEnd,
                "max_line_bytes", maxLineBytes));
        this.maxLineBytes = maxLineBytes;
        this.command = List.copyOf(command);
        this.withStderr = withStderr;
        this.withEnd = withEnd;
    }

    @Override
    protected void onStart(Scheduler s) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE);
        if (withStderr) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException | RuntimeException e) {
            throw new StreamException(this, "fromProcess: cannot start " + command, e);
        }
        try {
            p.getOutputStream().close(); // the command reads no input from us
        } catch (IOException ignored) {
            // it may have exited already
        }
        int r = ++run;
        scheduler = s;
        process = p;
        reader = IoThreads.daemon("streamz-process-" + p.pid(), () -> read(p, r));
        markStarted();
    }

    @Override
    protected void onStop() {
        run++;
        Process p = process;
        if (p != null && p.isAlive()) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            p.onExit().completeOnTimeout(p, 2, TimeUnit.SECONDS).thenAccept(q -> {
                if (q.isAlive()) {
                    q.descendants().forEach(ProcessHandle::destroyForcibly);
                    q.destroyForcibly();
                }
            });
        }
        Thread t = reader;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt();
        }
    }

    private void reportLongLine(long lineNo, int r) {
        if (r == run) {
            scheduler.reportError(new StreamException(this, "fromProcess " + command + ": output line " + lineNo
                    + " is longer than the maximum of " + maxLineBytes + " bytes; skipped up to its newline", null));
        }
    }

    private void read(Process p, int r) {
        try {
            pump(p, r);
        } catch (DownstreamError e) {
            if (r == run) {
                markFailed("fromProcess " + command + ": " + e.getMessage(), e.getCause());
            }
        } catch (RuntimeException | Error e) {
            // Not silently: the thread would die with the process running and the source looking alive. Caught
            // out here, where the line buffer is out of scope: after an OutOfMemoryError it can be collected.
            if (r == run) {
                markFailed("fromProcess: reading the output of " + command + " failed", e);
            }
        }
    }

    private void pump(Process p, int r) {
        ByteBuf line = new ByteBuf();
        byte[] buf = new byte[8192];
        long lineNo = 1; // of the line at the start of the buffer
        boolean skipping = false; // inside a line that was too long: drop bytes up to its newline
        try (InputStream in = p.getInputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                line.append(buf, 0, n);
                int at;
                int from = line.size() - n;
                while ((at = line.indexOf(NEWLINE, from)) >= 0) {
                    from = 0;
                    if (skipping || at + 1 > maxLineBytes) {
                        if (!skipping) {
                            reportLongLine(lineNo, r);
                        }
                        skipping = false;
                        line.drop(at + 1);
                        lineNo++;
                        continue;
                    }
                    if (!emitAndWait(line.take(at + 1), r)) {
                        return;
                    }
                    lineNo++;
                }
                if (line.size() > maxLineBytes) {
                    // Bounded memory: keep nothing of a line already past the limit.
                    if (!skipping) {
                        reportLongLine(lineNo, r);
                        skipping = true;
                    }
                    line.clear();
                }
            }
            if (withEnd && !skipping && line.size() > 0 && !emitAndWait(line.takeAll(), r)) {
                return;
            }
            int code = p.waitFor();
            if (r != run) {
                return; // stopped by us: the exit code is ours
            }
            if (code != 0) {
                scheduler.reportError(new StreamException(this, "fromProcess: command " + command
                        + " exited with code " + code, null));
            }
        } catch (IOException e) {
            if (r == run) {
                scheduler.reportError(new StreamException(this, "fromProcess: cannot read the output of " + command, e));
            }
        } catch (InterruptedException e) {
            return;
        }
        synchronized (this) {
            if (r == run) {
                markExhausted();
            }
        }
    }

    /** An {@code Error} thrown downstream, with the report that names the node it came from. */
    private static final class DownstreamError extends RuntimeException {
        private static final long serialVersionUID = 1;

        DownstreamError(String message, Error cause) {
            super(message, cause, false, false);
        }
    }

    /** @throws DownstreamError if a function downstream threw an Error (the caller fails the source) */
    private boolean emitAndWait(byte[] x, int r) {
        if (r != run) {
            return false;
        }
        CompletableFuture<Void> accepted = emitAsync(x, Metadata.NONE);
        try {
            accepted.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null
                    ? c.getCause() : e.getCause();
            if (cause instanceof Error err) {
                throw new DownstreamError("emission failed", err);
            }
            if (cause instanceof StreamException se && se.getCause() instanceof Error err) {
                throw new DownstreamError(se.getMessage(), err); // e.g. "node 'map' ...: map function threw: ..."
            }
            scheduler.reportError(cause instanceof StreamException se ? se
                    : new StreamException(this, "emission failed", cause));
        }
        return r == run;
    }

    /**
     * Splits a command line on whitespace, honouring single quotes (literal), double quotes (where a
     * backslash escapes {@code "} and {@code \}) and a backslash outside quotes.
     *
     * @param commandLine the command line
     * @return its words
     * @throws IllegalArgumentException for an unterminated quote or a line with no word
     */
    public static List<String> split(String commandLine) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < commandLine.length(); i++) {
            char c = commandLine.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else if (c == '\'') {
                int end = commandLine.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("fromProcess: unterminated ' in command \"" + commandLine + "\"");
                }
                w.append(commandLine, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                int j = i + 1;
                for (; j < commandLine.length() && commandLine.charAt(j) != '"'; j++) {
                    char d = commandLine.charAt(j);
                    if (d == '\\' && j + 1 < commandLine.length()
                            && (commandLine.charAt(j + 1) == '"' || commandLine.charAt(j + 1) == '\\')) {
                        d = commandLine.charAt(++j);
                    }
                    w.append(d);
                }
                if (j >= commandLine.length()) {
                    throw new IllegalArgumentException("fromProcess: unterminated \" in command \"" + commandLine + "\"");
                }
                i = j;
                inWord = true;
            } else if (c == '\\' && i + 1 < commandLine.length()) {
                w.append(commandLine.charAt(++i));
                inWord = true;
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        if (words.isEmpty()) {
            throw new IllegalArgumentException("fromProcess: command must not be empty");
        }
        return words;
    }
}

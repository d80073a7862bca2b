package dev.streamz.benchmarks;

import dev.streamz.Scheduler;
import dev.streamz.Stream;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.subjects.PublishSubject;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import reactor.core.Disposable;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code timedWindow(10 ms)} under load: the JMH thread pushes batches of 1024 elements as fast as the
 * window accepts them (streamz-jvm waits on the last {@code emitAsync} of each batch, so the loop has
 * taken every element), while a timer closes a window every 10 ms and hands its list to a sink. Scores
 * are nanoseconds per element. Peers in the same run: RxJava 3 {@code PublishSubject.buffer(10, ms)} and
 * Reactor {@code Sinks.many().multicast().directBestEffort().asFlux().buffer(Duration)}, each fed
 * synchronously from the JMH thread (their time-buffer operators lock per element instead of handing
 * over to an event loop).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TimedWindowBench {
    private static final Duration WINDOW = Duration.ofMillis(10);

    private final Integer[] inputs = Data.inputs();
    private Stream<Integer> streamz;
    private PublishSubject<Integer> rxjava;
    private io.reactivex.rxjava3.disposables.Disposable rxSubscription;
    private Sinks.Many<Integer> reactor;
    private Disposable reactorSubscription;

    /**
     * Builds the three windowed pipelines, each ending in the Blackhole.
     *
     * @param bh JMH's blackhole
     */
    @Setup(Level.Trial)
    public void setup(Blackhole bh) {
        Scheduler loop = dev.streamz.Schedulers.newEventLoop("bench-window-loop",
                dev.streamz.Schedulers.loggingErrorHandler());
        streamz = Stream.<Integer>create().withScheduler(loop);
        streamz.timedWindow(WINDOW).sink((List<Integer> w) -> bh.consume(w.size()));

        rxjava = PublishSubject.create();
        Observable<List<Integer>> windows = rxjava.buffer(WINDOW.toMillis(), TimeUnit.MILLISECONDS,
                Schedulers.single());
        rxSubscription = windows.subscribe(w -> bh.consume(w.size()));

        reactor = Sinks.many().multicast().directBestEffort();
        reactorSubscription = reactor.asFlux().buffer(WINDOW).subscribe(w -> bh.consume(w.size()));
    }

    /** Stops the peers' subscriptions. */
    @TearDown(Level.Trial)
    public void tearDown() {
        rxSubscription.dispose();
        reactorSubscription.dispose();
    }

    /** streamz-jvm: {@code emitAsync} per element, waiting for the batch's last one to be accepted. */
    @Benchmark
    @OperationsPerInvocation(Data.BATCH)
    public void streamz() {
        java.util.concurrent.CompletableFuture<Void> last = null;
        for (Integer x : inputs) {
            last = streamz.emitAsync(x);
        }
        last.join();
    }

    /** RxJava 3: {@code onNext} per element into {@code buffer(10, ms)}. */
    @Benchmark
    @OperationsPerInvocation(Data.BATCH)
    public void rxjava() {
        for (Integer x : inputs) {
            rxjava.onNext(x);
        }
    }

    /** Reactor: {@code tryEmitNext} per element into {@code buffer(Duration)}. */
    @Benchmark
    @OperationsPerInvocation(Data.BATCH)
    public void reactor() {
        for (Integer x : inputs) {
            reactor.tryEmitNext(x);
        }
    }
}

package dev.streamz;

import dev.streamz.internal.Args;
import dev.streamz.internal.BuildSite;
import dev.streamz.internal.Failures;
import dev.streamz.internal.Metadata;
import dev.streamz.internal.PluginRegistry;
import dev.streamz.internal.time.EmitContext;
import dev.streamz.internal.time.ExecutorScheduler;
import dev.streamz.internal.time.OneTaskLater;
import dev.streamz.internal.time.PendingEmits;
import dev.streamz.internal.operators.AccumulateNode;
import dev.streamz.internal.operators.AsyncBoundaryNode;
import dev.streamz.internal.operators.AsyncSinkNode;
import dev.streamz.internal.operators.BufferNode;
import dev.streamz.internal.operators.DelayNode;
import dev.streamz.internal.operators.LatestNode;
import dev.streamz.internal.operators.MapAsyncNode;
import dev.streamz.internal.operators.RateLimitNode;
import dev.streamz.internal.operators.TimedPartitionNode;
import dev.streamz.internal.operators.TimedWindowNode;
import dev.streamz.internal.operators.TimedWindowUniqueNode;
import dev.streamz.internal.time.Durations;
import dev.streamz.internal.operators.CollectNode;
import dev.streamz.internal.operators.CombineLatestNode;
import dev.streamz.internal.operators.FilterNode;
import dev.streamz.internal.operators.FlatMapIterableNode;
import dev.streamz.internal.operators.FlattenNode;
import dev.streamz.internal.operators.FrequenciesNode;
import dev.streamz.internal.operators.MapNode;
import dev.streamz.internal.operators.PartitionNode;
import dev.streamz.internal.operators.PartitionUniqueNode;
import dev.streamz.internal.operators.PluckNode;
import dev.streamz.internal.operators.SinkNode;
import dev.streamz.internal.operators.SliceNode;
import dev.streamz.internal.operators.SlidingWindowNode;
import dev.streamz.internal.operators.StarmapNode;
import dev.streamz.internal.operators.TapNode;
import dev.streamz.internal.operators.UnionNode;
import dev.streamz.internal.operators.UniqueNode;
import dev.streamz.internal.operators.ZipLatestNode;
import dev.streamz.internal.operators.ZipNode;
import dev.streamz.internal.runtime.GraphAccess;
import dev.streamz.internal.runtime.GraphWalk;
import dev.streamz.internal.sources.SourceArgs;
import dev.streamz.internal.sources.Sources;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A node in a push-based stream graph, with streamz's operators as fluent methods.
 *
 * <p>{@code emit(x)} pushes {@code x} to every downstream node in attachment order, depth-first, on the
 * caller's thread, and returns when every synchronous consequence is done (feedback loops recurse
 * depth-first too). Building a graph starts no thread; emitting through {@code map}, {@code filter},
 * {@code accumulate}, {@code union} and {@code sink} allocates nothing beyond what user functions allocate.
 *
 * <p><b>Errors.</b> When a user function throws, {@code emit} throws a {@link StreamException} naming the
 * node, its operator and the line that built it. The rule is fail-fast and depth-first, as in streamz:
 * the element has already reached the branches attached before the failing one, and it does not reach
 * the branches attached after it. Refs held by the failing element are not released, so a checkpointing
 * source re-reads it (at-least-once). The graph keeps working for the next element.
 *
 * <p><b>Threads.</b> Building and emitting are not synchronized: build on one thread, and emit into a
 * graph from one thread at a time (or synchronize externally).
 *
 * <p><b>Lifetime.</b> Upstreams hold their downstreams strongly; a node leaves the graph only through
 * {@link #destroy()} or {@link #disconnect(Stream)}.
 *
 * <p><b>Extending.</b> Subclass and override {@link #update(Object, List, Stream)}, calling
 * {@link #emitDownstream(Object, List)} to pass values on; attach with {@link #through(Function)}.
 *
 * @param <T> the type of the elements this node emits
 */
public class Stream<T> {
    private static final Stream<?>[] NO_STREAMS = new Stream<?>[0];
    private static final AtomicLong IDS = new AtomicLong();
    private static final AtomicLongFieldUpdater<Stream<?>> ERRORS = errorsUpdater();

    private final long id = IDS.incrementAndGet();
    private final String operator;
    private final Map<String, Object> parameters;
    private final String buildSite;
    private String name;

    /** Upstream nodes in connection order; may repeat a node (zip(s, s)). Copy-on-write. */
    private Stream<?>[] upstreams = NO_STREAMS;
    /** Downstream nodes in attachment order, each once. Copy-on-write, read by the emit loop. */
    private Stream<?>[] downstreams = NO_STREAMS;

    private Object currentValue;
    /** Failures attributed to this node ({@link #errorCount()}); written only when one happens. */
    private volatile long errors;
    /**
     * Elements emitted into this node through its scheduler ({@code emit}/{@code emitAsync} on a graph with
     * one): a source's output figure in {@link Graph#metrics()}. Written on the scheduler thread only, on a
     * path that already hands the element to the scheduler, never on the direct (scheduler-less) path.
     */
    long emittedOnScheduler;
    private List<Map<String, Object>> currentMetadata = Metadata.NONE;

    /** The graph's scheduler, shared by every connected node; null while the graph has no time-based part. */
    private Scheduler scheduler;
    /** Emissions from other threads not yet accepted (bounded emitAsync). */
    private final PendingEmits pendingEmits = new PendingEmits();

    /**
     * Builds a node and attaches it downstream of {@code upstreams}.
     *
     * @param operator the operator name shown in errors and graph descriptions, e.g. {@code "map"}
     * @param parameters the node's parameters, for introspection; copied
     * @param upstreams the nodes this one listens to, in order
     */
    protected Stream(String operator, Map<String, Object> parameters, Stream<?>... upstreams) {
        this.operator = requireNonNull(operator, "operator");
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        this.buildSite = BuildSite.capture();
        for (int i = 0; i < upstreams.length; i++) {
            if (upstreams[i] == null) {
                throw new NullPointerException(operator + ": upstream " + i + " is null");
            }
        }
        Scheduler inherited = commonScheduler(operator, upstreams);
        for (Stream<?> up : upstreams) {
            up.addDownstream(this);
            this.upstreams = append(this.upstreams, up);
        }
        if (inherited != null) {
            // Walked from an upstream (this node is attached to it by now), so that the constructor does not
            // hand out a half-built 'this'.
            spreadScheduler(upstreams[0], inherited);
        }
    }

    /** Creates a plain stream to push into. */
    Stream() {
        this("Stream", Map.of());
    }

    /**
     * Creates a plain stream with no upstream, to push elements into with {@link #emit(Object)}.
     *
     * @param <T> element type
     * @return a new stream
     */
    public static <T> Stream<T> create() {
        return new Stream<>();
    }

    /**
     * Creates a named plain stream (streamz's {@code Stream(stream_name=...)}).
     *
     * @param name shown in errors and graph descriptions
     * @param <T> element type
     * @return a new stream
     */
    public static <T> Stream<T> create(String name) {
        Stream<T> s = new Stream<>();
        s.name = requireNonNull(name, "name");
        return s;
    }

    // ------------------------------------------------------------------------------------------------
    // Emitting

    /**
     * Pushes {@code x} to this node's downstreams (this node's own function is not applied: streamz's
     * {@code emit}). Returns when every synchronous consequence is done.
     *
     * <p>In a graph with a {@linkplain #scheduler() scheduler} (one with a time-based node or a source),
     * the emission runs as the scheduler, one at a time with its tasks, and this call blocks until the graph
     * has accepted the element, as {@link #emitAsync(Object)} describes (streamz's A18). From another thread,
     * when the graph's event loop is idle, the calling thread holds the loop and runs the emission itself
     * (nothing is handed over); when the loop is busy, the element is handed to the loop's thread. Called on
     * the scheduler's own thread
     * (inside one of its tasks) it cannot block, and returns once the synchronous part is done; on a
     * {@link VirtualScheduler}'s thread, outside its tasks, it moves virtual time forward until the
     * element is accepted.
     *
     * @param x the element
     * @throws StreamException if a user function downstream throws
     */
    public final void emit(T x) {
        if (scheduler == null) {
            emitDownstream(x, Metadata.NONE);
            return;
        }
        emitOnScheduler(x, Metadata.NONE);
    }

    /**
     * Pushes {@code x} with metadata. Every {@link RefCounter} under the key {@code "ref"} is held for the
     * duration of the call and by every node that keeps the element; its callback fires once, after the
     * last holder releases. If nothing holds the element, that happens before this method returns.
     *
     * @param x the element
     * @param metadata a list of maps, not {@code null} (use {@code List.of()} for none); not mutated
     * @throws StreamException if a user function downstream throws; the element's refs are then not
     *     released (at-least-once: its checkpoint is not acknowledged)
     */
    public final void emit(T x, List<Map<String, Object>> metadata) {
        // emitDownstream holds the refs for the whole synchronous cascade, so an element that nothing keeps
        // is acknowledged when this returns, even with no downstream at all.
        List<Map<String, Object>> md = Metadata.validate(metadata, this);
        if (scheduler == null) {
            emitDownstream(x, md);
            return;
        }
        emitOnScheduler(x, md);
    }

    /**
     * Pushes {@code x} and returns when the graph has accepted it (streamz's {@code await source.emit(x)}):
     * the returned future completes when every downstream node has taken the element (a place in a
     * {@code buffer}, a slot in a bounded {@code zip}, an asynchronous sink's completion, a rate limit's
     * turn). This is back pressure: a producer that waits on it never outruns the graph.
     *
     * <p>In a graph with a scheduler the emission runs on the scheduler's thread, in the order of the
     * calls from each thread. In a graph without one it runs on the caller's thread, like {@link #emit}.
     * A future returned complete means the element was accepted inside the call; one returned pending
     * completes in a scheduler task of its own after the node that released it has finished, so a
     * continuation chained on it never runs inside a node and may emit again at once.
     *
     * @param x the element
     * <p>Emissions from other threads are bounded: when {@linkplain #withMaxPendingEmits(int) the maximum}
     * of them is pending, the future fails at once with a {@link BackPressureException} and the element is
     * not emitted.
     *
     * @return completes on acceptance; completes exceptionally with a {@link BackPressureException} when
     *     too many emissions are pending, or with the {@link StreamException} of a user
     *     function that failed on the synchronous part of the way (an asynchronous sink whose stage fails
     *     is reported to the scheduler's error handler instead, and the emitter is released normally)
     */
    public final CompletableFuture<Void> emitAsync(T x) {
        return emitAsyncValidated(x, Metadata.NONE);
    }

    /**
     * Sets how many emissions from other threads this node may have pending (handed to the scheduler,
     * not yet accepted by the graph) before {@link #emitAsync(Object)} refuses more: beyond it the returned
     * future fails at once with a {@link BackPressureException} and nothing is emitted, so a producer that
     * ignores its futures cannot exhaust memory. A blocking {@link #emit(Object)} waits for each element
     * and never reaches the limit alone. The default is 65,536.
     *
     * @param max the maximum; positive
     * @return this node
     * @throws IllegalArgumentException if {@code max} is not positive
     */
    public final Stream<T> withMaxPendingEmits(int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("withMaxPendingEmits: max must be positive, got " + max);
        }
        pendingEmits.max(max);
        return this;
    }

    /**
     * {@link #emitAsync(Object)} with metadata; see {@link #emit(Object, List)} for how refs are held.
     *
     * @param x the element
     * @param metadata a list of maps, not {@code null}; not mutated
     * @return completes on acceptance
     */
    public final CompletableFuture<Void> emitAsync(T x, List<Map<String, Object>> metadata) {
        return emitAsyncValidated(x, Metadata.validate(metadata, this));
    }

    /**
     * Receives an element from an upstream (streamz's {@code update}). Upstream nodes call it; users
     * normally call {@link #emit(Object)} instead. The default passes the element on unchanged; operators
     * override it.
     *
     * @param x the element
     * @param metadata its metadata, never {@code null}
     * @param from the upstream that sent it
     */
    public void update(Object x, List<Map<String, Object>> metadata, Stream<?> from) {
        emitDownstream(x, metadata);
    }

    /**
     * Sends {@code x} to every downstream, in attachment order, and records it as the current value.
     * The refs in {@code metadata} are held for the duration, so that a holder which lets go of them
     * during the emission (a join whose input is replaced through a feedback loop) cannot acknowledge
     * data that is still on its way downstream.
     *
     * @param x the element
     * @param metadata its metadata, never {@code null}
     */
    protected final void emitDownstream(Object x, List<Map<String, Object>> metadata) {
        if (!metadata.isEmpty()) {
            Metadata.retain(metadata);
            try {
                dispatch(x, metadata);
            } catch (RuntimeException | Error e) {
                // Behind a scheduler-driven node the failure is reported and the element dropped, so its
                // refs are released (G07, docs/conformance.md); on the synchronous path they stay held (G04).
                if (EmitContext.releasesOnFailure()) {
                    Metadata.release(metadata);
                }
                throw e;
            }
            Metadata.release(metadata);
            return;
        }
        dispatch(x, metadata);
    }

    private void dispatch(Object x, List<Map<String, Object>> metadata) {
        currentValue = x;
        currentMetadata = metadata;
        Stream<?>[] ds = downstreams;
        if (ds.length == 1) {
            ds[0].update(x, metadata, this);
            return;
        }
        for (int i = 0; i < ds.length; i++) {
            ds[i].update(x, metadata, this);
        }
    }

    /**
     * Records {@code x} as the current value and returns the downstreams to call, for operators that run
     * their own dispatch loop: a loop in each operator class gives each class its own call site, which
     * stays monomorphic in a typical chain so the JIT can inline the chain end to end (one shared loop
     * in this class would see every node type and go megamorphic).
     *
     * @param x the element about to be emitted
     * @param metadata its metadata
     * @return the downstream array; read only, never modified in place
     */
    protected final Stream<?>[] beginEmit(Object x, List<Map<String, Object>> metadata) {
        currentValue = x;
        currentMetadata = metadata;
        return downstreams;
    }

    /**
     * Wraps an exception thrown by a user function so it names this node; a {@link StreamException} from
     * further downstream is returned unchanged.
     *
     * @param e what the user function threw: any exception or error
     * @return the exception to throw
     */
    protected final StreamException userFailure(Throwable e) {
        return Failures.userFailure(this, e);
    }

    /**
     * Reports an element this node cannot handle.
     *
     * @param detail what was expected
     * @param cause the underlying exception, may be {@code null}
     * @return the exception to throw
     */
    protected final StreamException badElement(String detail, Throwable cause) {
        return new StreamException(this, detail, cause);
    }

    // ------------------------------------------------------------------------------------------------
    // Element-wise operators

    /**
     * Applies {@code f} to each element.
     *
     * @param f the function; extra arguments are captured by the lambda
     * @param <R> result type
     * @return the new node
     */
    public final <R> Stream<R> map(Function<? super T, ? extends R> f) {
        return new MapNode<>(this, ThrowingFunction.of(requireNonNull(f, "map: function")));
    }

    /**
     * {@link #map(Function)} for a function that may throw a checked exception
     * ({@code map(p -> Files.readString(p))}); a lambda or method reference picks this overload. What it
     * throws is wrapped in a {@link StreamException} naming the node.
     *
     * @param f the function
     * @param <R> result type
     * @return the new node
     */
    public final <R> Stream<R> map(ThrowingFunction<? super T, ? extends R> f) {
        return new MapNode<>(this, requireNonNull(f, "map: function"));
    }

    /**
     * Calls {@code action} with each element for its side effect and passes the element on unchanged:
     * a sink in the middle of a chain (a logging or metrics hook).
     *
     * @param action the side effect; may throw a checked exception
     * @return the new node
     */
    public final Stream<T> tap(ThrowingConsumer<? super T> action) {
        return new TapNode<>(this, requireNonNull(action, "tap: action"));
    }

    /**
     * Applies {@code f} to the two items of each two-item element (a {@code List} or array).
     *
     * @param f the function of the two items
     * @param <R> result type
     * @return the new node
     */
    public final <R> Stream<R> starmap(BiFunction<Object, Object, ? extends R> f) {
        return new StarmapNode<>(this, requireNonNull(f, "starmap: function"));
    }

    /**
     * Unpacks each element (a {@code List} or array), appends {@code extraArgs}, and applies {@code f} to
     * the resulting argument list (streamz's {@code starmap(f, *args)}).
     *
     * @param f the function of the argument list
     * @param extraArgs arguments appended after the element's items
     * @param <R> result type
     * @return the new node
     */
    public final <R> Stream<R> starmap(Function<List<Object>, ? extends R> f, Object... extraArgs) {
        return new StarmapNode<>(this, requireNonNull(f, "starmap: function"), extraArgs.clone());
    }

    /**
     * Passes only the elements for which {@code predicate} is true.
     *
     * @param predicate the test
     * @return the new node
     */
    public final Stream<T> filter(Predicate<? super T> predicate) {
        return new FilterNode<>(this, ThrowingPredicate.of(requireNonNull(predicate, "filter: predicate")), true,
                "filter");
    }

    /**
     * {@link #filter(Predicate)} for a test that may throw a checked exception; a lambda or method
     * reference picks this overload.
     *
     * @param predicate the test
     * @return the new node
     */
    public final Stream<T> filter(ThrowingPredicate<? super T> predicate) {
        return new FilterNode<>(this, requireNonNull(predicate, "filter: predicate"), true, "filter");
    }

    /**
     * Passes only truthy elements, in Python's sense: the Java name of streamz's {@code filter(None)}
     * ({@link #filter()}).
     *
     * @return the new node
     */
    public final Stream<T> filterTruthy() {
        return filter();
    }

    /**
     * Passes only truthy elements, in Python's sense ({@code filter(None)}): {@code null}, {@code false},
     * zero, and empty strings, collections, maps and arrays are dropped.
     *
     * @return the new node
     */
    public final Stream<T> filter() {
        return new FilterNode<>(this, null, true, "filter");
    }

    /**
     * Drops the elements for which {@code predicate} is true.
     *
     * @param predicate the test
     * @return the new node
     */
    public final Stream<T> remove(Predicate<? super T> predicate) {
        return new FilterNode<>(this, ThrowingPredicate.of(requireNonNull(predicate, "remove: predicate")), false,
                "remove");
    }

    /**
     * {@link #remove(Predicate)} for a test that may throw a checked exception.
     *
     * @param predicate the test
     * @return the new node
     */
    public final Stream<T> remove(ThrowingPredicate<? super T> predicate) {
        return new FilterNode<>(this, requireNonNull(predicate, "remove: predicate"), false, "remove");
    }

    /**
     * Emits a running accumulation. The first element becomes the state and is emitted as it is;
     * {@code f(state, x)} gives each later state, which is also emitted.
     *
     * @param f the accumulator
     * @return the new node
     */
    public final Stream<T> accumulate(BinaryOperator<T> f) {
        return new AccumulateNode<>(this, requireNonNull(f, "accumulate: function"), false, null, false, false);
    }

    /**
     * Emits a running accumulation starting from {@code start} (not copied: a function that mutates the
     * state in place mutates {@code start}).
     *
     * @param f the accumulator: {@code f(state, x)} is the new state and is emitted
     * @param start the initial state, may be {@code null}
     * @param <S> state type
     * @return the new node
     */
    public final <S> Stream<S> accumulate(BiFunction<? super S, ? super T, ? extends S> f, S start) {
        return new AccumulateNode<>(this, requireNonNull(f, "accumulate: function"), true, start, false, false);
    }

    /**
     * Alias of {@link #accumulate(BinaryOperator)}.
     *
     * @param f the accumulator
     * @return the new node
     */
    public final Stream<T> scan(BinaryOperator<T> f) {
        return accumulate(f);
    }

    /**
     * Alias of {@link #accumulate(BiFunction, Object)}.
     *
     * @param f the accumulator
     * @param start the initial state
     * @param <S> state type
     * @return the new node
     */
    public final <S> Stream<S> scan(BiFunction<? super S, ? super T, ? extends S> f, S start) {
        return accumulate(f, start);
    }

    /**
     * An accumulation whose function returns the new state and the value to emit separately
     * (streamz's {@code returns_state=True}).
     *
     * @param f returns {@code Step.of(newState, result)}
     * @param start the initial state, may be {@code null}
     * @param <S> state type
     * @param <R> result type
     * @return the new node, emitting results
     */
    public final <S, R> Stream<R> accumulateWithState(BiFunction<? super S, ? super T, Step<S, R>> f, S start) {
        return new AccumulateNode<>(this, requireNonNull(f, "accumulateWithState: function"), true, start, true,
                false);
    }

    /**
     * {@link #accumulateWithState(BiFunction, Object)} with no start: the first element becomes the state
     * and is emitted as it is, so {@code R} should be a supertype of {@code T}.
     *
     * @param f returns {@code Step.of(newState, result)}
     * @param <R> result type
     * @return the new node, emitting results
     */
    public final <R> Stream<R> accumulateWithState(BiFunction<? super T, ? super T, Step<T, R>> f) {
        return new AccumulateNode<>(this, requireNonNull(f, "accumulateWithState: function"), false, null, true,
                false);
    }

    /**
     * An accumulation that emits each {@link Step} (new state and result) as a whole (streamz's
     * {@code returns_state=True, with_state=True}).
     *
     * @param f returns {@code Step.of(newState, result)}
     * @param start the initial state, may be {@code null}
     * @param <S> state type
     * @param <R> result type
     * @return the new node, emitting steps
     */
    public final <S, R> Stream<Step<S, R>> accumulateSteps(BiFunction<? super S, ? super T, Step<S, R>> f,
                                                          S start) {
        return new AccumulateNode<>(this, requireNonNull(f, "accumulateSteps: function"), true, start, true, true);
    }

    /**
     * {@link #accumulate(BinaryOperator)} emitting {@code Step.of(state, state)} for each element
     * (streamz's {@code with_state=True}, no start): the first element emits {@code Step.of(x, x)}.
     *
     * @param f the accumulator
     * @return the new node, emitting steps
     */
    public final Stream<Step<T, T>> accumulateSteps(BinaryOperator<T> f) {
        return new AccumulateNode<>(this, requireNonNull(f, "accumulateSteps: function"), false, null, false, true);
    }

    /**
     * Passes elements by position like {@code itertools.islice}: from index {@code start}, every
     * {@code step}-th element counted from {@code start}, up to (not including) index {@code end}.
     * When {@code end} is reached the node detaches from its upstreams. ({@code step} counts from
     * {@code start} and {@code end=0} passes nothing; streamz 0.6 differs, see the docs.)
     *
     * @param start first index, {@code null} for 0
     * @param end index to stop before, {@code null} for no end
     * @param step distance between passed indices, {@code null} for 1
     * @return the new node
     */
    public final Stream<T> slice(Integer start, Integer end, Integer step) {
        return new SliceNode<>(this, start, end, step);
    }

    /**
     * {@code slice(null, null, null)}: passes everything.
     *
     * @return the new node
     */
    public final Stream<T> slice() {
        return slice(null, null, null);
    }

    /**
     * {@code slice(start, end, null)}.
     *
     * @param start first index, {@code null} for 0
     * @param end index to stop before, {@code null} for no end
     * @return the new node
     */
    public final Stream<T> slice(Integer start, Integer end) {
        return slice(start, end, null);
    }

    /**
     * {@link #slice(Integer, Integer, Integer)} without nulls: indices {@code start}, {@code start+step},
     * ... below {@code end}. Use {@link #skip(int)} for no end.
     *
     * @param start first index, at least 0
     * @param end index to stop before
     * @param step distance between passed indices, at least 1
     * @return the new node
     */
    public final Stream<T> slice(int start, int end, int step) {
        return new SliceNode<>(this, start, end, step);
    }

    /**
     * Drops the first {@code n} elements and passes the rest: {@code slice(n, null, null)}.
     *
     * @param n how many to drop, at least 0
     * @return the new node
     */
    public final Stream<T> skip(int n) {
        return new SliceNode<>(this, n, null, null);
    }

    /**
     * Passes the first {@code n} elements, then detaches from its upstreams: {@code slice(null, n, null)}.
     *
     * @param n how many to pass, at least 0
     * @return the new node
     */
    public final Stream<T> take(int n) {
        return new SliceNode<>(this, null, n, null);
    }

    /**
     * Flattens each element (an {@code Iterable}, {@code Iterator}, array, {@code Map} (its keys) or
     * string (its characters)) into its items. Not recursive. The element's metadata travels with the
     * last item.
     *
     * @param <R> item type
     * @return the new node
     */
    public final <R> Stream<R> flatten() {
        return new FlattenNode<>(this);
    }

    /**
     * The typed {@link #flatten()}: emits the items of {@code f(x)}, in order. As in flatten, the element's
     * metadata travels with the last item.
     *
     * @param f gives each element's items; may throw a checked exception
     * @param <R> item type
     * @return the new node
     */
    public final <R> Stream<R> flatMapIterable(ThrowingFunction<? super T, ? extends Iterable<? extends R>> f) {
        return new FlatMapIterableNode<>(this, requireNonNull(f, "flatMapIterable: function"));
    }

    /**
     * Drops elements seen before (unbounded history, by equality).
     *
     * @return the new node
     */
    public final Stream<T> unique() {
        return new UniqueNode<>(this, null, null, true);
    }

    /**
     * Drops elements whose key was seen among the last {@code maxsize} distinct keys (LRU: a repeat
     * refreshes its key). {@code unique(1)} drops consecutive duplicates.
     *
     * @param maxsize history size, at least 1
     * @return the new node
     */
    public final Stream<T> unique(int maxsize) {
        return new UniqueNode<>(this, maxsize, null, true);
    }

    /**
     * The general form of {@link #unique()}.
     *
     * @param maxsize history size (at least 1), or {@code null} for unbounded
     * @param key a {@code Function}, an index or map key to pick, or {@code null} for the element itself
     * @param hashable {@code true} to keep history in a hash table; {@code false} to compare with
     *     {@code equals} only (for keys whose hash code changes, such as mutable collections)
     * @return the new node
     */
    public final Stream<T> unique(Integer maxsize, Object key, boolean hashable) {
        return new UniqueNode<>(this, maxsize, key, hashable);
    }

    /**
     * {@link #unique(Integer, Object, boolean)} with a key function: {@code unique(1, x -> x % 2, true)}.
     *
     * @param maxsize history size (at least 1), or {@code null} for unbounded
     * @param key computes each element's key; {@code null} for the element itself
     * @param hashable whether keys may be kept in a hash table
     * @return the new node
     */
    public final Stream<T> unique(Integer maxsize, Function<? super T, ?> key, boolean hashable) {
        return new UniqueNode<>(this, maxsize, key, hashable);
    }

    /**
     * Drops elements seen before: the Java name of {@link #unique()}.
     *
     * @return the new node
     */
    public final Stream<T> distinct() {
        return unique();
    }

    /**
     * Drops elements whose key was seen before (unbounded history): streamz's
     * {@code unique(key=keyFn)}.
     *
     * @param keyFn computes each element's key
     * @return the new node
     */
    public final Stream<T> distinct(Function<? super T, ?> keyFn) {
        return new UniqueNode<>(this, null, requireNonNull(keyFn, "distinct: keyFn"), true);
    }

    /**
     * Drops elements whose key is among the last {@code maxsize} distinct keys (LRU): streamz's
     * {@code unique(maxsize, key=keyFn)}.
     *
     * @param maxsize history size, at least 1
     * @param keyFn computes each element's key
     * @return the new node
     */
    public final Stream<T> distinct(int maxsize, Function<? super T, ?> keyFn) {
        return new UniqueNode<>(this, maxsize, requireNonNull(keyFn, "distinct: keyFn"), true);
    }

    /**
     * Picks {@code element[pick]}: an integer indexes a {@code List}, array or string (negative counts
     * from the end); any other value is a {@code Map} key.
     *
     * @param pick the index or key
     * @param <R> result type
     * @return the new node
     */
    public final <R> Stream<R> pluck(Object pick) {
        return new PluckNode<>(this, pick, false);
    }

    /**
     * Picks several items into a tuple (an immutable {@code List}), even when there is only one pick.
     *
     * @param picks indices or keys
     * @return the new node
     */
    public final Stream<List<Object>> pluck(List<?> picks) {
        return new PluckNode<>(this, requireNonNull(picks, "pluck: picks"), true);
    }

    /**
     * The typed {@code pluck}: emits {@code field(x)}, such as a record accessor ({@code pluck(Trade::sym)}).
     * A {@code map} under pluck's name in descriptions.
     *
     * @param field reads the item; may throw a checked exception
     * @param <R> result type
     * @return the new node
     */
    public final <R> Stream<R> pluck(ThrowingFunction<? super T, ? extends R> field) {
        return new MapNode<>(this, requireNonNull(field, "pluck: field"), "pluck");
    }

    /**
     * Emits a new map of how many times each element has been seen, after each element.
     *
     * @return the new node
     */
    public final Stream<Map<T, Long>> frequencies() {
        return new FrequenciesNode<>(this);
    }

    // ------------------------------------------------------------------------------------------------
    // Batching

    /**
     * Groups elements into tuples of {@code n}. An incomplete tuple stays buffered (there is no end of
     * stream).
     *
     * @param n tuple size, at least 1
     * @return the new node
     */
    public final Stream<List<T>> partition(int n) {
        return new PartitionNode<>(this, n, null);
    }

    /**
     * Groups elements with equal keys into tuples of {@code n}, one buffer per key; tuples are emitted in
     * the order they complete.
     *
     * @param n tuple size, at least 1
     * @param key a {@code Function}, or an index or map key to pick
     * @return the new node
     */
    public final Stream<List<T>> partition(int n, Object key) {
        return new PartitionNode<>(this, n, requireNonNull(key, "partition: key"));
    }

    /**
     * {@link #partition(int, Object)} with a key function: {@code partition(2, x -> x % 2)}.
     *
     * @param n tuple size, at least 1
     * @param key computes each element's key
     * @return the new node
     */
    public final Stream<List<T>> partition(int n, Function<? super T, ?> key) {
        return new PartitionNode<>(this, n, requireNonNull(key, "partition: key"));
    }

    /**
     * Groups elements into tuples of {@code n} distinct keys. A repeated key replaces
     * ({@link Keep#LAST}) or is dropped ({@link Keep#FIRST}); dropped elements' refs are released.
     *
     * @param n number of distinct keys per tuple, at least 1
     * @param key a {@code Function}, an index or map key, or {@code null} for the element itself
     * @param keep which duplicate to keep
     * @return the new node
     */
    public final Stream<List<T>> partitionUnique(int n, Object key, Keep keep) {
        return new PartitionUniqueNode<>(this, n, key, requireNonNull(keep, "partitionUnique: keep"));
    }

    /**
     * {@link #partitionUnique(int, Object, Keep)} keyed by the element itself, without a null key.
     *
     * @param n number of distinct elements per tuple, at least 1
     * @param keep which duplicate to keep
     * @return the new node
     */
    public final Stream<List<T>> partitionUnique(int n, Keep keep) {
        return new PartitionUniqueNode<>(this, n, null, requireNonNull(keep, "partitionUnique: keep"));
    }

    /**
     * {@link #partitionUnique(int, Object, Keep)} with a key function.
     *
     * @param n number of distinct keys per tuple, at least 1
     * @param key computes each element's key; {@code null} for the element itself
     * @param keep which duplicate to keep
     * @return the new node
     */
    public final Stream<List<T>> partitionUnique(int n, Function<? super T, ?> key, Keep keep) {
        return new PartitionUniqueNode<>(this, n, key, requireNonNull(keep, "partitionUnique: keep"));
    }

    /**
     * Emits the last {@code n} elements as a tuple after each element, including the shorter windows at
     * the start.
     *
     * @param n window size, at least 1
     * @return the new node
     */
    public final Stream<List<T>> slidingWindow(int n) {
        return slidingWindow(n, true);
    }

    /**
     * Emits the last {@code n} elements as a tuple after each element.
     *
     * @param n window size, at least 1
     * @param returnPartial whether to emit the shorter windows at the start
     * @return the new node
     */
    public final Stream<List<T>> slidingWindow(int n, boolean returnPartial) {
        return new SlidingWindowNode<>(this, n, returnPartial);
    }

    /**
     * Holds every element until {@link CollectStream#flush()} emits them as one tuple: the Java name of
     * streamz's {@code collect()}, which in Java reads as a terminal collector.
     *
     * @return the new node
     */
    public final CollectStream<T> hold() {
        return collect();
    }

    /**
     * Buffers elements until {@link CollectStream#flush()} emits them as one tuple.
     *
     * @return the new node
     */
    public final CollectStream<T> collect() {
        return new CollectNode<>(this, 0);
    }

    /**
     * {@link #collect()} keeping only the newest {@code cacheSize} elements; the refs of dropped
     * elements are still released on flush.
     *
     * @param cacheSize how many elements to keep, at least 1
     * @return the new node
     */
    public final CollectStream<T> collect(int cacheSize) {
        if (cacheSize < 1) {
            throw new IllegalArgumentException("collect: cacheSize must be >= 1, got " + cacheSize);
        }
        return new CollectNode<>(this, cacheSize);
    }

    // ------------------------------------------------------------------------------------------------
    // Joins

    /**
     * Pairs elements of this stream and {@code others} positionally into tuples, one element from each
     * input, first in first out. A non-stream argument is a constant put at its position.
     *
     * @param others further streams or constants
     * @return the new node
     */
    public final Stream<List<Object>> zip(Object... others) {
        Object[] all = new Object[others.length + 1];
        all[0] = this;
        System.arraycopy(others, 0, all, 1, others.length);
        return new ZipNode(all);
    }

    /**
     * Zips streams and constants (streamz's {@code zip(a, 123, b)}).
     *
     * @param upstreamsOrConstants streams, or constants placed at their position; at least one stream
     * @return the new node
     */
    public static Stream<List<Object>> zipAll(Object... upstreamsOrConstants) {
        return new ZipNode(upstreamsOrConstants.clone());
    }

    /**
     * Emits a tuple of the latest value of each input whenever any input emits, once all have a value.
     *
     * @param others the other inputs, distinct
     * @return the new node
     */
    public final Stream<List<Object>> combineLatest(Stream<?>... others) {
        return new CombineLatestNode(prepend(this, others), null);
    }

    /**
     * {@link #combineLatest(Stream[])} that emits only when one of the {@code emitOn} inputs emits.
     *
     * @param emitOn the triggering inputs
     * @param others the other inputs, distinct
     * @return the new node
     */
    public final Stream<List<Object>> combineLatest(EmitOn emitOn, Stream<?>... others) {
        return new CombineLatestNode(prepend(this, others), requireNonNull(emitOn, "combineLatest: emitOn"));
    }

    /**
     * Like {@link #combineLatest(EmitOn, Stream[])} with this stream as the trigger, but lossless: every
     * element of this stream is emitted once the others all have a value, each paired with their latest.
     *
     * @param others the other inputs, distinct
     * @return the new node
     */
    public final Stream<List<Object>> zipLatest(Stream<?>... others) {
        return new ZipLatestNode(prepend(this, others));
    }

    /**
     * The typed {@link #zip(Object...)}: pairs elements of this stream and {@code other} positionally
     * (first in, first out) into {@link Tuple2}s. Named {@code zipWith}, not {@code zip}: a {@code zip}
     * overload taking one stream would win over {@code zip(Object...)} for every existing one-argument
     * call and change its result type.
     *
     * @param other the other input
     * @param <B> the other input's element type
     * @return the new node
     */
    public final <B> Stream<Tuple2<T, B>> zipWith(Stream<B> other) {
        return zipWith(other, Tuple2::new);
    }

    /**
     * Zips this stream with {@code other} and emits {@code f(x, y)} for each pair.
     *
     * @param other the other input
     * @param f combines a pair; may throw a checked exception
     * @param <B> the other input's element type
     * @param <R> result type
     * @return the new node
     */
    @SuppressWarnings("unchecked")
    public final <B, R> Stream<R> zipWith(Stream<B> other, ThrowingBiFunction<? super T, ? super B, ? extends R> f) {
        requireNonNull(other, "zipWith: other");
        requireNonNull(f, "zipWith: function");
        ZipNode z = new ZipNode(new Object[] {this, other});
        z.combineWith(items -> f.apply((T) items[0], (B) items[1]));
        return (Stream<R>) (Stream<?>) z;
    }

    /**
     * The typed three-way zip: emits a {@link Tuple3} of one element of each input, positionally.
     *
     * @param second the second other input
     * @param third the third input
     * @param <B> the second input's element type
     * @param <C> the third input's element type
     * @return the new node
     */
    @SuppressWarnings("unchecked")
    public final <B, C> Stream<Tuple3<T, B, C>> zipWith(Stream<B> second, Stream<C> third) {
        requireNonNull(second, "zipWith: second");
        requireNonNull(third, "zipWith: third");
        ZipNode z = new ZipNode(new Object[] {this, second, third});
        z.combineWith(items -> new Tuple3<>((T) items[0], (B) items[1], (C) items[2]));
        return (Stream<Tuple3<T, B, C>>) (Stream<?>) z;
    }

    /**
     * The typed {@link #combineLatest(Stream[])}: a {@link Tuple2} of the latest value of each input
     * whenever either emits, once both have one.
     *
     * @param other the other input
     * @param <B> the other input's element type
     * @return the new node
     */
    public final <B> Stream<Tuple2<T, B>> combineLatestWith(Stream<B> other) {
        return combineLatestWith(other, Tuple2::new);
    }

    /**
     * {@link #combineLatestWith(Stream)} emitting {@code f(latestOfThis, latestOfOther)}.
     *
     * @param other the other input
     * @param f combines the latest values; may throw a checked exception
     * @param <B> the other input's element type
     * @param <R> result type
     * @return the new node
     */
    @SuppressWarnings("unchecked")
    public final <B, R> Stream<R> combineLatestWith(Stream<B> other,
            ThrowingBiFunction<? super T, ? super B, ? extends R> f) {
        requireNonNull(other, "combineLatestWith: other");
        requireNonNull(f, "combineLatestWith: function");
        CombineLatestNode c = new CombineLatestNode(prepend(this, new Stream<?>[] {other}), null);
        c.combineWith(items -> f.apply((T) items[0], (B) items[1]));
        return (Stream<R>) (Stream<?>) c;
    }

    /**
     * The typed three-way {@link #combineLatest(Stream[])}.
     *
     * @param second the second input
     * @param third the third input
     * @param <B> the second input's element type
     * @param <C> the third input's element type
     * @return the new node
     */
    @SuppressWarnings("unchecked")
    public final <B, C> Stream<Tuple3<T, B, C>> combineLatestWith(Stream<B> second, Stream<C> third) {
        requireNonNull(second, "combineLatestWith: second");
        requireNonNull(third, "combineLatestWith: third");
        CombineLatestNode c = new CombineLatestNode(prepend(this, new Stream<?>[] {second, third}), null);
        c.combineWith(items -> new Tuple3<>((T) items[0], (B) items[1], (C) items[2]));
        return (Stream<Tuple3<T, B, C>>) (Stream<?>) c;
    }

    /**
     * The typed {@link #zipLatest(Stream[])}: every element of this stream, once {@code other} has a
     * value, paired with its latest value in a {@link Tuple2}.
     *
     * @param other the other input
     * @param <B> the other input's element type
     * @return the new node
     */
    public final <B> Stream<Tuple2<T, B>> zipLatestWith(Stream<B> other) {
        return zipLatestWith(other, Tuple2::new);
    }

    /**
     * {@link #zipLatestWith(Stream)} emitting {@code f(x, latestOfOther)}.
     *
     * @param other the other input
     * @param f combines; may throw a checked exception
     * @param <B> the other input's element type
     * @param <R> result type
     * @return the new node
     */
    @SuppressWarnings("unchecked")
    public final <B, R> Stream<R> zipLatestWith(Stream<B> other,
            ThrowingBiFunction<? super T, ? super B, ? extends R> f) {
        requireNonNull(other, "zipLatestWith: other");
        requireNonNull(f, "zipLatestWith: function");
        ZipLatestNode z = new ZipLatestNode(prepend(this, new Stream<?>[] {other}));
        z.combineWith(items -> f.apply((T) items[0], (B) items[1]));
        return (Stream<R>) (Stream<?>) z;
    }

    /**
     * The typed three-way {@link #zipLatest(Stream[])}.
     *
     * @param second the second input
     * @param third the third input
     * @param <B> the second input's element type
     * @param <C> the third input's element type
     * @return the new node
     */
    @SuppressWarnings("unchecked")
    public final <B, C> Stream<Tuple3<T, B, C>> zipLatestWith(Stream<B> second, Stream<C> third) {
        requireNonNull(second, "zipLatestWith: second");
        requireNonNull(third, "zipLatestWith: third");
        ZipLatestNode z = new ZipLatestNode(prepend(this, new Stream<?>[] {second, third}));
        z.combineWith(items -> new Tuple3<>((T) items[0], (B) items[1], (C) items[2]));
        return (Stream<Tuple3<T, B, C>>) (Stream<?>) z;
    }

    /**
     * Merges this stream and {@code others}: every element of every input, in arrival order.
     *
     * @param others further inputs
     * @return the new node
     */
    @SafeVarargs
    public final Stream<T> union(Stream<? extends T>... others) {
        // Element by element, not the array itself: the varargs array must not escape (heap pollution).
        Stream<?>[] all = new Stream<?>[others.length + 1];
        all[0] = this;
        for (int i = 0; i < others.length; i++) {
            all[i + 1] = others[i];
        }
        return new UnionNode<>(all);
    }

    /**
     * An asynchronous boundary: a pass-through when the graph runs directly; in a pipeline compiled by
     * {@code DisruptorRuntime.compile}, the nodes after it run on their own thread, fed by a ring buffer.
     *
     * @return the new node
     */
    public final Stream<T> async() {
        return new AsyncBoundaryNode<>(this, null);
    }

    /**
     * {@link #async()} whose segment thread, in a compiled pipeline, is named {@code threadName}.
     *
     * @param threadName the name of the thread that runs the nodes after this one
     * @return the new node
     */
    public final Stream<T> async(String threadName) {
        requireNonNull(threadName, "async: threadName");
        if (threadName.isBlank()) {
            throw new IllegalArgumentException("async: threadName must not be blank");
        }
        return new AsyncBoundaryNode<>(this, threadName);
    }

    // ------------------------------------------------------------------------------------------------
    // Sinks

    /**
     * Calls {@code consumer} with each element. Returns a {@link Sink} handle (no operators can be chained
     * after a sink; use {@link #tap} for a side effect mid-chain) so the sink can be destroyed or named.
     *
     * @param consumer the action
     * @return the sink handle
     */
    public final Sink<T> sink(Consumer<? super T> consumer) {
        return new Sink<>(new SinkNode<>(this, ThrowingConsumer.of(requireNonNull(consumer, "sink: consumer"))));
    }

    /**
     * {@link #sink(Consumer)} for an action that may throw a checked exception; a lambda or method
     * reference picks this overload.
     *
     * @param consumer the action
     * @return the sink handle
     */
    public final Sink<T> sink(ThrowingConsumer<? super T> consumer) {
        return new Sink<>(new SinkNode<>(this, requireNonNull(consumer, "sink: consumer")));
    }

    /**
     * Calls {@code consumer} with each element and its metadata (a list of maps, never {@code null}).
     *
     * @param consumer the action
     * @return the sink handle
     */
    public final Sink<T> sinkWithMetadata(BiConsumer<? super T, List<Map<String, Object>>> consumer) {
        return new Sink<>(new SinkNode<>(this, requireNonNull(consumer, "sinkWithMetadata: consumer"), "sink"));
    }

    /**
     * Appends every element to a new list and returns the list (not thread-safe to read while another
     * thread emits).
     *
     * @return the live list
     */
    public final List<T> sinkToList() {
        List<T> list = new ArrayList<>();
        new SinkNode<T>(this, list::add).named("sink_to_list");
        return list;
    }

    // ------------------------------------------------------------------------------------------------
    // Time, asynchrony and back pressure. Each of these attaches the graph's scheduler when built (the
    // default event loop unless withScheduler chose one); see Scheduler and emitAsync.

    /**
     * Accepts up to {@code n} elements ahead of a slow downstream and passes them on from the scheduler,
     * one at a time, each once the previous one was accepted. The element being passed on does not count
     * towards {@code n} (streamz's F15); beyond that the emitter waits for a place. Refs are held until the
     * element's own emission downstream has completed. In a compiled pipeline a buffer is a segment
     * boundary.
     *
     * @param n how many elements may wait, at least 1
     * @return the new node
     */
    public final Stream<T> buffer(int n) {
        return new BufferNode<>(this, n);
    }

    /**
     * Delays every element by {@code interval}: each leaves at least that long after it arrived, in order
     * (a deliberate difference, F10 in docs/conformance.md: streamz only spaces elements apart). The emitter never waits.
     *
     * @param interval the delay, positive
     * @return the new node
     */
    public final Stream<T> delay(Duration interval) {
        return new DelayNode<>(this, Durations.positive(interval, "delay: interval"));
    }

    /**
     * {@link #delay(Duration)} with a duration string such as {@code "500ms"}, {@code "2s"}, {@code "1m"}.
     *
     * @param interval the delay
     * @return the new node
     */
    public final Stream<T> delay(String interval) {
        return delay(Durations.parse(interval, "delay: interval"));
    }

    /**
     * Passes elements on at most once per {@code interval}, in order. The first one (and the first after
     * a pause) passes at once; the emitters of later ones wait for their turn.
     *
     * @param interval the minimum time between two elements, positive
     * @return the new node
     */
    public final Stream<T> rateLimit(Duration interval) {
        return new RateLimitNode<>(this, Durations.positive(interval, "rateLimit: interval"));
    }

    /**
     * {@link #rateLimit(Duration)} with a duration string such as {@code "100ms"}.
     *
     * @param interval the minimum time between two elements
     * @return the new node
     */
    public final Stream<T> rateLimit(String interval) {
        return rateLimit(Durations.parse(interval, "rateLimit: interval"));
    }

    /**
     * Emits, every {@code interval}, the list of elements that arrived since the previous window; empty
     * windows too, the first one at once. The next window is timed from the previous one's acceptance,
     * and emitters wait while a window waits for a slow downstream.
     *
     * @param interval the window length, positive
     * @return the new node
     */
    public final Stream<List<T>> timedWindow(Duration interval) {
        return new TimedWindowNode<>(this, Durations.positive(interval, "timedWindow: interval"));
    }

    /**
     * {@link #timedWindow(Duration)} with a duration string such as {@code "1s"}.
     *
     * @param interval the window length
     * @return the new node
     */
    public final Stream<List<T>> timedWindow(String interval) {
        return timedWindow(Durations.parse(interval, "timedWindow: interval"));
    }

    /**
     * Like {@link #timedWindow(Duration)}, keeping one element per key in each window (a tuple): the first
     * one seen, or the last one, which moves to the end. Dropped duplicates' refs are released at once.
     *
     * @param interval the window length, positive
     * @param key {@code null} for the element itself, a map key or index (picked as by {@link #pluck}), or
     *     a {@code Function}
     * @param keep which duplicate to keep
     * @return the new node
     */
    public final Stream<List<T>> timedWindowUnique(Duration interval, Object key, Keep keep) {
        Durations.positive(interval, "timedWindowUnique: interval");
        requireNonNull(keep, "timedWindowUnique: keep");
        return new TimedWindowUniqueNode<>(this, interval, key, keep);
    }

    /**
     * {@link #timedWindowUnique(Duration, Object, Keep)} keyed by the element itself, without a null key.
     *
     * @param interval the window length, positive
     * @param keep which duplicate to keep
     * @return the new node
     */
    public final Stream<List<T>> timedWindowUnique(Duration interval, Keep keep) {
        return timedWindowUnique(interval, (Object) null, keep);
    }

    /**
     * {@link #timedWindowUnique(Duration, Object, Keep)} with a key function.
     *
     * @param interval the window length, positive
     * @param key computes each element's key; {@code null} for the element itself
     * @param keep which duplicate to keep
     * @return the new node
     */
    public final Stream<List<T>> timedWindowUnique(Duration interval, Function<? super T, ?> key, Keep keep) {
        // No null check: a literal null key (the documented "element itself") resolves to this overload,
        // as the more specific one, so rejecting null here made timedWindowUnique(d, null, keep) throw.
        return timedWindowUnique(interval, (Object) key, keep);
    }

    /**
     * {@link #timedWindowUnique(Duration, Object, Keep)} with a duration string.
     *
     * @param interval the window length, such as {@code "50ms"}
     * @param key as for the {@code Duration} form
     * @param keep which duplicate to keep
     * @return the new node
     */
    public final Stream<List<T>> timedWindowUnique(String interval, Object key, Keep keep) {
        return timedWindowUnique(Durations.parse(interval, "timedWindowUnique: interval"), key, keep);
    }

    /**
     * {@link #partition(int)} that also emits a partial partition {@code timeout} after its first element
     * arrived. The timer is not reset by later elements; a partition that fills up cancels it.
     *
     * @param n the partition size, at least 1 (no timer is used when it is 1)
     * @param timeout how long a partition may stay open, positive
     * @return the new node
     */
    public final Stream<List<T>> partition(int n, Duration timeout) {
        return new TimedPartitionNode<>(this, n, Durations.positive(timeout, "partition: timeout"), null);
    }

    /**
     * {@link #partition(int, Object)} with a timeout per key's open partition.
     *
     * @param n the partition size, at least 1
     * @param timeout how long a partition may stay open, positive
     * @param key a map key or index picked from each element, or a {@code Function}
     * @return the new node
     */
    public final Stream<List<T>> partition(int n, Duration timeout, Object key) {
        requireNonNull(key, "partition: key");
        return new TimedPartitionNode<>(this, n, Durations.positive(timeout, "partition: timeout"), key);
    }

    /**
     * {@link #partition(int, Duration, Object)} with a key function.
     *
     * @param n the partition size, at least 1
     * @param timeout how long a partition may stay open, positive
     * @param key computes each element's key
     * @return the new node
     */
    public final Stream<List<T>> partition(int n, Duration timeout, Function<? super T, ?> key) {
        return partition(n, timeout, (Object) requireNonNull(key, "partition: key"));
    }

    /**
     * Passes on the most recent element whenever the downstream is free, dropping elements superseded
     * while it was busy. The emitter never waits, and the last element is always passed on.
     *
     * @return the new node
     */
    public final Stream<T> latest() {
        return new LatestNode<>(this);
    }

    /**
     * {@link #mapAsync(Function, int, boolean)} with one call at a time, reporting failures.
     *
     * @param f starts the work for an element and returns its result's stage
     * @param <R> result type
     * @return the new node
     */
    public final <R> Stream<R> mapAsync(Function<? super T, ? extends CompletionStage<? extends R>> f) {
        return mapAsync(f, 1, false);
    }

    /**
     * {@link #mapAsync(Function, int, boolean)} reporting failures and carrying on.
     *
     * @param f starts the work for an element and returns its result's stage
     * @param parallelism how many calls may run at once, at least 1
     * @param <R> result type
     * @return the new node
     */
    public final <R> Stream<R> mapAsync(Function<? super T, ? extends CompletionStage<? extends R>> f,
                                        int parallelism) {
        return mapAsync(f, parallelism, false);
    }

    /**
     * Applies an asynchronous function, up to {@code parallelism} calls at once, emitting results in input
     * order. While {@code parallelism} calls run, emitters wait. A failed call is reported (naming this
     * node), its element dropped and its refs released.
     *
     * @param f starts the work for an element and returns its result's stage; called on the scheduler
     * @param parallelism how many calls may run at once, at least 1
     * @param stopOnException also stop the sources upstream after a failure (restart them to resume)
     * @param <R> result type
     * @return the new node
     */
    public final <R> Stream<R> mapAsync(Function<? super T, ? extends CompletionStage<? extends R>> f,
                                        int parallelism, boolean stopOnException) {
        return new MapAsyncNode<T, R>(this, requireNonNull(f, "mapAsync: function"), parallelism, stopOnException);
    }

    /**
     * A sink whose function starts asynchronous work (a write, a request) and returns its stage. The
     * element counts as accepted when the stage completes, so emitters wait for the work; its refs are
     * held until then. A stage that fails is reported to the scheduler's error handler.
     *
     * @param f starts the work for an element
     * @return the new node
     */
    public final Sink<T> sinkAsync(Function<? super T, ? extends CompletionStage<?>> f) {
        return new Sink<>(new AsyncSinkNode<>(this, requireNonNull(f, "sinkAsync: function")));
    }

    /**
     * {@link #sinkAsync(Function)} with up to {@code parallelism} calls running at once: the emitter goes
     * on while fewer are in flight and waits for a completion when all are taken. Each element's refs are
     * held until its own call completes; completions may come in any order.
     *
     * @param f starts the work for an element
     * @param parallelism how many calls may run at once, at least 1 (1 is {@link #sinkAsync(Function)})
     * @return the sink handle
     */
    public final Sink<T> sinkAsync(Function<? super T, ? extends CompletionStage<?>> f, int parallelism) {
        return new Sink<>(new AsyncSinkNode<>(this, requireNonNull(f, "sinkAsync: function"), parallelism));
    }

    /**
     * {@link #zip(Object...)} with streamz's {@code maxsize}: in a graph with a scheduler, an emitter whose
     * input already holds more than {@code maxsize} elements waits until the next tuple is emitted (the
     * element itself is kept). {@code zip} uses 10. A graph without a scheduler never waits.
     *
     * @param maxsize elements per input before emitters wait, at least 1
     * @param others further upstream streams, or constants to put in every tuple
     * @return the new node
     */
    public final Stream<List<Object>> zipBounded(int maxsize, Object... others) {
        requireNonNull(others, "zipBounded: others");
        Args.atLeastOne(maxsize, "zipBounded: maxsize"); // named for this method, not zip's
        Object[] all = new Object[others.length + 1];
        all[0] = this;
        System.arraycopy(others, 0, all, 1, others.length);
        return new ZipNode(all, maxsize);
    }

    // ------------------------------------------------------------------------------------------------
    // Batches, extension points, plugins

    /**
     * Views this stream, whose elements are lists, as a stream of batches with per-item operations.
     *
     * @param <E> item type
     * @return the batch view
     */
    @SuppressWarnings("unchecked")
    public final <E> Batch<E> toBatch() {
        return new Batch<>((Stream<List<E>>) (Stream<?>) this);
    }

    /**
     * Applies a user-defined operator: {@code stream.through(MyNode::new)}. The extension point for
     * custom nodes (subclasses of {@code Stream}) and reusable pipeline fragments.
     *
     * @param fragment builds something from this stream
     * @param <R> what it builds
     * @return what {@code fragment} returned
     */
    public final <R> R through(Function<? super Stream<T>, ? extends R> fragment) {
        return requireNonNull(fragment, "through: fragment").apply(this);
    }

    /**
     * Attaches a named operator or sink contributed by a {@link dev.streamz.spi.StreamPlugin}.
     *
     * @param name the plugin's name
     * @param args its arguments
     * @param <R> element type of the node it builds
     * @return the new node
     * @throws IllegalArgumentException if no such plugin exists (the message lists those that do), or it
     *     is a source
     */
    @SuppressWarnings("unchecked")
    public final <R> Stream<R> plugin(String name, Object... args) {
        return (Stream<R>) PluginRegistry.instance().create(this, name, args);
    }

    /**
     * Creates a source contributed by a {@link dev.streamz.spi.StreamPlugin}.
     *
     * @param name the plugin's name
     * @param args its arguments
     * @param <R> element type
     * @return the new source
     */
    @SuppressWarnings("unchecked")
    public static <R> Stream<R> fromPlugin(String name, Object... args) {
        return (Stream<R>) PluginRegistry.instance().create(null, name, args);
    }

    /** {@return the names of the plugins found on the class path or module path} */
    public static List<String> pluginNames() {
        return PluginRegistry.instance().names();
    }

    // ------------------------------------------------------------------------------------------------
    // Sources and file sinks (factories only validate and build; the nodes live in internal.sources)

    /**
     * A source that emits the elements of {@code iterable} one at a time (streamz's {@code from_iterable},
     * I02-I04). It runs on the graph's scheduler, pulls the next element only after the graph accepted
     * the previous one (F21), and stops itself when the elements run out. Each {@link Source#start()}
     * iterates {@code iterable} again from its beginning; use {@link #fromIterator(Iterator)} for a
     * one-shot sequence that continues where it stopped.
     *
     * @param iterable the elements; iterated on the scheduler's thread
     * @param <T> element type
     * @return a stopped source
     * @throws NullPointerException if {@code iterable} is null
     */
    public static <T> Source<T> fromIterable(Iterable<? extends T> iterable) {
        return Sources.fromIterable(iterable);
    }

    /**
     * A source over a one-shot iterator: like {@link #fromIterable(Iterable)}, but a restart continues
     * with the next element of the same iterator (I04, F26).
     *
     * @param iterator the elements; consumed on the scheduler's thread
     * @param <T> element type
     * @return a stopped source
     * @throws NullPointerException if {@code iterator} is null
     */
    public static <T> Source<T> fromIterator(Iterator<? extends T> iterator) {
        return Sources.fromIterator(iterator);
    }

    /**
     * {@link #fromPeriodic(Supplier, Duration)} every 100 ms.
     *
     * @param callback produces each element
     * @param <T> element type
     * @return a stopped source
     */
    public static <T> Source<T> fromPeriodic(Supplier<? extends T> callback) {
        return fromPeriodic(callback, SourceArgs.DEFAULT_POLL);
    }

    /**
     * A source that calls {@code callback}, emits its result, waits until the graph accepted it, then
     * waits {@code interval}, and again (streamz's {@code from_periodic}, I05). The first call happens at
     * start. Runs on the graph's scheduler; a callback that throws is reported to the scheduler's error
     * handler and called again after the interval.
     *
     * @param callback produces each element, on the scheduler's thread
     * @param interval the wait after each element; positive
     * @param <T> element type
     * @return a stopped source
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the interval is not positive
     */
    public static <T> Source<T> fromPeriodic(Supplier<? extends T> callback,
                                             Duration interval) {
        return Sources.fromPeriodic(callback, interval);
    }

    /**
     * {@link #fromPeriodic(Supplier, Duration)} with the interval as text,
     * e.g. {@code "500ms"}, {@code "2s"}.
     *
     * @param callback produces each element
     * @param interval the wait after each element, such as {@code "100ms"}
     * @param <T> element type
     * @return a stopped source
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the interval is malformed or not positive
     */
    public static <T> Source<T> fromPeriodic(Supplier<? extends T> callback, String interval) {
        return Sources.fromPeriodic(callback, interval);
    }

    /**
     * {@link #fromTextFile(Path, Duration, String, boolean)} with lines ended by {@code "\n"},
     * polled every 100 ms, from the beginning of the file.
     *
     * @param path the file
     * @return a stopped source of lines, each including its {@code "\n"}
     */
    public static Source<String> fromTextFile(Path path) {
        return fromTextFile(path, SourceArgs.DEFAULT_POLL, "\n", false);
    }

    /**
     * A source that tails a UTF-8 text file and emits it line by line (streamz's {@code from_textfile},
     * I06-I08). Each line <em>includes</em> its delimiter; a trailing partial line waits until its
     * delimiter is written. Each poll reads the bytes appended since the last one; when nothing new is
     * there the source polls again after {@code pollInterval}. Lines are emitted one at a time, each
     * after the previous one was accepted. Runs on the graph's scheduler.
     *
     * <p>It follows the path like {@code tail -F}: when the path names a new file (rotation), the old one
     * is read to its end before the new one is read from its beginning; when the file shrinks or is
     * rewritten, reading starts again at its beginning. Lines longer than 1 MiB are reported to the error
     * handler and skipped ({@link #fromTextFile(Path, Duration, String, boolean, int)} sets the limit).
     *
     * <p>The file must exist when the source starts: {@link Source#start()} throws a
     * {@link StreamException} otherwise. If the path stays missing for ten poll intervals or the file
     * cannot be read, the error is reported to the scheduler's error handler and the source stops in its
     * {@linkplain Source#failure() failed state}. A restart continues from where the source stopped.
     *
     * @param path the file
     * @param pollInterval the wait when nothing new was read; positive
     * @param delimiter ends each line; not empty
     * @param fromEnd skip the content the file has when the source first starts
     * @return a stopped source of lines
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the interval is not positive or the delimiter empty
     */
    public static Source<String> fromTextFile(Path path, Duration pollInterval, String delimiter,
                                              boolean fromEnd) {
        return Sources.fromTextFile(path, pollInterval, delimiter, fromEnd);
    }

    /**
     * {@link #fromTextFile(Path, Duration, String, boolean)} with a limit on the length of a line: a longer
     * line is reported to the error handler (with the file and offset) and skipped, the following lines
     * are kept, and the source holds at most about {@code maxLineBytes} plus 64 KiB of the file in memory.
     *
     * @param path the file
     * @param pollInterval the wait when nothing new was read; positive
     * @param delimiter ends each line; not empty
     * @param fromEnd skip the content the file has when the source first starts
     * @param maxLineBytes the longest line emitted, delimiter included (UTF-8 bytes); positive
     * @return a stopped source of lines
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the interval or the limit is not positive or the delimiter empty
     */
    public static Source<String> fromTextFile(Path path, Duration pollInterval, String delimiter,
                                              boolean fromEnd, int maxLineBytes) {
        return Sources.fromTextFile(path, pollInterval, delimiter, fromEnd, maxLineBytes);
    }

    /**
     * {@link #fromTextFile(Path, Duration, String, boolean)} with the poll interval as text,
     * e.g. {@code "10ms"}.
     *
     * @param path the file
     * @param pollInterval the wait when nothing new was read, such as {@code "100ms"}
     * @param delimiter ends each line; not empty
     * @param fromEnd skip the content the file has when the source first starts
     * @return a stopped source of lines
     * @throws NullPointerException for a null argument
     * @throws IllegalArgumentException for a malformed or non-positive interval or an empty delimiter
     */
    public static Source<String> fromTextFile(Path path, String pollInterval, String delimiter, boolean fromEnd) {
        return Sources.fromTextFile(path, pollInterval, delimiter, fromEnd);
    }

    /**
     * {@link #filenames(String, Duration)} polled every 100 ms.
     *
     * @param globOrDir a glob or a directory
     * @return a stopped source of path names
     */
    public static Source<String> filenames(String globOrDir) {
        return filenames(globOrDir, SourceArgs.DEFAULT_POLL);
    }

    /**
     * A source that polls a glob and emits the name of each matching path once, as a string (streamz's
     * {@code filenames}, I09). A directory {@code d} means {@code d/*}; a glob uses
     * {@link java.nio.file.FileSystem#getPathMatcher(String) glob syntax} and may have wildcards in any
     * part. The names new in one poll are emitted sorted, one at a time with back pressure; names already
     * emitted are never emitted again, also after a restart. Runs on the graph's scheduler.
     *
     * @param globOrDir a glob such as {@code "logs/*.txt"}, or a directory
     * @param pollInterval the wait between polls that found nothing new; positive
     * @return a stopped source of path names
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the glob is empty or malformed or the interval not positive
     */
    public static Source<String> filenames(String globOrDir, Duration pollInterval) {
        return Sources.filenames(globOrDir, pollInterval);
    }

    /**
     * {@link #filenames(String, Duration)} with the poll interval as text, e.g. {@code "1s"}.
     *
     * @param globOrDir a glob or a directory
     * @param pollInterval the wait between polls, such as {@code "100ms"}
     * @return a stopped source of path names
     * @throws IllegalArgumentException as for the {@code Duration} form, or for a malformed interval
     */
    public static Source<String> filenames(String globOrDir, String pollInterval) {
        return Sources.filenames(globOrDir, pollInterval);
    }

    /**
     * {@link #fromProcess(List, boolean, boolean)} without standard error and without the final
     * partial line.
     *
     * @param command the program and its arguments
     * @return a stopped source of output lines
     */
    public static Source<byte[]> fromProcess(List<String> command) {
        return fromProcess(command, false, false);
    }

    /**
     * A source that runs {@code command} at start and emits its standard output line by line (streamz's
     * {@code from_process}, I13). Each line is a {@code byte[]} including its {@code '\n'}.
     *
     * <p>A daemon thread of the source reads the output and waits until the graph accepted each line
     * before it reads on. When the process ends the source stops itself; an exit code other than 0 is
     * reported to the scheduler's error handler, naming the code. {@link Source#stop()} destroys the
     * process and its descendants (forcibly after 2 s); a restart runs the command again.
     *
     * @param command the program and its arguments
     * @param withStderr merge standard error into the output; otherwise it goes to this JVM's standard
     *     error
     * @param withEnd also emit a final line that has no {@code '\n'}
     * @return a stopped source; {@link Source#start()} throws a {@link StreamException} if the command
     *     cannot be started
     * @throws NullPointerException if the command is null or holds a null
     * @throws IllegalArgumentException if the command is empty
     */
    public static Source<byte[]> fromProcess(List<String> command, boolean withStderr, boolean withEnd) {
        return Sources.fromProcess(command, withStderr, withEnd);
    }

    /**
     * {@link #fromProcess(List, boolean, boolean)} with a cap on the length of a line. A line longer than
     * {@code maxLineBytes} (newline included) is reported to the scheduler's error handler with its line
     * number and skipped up to its newline; the lines after it are kept, and the source buffers at most
     * about {@code maxLineBytes} plus 8 KiB of output. The other overloads cap lines at 1 MiB.
     *
     * @param command the program and its arguments
     * @param withStderr merge standard error into the output
     * @param withEnd also emit a final line that has no {@code '\n'}
     * @param maxLineBytes the longest line emitted, newline included; positive
     * @return a stopped source of output lines
     * @throws NullPointerException if the command is null or holds a null
     * @throws IllegalArgumentException if the command is empty or {@code maxLineBytes} is not positive
     */
    public static Source<byte[]> fromProcess(List<String> command, boolean withStderr, boolean withEnd,
                                             int maxLineBytes) {
        return Sources.fromProcess(command, withStderr, withEnd, maxLineBytes);
    }

    /**
     * {@link #fromProcess(String, boolean, boolean)} without standard error and without the final
     * partial line.
     *
     * @param commandLine the command line, split into words as by a shell (no expansion)
     * @return a stopped source of output lines
     */
    public static Source<byte[]> fromProcess(String commandLine) {
        return fromProcess(commandLine, false, false);
    }

    /**
     * {@link #fromProcess(List, boolean, boolean)} with the command as one line, split on whitespace;
     * single quotes keep their content literally, double quotes group words ({@code \"} and {@code \\}
     * escaped inside), and a backslash outside quotes escapes the next character. No shell runs: no
     * variables, globs or pipes (use {@code List.of("/bin/sh", "-c", "...")} for those).
     *
     * @param commandLine the command line
     * @param withStderr merge standard error into the output
     * @param withEnd also emit a final line that has no {@code '\n'}
     * @return a stopped source of output lines
     * @throws NullPointerException if the line is null
     * @throws IllegalArgumentException if the line has no word or an unterminated quote
     */
    public static Source<byte[]> fromProcess(String commandLine, boolean withStderr, boolean withEnd) {
        return Sources.fromProcess(commandLine, withStderr, withEnd);
    }

    /**
     * {@link #fromTcp(int, byte)} with frames ended by {@code '\n'}.
     *
     * @param port the port, 0 for any free one
     * @return a stopped server source
     */
    public static ServerSource<byte[]> fromTcp(int port) {
        return fromTcp(port, (byte) '\n');
    }

    /**
     * {@link #fromTcp(int, byte, String, int)} on {@code 127.0.0.1} with frames of at most 1 MiB.
     *
     * @param port the port, 0 for any free one
     * @param delimiter ends each frame
     * @return a stopped server source
     * @throws IllegalArgumentException if the port is out of range
     */
    public static ServerSource<byte[]> fromTcp(int port, byte delimiter) {
        return fromTcp(port, delimiter, SourceArgs.DEFAULT_BIND,
                SourceArgs.DEFAULT_MAX_BYTES);
    }

    /**
     * A TCP server source (streamz's {@code from_tcp}, I10-I11): it listens when started, accepts any
     * number of concurrent connections, splits what each sends on {@code delimiter}, and emits each frame
     * as a {@code byte[]} that includes the delimiter. Each connection is read by a virtual thread that
     * waits until the graph accepted a frame before reading on (back pressure per connection).
     *
     * <p>A frame longer than {@code maxFrameBytes} (delimiter included) is reported to the scheduler's
     * error handler and its connection closed; the server and the other connections go on. A partial
     * frame left by a client that disconnects is dropped. {@link Source#stop()} closes the listening
     * socket and every connection; {@link Source#start()} throws a {@link StreamException} if the port
     * cannot be bound.
     *
     * @param port the port, 0 for any free one (see {@link ServerSource#boundPort()})
     * @param delimiter ends each frame
     * @param bindAddress the address to listen on, e.g. {@code "127.0.0.1"} or {@code "0.0.0.0"}
     * @param maxFrameBytes the longest frame accepted; positive
     * @return a stopped server source
     * @throws NullPointerException if the address is null
     * @throws IllegalArgumentException for a port out of range, an unknown address, or a non-positive
     *     maximum
     */
    public static ServerSource<byte[]> fromTcp(int port, byte delimiter, String bindAddress, int maxFrameBytes) {
        return Sources.fromTcp(port, delimiter, bindAddress, maxFrameBytes);
    }

    /**
     * {@link #fromTcp(int, byte, String, int)} with every limit of the server set: connections, frame size,
     * bytes buffered across connections, idle timeout ({@link ServerLimits}, whose defaults the other
     * overloads use). A limit hit is reported to the scheduler's error handler with the peer's address and
     * the limit, and closes only that connection.
     *
     * @param port the port, 0 for any free one (see {@link ServerSource#boundPort()})
     * @param delimiter ends each frame
     * @param bindAddress the address to listen on
     * @param limits the limits; {@link ServerLimits#maxMessageBytes()} is the longest frame
     * @return a stopped server source
     * @throws NullPointerException if the address or the limits are null
     * @throws IllegalArgumentException for a port out of range or an unknown address
     */
    public static ServerSource<byte[]> fromTcp(int port, byte delimiter, String bindAddress, ServerLimits limits) {
        return Sources.fromTcp(port, delimiter, bindAddress, limits);
    }

    /**
     * {@link #fromHttpServer(int, String, String, int)} on {@code 127.0.0.1} with bodies of at most 1 MiB.
     *
     * @param port the port, 0 for any free one
     * @param pathRegex the paths served, e.g. {@code "/.*"}
     * @return a stopped server source
     * @throws IllegalArgumentException if the port is out of range or the regex malformed
     */
    public static ServerSource<byte[]> fromHttpServer(int port, String pathRegex) {
        return fromHttpServer(port, pathRegex, SourceArgs.DEFAULT_BIND,
                SourceArgs.DEFAULT_MAX_BYTES);
    }

    /**
     * An HTTP/1.1 server source (streamz's {@code from_http_server}, I12): it
     * emits the body of each POST whose path matches {@code pathRegex} (the whole path) as a
     * {@code byte[]}, and answers 200 only after the graph accepted it (back pressure reaches the
     * client). Other answers: 404 for a path that does not match, 405 for a method other than POST, 413
     * for a body over {@code maxBodyBytes} (also reported to the scheduler's error handler), 500 when a
     * function downstream failed on the element (also reported); 414, 431, 408 and 503 when a limit of
     * {@link ServerLimits#defaults()} is hit (also reported). Connections are served on virtual
     * threads. {@link Source#stop()} closes the server; {@link Source#start()} throws a
     * {@link StreamException} if the port cannot be bound.
     *
     * @param port the port, 0 for any free one (see {@link ServerSource#boundPort()})
     * @param pathRegex the paths served
     * @param bindAddress the address to listen on
     * @param maxBodyBytes the largest body accepted; positive
     * @return a stopped server source
     * @throws NullPointerException if the regex or the address is null
     * @throws IllegalArgumentException for a port out of range, a malformed regex, an unknown address,
     *     or a non-positive maximum
     */
    public static ServerSource<byte[]> fromHttpServer(int port, String pathRegex, String bindAddress,
                                                      int maxBodyBytes) {
        return Sources.fromHttpServer(port, pathRegex, bindAddress, maxBodyBytes);
    }

    /**
     * {@link #fromHttpServer(int, String, String, int)} with every limit of the server set: connections,
     * body size, bytes buffered across requests, idle timeout, request head and target size
     * ({@link ServerLimits}, whose defaults the other overloads use). Limits are answered 413, 414, 431,
     * 408 or 503 and reported to the scheduler's error handler with the peer's address and the limit.
     *
     * @param port the port, 0 for any free one (see {@link ServerSource#boundPort()})
     * @param pathRegex the paths served
     * @param bindAddress the address to listen on
     * @param limits the limits; {@link ServerLimits#maxMessageBytes()} is the largest body
     * @return a stopped server source
     * @throws NullPointerException if the regex, the address or the limits are null
     * @throws IllegalArgumentException for a port out of range, a malformed regex or an unknown address
     */
    public static ServerSource<byte[]> fromHttpServer(int port, String pathRegex, String bindAddress,
                                                      ServerLimits limits) {
        return Sources.fromHttpServer(port, pathRegex, bindAddress, limits);
    }

    /**
     * {@link #fromQueue(BlockingQueue, Duration)} polled every 10 ms.
     *
     * @param queue filled by other threads
     * @param <T> element type
     * @return a stopped source
     */
    public static <T> Source<T> fromQueue(BlockingQueue<? extends T> queue) {
        return fromQueue(queue, SourceArgs.DEFAULT_QUEUE_POLL);
    }

    /**
     * A source that takes the elements of a thread-safe queue in FIFO order (streamz's {@code from_q},
     * I17). It runs on the graph's scheduler and never blocks it: it takes with {@code poll()}, emits,
     * waits until the graph accepted the element, and when the queue is empty looks again after
     * {@code pollInterval}.
     *
     * @param queue filled by other threads
     * @param pollInterval the wait when the queue is empty; positive
     * @param <T> element type
     * @return a stopped source
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the interval is not positive
     */
    public static <T> Source<T> fromQueue(BlockingQueue<? extends T> queue,
                                          Duration pollInterval) {
        return Sources.fromQueue(queue, pollInterval);
    }

    /**
     * {@link #fromQueue(BlockingQueue, Duration)} with the poll interval
     * as text, e.g. {@code "10ms"}.
     *
     * @param queue filled by other threads
     * @param pollInterval the wait when the queue is empty, such as {@code "10ms"}
     * @param <T> element type
     * @return a stopped source
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the interval is malformed or not positive
     */
    public static <T> Source<T> fromQueue(BlockingQueue<? extends T> queue, String pollInterval) {
        return Sources.fromQueue(queue, pollInterval);
    }

    /**
     * A source fed by a Reactive Streams publisher ({@link java.util.concurrent.Flow.Publisher}: Reactor's
     * {@code JdkFlowAdapter}, RxJava's {@code FlowAdapters}, the JDK's HTTP client bodies). Each
     * {@link Source#start()} subscribes; the subscriber requests {@link SubscriberOptions#prefetch()} elements,
     * emits them one at a time on the graph's scheduler, and requests more in batches as the graph
     * <em>accepts</em> them, so a slow pipeline slows the publisher. {@link Source#stop()} cancels the
     * subscription. {@code onComplete} ends the source (a {@link #toPublisher(PublisherOptions)} downstream
     * completes); {@code onError} ends it too and is reported to the scheduler's error handler, naming this
     * node. See docs/interop.md.
     *
     * @param publisher the upstream publisher
     * @param options prefetch and low-water mark ({@link SubscriberOptions#defaults()})
     * @param <T> element type
     * @return a stopped source
     * @throws NullPointerException if an argument is null
     */
    public static <T> Source<T> fromPublisher(java.util.concurrent.Flow.Publisher<? extends T> publisher,
                                              SubscriberOptions options) {
        return Sources.fromPublisher(publisher, options);
    }

    /**
     * Publishes this node's elements as a Reactive Streams {@link java.util.concurrent.Flow.Publisher}, with
     * any number of subscribers, each with its own demand and a queue of {@link PublisherOptions#bufferSize()}
     * elements. A subscriber without demand holds the graph back ({@link PublisherOptions.Overflow#BACK_PRESSURE},
     * the default) or loses elements by the drop policy chosen. Elements emitted while nobody is subscribed
     * wait for the next subscriber, under the same policy. The metadata refs of an element are released when
     * the subscriber's {@code onNext} returns. Subscribers complete when every source upstream has ended
     * (with {@code onError} if a {@link #fromPublisher} source ended with one). See docs/interop.md.
     *
     * @param options buffer size and overflow policy ({@link PublisherOptions#defaults()})
     * @return the publisher; the graph gets a scheduler (the default event loop if it has none)
     * @throws NullPointerException if {@code options} is null
     */
    public final java.util.concurrent.Flow.Publisher<T> toPublisher(PublisherOptions options) {
        return new dev.streamz.internal.operators.PublisherNode<>(this, options);
    }

    /**
     * {@link #sinkToTextFile(Path, String, boolean)} appending, with each element followed by
     * {@code "\n"} (streamz's defaults).
     *
     * @param path the file, created if missing
     * @return the sink handle; {@link Sink#destroy()} closes the file
     */
    public final Sink<T> sinkToTextFile(Path path) {
        return sinkToTextFile(path, "\n", true);
    }

    /**
     * Writes each element as {@code String.valueOf(x) + end} to a UTF-8 text file (streamz's
     * {@code sink_to_textfile}, B21/B22), flushing after each element. The file is opened now, for
     * appending or truncated; {@link #destroy()} on the returned sink flushes and closes it, after which
     * an element emitted into the sink directly is an error. Writes run on the emitting thread.
     *
     * @param path the file, created if missing
     * @param end written after each element, e.g. {@code "\n"}
     * @param append append to an existing file ({@code true}) or truncate it
     * @return the sink node
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the file cannot be opened for writing
     */
    public final Sink<T> sinkToTextFile(Path path, String end, boolean append) {
        return new Sink<>(Sources.sinkToTextFile(this, path, end, append));
    }

    // ------------------------------------------------------------------------------------------------
    // Scheduling and asynchronous acceptance

    /**
     * Runs the graph on {@code s} (a {@link VirtualScheduler} in tests, a private loop, a user's executor).
     * Call it before building time-based nodes or starting sources; it applies to every node connected to
     * this one, now and later.
     *
     * @param s the scheduler
     * @return this node
     * @throws IllegalStateException if the graph already runs on another scheduler
     */
    public final Stream<T> withScheduler(Scheduler s) {
        requireNonNull(s, "withScheduler: scheduler");
        spreadScheduler(this, s);
        return this;
    }

    /** {@return the graph's scheduler, or empty while the graph has no time-based node or source} */
    public final Optional<Scheduler> scheduler() {
        return Optional.ofNullable(scheduler);
    }

    /**
     * Returns the graph's scheduler, attaching the {@linkplain Schedulers#defaultScheduler() default event
     * loop} to the whole graph if it has none yet. Time-based nodes call it when they are built, sources
     * when they start.
     *
     * @return the scheduler
     */
    protected final Scheduler requireScheduler() {
        Scheduler s = scheduler;
        if (s == null) {
            s = Schedulers.defaultScheduler();
            spreadScheduler(this, s);
        }
        return s;
    }

    /**
     * Like {@link #emitDownstream(Object, List)}, and also collects what the downstream nodes wait on
     * before they have accepted the element. Nodes that emit on their own (a buffer's consumer, a timer)
     * use it to wait for their downstream before taking the next element.
     *
     * @param x the element
     * @param metadata its metadata, never {@code null}
     * @return completes when every downstream has accepted {@code x}; already complete in the common case
     * @throws StreamException if a user function on the synchronous part of the way throws
     */
    protected final CompletableFuture<Void> emitDownstreamAsync(Object x, List<Map<String, Object>> metadata) {
        EmitContext c = EmitContext.current();
        int mark = c.begin();
        try {
            emitDownstream(x, metadata);
        } catch (RuntimeException | Error e) {
            c.abandon(mark);
            throw e;
        }
        return c.end(mark);
    }

    /**
     * Tells the emission in progress that this node has not accepted the element yet: the emitter's
     * {@link #emitAsync(Object)} future (and a blocking {@link #emit(Object)}) waits for {@code stage}.
     * Outside an emission it does nothing.
     *
     * @param stage completes when the element is accepted
     */
    protected static void holdEmitter(CompletionStage<?> stage) {
        EmitContext.hold(requireNonNull(stage, "holdEmitter: stage"));
    }

    private CompletableFuture<Void> emitAsyncValidated(Object x, List<Map<String, Object>> md) {
        Scheduler s = scheduler;
        if (s == null || s.inSchedulerThread()) {
            try {
                if (s == null) {
                    return emitSynchronously(x, md);
                }
                emittedOnScheduler++;
                CompletableFuture<Void> held = emitDownstreamAsync(x, md);
                if (held.isDone()) {
                    return held;
                }
                // Released one task later, so the continuation never runs inside a node (A21).
                CompletableFuture<Void> accepted = new CompletableFuture<>();
                OneTaskLater.forward(s, held, accepted);
                return accepted;
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        PendingEmits pending = pendingEmits;
        if (!pending.tryAcquire()) {
            return CompletableFuture.failedFuture(new BackPressureException(this, pending.max()));
        }
        CompletableFuture<Void> accepted = new CompletableFuture<>();
        s.execute(() -> {
            try {
                emittedOnScheduler++;
                CompletableFuture<Void> held = emitDownstreamAsync(x, md);
                if (held.isDone()) {
                    pending.release();
                    OneTaskLater.copy(held, accepted); // now: the emission has returned
                } else {
                    held.whenComplete((v, e) -> pending.release()); // accepted: no longer pending
                    OneTaskLater.forward(s, held, accepted);
                }
            } catch (RuntimeException | Error e) {
                pending.release();
                accepted.completeExceptionally(e);
            }
        });
        return accepted;
    }

    private CompletableFuture<Void> emitSynchronously(Object x, List<Map<String, Object>> md) {
        emitDownstream(x, md);
        return EmitContext.ACCEPTED;
    }

    private void emitOnScheduler(Object x, List<Map<String, Object>> md) {
        Scheduler s = scheduler;
        CompletableFuture<Void> accepted;
        if (s.inSchedulerThread()) {
            accepted = emitDownstreamAsync(x, md);
            // The loop's own thread cannot wait for the loop: only a scheduler that can run itself on from
            // here (a virtual clock outside its tasks) lets the emit block.
            if (!accepted.isDone() && !s.runUntilAccepted(accepted)) {
                return;
            }
        } else if (s instanceof ExecutorScheduler loop && loop.tryEnter()) {
            // The loop is idle: run the emission here, holding the loop, instead of handing the element to
            // the loop's thread and waiting for it (a round trip between cores per element).
            try {
                accepted = emitDownstreamAsync(x, md);
            } catch (Error e) {
                // As when the loop's thread runs it: the emitter gets a StreamException naming this node.
                throw new StreamException(this, "emission failed", e);
            } finally {
                loop.exit();
            }
            EmitContext.spinUntilDone(accepted);
        } else {
            accepted = emitAsyncValidated(x, md);
            EmitContext.spinUntilDone(accepted); // usually accepted within microseconds: spare the park
        }
        try {
            accepted.join();
        } catch (CompletionException | CancellationException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new StreamException(this, "emission failed", cause);
        }
    }

    private static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** The one scheduler among {@code ups}' graphs, or null; two different ones are an error (A16). */
    private static Scheduler commonScheduler(String operator, Stream<?>[] ups) {
        Scheduler found = null;
        for (Stream<?> up : ups) {
            Scheduler s = up.scheduler;
            if (s != null && found != null && s != found) {
                throw new IllegalStateException(operator + ": its inputs run on different schedulers (" + found
                        + " and " + s + "); a graph has exactly one scheduler");
            }
            if (s != null) {
                found = s;
            }
        }
        return found;
    }

    /** Gives {@code s} to every node connected to {@code start}, after checking none has another one. */
    private static void spreadScheduler(Stream<?> start, Scheduler s) {
        List<Stream<?>> graph = GraphWalk.connected(start);
        for (Stream<?> node : graph) {
            if (node.scheduler != null && node.scheduler != s) {
                throw new IllegalStateException("node '" + node.name() + "' already runs on " + node.scheduler
                        + "; cannot also use " + s + " (a graph has exactly one scheduler)");
            }
        }
        for (Stream<?> node : graph) {
            node.scheduler = s;
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Topology

    /**
     * Makes {@code downstream} listen to this node (streamz's {@code connect}). Connecting an input to a
     * join adds an input to it.
     *
     * @param downstream the node to feed
     */
    public final void connect(Stream<?> downstream) {
        requireNonNull(downstream, "connect: downstream");
        Scheduler s = commonScheduler("connect", new Stream<?>[] {this, downstream});
        if (s != null) {
            spreadScheduler(scheduler == s ? downstream : this, s);
        }
        addDownstream(downstream);
        downstream.upstreams = append(downstream.upstreams, this);
        downstream.upstreamAdded(this);
    }

    /**
     * Stops feeding {@code downstream}. Disconnecting an input from a join removes that input.
     *
     * @param downstream a node this one feeds
     * @throws IllegalArgumentException if it is not a downstream of this node
     */
    public final void disconnect(Stream<?> downstream) {
        requireNonNull(downstream, "disconnect: downstream");
        if (indexOf(downstreams, downstream) < 0) {
            throw new IllegalArgumentException("disconnect: '" + downstream.name() + "' is not downstream of '"
                    + name() + "'");
        }
        downstreams = without(downstreams, downstream);
        downstream.upstreams = without(downstream.upstreams, this);
        downstream.upstreamRemoved(this);
    }

    /**
     * Detaches this node from all its upstreams, so it receives nothing more from them. Its downstreams
     * stay attached: values emitted directly into it still flow.
     */
    public void destroy() {
        Stream<?>[] ups = upstreams;
        for (Stream<?> up : ups) {
            up.downstreams = without(up.downstreams, this);
        }
        upstreams = NO_STREAMS;
        for (Stream<?> up : GraphWalk.distinct(List.of(ups))) {
            upstreamRemoved(up);
        }
    }

    /**
     * Starts this node's upstream sources (and this node, if it is a source). Idempotent.
     */
    public void start() {
        for (Stream<?> up : GraphWalk.distinct(List.of(upstreams))) {
            up.start();
        }
    }

    /** Stops this node's upstream sources (and this node, if it is a source). Idempotent. */
    public void stop() {
        for (Stream<?> up : GraphWalk.distinct(List.of(upstreams))) {
            up.stop();
        }
    }

    /**
     * Called after {@code upstream} was connected to this node. Joins override it to add an input.
     *
     * @param upstream the new upstream
     */
    protected void upstreamAdded(Stream<?> upstream) {
    }

    /**
     * Called after {@code upstream} was disconnected from this node (or this node destroyed). Joins
     * override it to drop the input and release what it buffered.
     *
     * @param upstream the removed upstream
     */
    protected void upstreamRemoved(Stream<?> upstream) {
    }

    /** {@return this node's upstreams, in connection order (a node may appear twice, as in zip(s, s))} */
    public final List<Stream<?>> upstreams() {
        return List.of(upstreams);
    }

    /** {@return this node's downstreams, in attachment order} */
    public final List<Stream<?>> downstreams() {
        return List.of(downstreams);
    }

    // ------------------------------------------------------------------------------------------------
    // Introspection

    /** {@return the last value this node emitted, or {@code null}} */
    @SuppressWarnings("unchecked")
    public final T currentValue() {
        return (T) currentValue;
    }

    /** {@return the metadata of the last value this node emitted (empty if none)} */
    public final List<Map<String, Object>> currentMetadata() {
        return currentMetadata;
    }

    /**
     * The connected graph this node belongs to, as one handle: start it, wait until it is idle, read
     * per-node metrics, and {@linkplain Graph#close() close} it as a whole.
     *
     * @return a handle on the nodes connected to this one now
     */
    public final Graph graph() {
        return new Graph(this);
    }

    /** {@return how many failures were attributed to this node (each {@link StreamException} naming it)} */
    public final long errorCount() {
        return errors;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static AtomicLongFieldUpdater<Stream<?>> errorsUpdater() {
        return (AtomicLongFieldUpdater<Stream<?>>) (AtomicLongFieldUpdater) AtomicLongFieldUpdater.newUpdater(
                Stream.class, "errors");
    }

    /** Counts one failure of this node; called by {@link StreamException}'s constructor, off the hot path. */
    final void countError() {
        ERRORS.incrementAndGet(this);
    }

    /** {@return the name given at creation or with {@link #named(String)}, else the operator} */
    public final String name() {
        return name != null ? name : operator;
    }

    /**
     * Names this node (streamz's {@code stream_name}).
     *
     * @param newName shown in errors and graph descriptions
     * @return this node
     */
    public final Stream<T> named(String newName) {
        this.name = requireNonNull(newName, "named: name");
        return this;
    }

    /** {@return the operator, e.g. {@code map}, {@code zip}, or {@code Stream} for a plain stream} */
    public final String operator() {
        return operator;
    }

    /** {@return the node's parameters (e.g. {@code n} of a partition), for introspection} */
    public final Map<String, Object> parameters() {
        return parameters;
    }

    /** {@return where the node was built, as {@code File.java:line}} */
    public final String buildSite() {
        return buildSite;
    }

    /** {@return how many elements this node holds right now (0 for stateless nodes)} */
    public int bufferedCount() {
        return 0;
    }

    /** {@return a process-unique id, stable for this node's life} */
    public final long id() {
        return id;
    }

    /** {@return a description of the whole connected graph this node belongs to} */
    public final GraphDescription describe() {
        return GraphDescription.of(this);
    }

    /**
     * Renders the connected graph to a file: {@code .dot} is written directly; {@code .png} and
     * {@code .svg} are rendered by Graphviz's {@code dot}, which must be on the {@code PATH}.
     *
     * @param file where to write
     * @return {@code file}
     * @throws IllegalStateException if {@code dot} is needed and not installed, or fails
     * @throws IllegalArgumentException for another file extension
     */
    public final Path visualize(Path file) {
        return describe().render(file, "dot");
    }

    /** streamz's string form: {@code <map>}, {@code <partition: n=2>}, {@code <name; Stream>}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<");
        if (name != null) {
            sb.append(name).append("; ");
        }
        sb.append(operator);
        if (!parameters.isEmpty()) {
            sb.append(": ");
            boolean first = true;
            for (Map.Entry<String, Object> e : parameters.entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                sb.append(e.getKey()).append('=').append(e.getValue());
            }
        }
        return sb.append('>').toString();
    }

    // ------------------------------------------------------------------------------------------------
    // Internals

    private void addDownstream(Stream<?> d) {
        if (indexOf(downstreams, d) < 0) {
            downstreams = append(downstreams, d);
        }
    }

    private static Stream<?>[] append(Stream<?>[] a, Stream<?> s) {
        Stream<?>[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = s;
        return b;
    }

    private static Stream<?>[] without(Stream<?>[] a, Stream<?> s) {
        int n = 0;
        for (Stream<?> x : a) {
            if (x != s) {
                n++;
            }
        }
        if (n == a.length) {
            return a;
        }
        Stream<?>[] b = new Stream<?>[n];
        int j = 0;
        for (Stream<?> x : a) {
            if (x != s) {
                b[j++] = x;
            }
        }
        return b;
    }

    private static int indexOf(Stream<?>[] a, Stream<?> s) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == s) {
                return i;
            }
        }
        return -1;
    }

    private static Stream<?>[] prepend(Stream<?> first, Stream<?>[] rest) {
        Stream<?>[] all = new Stream<?>[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    static <X> X requireNonNull(X x, String what) {
        return Args.notNull(x, what);
    }

    // Hooks for the compiled runtime (dev.streamz.internal.runtime.GraphAccess, exported only to
    // dev.streamz.disruptor): installed once at class initialization, off the emit path.
    static {
        GraphAccess.install(new GraphAccess.Hooks() {
            @Override
            public void emitDownstream(Stream<?> node, Object x, List<Map<String, Object>> metadata) {
                node.emitDownstream(x, metadata);
            }

            @Override
            public void dispatch(Stream<?> node, Object x, List<Map<String, Object>> metadata) {
                node.dispatch(x, metadata);
            }

            @Override
            public boolean replaceDownstream(Stream<?> node, Stream<?> old, Stream<?> replacement) {
                int i = indexOf(node.downstreams, old);
                if (i < 0) {
                    return false;
                }
                Stream<?>[] b = node.downstreams.clone();
                b[i] = replacement;
                node.downstreams = b;
                return true;
            }
        });
    }
}

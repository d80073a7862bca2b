package dev.streamz;

import dev.streamz.internal.BuildSite;
import dev.streamz.internal.Metadata;
import dev.streamz.internal.PluginRegistry;
import dev.streamz.internal.operators.AccumulateNode;
import dev.streamz.internal.operators.AsyncBoundaryNode;
import dev.streamz.internal.operators.CollectNode;
import dev.streamz.internal.operators.CombineLatestNode;
import dev.streamz.internal.operators.FilterNode;
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
import dev.streamz.internal.operators.UnionNode;
import dev.streamz.internal.operators.UniqueNode;
import dev.streamz.internal.operators.ZipLatestNode;
import dev.streamz.internal.operators.ZipNode;
import dev.streamz.internal.runtime.GraphAccess;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

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
    private List<Map<String, Object>> currentMetadata = Metadata.NONE;

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
                throw new IllegalArgumentException(operator + ": upstream " + i + " is null");
            }
        }
        for (Stream<?> up : upstreams) {
            up.addDownstream(this);
            this.upstreams = append(this.upstreams, up);
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
     * @param x the element
     * @throws StreamException if a user function downstream throws
     */
    public final void emit(T x) {
        emitDownstream(x, Metadata.NONE);
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
        emitDownstream(x, Metadata.validate(metadata, this));
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
            dispatch(x, metadata);
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
     * @param e what the user function threw
     * @return the exception to throw
     */
    protected final StreamException userFailure(RuntimeException e) {
        if (e instanceof StreamException se) {
            return se;
        }
        return new StreamException(this, operator + " function threw", e);
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
        return new MapNode<>(this, requireNonNull(f, "map: function"));
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
        return new FilterNode<>(this, requireNonNull(predicate, "filter: predicate"), true, "filter");
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
     * Merges this stream and {@code others}: every element of every input, in arrival order.
     *
     * @param others further inputs
     * @return the new node
     */
    @SafeVarargs
    public final Stream<T> union(Stream<? extends T>... others) {
        return new UnionNode<>(prepend(this, others));
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
     * Calls {@code consumer} with each element. The sink node is returned so it can be destroyed.
     *
     * @param consumer the action
     * @return the sink node
     */
    public final Stream<T> sink(Consumer<? super T> consumer) {
        return new SinkNode<>(this, requireNonNull(consumer, "sink: consumer"));
    }

    /**
     * Calls {@code consumer} with each element and its metadata (a list of maps, never {@code null}).
     *
     * @param consumer the action
     * @return the sink node
     */
    public final Stream<T> sinkWithMetadata(BiConsumer<? super T, List<Map<String, Object>>> consumer) {
        return new SinkNode<>(this, requireNonNull(consumer, "sinkWithMetadata: consumer"), "sink");
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

    /** @return the names of the plugins found on the class path or module path */
    public static List<String> pluginNames() {
        return PluginRegistry.instance().names();
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
        for (Stream<?> up : distinct(ups)) {
            upstreamRemoved(up);
        }
    }

    /**
     * Starts this node's upstream sources (and this node, if it is a source). Idempotent.
     */
    public void start() {
        for (Stream<?> up : distinct(upstreams)) {
            up.start();
        }
    }

    /** Stops this node's upstream sources (and this node, if it is a source). Idempotent. */
    public void stop() {
        for (Stream<?> up : distinct(upstreams)) {
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

    /** @return this node's upstreams, in connection order (a node may appear twice, as in zip(s, s)) */
    public final List<Stream<?>> upstreams() {
        return List.of(upstreams);
    }

    /** @return this node's downstreams, in attachment order */
    public final List<Stream<?>> downstreams() {
        return List.of(downstreams);
    }

    // ------------------------------------------------------------------------------------------------
    // Introspection

    /** @return the last value this node emitted, or {@code null} */
    @SuppressWarnings("unchecked")
    public final T currentValue() {
        return (T) currentValue;
    }

    /** @return the metadata of the last value this node emitted (empty if none) */
    public final List<Map<String, Object>> currentMetadata() {
        return currentMetadata;
    }

    /** @return the name given at creation or with {@link #named(String)}, else the operator */
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

    /** @return the operator, e.g. {@code map}, {@code zip}, or {@code Stream} for a plain stream */
    public final String operator() {
        return operator;
    }

    /** @return the node's parameters (e.g. {@code n} of a partition), for introspection */
    public final Map<String, Object> parameters() {
        return parameters;
    }

    /** @return where the node was built, as {@code File.java:line} */
    public final String buildSite() {
        return buildSite;
    }

    /** @return how many elements this node holds right now (0 for stateless nodes) */
    public int bufferedCount() {
        return 0;
    }

    /** @return a process-unique id, stable for this node's life */
    public final long id() {
        return id;
    }

    /** @return a description of the whole connected graph this node belongs to */
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

    private static List<Stream<?>> distinct(Stream<?>[] a) {
        List<Stream<?>> out = new ArrayList<>(a.length);
        for (Stream<?> s : a) {
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    private static Stream<?>[] prepend(Stream<?> first, Stream<?>[] rest) {
        Stream<?>[] all = new Stream<?>[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    static <X> X requireNonNull(X x, String what) {
        if (x == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return x;
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

package dev.streamz.hazelcast;

import dev.streamz.Stream;
import dev.streamz.hazelcast.internal.AccumulateStep;
import dev.streamz.hazelcast.internal.FilterStep;
import dev.streamz.hazelcast.internal.FlattenStep;
import dev.streamz.hazelcast.internal.GatherNode;
import dev.streamz.hazelcast.internal.MapStep;
import dev.streamz.hazelcast.internal.NoState;
import dev.streamz.hazelcast.internal.RemoteStep;
import dev.streamz.hazelcast.internal.StarmapStep;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A stream whose steps run on the members of a Hazelcast {@link Cluster} (streamz's {@code scatter()}):
 * made by {@link Cluster#scatter(Stream)}, extended with {@link #map}, {@link #starmap}, {@link #filter},
 * {@link #accumulate} and {@link #flatten}, and brought back into the local graph by {@link #gather()},
 * whose elements arrive in input order.
 *
 * <p>It is a description, immutable: each method returns a new one, and nothing runs until
 * {@link #gather()} adds the one local node that ships batches and emits their results. Functions are
 * serializable interfaces; each is serialized once when its step is built, so a function that captures
 * something unserializable fails there, with an error naming the step and where it was built, not on a
 * member at run time.
 *
 * <p>State: an {@code accumulate} keeps its state in the cluster's state map ({@link ScatterOptions#stateMapName()},
 * one entry per gathered pipeline, with Hazelcast's default of one backup), not in the member that runs it.
 * A pipeline with {@code accumulate} therefore runs one batch at a time, in order, and survives the loss
 * of any one member: the state moves with the map's partitions, and a batch retried after its member left
 * is applied to the state once (see {@code docs/scale-out.md}).
 *
 * @param <T> the element type after the steps so far
 */
public final class DistributedStream<T> {
    private final Cluster cluster;
    private final Stream<?> upstream;
    private final ScatterOptions options;
    private final List<RemoteStep> steps;

    private DistributedStream(Cluster cluster, Stream<?> upstream, ScatterOptions options, List<RemoteStep> steps) {
        this.cluster = cluster;
        this.upstream = upstream;
        this.options = options;
        this.steps = steps;
    }

    static <T> DistributedStream<T> start(Cluster cluster, Stream<T> upstream, ScatterOptions options) {
        return new DistributedStream<>(cluster, upstream, options, List.of());
    }

    /**
     * Applies {@code f} to each element, on a member.
     *
     * @param f the function; serializable, with everything it captures
     * @param <R> result type
     * @return the distributed stream of results
     * @throws IllegalArgumentException if {@code f} cannot be serialized (naming this step)
     */
    @SuppressWarnings("unchecked")
    public <R> DistributedStream<R> map(SerializableFunction<? super T, ? extends R> f) {
        String describe = describe("map", f);
        checkSerializable(f, describe, "function");
        return then(new MapStep((Function<Object, Object>) (Function<?, ?>) f, describe));
    }

    /**
     * Unpacks each element (a two-item {@code List}, {@code Tuple2} or array) into {@code f}'s two
     * arguments, on a member (streamz's {@code starmap}).
     *
     * @param f the function; serializable, with everything it captures
     * @param <R> result type
     * @return the distributed stream of results
     * @throws IllegalArgumentException if {@code f} cannot be serialized (naming this step)
     */
    @SuppressWarnings("unchecked")
    public <R> DistributedStream<R> starmap(SerializableBiFunction<Object, Object, ? extends R> f) {
        String describe = describe("starmap", f);
        checkSerializable(f, describe, "function");
        return then(new StarmapStep((BiFunction<Object, Object, Object>) (BiFunction<?, ?, ?>) f, describe));
    }

    /**
     * Keeps the elements for which {@code p} is true, on a member.
     *
     * @param p the predicate; serializable, with everything it captures
     * @return the distributed stream of kept elements
     * @throws IllegalArgumentException if {@code p} cannot be serialized (naming this step)
     */
    @SuppressWarnings("unchecked")
    public DistributedStream<T> filter(SerializablePredicate<? super T> p) {
        String describe = describe("filter", p);
        checkSerializable(p, describe, "predicate");
        return then(new FilterStep((Predicate<Object>) (Predicate<?>) p, describe));
    }

    /**
     * A running reduction without a start value (streamz's {@code accumulate(f)}): the first element
     * becomes the state and is emitted as it is; each later one emits {@code f(state, x)}, the new state.
     * The state lives in the cluster's state map; see the class description.
     *
     * @param f the function; serializable, with everything it captures
     * @return the distributed stream of states
     * @throws IllegalArgumentException if {@code f} cannot be serialized (naming this step)
     */
    @SuppressWarnings("unchecked")
    public DistributedStream<T> accumulate(SerializableBinaryOperator<T> f) {
        String describe = describe("accumulate", f);
        checkSerializable(f, describe, "function");
        return then(new AccumulateStep((BiFunction<Object, Object, Object>) (BiFunction<?, ?, ?>) f, NoState.NONE,
                describe));
    }

    /**
     * A running reduction from {@code start} (streamz's {@code accumulate(f, start=...)}): each element
     * emits {@code f(state, x)}, the new state. The state lives in the cluster's state map; see the class
     * description.
     *
     * @param f the function; serializable, with everything it captures
     * @param start the initial state; serializable
     * @param <S> state type
     * @return the distributed stream of states
     * @throws IllegalArgumentException if {@code f} or {@code start} cannot be serialized (naming this step)
     */
    @SuppressWarnings("unchecked")
    public <S> DistributedStream<S> accumulate(SerializableBiFunction<S, ? super T, S> f, S start) {
        String describe = describe("accumulate", f);
        checkSerializable(f, describe, "function");
        checkSerializable(start, describe, "start value");
        return then(new AccumulateStep((BiFunction<Object, Object, Object>) (BiFunction<?, ?, ?>) f, start, describe));
    }

    /**
     * Emits each item of each element (an {@code Iterable}, array, {@code Map}'s keys or a
     * {@code String}'s characters), on a member (streamz's {@code flatten}).
     *
     * @param <R> item type
     * @return the distributed stream of items
     */
    public <R> DistributedStream<R> flatten() {
        return then(new FlattenStep(describe("flatten", null)));
    }

    /**
     * Adds the local node that ships this stream's elements to the cluster in micro-batches and emits the
     * results in input order (streamz's {@code gather()}). Each element's metadata and refs are held until
     * its results have been emitted downstream of this node; an element that a step filters out, or on
     * which a function failed (reported to the graph's error handler, naming the step), is released then.
     * The node runs on the graph's scheduler (the default event loop unless the graph has one).
     *
     * @return the local stream of results
     */
    public Stream<T> gather() {
        return new GatherNode<>(upstream, cluster.instance(), options, steps.toArray(RemoteStep[]::new), cluster.toString());
    }

    /** {@return the steps so far, in words} */
    public List<String> steps() {
        List<String> out = new ArrayList<>(steps.size());
        for (RemoteStep s : steps) {
            out.add(s.describe());
        }
        return out;
    }

    private <R> DistributedStream<R> then(RemoteStep step) {
        List<RemoteStep> next = new ArrayList<>(steps.size() + 1);
        next.addAll(steps);
        next.add(step);
        return new DistributedStream<>(cluster, upstream, options, List.copyOf(next));
    }

    private String describe(String operator, Object f) {
        if (f == null && !operator.equals("flatten")) {
            throw new NullPointerException("scatter " + operator + ": function must not be null");
        }
        return "scatter " + operator + " (step " + (steps.size() + 1) + " after '" + upstream.name()
                + "', built at " + buildSite() + ")";
    }

    /** Serializes {@code o} once, into nothing, so that an unserializable capture fails at build time. */
    private static void checkSerializable(Object o, String describe, String what) {
        try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
            out.writeObject(o);
        } catch (IOException e) {
            throw new IllegalArgumentException(describe + ": the " + what + " is not serializable (" + e
                    + "); a lambda typed as a Serializable* interface is serializable, and so must be"
                    + " everything it captures", e);
        }
    }

    /** The first frame outside this module's API: the user's {@code File.java:line}. */
    private static String buildSite() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().equals(DistributedStream.class.getName()))
                .findFirst()
                .map(f -> f.getFileName() + ":" + f.getLineNumber())
                .orElse("?"));
    }

    @Override
    public String toString() {
        return "DistributedStream" + steps();
    }
}

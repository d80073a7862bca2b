package dev.streamz.hazelcast.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.spi.exception.RetryableException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import dev.streamz.RefCounter;
import dev.streamz.Scheduler;
import dev.streamz.Stream;
import dev.streamz.StreamException;
import dev.streamz.hazelcast.ScatterOptions;
import dev.streamz.internal.time.EmitContext;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * {@code scatter(...)...gather()}: the one local node of a scattered pipeline. It collects elements into
 * micro-batches, sends each to a member as a {@link BatchTask}, and emits the results in input order.
 *
 * <p>All its state is touched on the graph's scheduler only: {@code update} runs there (a graph with a
 * scheduler runs every emission on it), and the executor's callbacks hand their result over with
 * {@code scheduler.execute}.
 *
 * <ul>
 *   <li>Batching: a batch is sent when it holds {@code batchSize} elements, or {@code linger} after its
 *       first element, on a timer of the graph's scheduler (virtual time in tests).</li>
 *   <li>Back pressure: at most {@code maxBatchesInFlight} batches are sent and not yet emitted (one for a
 *       pipeline with {@code accumulate}). A full batch beyond that waits here, and every emitter
 *       waits ({@code holdEmitter}) until it could be sent.</li>
 *   <li>Order: batches leave in the order they were cut, whichever member answers first.</li>
 *   <li>Refs: each element's metadata is retained on arrival and released after its last output was
 *       accepted downstream (or after it was filtered out or failed), once.</li>
 *   <li>Members leaving: a batch whose member left (or whose target is no longer a member) is sent again
 *       to another member, up to {@code maxAttempts} times; only the attempt in progress may complete it,
 *       so a late answer of an earlier attempt is ignored and each element is emitted once.</li>
 *   <li>Members hanging: a batch not answered {@code batchTimeout} after it was sent (a timer on the
 *       graph's scheduler) is sent to another member the same way; after the last attempt its elements
 *       fail, reported naming the member, and are released.</li>
 * </ul>
 *
 * @param <R> output type
 */
public final class GatherNode<R> extends Stream<R> {
    private final HazelcastInstance hz;
    private final IExecutorService executor;
    private final ScatterOptions options;
    private final RemoteStep[] steps;
    private final Object[] initialStates;
    private final String pipelineId = UUID.randomUUID().toString();
    private final int maxInFlight;
    private final Scheduler scheduler;

    private Batch current;
    private Scheduler.Task lingerTimer;
    private long nextSeq;
    private int roundRobin;
    /** Sent batches in the order they were cut; the head is the next to emit. */
    private final ArrayDeque<Batch> inFlight = new ArrayDeque<>();
    /** Full batches waiting for a place in flight. */
    private final ArrayDeque<Batch> waiting = new ArrayDeque<>();
    /** What emitters wait on while batches wait; completed when the last waiting batch is sent. */
    private CompletableFuture<Void> room;
    private boolean emitting;
    private boolean destroyed;
    private final Runnable drain = this::drain;
    private final Runnable lingerExpired = this::lingerExpired;
    private final Runnable afterLateAcceptance = () -> {
        emitting = false;
        drain();
    };

    /**
     * @param upstream the scattered stream
     * @param hz the instance that submits batches (a member or a client)
     * @param options batching and retries
     * @param steps the pipeline
     * @param cluster the cluster in words, for introspection
     */
    public GatherNode(Stream<?> upstream, HazelcastInstance hz, ScatterOptions options, RemoteStep[] steps,
                      String cluster) {
        super("gather", params(options, steps, cluster), upstream);
        this.hz = hz;
        this.executor = hz.getExecutorService(options.executorName());
        this.options = options;
        this.steps = steps.clone();
        this.initialStates = initialStates(steps);
        this.maxInFlight = initialStates == null ? options.maxBatchesInFlight() : 1;
        this.scheduler = requireScheduler();
    }

    private static Map<String, Object> params(ScatterOptions options, RemoteStep[] steps, String cluster) {
        Map<String, Object> p = new LinkedHashMap<>();
        List<String> ops = new ArrayList<>(steps.length);
        for (RemoteStep s : steps) {
            ops.add(s.operator());
        }
        p.put("steps", List.copyOf(ops));
        p.put("cluster", cluster);
        p.put("batch_size", options.batchSize());
        p.put("linger", options.linger());
        p.put("max_batches_in_flight", options.maxBatchesInFlight());
        return p;
    }

    /** {@return the accumulate states before the first batch, or null when no step keeps state} */
    private static Object[] initialStates(RemoteStep[] steps) {
        Object[] states = null;
        for (int i = 0; i < steps.length; i++) {
            if (steps[i] instanceof AccumulateStep a) {
                if (states == null) {
                    states = new Object[steps.length];
                }
                states[i] = a.start();
            }
        }
        return states;
    }

    @Override
    public void update(Object x, List<Map<String, Object>> md, Stream<?> from) {
        retain(md);
        Batch b = current;
        if (b == null) {
            b = current = new Batch(options.batchSize());
            lingerTimer = scheduler.schedule(lingerExpired, options.linger());
        }
        b.add(x, md);
        if (b.size == options.batchSize()) {
            cut();
        }
        if (room != null) {
            holdEmitter(room); // batches wait for a place in flight: so does the emitter (back pressure)
        }
    }

    private void lingerExpired() {
        lingerTimer = null;
        if (current != null) {
            cut();
        }
    }

    /** Ends the current batch and sends it, or queues it when too many are in flight. */
    private void cut() {
        Batch b = current;
        current = null;
        if (lingerTimer != null) {
            lingerTimer.cancel();
            lingerTimer = null;
        }
        b.seq = nextSeq++;
        if (inFlight.size() < maxInFlight && waiting.isEmpty()) {
            inFlight.addLast(b);
            send(b, null);
        } else {
            waiting.addLast(b);
            if (room == null) {
                room = new CompletableFuture<>();
            }
        }
    }

    /** Sends {@code b} to the next member (another than {@code avoid} when there is one). */
    private void send(Batch b, Member avoid) {
        if (destroyed) {
            return;
        }
        b.attempts++;
        int attempt = b.attempts;
        Member target;
        try {
            target = pickMember(avoid);
            BatchTask task = new BatchTask(pipelineId, b.seq, steps, initialStates, options.stateMapName(),
                    b.elements());
            executor.submitToMember(task, target, new ExecutionCallback<BatchResult>() {
                @Override
                public void onResponse(BatchResult response) {
                    scheduler.execute(() -> answered(b, attempt, response, null, target));
                }

                @Override
                public void onFailure(Throwable t) {
                    scheduler.execute(() -> answered(b, attempt, null, t, target));
                }
            });
            // A member that stays in the cluster but hangs never answers: give up on it on the graph's clock.
            b.timeout = scheduler.schedule(() -> timedOut(b, attempt, target), options.batchTimeout());
        } catch (RuntimeException e) { // an element that does not serialize, a client that is closed
            String which = firstUnserializable(b.elements());
            answered(b, attempt, null, which == null ? e : new IllegalArgumentException(which, e), null);
        }
    }

    /** Names the first element that Java serialization refuses; runs only after a batch failed to serialize. */
    private static String firstUnserializable(Object[] elements) {
        for (int i = 0; i < elements.length; i++) {
            try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(java.io.OutputStream.nullOutputStream())) {
                out.writeObject(elements[i]);
            } catch (java.io.IOException e) {
                return "element " + i + " of the batch (a " + elements[i].getClass().getName()
                        + ") is not serializable: " + e;
            }
        }
        return null;
    }

    private Member pickMember(Member avoid) {
        Member[] members = hz.getCluster().getMembers().toArray(Member[]::new);
        if (members.length == 0) {
            throw new IllegalStateException("no member in the cluster");
        }
        Member m = members[Math.floorMod(roundRobin++, members.length)];
        if (m.equals(avoid) && members.length > 1) {
            m = members[Math.floorMod(roundRobin++, members.length)];
        }
        return m;
    }

    /** The attempt's member did not answer within {@code batchTimeout}: another member gets the batch. */
    private void timedOut(Batch b, int attempt, Member target) {
        if (attempt != b.attempts || b.result != null || destroyed) {
            return; // answered (or sent again) meanwhile
        }
        b.timeout = null;
        if (b.attempts < options.maxAttempts()) {
            send(b, target); // the hung member's answer, should it come, is ignored: it is not this attempt's
            return;
        }
        scheduler.reportError(new StreamException(this, "batch " + b.seq + " of " + b.size
                + " elements failed: member " + target + " did not answer within " + options.batchTimeout()
                + " (attempt " + b.attempts + " of maxAttempts " + options.maxAttempts() + ")", null));
        b.result = BatchResult.SUPERSEDED;
        b.dropped = true;
        drain();
    }

    private void answered(Batch b, int attempt, BatchResult result, Throwable failure, Member target) {
        if (attempt != b.attempts || b.result != null || destroyed) {
            return; // an earlier attempt's late answer: the batch was sent again (member left or timed out)
        }
        if (b.timeout != null) {
            b.timeout.cancel();
            b.timeout = null;
        }
        if (failure != null) {
            if (memberGone(failure) && b.attempts < options.maxAttempts()) {
                send(b, target); // at-least-once on members; the state map keeps accumulate exactly-once
                return;
            }
            String why = memberGone(failure)
                    ? "the batch's member left " + b.attempts + " times (maxAttempts " + options.maxAttempts() + ")"
                    : "the batch could not run on the cluster";
            scheduler.reportError(new StreamException(this, "batch " + b.seq + " of " + b.size
                    + " elements dropped: " + why, failure));
            b.result = BatchResult.SUPERSEDED;
            b.dropped = true;
        } else if (result == BatchResult.SUPERSEDED) {
            scheduler.reportError(new StreamException(this, "batch " + b.seq
                    + " found the state map ahead of it (another client runs this pipeline?); dropped", null));
            b.result = result;
            b.dropped = true;
        } else {
            b.result = result;
        }
        drain();
    }

    /** Whether {@code e} (or a cause) says the member went away before answering, so another may run it. */
    private static boolean memberGone(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RetryableException || t instanceof HazelcastInstanceNotActiveException
                    || t instanceof TargetDisconnectedException || t instanceof RejectedExecutionException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Emits the answered batches at the head, in order, one element's outputs at a time. */
    private void drain() {
        while (!emitting) {
            Batch b = inFlight.peekFirst();
            if (b == null || b.result == null) {
                return;
            }
            if (!emitBatch(b)) {
                return; // the downstream holds an output; afterLateAcceptance resumes here
            }
            inFlight.pollFirst();
            while (!waiting.isEmpty() && inFlight.size() < maxInFlight) {
                Batch next = waiting.pollFirst();
                inFlight.addLast(next);
                send(next, null);
            }
            if (waiting.isEmpty() && room != null) {
                CompletableFuture<Void> r = room;
                room = null;
                r.complete(null);
            }
        }
    }

    /** @return false if an output was not accepted at once: emitting resumes from the cursor later */
    private boolean emitBatch(Batch b) {
        BatchResult r = b.result;
        while (b.element < b.size) {
            int i = b.element;
            List<Map<String, Object>> md = b.metadata[i];
            if (b.dropped || destroyed) {
                release(md);
                b.element++;
                continue;
            }
            RemoteFailure failure = r.failure(i);
            if (failure != null) {
                scheduler.reportError(new StreamException(this, failure.getMessage(), failure));
                release(md);
                b.element++;
                continue;
            }
            int count = r.counts()[i];
            while (b.output < count) {
                // A result frame is allocated here and belongs to the receiver downstream.
                Object y = TravellingFrame.arrived(r.outputs()[b.nextOutput++]);
                b.output++;
                // Like core's flatten: the element's metadata rides on its last output (only it is
                // acknowledged downstream); the refs are held here until that one was accepted.
                CompletableFuture<Void> accepted = emitReported(y, b.output == count ? md : List.of());
                if (!accepted.isDone()) {
                    emitting = true;
                    accepted.whenComplete((v, e) -> scheduler.execute(afterLateAcceptance));
                    return false;
                }
            }
            release(md);
            b.metadata[i] = null;
            b.element++;
            b.output = 0;
        }
        return true;
    }

    /** Emits downstream; a failure there is reported (naming its node) and the element goes on. */
    private CompletableFuture<Void> emitReported(Object y, List<Map<String, Object>> md) {
        EmitContext context = EmitContext.current();
        // Reporting mode: a failing downstream releases the holds it took, so this node's release is the last.
        context.beginReporting();
        CompletableFuture<Void> accepted;
        try {
            accepted = emitDownstreamAsync(y, md);
        } catch (StreamException e) {
            scheduler.reportError(e);
            return EmitContext.ACCEPTED;
        } catch (RuntimeException | Error e) {
            scheduler.reportError(new StreamException(this, "downstream failed", e));
            return EmitContext.ACCEPTED;
        } finally {
            context.endReporting();
        }
        if (accepted.isDone() && !accepted.isCompletedExceptionally()) {
            return accepted;
        }
        return accepted.handle((v, e) -> {
            if (e != null) {
                scheduler.reportError(e instanceof StreamException se ? se
                        : new StreamException(this, "asynchronous downstream failed", e));
            }
            return null;
        });
    }

    private static void retain(List<Map<String, Object>> md) {
        for (int i = 0, n = md.size(); i < n; i++) {
            if (md.get(i).get(RefCounter.METADATA_KEY) instanceof RefCounter r) {
                r.retain();
            }
        }
    }

    private static void release(List<Map<String, Object>> md) {
        if (md == null) {
            return;
        }
        for (int i = 0, n = md.size(); i < n; i++) {
            if (md.get(i).get(RefCounter.METADATA_KEY) instanceof RefCounter r) {
                r.release();
            }
        }
    }

    @Override
    public int bufferedCount() {
        int n = current == null ? 0 : current.size;
        for (Batch b : inFlight) {
            n += b.size - b.element;
        }
        for (Batch b : waiting) {
            n += b.size;
        }
        return n;
    }

    /**
     * Detaches the node; batches still out are ignored when they answer and every element it held is
     * released, and the pipeline's accumulate state is removed from the cluster's state map.
     */
    @Override
    public void destroy() {
        super.destroy();
        scheduler.execute(() -> {
            destroyed = true;
            if (lingerTimer != null) {
                lingerTimer.cancel();
                lingerTimer = null;
            }
            List<Batch> held = new ArrayList<>(inFlight);
            held.addAll(waiting);
            if (current != null) {
                held.add(current);
            }
            inFlight.clear();
            waiting.clear();
            current = null;
            for (Batch b : held) {
                if (b.timeout != null) {
                    b.timeout.cancel();
                    b.timeout = null;
                }
                for (int i = b.element; i < b.size; i++) {
                    release(b.metadata[i]);
                }
            }
            if (room != null) {
                room.complete(null);
                room = null;
            }
            if (initialStates != null) {
                try {
                    hz.getMap(options.stateMapName()).deleteAsync(pipelineId);
                } catch (RuntimeException e) { // the cluster is gone already: nothing left to clean
                    scheduler.reportError(new StreamException(this, "could not remove the accumulate state", e));
                }
            }
        });
    }

    /** One micro-batch: its elements and metadata, where emitting its results has got to, its answer. */
    private static final class Batch {
        final Object[] elementArray;
        @SuppressWarnings("unchecked")
        final List<Map<String, Object>>[] metadata;
        int size;
        long seq;
        int attempts;
        /** The answer timer of the attempt in progress. */
        Scheduler.Task timeout;
        BatchResult result;
        boolean dropped;
        /** Emission cursor: the element, its output, and the index in the flat outputs. */
        int element;
        int output;
        int nextOutput;

        @SuppressWarnings("unchecked")
        Batch(int capacity) {
            elementArray = new Object[capacity];
            metadata = (List<Map<String, Object>>[]) new List<?>[capacity];
        }

        void add(Object x, List<Map<String, Object>> md) {
            elementArray[size] = travelling(x);
            metadata[size] = md;
            size++;
        }

        /**
         * Core's tuples (what {@code partition}, {@code zip} and the typed joins emit) are lists that are not
         * serializable: they travel as serializable copies, still lists, with the same items.
         */
        private static Object travelling(Object x) {
            if (x instanceof dev.streamz.frames.Frame f) {
                return TravellingFrame.of(f); // copied now: the emitter keeps its hold, nothing is retained
            }
            if (x instanceof dev.streamz.Tuple t) {
                return java.util.Collections.unmodifiableList(new ArrayList<>(t.toList()));
            }
            if (x instanceof List<?> l && !(x instanceof java.io.Serializable)) {
                return java.util.Collections.unmodifiableList(new ArrayList<>(l));
            }
            return x;
        }

        Object[] elements() {
            return size == elementArray.length ? elementArray : java.util.Arrays.copyOf(elementArray, size);
        }
    }
}

package dev.streamz.internal.operators;

import dev.streamz.internal.NodeFigures;
import dev.streamz.internal.Args;
import dev.streamz.Stream;
import dev.streamz.internal.Metadata;
import dev.streamz.internal.Tuple;

import dev.streamz.internal.Fifo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code zip(a, constant, b, ...)}: one FIFO buffer per distinct upstream; once every buffer has an
 * element, emits a tuple (constants at their positions) with the metadata concatenated in upstream order,
 * then releases the members' refs. In a synchronous graph zip never blocks (E05); the bound
 * {@code maxsize} applies to asynchronous emitters.
 *
 * <p>State is kept in arrays indexed by input (found by an identity scan over a handful of inputs) and a
 * count of non-empty buffers, so an element costs no hashing and the only allocation is the tuple (and
 * the metadata list, when there is metadata).
 */
public final class ZipNode extends Stream<List<Object>> implements NodeFigures {
    /** Distinct upstreams in first-slot order, which is also the metadata order. */
    private Stream<?>[] inputs = new Stream<?>[0];
    private Fifo<Object>[] items = newFifos(0);
    private Fifo<List<Map<String, Object>>>[] metadata = newFifos(0);
    /** Per output slot: the index of its input, or -1 for a constant. */
    private int[] slotInput = new int[0];
    /** Per output slot: the constant (unused for input slots). */
    private Object[] slotConstant = new Object[0];
    private int nonEmpty;
    /** Per-input bound beyond which an asynchronous emitter waits for the next tuple (E04). */
    private final int maxsize;
    /** Completes at the next tuple; created only when an emitter has to wait. */
    private CompletableFuture<Void> nextTuple;


    /** Builds the typed joins' output (a Tuple2, Tuple3 or a user function's result); null: a tuple list. */
    private dev.streamz.ThrowingFunction<Object[], Object> combiner;

    /**
     * Makes this join emit {@code combiner(items)} instead of a tuple list (the typed joins). Called once,
     * right after construction, before anything is emitted.
     *
     * @param combiner builds the output from the items, in input order
     * @return this node
     */
    public ZipNode combineWith(dev.streamz.ThrowingFunction<Object[], Object> combiner) {
        this.combiner = combiner;
        return this;
    }

    private Object output(Object[] items) {
        if (combiner == null) {
            return Tuple.wrap(items);
        }
        try {
            return combiner.applyChecked(items);
        } catch (Throwable e) {
            throw userFailure(e);
        }
    }

    public ZipNode(Object[] upstreamsOrConstants) {
        this(upstreamsOrConstants, DEFAULT_MAXSIZE);
    }

    /** streamz's default {@code maxsize}. */
    public static final int DEFAULT_MAXSIZE = 10;

    public ZipNode(Object[] upstreamsOrConstants, int maxsize) {
        Args.atLeastOne(maxsize, "zip: maxsize"); // before super: a rejected node never joins the graph
        super("zip", Map.of(), streamsOf(upstreamsOrConstants));
        this.maxsize = maxsize;
        for (Object o : upstreamsOrConstants) {
            if (o instanceof Stream<?> s) {
                addSlot(indexOrAdd(s), null);
            } else {
                addSlot(-1, o);
            }
        }
    }

    private static Stream<?>[] streamsOf(Object[] all) {
        List<Stream<?>> streams = new ArrayList<>();
        for (Object o : all) {
            if (o instanceof Stream<?> s) {
                streams.add(s);
            }
        }
        if (streams.isEmpty()) {
            throw new IllegalArgumentException("zip needs at least one upstream stream; got only constants "
                    + Arrays.toString(all));
        }
        return streams.toArray(new Stream<?>[0]);
    }

    @SuppressWarnings("unchecked")
    private static <E> Fifo<E>[] newFifos(int n) {
        return (Fifo<E>[]) new Fifo<?>[n];
    }

    private int indexOf(Stream<?> s) {
        Stream<?>[] in = inputs;
        for (int i = 0; i < in.length; i++) {
            if (in[i] == s) {
                return i;
            }
        }
        return -1;
    }

    private int indexOrAdd(Stream<?> s) {
        int i = indexOf(s);
        if (i >= 0) {
            return i;
        }
        int n = inputs.length;
        inputs = Arrays.copyOf(inputs, n + 1);
        inputs[n] = s;
        items = Arrays.copyOf(items, n + 1);
        items[n] = new Fifo<>();
        metadata = Arrays.copyOf(metadata, n + 1);
        metadata[n] = new Fifo<>();
        return n;
    }

    private void addSlot(int input, Object constant) {
        int n = slotInput.length;
        slotInput = Arrays.copyOf(slotInput, n + 1);
        slotInput[n] = input;
        slotConstant = Arrays.copyOf(slotConstant, n + 1);
        slotConstant[n] = constant;
    }

    @Override
    public void update(Object x, List<Map<String, Object>> md, Stream<?> from) {
        int k = indexOf(from);
        if (k < 0) {
            // From an input removed while its emit was in progress (the emit loop walks a snapshot of the
            // downstreams): like any node detached mid-emit, ignore it.
            return;
        }
        Metadata.retain(md);
        if (items[k].isEmpty()) {
            nonEmpty++;
        }
        items[k].addLast(x);
        metadata[k].addLast(md);
        if (nonEmpty < inputs.length) {
            if (items[k].size() > maxsize && scheduler().isPresent()) {
                // Asynchronous graph: the element is kept, but its emitter waits for the next tuple (E04).
                // A synchronous graph never blocks (E05): there the same thread may feed every input.
                if (nextTuple == null) {
                    nextTuple = new CompletableFuture<>();
                }
                holdEmitter(nextTuple);
            }
            return;
        }
        // The members leave their queues, the tuple goes out, and only then are the held emitters released
        // (streamz's order as the emitters observe it): whatever a released emitter does next re-enters a
        // consistent node and comes after this tuple. Emitters held from here on wait for the next tuple.
        CompletableFuture<Void> waiting = nextTuple;
        nextTuple = null;
        try {
            emitTuple();
        } finally {
            if (waiting != null) {
                waiting.complete(null); // a failing downstream still frees the places the tuple took
            }
        }
    }

    private void emitTuple() {
        Object[] tuple = new Object[slotInput.length];
        for (int i = 0; i < tuple.length; i++) {
            int in = slotInput[i];
            tuple[i] = in >= 0 ? items[in].peekFirst() : slotConstant[i];
        }
        List<List<Map<String, Object>>> held = null; // only built when some member carries metadata
        for (int i = 0; i < inputs.length; i++) {
            items[i].pollFirst();
            List<Map<String, Object>> m = metadata[i].pollFirst();
            if (items[i].isEmpty()) {
                nonEmpty--;
            }
            if (!m.isEmpty()) {
                if (held == null) {
                    held = new ArrayList<>(inputs.length);
                }
                held.add(m);
            }
        }
        if (held == null) {
            emitDownstream(output(tuple), Metadata.NONE);
        } else {
            emitDownstream(output(tuple), Metadata.concat(held));
            Metadata.releaseAll(held);
        }
    }

    @Override
    protected void upstreamAdded(Stream<?> upstream) {
        // A new input starts empty, so no tuple completes until it has an element too.
        addSlot(indexOrAdd(upstream), null);
    }

    @Override
    protected void upstreamRemoved(Stream<?> upstream) {
        int k = indexOf(upstream);
        if (k < 0) {
            return;
        }
        Fifo<List<Map<String, Object>>> dropped = metadata[k];
        for (int i = 0; i < dropped.size(); i++) {
            Metadata.release(dropped.get(i));
        }
        if (!items[k].isEmpty()) {
            nonEmpty--;
        }
        int n = inputs.length;
        Stream<?>[] newInputs = new Stream<?>[n - 1];
        Fifo<Object>[] newItems = newFifos(n - 1);
        Fifo<List<Map<String, Object>>>[] newMetadata = newFifos(n - 1);
        for (int i = 0, j = 0; i < n; i++) {
            if (i != k) {
                newInputs[j] = inputs[i];
                newItems[j] = items[i];
                newMetadata[j] = metadata[i];
                j++;
            }
        }
        inputs = newInputs;
        items = newItems;
        metadata = newMetadata;
        int slots = 0;
        for (int s : slotInput) {
            if (s != k) {
                slots++;
            }
        }
        int[] newSlotInput = new int[slots];
        Object[] newSlotConstant = new Object[slots];
        for (int i = 0, j = 0; i < slotInput.length; i++) {
            if (slotInput[i] != k) {
                newSlotInput[j] = slotInput[i] > k ? slotInput[i] - 1 : slotInput[i];
                newSlotConstant[j] = slotConstant[i];
                j++;
            }
        }
        slotInput = newSlotInput;
        slotConstant = newSlotConstant;
    }

    @Override
    public int refsHeld() {
        int n = 0;
        for (Fifo<List<Map<String, Object>>> q : metadata) {
            n += Metadata.refCountAll(q);
        }
        return n;
    }

    @Override
    public int bufferedCount() {
        int n = 0;
        for (Fifo<Object> q : items) {
            n += q.size();
        }
        return n;
    }
}

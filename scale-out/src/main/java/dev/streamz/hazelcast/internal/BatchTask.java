package dev.streamz.hazelcast.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.IMap;

import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * One micro-batch of a scattered pipeline, run on a member by the executor service.
 *
 * <p>A stateless pipeline just runs the batch. A pipeline with {@code accumulate} keeps its states in the
 * cluster's state map under its id, with the number of the last batch applied; the task locks that
 * entry (Hazelcast releases the lock of a member that dies), applies the batch only if it is newer than
 * the entry, and writes the new states with the batch's result. So a batch retried after its member left
 * changes the state exactly once, and its retry answers what the first run produced.
 */
public final class BatchTask implements Callable<BatchResult>, Serializable, HazelcastInstanceAware {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String pipelineId;
    private final long seq;
    private final RemoteStep[] steps;
    @SuppressWarnings("serial") // states and elements must serialize: submitting fails, naming the node, if not
    private final Object[] initialStates;
    private final String stateMapName;
    @SuppressWarnings("serial")
    private final Object[] elements;
    private transient HazelcastInstance member;

    /**
     * @param pipelineId the scattered pipeline's id: the key of its state
     * @param seq the batch's number, from 0, in input order
     * @param steps the pipeline
     * @param initialStates the states before the first batch, or {@code null} for a stateless pipeline
     * @param stateMapName the state map (used when {@code initialStates} is not {@code null})
     * @param elements the batch
     */
    public BatchTask(String pipelineId, long seq, RemoteStep[] steps, Object[] initialStates, String stateMapName,
                     Object[] elements) {
        this.pipelineId = pipelineId;
        this.seq = seq;
        this.steps = steps;
        this.initialStates = initialStates;
        this.stateMapName = stateMapName;
        this.elements = elements;
    }

    @Override
    public void setHazelcastInstance(HazelcastInstance hazelcastInstance) {
        this.member = hazelcastInstance;
    }

    @Override
    public BatchResult call() {
        String where = member == null ? "?" : member.getCluster().getLocalMember().getAddress().toString();
        if (initialStates == null) {
            return new Chain(steps, new Object[steps.length], where).run(arrived(elements));
        }
        IMap<String, StateEntry> states = member.getMap(stateMapName);
        states.lock(pipelineId);
        try {
            StateEntry entry = states.get(pipelineId);
            long applied = entry == null ? -1 : entry.seq();
            if (applied == seq) {
                return entry.last(); // a retry of a batch that did run: its answer, not a second application
            }
            if (applied > seq) {
                return BatchResult.SUPERSEDED; // a late duplicate; the local side has moved on
            }
            Object[] current = entry == null ? initialStates.clone() : entry.states();
            BatchResult result = new Chain(steps, current, where).run(arrived(elements));
            states.set(pipelineId, new StateEntry(seq, current, result));
            return result;
        } finally {
            states.unlock(pipelineId);
        }
    }

    /** Frames arrive encoded: each is allocated here, and the chain releases it once a step used it. */
    private static Object[] arrived(Object[] elements) {
        Object[] in = elements.clone();
        for (int i = 0; i < in.length; i++) {
            in[i] = TravellingFrame.arrived(in[i]);
        }
        return in;
    }
}

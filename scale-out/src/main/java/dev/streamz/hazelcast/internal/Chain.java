package dev.streamz.hazelcast.internal;

import dev.streamz.frames.Frame;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Runs a batch through the steps of a scattered pipeline on a member, element by element, collecting each
 * element's outputs. A user function that throws on an element is recorded as that element's failure and
 * the next element runs; an {@code accumulate} whose function failed keeps its old state (as core's does).
 */
final class Chain {
    private final RemoteStep[] steps;
    private final Object[] states;
    private final String member;
    private final List<Object> out = new ArrayList<>();

    /**
     * @param steps the pipeline
     * @param states the accumulate states, one per step (updated in place)
     * @param member where this runs, for failure messages
     */
    Chain(RemoteStep[] steps, Object[] states, String member) {
        this.steps = steps;
        this.states = states;
        this.member = member;
    }

    BatchResult run(Object[] elements) {
        int n = elements.length;
        int[] counts = new int[n];
        RemoteFailure[] failures = null;
        for (int i = 0; i < n; i++) {
            int before = out.size();
            Object[] saved = hasState() ? states.clone() : null;
            try {
                push(0, elements[i]);
                counts[i] = out.size() - before;
            } catch (StepFailure e) {
                for (Object partial : out.subList(before, out.size())) {
                    TravellingFrame.release(partial);
                }
                // Nothing of a failed element leaves: drop its partial outputs (a flatten's first items) and
                // put back any state it changed on its way, so a retry of the element would see the same.
                out.subList(before, out.size()).clear();
                if (saved != null) {
                    System.arraycopy(saved, 0, states, 0, states.length);
                }
                if (failures == null) {
                    failures = new RemoteFailure[n];
                }
                failures[i] = new RemoteFailure(e.step.describe() + " failed on member " + member, e.getCause());
            }
        }
        Object[] outputs = out.toArray();
        for (int i = 0; i < outputs.length; i++) {
            if (outputs[i] instanceof Frame f) { // a result frame travels back encoded and is released here
                outputs[i] = TravellingFrame.of(f);
                f.release();
            }
        }
        return new BatchResult(counts, outputs, failures);
    }

    private boolean hasState() {
        for (RemoteStep s : steps) {
            if (s instanceof AccumulateStep) {
                return true;
            }
        }
        return false;
    }

    private void push(int from, Object x) {
        for (int i = from; i < steps.length; i++) {
            RemoteStep step = steps[i];
            try {
                Object in = x;
                switch (step) {
                    case MapStep m -> x = m.f().apply(x);
                    case StarmapStep s -> x = s.apply(x);
                    case FilterStep f -> {
                        if (!f.p().test(x)) {
                            TravellingFrame.release(x); // a frame filtered out is done with
                            return;
                        }
                    }
                    case AccumulateStep a -> {
                        Object state = states[i];
                        // streamz: the first element becomes the state and is emitted as it is.
                        states[i] = state == NoState.NONE ? x : a.f().apply(state, x);
                        x = states[i];
                    }
                    case FlattenStep f -> {
                        Iterator<?> it = f.items(x);
                        while (it.hasNext()) {
                            push(i + 1, it.next());
                        }
                        return;
                    }
                }
                if (in != x && in instanceof Frame f) {
                    f.release(); // the step made a new frame from it: the frame it got is done with
                }
            } catch (StepFailure e) {
                throw e;
            } catch (RuntimeException | Error e) { // a StackOverflowError too: reported as the step's
                TravellingFrame.release(x); // the frame the step failed on is done with
                throw new StepFailure(step, e);
            }
        }
        out.add(x);
    }

    /** A user function's failure, on its way out of the recursion, with the step that threw. */
    private static final class StepFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient RemoteStep step;

        StepFailure(RemoteStep step, Throwable cause) {
            super(null, cause, false, false);
            this.step = step;
        }
    }
}

package dev.streamz.internal.operators;

import dev.streamz.Stream;
import dev.streamz.internal.Picks;
import dev.streamz.internal.Tuple;

import java.util.List;
import java.util.Map;

/** {@code pluck(pick)} and {@code pluck(List picks)} (always a tuple). */
public final class PluckNode<R> extends Stream<R> {
    private final Object pick;
    private final Object[] picks;

    public PluckNode(Stream<?> upstream, Object pick, boolean many) {
        super("pluck", Map.of("pick", String.valueOf(pick)), upstream);
        if (many) {
            this.pick = null;
            this.picks = ((List<?>) pick).toArray();
        } else {
            this.pick = pick;
            this.picks = null;
        }
    }

    @Override
    public void update(Object x, List<Map<String, Object>> md, Stream<?> from) {
        Object y;
        try {
            if (picks == null) {
                y = Picks.pick(x, pick);
            } else {
                Object[] out = new Object[picks.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = Picks.pick(x, picks[i]);
                }
                y = Tuple.wrap(out);
            }
        } catch (RuntimeException e) {
            throw badElement("pluck cannot pick " + (picks == null ? String.valueOf(pick) : List.of(picks).toString())
                    + " from " + x, e);
        }
        emitDownstream(y, md);
    }
}

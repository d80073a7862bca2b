package dev.streamz.dataframe.internal;

import java.util.List;
import java.util.Map;

/**
 * Where an operation's result frames come from ({@link OutputFrame}, {@link LentFrame}): gives the
 * metadata the current frame travels with, whose {@link dev.streamz.RefCounter} holds the frame for
 * whatever keeps it past its emission (see {@link OutputFrame} on the hand-over).
 */
public interface FrameLender {
    /**
     * @param upstream the metadata of the element the frame was computed from
     * @return the upstream's metadata, then the current frame's counter
     */
    List<Map<String, Object>> metadata(List<Map<String, Object>> upstream);

    /**
     * Appends a counter's metadata to the upstream's.
     *
     * @param upstream the upstream's metadata
     * @param own the counter's, one entry
     * @return {@code own} when the upstream has none, else a new list of both
     */
    static List<Map<String, Object>> concat(List<Map<String, Object>> upstream, List<Map<String, Object>> own) {
        if (upstream.isEmpty()) {
            return own;
        }
        List<Map<String, Object>> md = new java.util.ArrayList<>(upstream.size() + own.size());
        md.addAll(upstream);
        md.addAll(own);
        return md;
    }
}

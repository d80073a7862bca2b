package dev.streamz.internal;

import dev.streamz.RefCounter;
import dev.streamz.Stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Helpers for element metadata: a list of maps, where a map may carry a {@link RefCounter} under
 * {@code "ref"}. Index loops only: these run on paths where allocation matters.
 */
public final class Metadata {
    /** The metadata of an element emitted without any. */
    public static final List<Map<String, Object>> NONE = List.of();

    private Metadata() {
    }

    /** @return how many refs {@code md} carries: the holds a node takes when it retains it */
    public static int refCount(List<Map<String, Object>> md) {
        int n = 0;
        for (int i = 0, size = md.size(); i < size; i++) {
            if (md.get(i).get(RefCounter.METADATA_KEY) instanceof RefCounter) {
                n++;
            }
        }
        return n;
    }

    /** @return {@link #refCount} summed over {@code mds} */
    public static int refCountAll(List<List<Map<String, Object>>> mds) {
        int n = 0;
        for (int i = 0, size = mds.size(); i < size; i++) {
            n += refCount(mds.get(i));
        }
        return n;
    }

    /** @return {@link #refCount} summed over the metadata lists queued in {@code mds} */
    public static int refCountAll(Fifo<List<Map<String, Object>>> mds) {
        int n = 0;
        for (int i = 0, size = mds.size(); i < size; i++) {
            n += refCount(mds.get(i));
        }
        return n;
    }

    /** Retains every ref in {@code md} once. */
    public static void retain(List<Map<String, Object>> md) {
        for (int i = 0, n = md.size(); i < n; i++) {
            if (md.get(i).get(RefCounter.METADATA_KEY) instanceof RefCounter r) {
                r.retain();
            }
        }
    }

    /** Releases every ref in {@code md} once. */
    public static void release(List<Map<String, Object>> md) {
        for (int i = 0, n = md.size(); i < n; i++) {
            if (md.get(i).get(RefCounter.METADATA_KEY) instanceof RefCounter r) {
                r.release();
            }
        }
    }

    /** Releases every ref of every list in {@code mds} once. */
    public static void releaseAll(List<List<Map<String, Object>>> mds) {
        for (int i = 0, n = mds.size(); i < n; i++) {
            release(mds.get(i));
        }
    }

    /** Concatenates metadata lists in order; shares {@link #NONE} when all are empty. */
    public static List<Map<String, Object>> concat(List<List<Map<String, Object>>> mds) {
        int total = 0;
        for (int i = 0, n = mds.size(); i < n; i++) {
            total += mds.get(i).size();
        }
        if (total == 0) {
            return NONE;
        }
        List<Map<String, Object>> out = new ArrayList<>(total);
        for (int i = 0, n = mds.size(); i < n; i++) {
            out.addAll(mds.get(i));
        }
        return java.util.Collections.unmodifiableList(out);
    }

    /**
     * Checks what a user passed as metadata to {@code emit} on {@code target}. The error message is built
     * only on failure: this runs on every {@code emit(x, metadata)}, which must not allocate.
     */
    public static List<Map<String, Object>> validate(List<Map<String, Object>> md, Stream<?> target) {
        if (md == null) {
            throw new NullPointerException(where(target)
                    + ": metadata must not be null (pass List.of() for none)");
        }
        for (int i = 0, n = md.size(); i < n; i++) {
            Map<String, Object> m = md.get(i);
            if (m == null) {
                throw new NullPointerException(where(target) + ": metadata entry " + i
                        + " is null; expected a Map");
            }
            Object ref = m.get(RefCounter.METADATA_KEY);
            if (ref != null && !(ref instanceof RefCounter)) {
                // It would be ignored: the element would never be acknowledged, silently.
                throw new IllegalArgumentException(where(target) + ": metadata entry " + i + " holds a "
                        + ref.getClass().getName() + " under \"" + RefCounter.METADATA_KEY
                        + "\"; that key is reserved for a RefCounter");
            }
        }
        return md;
    }

    private static String where(Stream<?> target) {
        return "emit into '" + target.name() + "'";
    }
}

package dev.streamz.disruptor;

/** Who may publish into a compiled pipeline's entry ring. */
public enum ProducerKind {
    /** One thread at a time emits (a cheaper claim, no CAS); {@code emitAsync} is then unavailable. */
    SINGLE,
    /** Any number of threads emit concurrently. The default. */
    MULTI
}

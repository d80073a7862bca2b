package dev.streamz.chronicle;

/**
 * When a journal sink forces what it appended to the storage device.
 *
 * <p>Every choice survives a crash of the process (the journal is memory-mapped, so an appended excerpt is
 * in the operating system's page cache when {@code update} returns); they differ on a crash of the
 * machine.
 */
public enum Durability {
    /** Leave it to the operating system (the default and the fastest). */
    PAGE_CACHE,
    /** Force the journal to the device after every excerpt ({@code msync}); slow, survives power loss. */
    SYNC_EACH,
    /** Force it once, when the sink is destroyed. */
    SYNC_ON_CLOSE
}

package dev.streamz.kafka.internal;

import org.apache.kafka.common.TopicPartition;

import java.util.ArrayDeque;

/**
 * The batches of one assigned partition that are read but not yet committed, in offset order. A batch's
 * {@link Ticket} is marked released (from any thread) when every holder let the batch go; the polling
 * thread then {@linkplain #takeCommittable() takes} the longest released prefix and commits the offset
 * after its last batch. So an offset is committed only when its batch and every earlier batch of the
 * partition are released: a window that lets batches go out of order cannot make a commit skip one.
 *
 * <p>A ledger lives from the partition's assignment to its revocation; a ticket of a revoked ledger
 * ({@link #revoked()}) commits nothing, so a batch released after its partition moved to another group
 * member is read again there rather than committed here. Everything but {@link Ticket#release()} and
 * {@link #revoked()} is confined to the polling thread.
 */
public final class CommitLedger {
    private final TopicPartition partition;
    private final ArrayDeque<Ticket> open = new ArrayDeque<>();
    private volatile boolean revoked;

    /** @param partition the partition whose batches this ledger orders */
    public CommitLedger(TopicPartition partition) {
        this.partition = partition;
    }

    /** @return the partition */
    public TopicPartition partition() {
        return partition;
    }

    /**
     * Records a batch read from this partition, after every batch recorded before.
     *
     * @param firstOffset the offset of its first record
     * @param nextOffset the offset after its last record: what is committed once it is released
     * @param records how many records it holds
     * @return its ticket
     */
    public Ticket add(long firstOffset, long nextOffset, int records) {
        Ticket last = open.peekLast();
        if (last != null && firstOffset < last.nextOffset) {
            throw new IllegalStateException(partition + ": batch at offset " + firstOffset
                    + " overlaps the previous batch, which ends before " + last.nextOffset);
        }
        Ticket t = new Ticket(this, firstOffset, nextOffset, records);
        open.addLast(t);
        return t;
    }

    /**
     * Removes the released batches at the head.
     *
     * @return the offset to commit (after the last removed batch), or -1 if the oldest batch is still held
     */
    public long takeCommittable() {
        long commit = -1;
        while (!open.isEmpty() && open.peekFirst().released) {
            commit = open.pollFirst().nextOffset;
        }
        return commit;
    }

    /** @return how many batches are read and not yet committed */
    public int size() {
        return open.size();
    }

    /** Marks the partition revoked: its tickets commit nothing from now on. */
    public void revoke() {
        revoked = true;
    }

    /** @return whether the partition was revoked */
    public boolean revoked() {
        return revoked;
    }

    /** One batch's place in its partition's commit order. */
    public static final class Ticket {
        private final CommitLedger ledger;
        private final long firstOffset;
        private final long nextOffset;
        private final int records;
        private volatile boolean released;

        Ticket(CommitLedger ledger, long firstOffset, long nextOffset, int records) {
            this.ledger = ledger;
            this.firstOffset = firstOffset;
            this.nextOffset = nextOffset;
            this.records = records;
        }

        /** Marks the batch released; idempotent. Any thread. */
        public void release() {
            released = true;
        }

        /** @return whether every holder let the batch go */
        public boolean released() {
            return released;
        }

        /** @return its ledger */
        public CommitLedger ledger() {
            return ledger;
        }

        /** @return the offset of its first record */
        public long firstOffset() {
            return firstOffset;
        }

        /** @return the offset after its last record */
        public long nextOffset() {
            return nextOffset;
        }

        /** @return how many records it holds */
        public int records() {
            return records;
        }

        @Override
        public String toString() {
            return ledger.partition + "@" + firstOffset + ".." + (nextOffset - 1);
        }
    }
}

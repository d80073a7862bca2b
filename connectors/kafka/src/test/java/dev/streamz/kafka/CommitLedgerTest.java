package dev.streamz.kafka;

import dev.streamz.kafka.internal.CommitLedger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-order commit rule, alone: an offset is committable only when every earlier batch is released. */
class CommitLedgerTest {
    @Test
    void onlyTheReleasedPrefixIsCommittable() {
        CommitLedger l = new CommitLedger(new TopicPartition("t", 0));
        CommitLedger.Ticket a = l.add(0, 10, 10);
        CommitLedger.Ticket b = l.add(10, 20, 10);
        CommitLedger.Ticket c = l.add(20, 25, 5);
        assertEquals(-1, l.takeCommittable());
        c.release();
        b.release();
        assertEquals(-1, l.takeCommittable(), "batch 0..9 is still held");
        assertEquals(3, l.size());
        a.release();
        assertEquals(25, l.takeCommittable());
        assertEquals(0, l.size());
        assertEquals(-1, l.takeCommittable());
    }

    @Test
    void overlappingBatchesAreRefused() {
        CommitLedger l = new CommitLedger(new TopicPartition("t", 3));
        l.add(0, 10, 10);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> l.add(5, 12, 7));
        assertTrue(e.getMessage().contains("t-3"), e.getMessage());
    }

    @Test
    void randomReleaseOrdersNeverCommitPastAHeldBatch() {
        for (long seed = 1; seed <= 200; seed++) {
            Random rnd = new Random(seed);
            CommitLedger l = new CommitLedger(new TopicPartition("t", 0));
            List<CommitLedger.Ticket> tickets = new ArrayList<>();
            long offset = 0;
            for (int i = 0; i < 20; i++) {
                int n = 1 + rnd.nextInt(5);
                tickets.add(l.add(offset, offset + n, n));
                offset += n;
            }
            List<CommitLedger.Ticket> order = new ArrayList<>(tickets);
            Collections.shuffle(order, rnd);
            long committed = 0;
            for (CommitLedger.Ticket t : order) {
                t.release();
                long c = l.takeCommittable();
                if (c >= 0) {
                    assertTrue(c > committed, "commits only move forward");
                    committed = c;
                }
                // Every batch that ends at or before the committed offset is released.
                for (CommitLedger.Ticket u : tickets) {
                    if (u.nextOffset() <= committed) {
                        assertTrue(u.released(), "seed " + seed + ": committed " + committed + " past held " + u);
                    }
                }
            }
            assertEquals(offset, committed, "seed " + seed);
        }
    }
}

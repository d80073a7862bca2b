package dev.streamz.kafka;

import dev.streamz.RefCounter;
import dev.streamz.Scheduler;
import dev.streamz.Source;
import dev.streamz.StreamException;
import dev.streamz.kafka.internal.CommitLedger;
import dev.streamz.kafka.internal.KeepOpenDeserializer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A source reading Kafka topics as a member of a consumer group, built by {@link Kafka#fromKafka} (one
 * element per record) or {@link Kafka#fromKafkaBatched} (one element per batch: a list of records of one
 * partition, in offset order).
 *
 * <p><b>Checkpoints.</b> Every element carries metadata with a {@link RefCounter} under {@code "ref"},
 * one per batch (the records of a batch share it in per-record mode). When every node holding the batch
 * has released it, and every earlier batch of the same partition is committed, the source commits the
 * offset after the batch's last record. Offsets are committed by the source itself (the consumer's
 * auto-commit must be off), so delivery is at-least-once through windows, buffers and joins: what the
 * pipeline still holds when the process dies is read again.
 *
 * <p><b>Threads and back pressure.</b> The {@link KafkaConsumer} is confined to a polling thread of the
 * source's own; elements are handed to the graph's scheduler and emitted there, one at a time, each after
 * the previous was accepted. The polling thread pauses its partitions (and keeps its group membership)
 * while {@link KafkaSourceOptions#maxPendingRecords()} records wait for the pipeline or
 * {@link KafkaSourceOptions#maxUncommittedBatches()} batches wait for their commit. Releases, which may
 * happen on any thread, only mark the batch; the polling thread sends the commits.
 *
 * <p><b>Consumer groups.</b> When a rebalance takes partitions away, what is committable is committed
 * synchronously, and batches of those partitions still in flight are neither committed later nor lost: the
 * next owner reads them again from the committed offset (and batches not yet emitted are dropped). Newly
 * assigned partitions are read from their committed offset.
 *
 * <p><b>Failures.</b> {@code start()} fails with a clear message if the broker cannot be reached or a
 * topic does not exist within {@link KafkaSourceOptions#startTimeout()}. A record that cannot be
 * deserialized, or an element on which the pipeline throws, is a poison record: it is reported to the
 * graph's error handler with its topic, partition and offset, then handled by the
 * {@link PoisonPolicy}. Any other failure of the polling thread is reported too; the source then stops,
 * and {@link #failure()} tells why. Nothing stops it silently.
 *
 * @param <T> the element type: a {@code ConsumerRecord} or a list of them
 */
public final class KafkaSource<T> extends Source<T> {
    /** While held back, the source still polls (without fetching) this often, to stay in its group. */
    private static final long LIVENESS_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final List<String> topics;
    private final Map<String, Object> consumerConfig;
    private final Deserializer<?> keyDeserializer;
    private final Deserializer<?> valueDeserializer;
    private final KafkaSourceOptions options;
    private final boolean perRecord;
    private final Map<TopicPartition, Long> committed = new ConcurrentHashMap<>();
    private volatile Run run;

    KafkaSource(String operator, List<String> topics, Map<String, Object> consumerConfig,
                Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer, KafkaSourceOptions options,
                boolean perRecord) {
        super(operator, parameters(topics, consumerConfig, options));
        this.topics = List.copyOf(topics);
        this.consumerConfig = Map.copyOf(consumerConfig);
        this.keyDeserializer = keyDeserializer;
        this.valueDeserializer = valueDeserializer;
        this.options = options;
        this.perRecord = perRecord;
    }

    private static Map<String, Object> parameters(List<String> topics, Map<String, Object> config,
                                                  KafkaSourceOptions o) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("topics", List.copyOf(topics));
        p.put("group_id", config.get(ConsumerConfig.GROUP_ID_CONFIG));
        p.put("poll_interval", o.pollInterval());
        p.put("max_batch_size", o.maxBatchSize());
        p.put("max_pending_records", o.maxPendingRecords());
        p.put("max_uncommitted_batches", o.maxUncommittedBatches());
        p.put("poison_policy", o.poisonPolicy());
        return p;
    }

    /**
     * The options this source was built with.
     *
     * @return the options
     */
    public KafkaSourceOptions options() {
        return options;
    }

    /**
     * What this source has committed.
     *
     * @return the offsets this source has committed, by partition (the offset of the next record to read),
     *     as acknowledged by the broker; kept across restarts
     */
    public Map<TopicPartition, Long> committedOffsets() {
        return Map.copyOf(committed);
    }

    /**
     * Records polled and not yet accepted by the pipeline, in the current run.
     *
     * @return the number of records
     */
    @Override
    public int bufferedCount() {
        Run r = run;
        return r == null ? 0 : (int) r.pendingRecords.get();
    }

    /**
     * Batches emitted (or ready to be) and not yet committed, in the current run.
     *
     * @return the number of batches
     */
    public int uncommittedBatches() {
        Run r = run;
        return r == null ? 0 : r.uncommitted;
    }

    @Override
    protected void onStart(Scheduler scheduler) {
        Run r = new Run(scheduler);
        r.open(); // on the caller's thread: an unreachable broker or unknown topic fails start()
        run = r;
        r.thread.start();
    }

    @Override
    protected void onStop() {
        Run r = run;
        run = null;
        if (r != null) {
            r.stop();
        }
    }

    private String where() {
        return "topics " + topics + " of " + consumerConfig.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG)
                + " (group " + consumerConfig.get(ConsumerConfig.GROUP_ID_CONFIG) + ")";
    }

    /** One read of the topic: from a start to the matching stop, with its own consumer and thread. */
    private final class Run implements ConsumerRebalanceListener {
        final Scheduler scheduler;
        final Thread thread;
        KafkaConsumer<Object, Object> consumer;
        volatile boolean stopping;

        /** Records polled and not yet accepted by the pipeline (written by both threads). */
        final AtomicLong pendingRecords = new AtomicLong();
        /** Tickets created and not yet committed or dropped; polling thread only (read for introspection). */
        volatile int uncommitted;
        /** Batches ready to emit, in poll order; offered by the polling thread, taken on the scheduler. */
        final ConcurrentLinkedQueue<Batch> ready = new ConcurrentLinkedQueue<>();
        final AtomicBoolean draining = new AtomicBoolean();
        /** Tickets whose batches were released, waiting for the polling thread to commit. */
        final ConcurrentLinkedQueue<CommitLedger.Ticket> released = new ConcurrentLinkedQueue<>();
        /** Polling thread only. */
        final Map<TopicPartition, CommitLedger> ledgers = new HashMap<>();
        volatile boolean parked;
        boolean paused;
        long lastPoll = System.nanoTime();

        /** Scheduler only: the batch being emitted record by record, and the next record's index. */
        Batch current;
        int nextIndex;
        final Runnable drainTask = this::drain;

        Run(Scheduler scheduler) {
            this.scheduler = scheduler;
            this.thread = new Thread(this::pollLoop, "streamz-kafka-" + String.join(",", topics));
            this.thread.setDaemon(true);
        }

        void open() {
            Map<String, Object> c = new HashMap<>(consumerConfig);
            c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            c.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, options.maxBatchSize());
            @SuppressWarnings("unchecked")
            KafkaConsumer<Object, Object> kc = new KafkaConsumer<>(c,
                    new KeepOpenDeserializer<>((Deserializer<Object>) keyDeserializer),
                    new KeepOpenDeserializer<>((Deserializer<Object>) valueDeserializer));
            try {
                for (String topic : topics) {
                    List<PartitionInfo> parts;
                    try {
                        parts = kc.partitionsFor(topic, options.startTimeout());
                    } catch (org.apache.kafka.common.errors.TimeoutException e) {
                        throw new StreamException(KafkaSource.this, "broker not reachable at "
                                + c.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG) + " within "
                                + options.startTimeout() + " (describing topic '" + topic + "')", e);
                    } catch (org.apache.kafka.common.errors.UnknownTopicOrPartitionException e) {
                        parts = List.of();
                    }
                    if (parts == null || parts.isEmpty()) {
                        throw new StreamException(KafkaSource.this, "unknown topic '" + topic + "' at "
                                + c.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG), null);
                    }
                }
            } catch (RuntimeException e) {
                kc.close(CloseOptions.timeout(Duration.ZERO));
                throw e;
            }
            consumer = kc;
        }

        void stop() {
            stopping = true;
            try {
                consumer.wakeup();
            } catch (RuntimeException ignored) {
                // already closed after a failure
            }
            LockSupport.unpark(thread);
            if (Thread.currentThread() != thread) {
                try {
                    thread.join(options.closeTimeout().toMillis() + 1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        // -------------------------------------------------------------------------------------------
        // The polling thread

        private void pollLoop() {
            Throwable fatal = null;
            try {
                consumer.subscribe(topics, this);
                while (!stopping) {
                    commitReleased(false);
                    if (stillFull()) {
                        // Back pressure. Fetching stays untouched (pausing would stop the consumer's
                        // prefetch), unless the group must hear from us: then pause, and poll without fetching.
                        long now = System.nanoTime();
                        if (now - lastPoll >= LIVENESS_NANOS) {
                            if (!paused) {
                                paused = true;
                                applyPause();
                            }
                            pollOnce(Duration.ZERO);
                            lastPoll = now;
                        }
                        parked = true; // set before the check: an unpark that comes after it is not lost
                        if (!stopping && released.isEmpty() && stillFull()) {
                            LockSupport.parkNanos(this, Math.min(options.pollInterval().toNanos(), LIVENESS_NANOS));
                        }
                        parked = false;
                    } else {
                        if (paused) {
                            paused = false;
                            applyPause();
                        }
                        pollOnce(options.pollInterval());
                        lastPoll = System.nanoTime();
                    }
                }
            } catch (WakeupException e) {
                // stop() woke us
            } catch (FailedRun e) {
                fatal = e.getCause();
            } catch (Throwable t) {
                fatal = new StreamException(KafkaSource.this, "kafka source failed reading " + where() + ": " + t, t);
            } finally {
                close();
            }
            if (fatal != null) {
                Throwable reported = fatal;
                scheduler.execute(() -> {
                    synchronized (KafkaSource.this) {
                        if (run == this) {
                            markFailed("kafka source failed", reported); // reports it, stops, sets failure()
                        }
                    }
                });
            }
        }

        private boolean stillFull() {
            return pendingRecords.get() >= options.maxPendingRecords()
                    || uncommitted >= options.maxUncommittedBatches();
        }

        private void pollOnce(Duration timeout) {
            ConsumerRecords<Object, Object> records;
            try {
                records = consumer.poll(timeout);
            } catch (WakeupException e) {
                if (stopping) {
                    throw e;
                }
                return;
            } catch (RecordDeserializationException e) {
                poison(e.topicPartition(), e.offset(), "cannot deserialize the record", e);
                return;
            }
            if (records.isEmpty()) {
                return;
            }
            int max = options.maxBatchSize();
            for (TopicPartition tp : records.partitions()) {
                CommitLedger ledger = ledgers.get(tp);
                if (ledger == null) {
                    continue; // revoked during this poll: the next owner reads these
                }
                List<ConsumerRecord<Object, Object>> list = records.records(tp);
                for (int from = 0; from < list.size(); from += max) {
                    List<ConsumerRecord<Object, Object>> chunk = list.subList(from, Math.min(list.size(), from + max));
                    long first = chunk.get(0).offset();
                    long next = chunk.get(chunk.size() - 1).offset() + 1;
                    CommitLedger.Ticket ticket = ledger.add(first, next, chunk.size());
                    uncommitted++;
                    pendingRecords.addAndGet(chunk.size());
                    ready.add(new Batch(chunk, ticket, this));
                }
            }
            scheduleDrain();
        }

        /** A poison record at {@code offset} of {@code tp}: report it, then apply the policy. */
        private void poison(TopicPartition tp, long offset, String what, Throwable cause) {
            PoisonPolicy policy = options.poisonPolicy();
            StreamException e = new StreamException(KafkaSource.this, what + " at " + tp.topic() + "-"
                    + tp.partition() + " offset " + offset + " (poison policy " + policy + ")", cause);
            if (policy == PoisonPolicy.FAIL) {
                throw new FailedRun(e); // reported when the run ends, as the source's failure()
            }
            scheduler.reportError(e);
            consumer.seek(tp, offset + 1);
            CommitLedger ledger = ledgers.get(tp);
            if (ledger != null) {
                CommitLedger.Ticket skipped = ledger.add(offset, offset + 1, 0);
                uncommitted++;
                skipped.release();
                released.add(skipped);
            }
        }

        /** Commits the released prefix of every ledger; synchronously when revoking or closing. */
        private void commitReleased(boolean sync) {
            if (released.isEmpty()) {
                return;
            }
            Set<CommitLedger> dirty = new HashSet<>();
            CommitLedger.Ticket t;
            while ((t = released.poll()) != null) {
                if (!t.ledger().revoked()) {
                    dirty.add(t.ledger());
                }
            }
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (CommitLedger l : dirty) {
                int before = l.size();
                long next = l.takeCommittable();
                uncommitted -= before - l.size();
                if (next >= 0) {
                    offsets.put(l.partition(), new OffsetAndMetadata(next));
                }
            }
            if (offsets.isEmpty()) {
                return;
            }
            if (sync) {
                try {
                    consumer.commitSync(offsets, options.closeTimeout());
                    offsets.forEach((tp, om) -> committed.put(tp, om.offset()));
                } catch (RuntimeException e) {
                    reportCommitFailure(offsets, e);
                }
            } else {
                consumer.commitAsync(offsets, (done, e) -> {
                    if (e == null) {
                        done.forEach((tp, om) -> committed.merge(tp, om.offset(), Math::max));
                    } else {
                        reportCommitFailure(done, e);
                    }
                });
            }
        }

        private void reportCommitFailure(Map<TopicPartition, OffsetAndMetadata> offsets, Exception e) {
            scheduler.reportError(new StreamException(KafkaSource.this, "commit of " + offsets + " failed for "
                    + where() + " (the records will be read again)", e));
        }

        private void applyPause() {
            Set<TopicPartition> assigned = consumer.assignment();
            if (paused) {
                consumer.pause(assigned);
            } else {
                consumer.resume(assigned);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commitReleased(true);
            drop(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            drop(partitions);
        }

        private void drop(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                CommitLedger l = ledgers.remove(tp);
                if (l != null) {
                    l.revoke();
                    uncommitted -= l.size();
                }
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Set<TopicPartition> fresh = new HashSet<>(partitions);
            for (TopicPartition tp : partitions) {
                CommitLedger old = ledgers.put(tp, new CommitLedger(tp));
                if (old != null) {
                    old.revoke();
                    uncommitted -= old.size();
                }
            }
            // Resume at the group's committed offset, even where this member read further before a rebalance.
            Map<TopicPartition, OffsetAndMetadata> c = consumer.committed(fresh, options.closeTimeout());
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata om = c.get(tp);
                if (om != null) {
                    consumer.seek(tp, om.offset());
                    committed.put(tp, om.offset());
                }
            }
            if (paused) {
                consumer.pause(partitions);
            }
        }

        private void close() {
            try {
                commitReleased(true);
            } catch (WakeupException e) {
                commitReleased(true); // the stop's wake-up hit the commit: once more
            } catch (RuntimeException e) {
                scheduler.reportError(new StreamException(KafkaSource.this, "final commit failed for " + where(), e));
            }
            try {
                consumer.close(CloseOptions.timeout(options.closeTimeout()));
            } catch (RuntimeException e) {
                scheduler.reportError(new StreamException(KafkaSource.this, "closing the consumer failed for "
                        + where(), e));
            }
            ready.clear();
        }

        // -------------------------------------------------------------------------------------------
        // The scheduler: emission, one element at a time

        private void scheduleDrain() {
            if (!ready.isEmpty() && draining.compareAndSet(false, true)) {
                scheduler.execute(drainTask);
            }
        }

        /** Emits what is ready; a Throwable escaping it (an Error in a user function) fails the run, loudly. */
        private void drain() {
            try {
                drainReady();
            } catch (Throwable t) {
                StreamException e = new StreamException(KafkaSource.this, "emitting records of " + where()
                        + " failed: " + t, t);
                stopping = true;
                drainFailed(e);
            }
        }

        @SuppressWarnings("unchecked")
        private void drainReady() {
            while (true) {
                if (current == null) {
                    Batch b = ready.poll();
                    if (b == null) {
                        draining.set(false);
                        if (ready.isEmpty() || !draining.compareAndSet(false, true)) {
                            return;
                        }
                        continue;
                    }
                    if (stopping || b.ticket.ledger().revoked()) {
                        accepted(b.records.size()); // never emitted: read again after restart or by the new owner
                        continue;
                    }
                    markStarted();
                    if (!perRecord) {
                        CompletableFuture<Void> f = emitAsync((T) b.records, b.metadata);
                        if (!emitted(b, f, b.records.size(), b.ticket.firstOffset())) {
                            return;
                        }
                        continue;
                    }
                    current = b;
                    nextIndex = 0;
                }
                Batch b = current;
                while (nextIndex < b.records.size()) {
                    ConsumerRecord<Object, Object> rec = b.records.get(nextIndex++);
                    CompletableFuture<Void> f = emitAsync((T) rec, b.metadata);
                    boolean last = nextIndex == b.records.size();
                    if (!emitted(last ? b : null, f, 1, rec.offset())) {
                        if (last) {
                            current = null;
                        }
                        return;
                    }
                }
                current = null;
            }
        }

        /**
         * After an emission: releases the source's own hold once the batch is fully emitted ({@code done}
         * non-null), and continues now (true) or when the pipeline accepts (false).
         */
        private boolean emitted(Batch done, CompletableFuture<Void> f, int records, long offset) {
            if (f.isDone()) {
                return afterAcceptance(done, f, records, offset);
            }
            f.whenComplete((v, e) -> scheduler.execute(() -> {
                if (afterAcceptance(done, f, records, offset)) {
                    drain();
                }
            }));
            return false;
        }

        private boolean afterAcceptance(Batch done, CompletableFuture<Void> f, int records, long offset) {
            accepted(records);
            if (f.isCompletedExceptionally()) {
                Throwable cause = f.exceptionNow();
                Batch b = done != null ? done : current;
                TopicPartition tp = b.ticket.ledger().partition();
                String what = "the pipeline failed on " + (perRecord ? "the record" : "the batch of "
                        + b.records.size() + " records starting");
                if (options.poisonPolicy() == PoisonPolicy.FAIL) {
                    // The batch is never released: nothing is committed at or past it.
                    StreamException e = new StreamException(KafkaSource.this, what + " at " + tp.topic() + "-"
                            + tp.partition() + " offset " + offset + " (poison policy FAIL)", cause);
                    current = null;
                    stopping = true;
                    drainFailed(e);
                    return false;
                }
                scheduler.reportError(new StreamException(KafkaSource.this, what + " at " + tp.topic() + "-"
                        + tp.partition() + " offset " + offset + " (poison policy SKIP)", cause));
            }
            if (done != null) {
                done.hold.release();
            }
            return true;
        }

        /** Ends the run in the failed state: reports {@code e} once and sets {@code failure()}. */
        private void drainFailed(StreamException e) {
            synchronized (KafkaSource.this) {
                if (run == this) {
                    markFailed("kafka source failed", e);
                }
            }
        }

        private void accepted(int records) {
            long now = pendingRecords.addAndGet(-records);
            if (parked && now < options.maxPendingRecords()) {
                LockSupport.unpark(thread);
            }
        }

        /** Called (on any thread) when every holder of a batch let it go. */
        void onReleased(CommitLedger.Ticket ticket) {
            ticket.release();
            released.add(ticket);
            if (parked) {
                LockSupport.unpark(thread);
            }
        }
    }

    /** A batch on its way: the records, its ticket, and the metadata carrying its reference count. */
    private static final class Batch {
        final List<ConsumerRecord<Object, Object>> records;
        final CommitLedger.Ticket ticket;
        /** The source's own hold, released once the whole batch has been emitted. */
        final RefCounter hold;
        final List<Map<String, Object>> metadata;

        Batch(List<ConsumerRecord<Object, Object>> records, CommitLedger.Ticket ticket, KafkaSource<?>.Run run) {
            this.records = records;
            this.ticket = ticket;
            this.hold = new RefCounter(1, () -> run.onReleased(ticket));
            TopicPartition tp = ticket.ledger().partition();
            Map<String, Object> m = new HashMap<>(8);
            m.put(RefCounter.METADATA_KEY, hold);
            m.put("topic", tp.topic());
            m.put("partition", tp.partition());
            m.put("offset", ticket.firstOffset());
            this.metadata = List.of(m);
        }
    }

    /** Ends a run after a failure already reported. */
    private static final class FailedRun extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FailedRun(StreamException cause) {
            super(cause);
        }
    }
}

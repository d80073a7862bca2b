package dev.streamz.disruptor;

import dev.streamz.BackPressureException;
import dev.streamz.Stream;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code emitAsync} into a compiled pipeline holds bounded memory whatever the producer does. */
class BoundedEmitAsyncTest {

    @Test
    void aMillionUnawaitedEmitAsyncIntoAStuckPipelineAreBounded() throws Exception {
        Stream<Integer> s = Stream.create();
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger out = new AtomicInteger();
        s.sink(x -> {
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.incrementAndGet();
        });
        int taken = 0;
        try (CompiledPipeline<Integer> p = DisruptorRuntime.compile(s,
                PipelineOptions.builder().ringSize(4).maxPendingEmits(1000).build())) {
            CompletableFuture<Void> last = null;
            for (int i = 0; i < 1_000_000; i++) {
                CompletableFuture<Void> f = p.emitAsync(i);
                if (f.isCompletedExceptionally()) {
                    Throwable t = f.handle((v, e) -> e).join();
                    assertInstanceOf(BackPressureException.class, t);
                } else {
                    taken++;
                    last = f;
                }
            }
            assertTrue(taken <= 1000 + 5 + 1000, "taken without bound: " + taken);
            gate.countDown();
            last.get(30, TimeUnit.SECONDS);
            assertTrue(p.close(Duration.ofSeconds(30)).drained());
        }
        assertEquals(taken, out.get(), "everything taken is delivered");
    }

    @Test
    void maxPendingEmitsMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> PipelineOptions.builder().maxPendingEmits(0).build());
        assertEquals(1 << 16, PipelineOptions.defaults().maxPendingEmits());
    }
}

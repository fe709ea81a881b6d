package io.pulseloop.response.intake;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The intake bulkhead: at most {@code max-concurrent-answers} answers are worked on at once. Beyond that a request
 * waits at most {@code busy-wait} for a slot, if fewer than {@code max-waiting} others are waiting already, and is
 * otherwise refused with {@link IntakeBusyException} ({@code 503}, {@code Retry-After}) at once: a
 * short burst is absorbed, and sustained overload sheds in microseconds instead of piling up database and Kafka work
 * (or waiting threads) until everything times out.
 *
 * <p><b>Admission first, then work.</b> The permit is taken before anything else is done for the request: before
 * its body is read, before the invitation is looked up, before Spring Security ({@link IntakeAdmissionFilter}). With
 * the lookup in front of the bulkhead, requests beyond capacity queued on the database for seconds (issue 10).
 */
@Component
public class IntakeAdmission {

    /** A taken slot; closing it frees the slot (once). */
    public interface Permit extends AutoCloseable {

        @Override
        void close();
    }

    private final Semaphore slots;
    private final int maxWaiting;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Duration busyWait;
    private final Counter shed;

    IntakeAdmission(IntakeProperties properties, MeterRegistry meters) {
        this.slots = new Semaphore(properties.maxConcurrentAnswers());
        this.maxWaiting = properties.maxWaiting();
        this.busyWait = properties.busyWait();
        this.shed = Counter.builder("pulseloop.response.answers.shed")
                .description("Answers refused with 503 because max-concurrent-answers were in flight")
                .register(meters);
    }

    /**
     * Takes a slot, waiting at most {@code busy-wait} unless enough others wait already.
     *
     * @throws IntakeBusyException when none frees up in time; nothing was done for the request
     */
    public Permit admit() {
        boolean acquired = slots.tryAcquire() || awaitSlot();
        if (!acquired) {
            shed.increment();
            throw new IntakeBusyException();
        }
        return new Permit() {
            private boolean open = true;

            @Override
            public synchronized void close() {
                if (open) {
                    open = false;
                    slots.release();
                }
            }
        };
    }

    private boolean awaitSlot() {
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            return false;
        }
        try {
            return slots.tryAcquire(busyWait.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
        finally {
            waiting.decrementAndGet();
        }
    }

    /** Requests waiting for a slot right now (for tests and a gauge). */
    public int waiting() {
        return waiting.get();
    }

    /** Slots free right now (for tests and a gauge). */
    public int available() {
        return slots.availablePermits();
    }
}

package io.pulseloop.crmsync.writeback;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.pulseloop.crmsync.writeback.rules.PropertyValue;

/**
 * Delivers the outbox to the CRM in the background. Every poll interval, while fewer contacts are in hand than there
 * are workers, it claims a batch of due contacts (most overdue first, up to {@code claim-batch} in one claim: one
 * query for the candidates however many, where a claim per contact made the outbox's due filter run once per
 * delivery), and each worker sends one contact's pending properties in one call. A contact has
 * at most one call in flight (the claim's lease), so its updates reach the CRM in order, and a slow or failing
 * contact holds one worker, never the others. A failed delivery is rescheduled durably: after the CRM's
 * {@code Retry-After}, after the open circuit's wait, or with exponential backoff and jitter; nothing is dropped
 * unless the CRM refuses it for good. Disabled, with a log line saying so, when {@code pulseloop.crm.base-url} is
 * not set.
 */
@Component
class WriteBackDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WriteBackDispatcher.class);

    private final WriteBackOutbox outbox;
    private final CrmClient crm;
    private final CrmWriteBackProperties properties;
    private final WriteBackMetrics metrics;
    private final Clock clock;
    private final String owner = owner();
    private final IntervalFunction redelivery;
    private volatile boolean running;
    private ScheduledExecutorService poller;
    private ExecutorService workers;
    /** Claimed and not yet delivered, rescheduled or given up. */
    private final AtomicInteger inHand = new AtomicInteger();

    WriteBackDispatcher(WriteBackOutbox outbox, CrmClient crm, CrmWriteBackProperties properties,
            WriteBackMetrics metrics, Clock clock) {
        this.outbox = outbox;
        this.crm = crm;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
        CrmWriteBackProperties.WriteBack settings = properties.writeBack();
        this.redelivery = IntervalFunction.ofExponentialRandomBackoff(settings.redeliveryInitial(), 2.0, 0.5,
                settings.redeliveryMax());
    }

    @Override
    public void start() {
        if (!properties.enabled()) {
            log.warn("CRM write-back is DISABLED: pulseloop.crm.base-url (PULSELOOP_CRM_BASE_URL) is not set. "
                    + "Updates are kept in the outbox ({} contacts pending) and go out once it is set.",
                    outbox.pendingContacts());
            return;
        }
        if (properties.token() == null || properties.token().isBlank()) {
            log.warn("CRM write-back has no token: pulseloop.crm.token (PULSELOOP_CRM_TOKEN) is not set; "
                    + "calls to {} go out without an Authorization header", properties.baseUrl());
        }
        int concurrency = properties.writeBack().concurrency();
        AtomicInteger threads = new AtomicInteger();
        workers = Executors.newFixedThreadPool(concurrency, runnable -> daemon(runnable,
                "crm-write-back-" + threads.incrementAndGet()));
        poller = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "crm-write-back-poller"));
        running = true;
        poller.scheduleWithFixedDelay(this::dispatchDue, 0, properties.writeBack().pollInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        log.info("CRM write-back to {} started: {} workers, polling every {}", properties.baseUrl(), concurrency,
                properties.writeBack().pollInterval());
    }

    @Override
    public void stop() {
        running = false;
        if (poller != null) {
            poller.shutdownNow();
        }
        if (workers != null) {
            workers.shutdown();
            try {
                workers.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            workers.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    void dispatchDue() {
        CrmWriteBackProperties.WriteBack settings = properties.writeBack();
        try {
            while (running && inHand.get() < settings.concurrency()) {
                List<WriteBackOutbox.Claim> claims = outbox.claimDue(owner, settings.lease(), settings.claimBatch());
                inHand.addAndGet(claims.size());
                for (WriteBackOutbox.Claim claim : claims) {
                    workers.execute(() -> {
                        try {
                            deliverWhileLeased(claim);
                        } finally {
                            inHand.decrementAndGet();
                        }
                    });
                }
                if (claims.size() < settings.claimBatch()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.warn("CRM write-back could not read the outbox; trying again in {}: {}",
                    settings.pollInterval(), e.toString());
        }
    }

    /**
     * Delivers a claim unless it waited for a worker past half its lease (a slow CRM with a full batch in hand): then
     * another replica may take it over soon, so it is left to expire and be claimed again rather than sent twice.
     */
    private void deliverWhileLeased(WriteBackOutbox.Claim claim) {
        Duration half = properties.writeBack().lease().dividedBy(2);
        if (claim.lease().expiredAt(clock.instant().plus(half))) {
            metrics.delivery("lease-lapsing");
            log.debug("Write-back of contact {} waited past half its lease; it is claimed again later",
                    claim.contactId());
            return;
        }
        deliver(claim);
    }

    void deliver(WriteBackOutbox.Claim claim) {
        Map<String, PropertyValue> sent = new LinkedHashMap<>();
        claim.state().pending().forEach(property -> {
            PropertyValue value = claim.state().properties().get(property);
            if (value != null) {
                sent.put(property, value);
            }
        });
        Map<String, String> values = new LinkedHashMap<>();
        sent.forEach((property, value) -> values.put(property, value.value()));
        try {
            if (!values.isEmpty()) {
                crm.patchContact(claim.contactId(), values);
            }
            outbox.delivered(claim, sent);
            metrics.delivery("delivered");
            log.debug("Wrote back {} of contact {}", values, claim.contactId());
        } catch (CrmRejectedException e) {
            outbox.rejected(claim, sent, e.getMessage());
            metrics.delivery("rejected");
            log.warn("The CRM refused the update of contact {} ({}); it is dropped: {}", claim.contactId(),
                    values.keySet(), e.getMessage());
        } catch (CallNotPermittedException e) {
            Duration wait = Duration.ofMillis(crm.circuitBreaker().getCircuitBreakerConfig()
                    .getWaitIntervalFunctionInOpenState().apply(1));
            reschedule(claim, wait, "circuit-open", e.getMessage(), false);
        } catch (RequestNotPermitted e) {
            reschedule(claim, Duration.ofSeconds(1), "throttled", e.getMessage(), false);
        } catch (CrmUnavailableException e) {
            Duration backoff = backoff(claim.attempts());
            Duration wait = e.retryAfter() != null && e.retryAfter().compareTo(backoff) > 0 ? e.retryAfter() : backoff;
            reschedule(claim, wait, e instanceof CrmRateLimitedException ? "rate-limited" : "unavailable",
                    e.getMessage(), true);
        } catch (RuntimeException e) {
            reschedule(claim, backoff(claim.attempts()), "failed", e.getMessage(), true);
        }
    }

    private void reschedule(WriteBackOutbox.Claim claim, Duration wait, String outcome, String error,
            boolean countAttempt) {
        Instant dueAt = clock.instant().plus(wait);
        try {
            outbox.reschedule(claim, dueAt, outcome, error, countAttempt);
        } catch (RuntimeException e) {
            log.warn("Could not reschedule the write-back of contact {}; its lease expires and it is retried: {}",
                    claim.contactId(), e.toString());
        }
        metrics.delivery(outcome);
        log.info("Write-back of contact {} postponed to {} ({}): {}", claim.contactId(), dueAt, outcome, error);
    }

    private Duration backoff(int attemptsSoFar) {
        return Duration.ofMillis(redelivery.apply(attemptsSoFar + 1));
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    private static String owner() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + UUID.randomUUID();
    }
}

package io.pulseloop.closedloop.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.pulseloop.closedloop.owners.OwnerKnown;

/**
 * Delivers queued alerts until they are accepted. A delivery is claimed by moving its {@code nextTryAt} forward with
 * a compare-and-set (so two replicas never both send it), tried, and then marked sent or rescheduled with exponential
 * backoff. Each webhook endpoint is worked on its own thread, at most one message per
 * {@code per-endpoint-interval} (a Resilience4j rate limiter), so a dead or slow endpoint holds up no other.
 * Webhook posts are signed afresh with the current time on every try.
 */
@Component
class AlertDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);
    private static final Duration CLAIM = Duration.ofMinutes(2);
    private static final int MISSING_RECIPIENT_TRIES = 8;

    private final MongoTemplate mongo;
    private final AlertProperties properties;
    private final EmailAlerts email;
    private final Clock clock;
    private final MeterRegistry meters;
    private final HttpClient http;
    private final ExecutorService endpointWorkers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "alert-webhook");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, AtomicBoolean> busy = new ConcurrentHashMap<>();
    private final Map<String, RateLimiter> limiters = new ConcurrentHashMap<>();
    /** When each endpoint was last posted to (monotonic nanos): the limiter's cycles alone allow two posts close
     * together across a cycle boundary. */
    private final Map<String, Long> lastPost = new ConcurrentHashMap<>();
    private final AtomicBoolean mailBusy = new AtomicBoolean();

    AlertDispatcher(MongoTemplate mongo, AlertProperties properties, EmailAlerts email, Clock clock,
            MeterRegistry meters) {
        this.mongo = mongo;
        this.properties = properties;
        this.email = email;
        this.clock = clock;
        this.meters = meters;
        this.http = HttpClient.newBuilder().connectTimeout(properties.requestTimeout()).build();
    }

    @Scheduled(fixedDelayString = "${pulseloop.alerts.poll-interval:PT0.5S}")
    void dispatch() {
        for (AlertProperties.Endpoint endpoint : properties.endpoints()) {
            AtomicBoolean working = busy.computeIfAbsent(endpoint.name(), name -> new AtomicBoolean());
            if (working.compareAndSet(false, true)) {
                endpointWorkers.execute(() -> {
                    try {
                        deliverNextWebhook(endpoint);
                    } catch (RuntimeException e) {
                        LOG.warn("Webhook endpoint {}: {}", endpoint.name(), e.toString());
                    } finally {
                        working.set(false);
                    }
                });
            }
        }
        if (mailBusy.compareAndSet(false, true)) {
            endpointWorkers.execute(() -> {
                try {
                    deliverDueEmails();
                } catch (RuntimeException e) {
                    LOG.warn("Alert emails: {}", e.toString());
                } finally {
                    mailBusy.set(false);
                }
            });
        }
    }

    @PreDestroy
    void stop() {
        endpointWorkers.shutdownNow();
    }

    private void deliverDueEmails() {
        Instant now = clock.instant();
        for (Alert alert : due(Alert.Channel.EMAIL, null, now, 50)) {
            if (!claim(alert, now)) {
                continue;
            }
            Optional<String> to = email.recipient(alert.request());
            if (to.isEmpty()) {
                if (alert.tries() + 1 >= MISSING_RECIPIENT_TRIES) {
                    finish(alert, Alert.Status.NO_RECIPIENT, now);
                    meters.counter("pulseloop.closed-loop.alerts", "channel", "email", "outcome", "no-recipient")
                            .increment();
                } else {
                    retry(alert, now, "no email known for owner " + alert.request().recipientOwnerId());
                    // the owner's record may have arrived between the lookup and this retry, and its wake-up
                    // (ownerKnown) found the alert still claimed and was undone by the retry: look once more
                    if (email.recipient(alert.request()).isPresent()) {
                        wake(alert, now);
                    }
                }
                continue;
            }
            try {
                email.send(alert.request(), to.get());
                finish(alert, Alert.Status.SENT, now);
                meters.counter("pulseloop.closed-loop.alerts", "channel", "email", "outcome", "sent").increment();
            } catch (Exception e) {
                retry(alert, now, e.toString());
                meters.counter("pulseloop.closed-loop.alerts", "channel", "email", "outcome", "retried").increment();
            }
        }
    }

    /**
     * An email alert that found no address for its recipient retries with backoff (up to minutes apart); once the
     * owner's address arrives it goes at the next round instead. The owner's record can come late: a poison record
     * ahead of it on {@code crm.owners.v1} is retried before it, and a fault test saw escalation emails wait out their
     * backoff. A query on fields other than {@code _id}, run once per owner update, which is rare.
     */
    @EventListener
    void ownerKnown(OwnerKnown owner) {
        Instant now = clock.instant();
        long woken = mongo.updateMulti(Query.query(Criteria.where("status").is(Alert.Status.PENDING)
                        .and("channel").is(Alert.Channel.EMAIL).and("request.recipientOwnerId").is(owner.ownerId())
                        .and("nextTryAt").gt(now)),
                new Update().set("nextTryAt", now), Alert.class).getModifiedCount();
        if (woken > 0) {
            LOG.info("Owner {} is known now: {} alert email(s) that waited for the address go next", owner.ownerId(),
                    woken);
        }
    }

    private void wake(Alert alert, Instant now) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(alert.id()).and("status").is(Alert.Status.PENDING)),
                new Update().set("nextTryAt", now), Alert.class);
    }

    private void deliverNextWebhook(AlertProperties.Endpoint endpoint) {
        RateLimiter limiter = limiters.computeIfAbsent(endpoint.name(), name -> RateLimiter.of("alerts-" + name,
                RateLimiterConfig.custom().limitForPeriod(1).limitRefreshPeriod(properties.perEndpointInterval())
                        .timeoutDuration(Duration.ZERO).build()));
        while (true) {
            Instant now = clock.instant();
            List<Alert> next = due(Alert.Channel.WEBHOOK, endpoint.name(), now, 1);
            Long last = lastPost.get(endpoint.name());
            if (next.isEmpty()
                    || last != null && System.nanoTime() - last < properties.perEndpointInterval().toNanos()
                    || !limiter.acquirePermission()) {
                return;
            }
            Alert alert = next.get(0);
            if (!claim(alert, now)) {
                continue;
            }
            lastPost.put(endpoint.name(), System.nanoTime());
            mongo.updateFirst(Query.query(Criteria.where("_id").is(alert.id())),
                    new Update().set("lastTriedAt", Instant.now()), Alert.class);
            String outcome = post(endpoint, alert);
            if (outcome == null) {
                finish(alert, Alert.Status.SENT, clock.instant());
                meters.counter("pulseloop.closed-loop.alerts", "channel", "webhook", "outcome", "sent").increment();
            } else {
                retry(alert, clock.instant(), outcome);
                meters.counter("pulseloop.closed-loop.alerts", "channel", "webhook", "outcome", "retried").increment();
            }
        }
    }

    /** Posts the alert; {@code null} when accepted (2xx), otherwise why not. */
    private String post(AlertProperties.Endpoint endpoint, Alert alert) {
        String link = alert.request().taskId() == null ? properties.inboxBaseUrl() + "/inbox"
                : properties.taskLink(alert.request().taskId());
        String body = WebhookPayloads.body(endpoint.format(), alert.request(), link);
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.url()))
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/json")
                .header("X-Pulseloop-Timestamp", Long.toString(timestamp))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (endpoint.secret() != null && !endpoint.secret().isBlank()) {
            request.header("X-Pulseloop-Signature", WebhookSignature.sign(endpoint.secret(), timestamp, body));
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return e.toString();
        }
    }

    private List<Alert> due(Alert.Channel channel, String endpoint, Instant now, int limit) {
        Criteria criteria = Criteria.where("status").is(Alert.Status.PENDING).and("channel").is(channel)
                .and("nextTryAt").lte(now);
        if (endpoint != null) {
            criteria = criteria.and("endpoint").is(endpoint);
        }
        return mongo.find(Query.query(criteria).with(Sort.by("nextTryAt", "createdAt")).limit(limit), Alert.class);
    }

    private boolean claim(Alert alert, Instant now) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(alert.id()).and("status")
                        .is(Alert.Status.PENDING).and("nextTryAt").is(alert.nextTryAt())),
                new Update().set("nextTryAt", now.plus(CLAIM)), Alert.class).getModifiedCount() == 1;
    }

    private void finish(Alert alert, Alert.Status status, Instant now) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(alert.id())),
                new Update().set("status", status).set("sentAt", now).inc("tries", 1), Alert.class);
    }

    private void retry(Alert alert, Instant now, String error) {
        Duration backoff = properties.firstRetry().multipliedBy(1L << Math.min(alert.tries(), 20));
        if (backoff.compareTo(properties.maxRetry()) > 0) {
            backoff = properties.maxRetry();
        }
        LOG.debug("Alert {} not delivered ({}), next try in {}", alert.id(), error, backoff);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(alert.id())),
                new Update().set("nextTryAt", now.plus(backoff)).set("lastError", error).inc("tries", 1), Alert.class);
    }
}

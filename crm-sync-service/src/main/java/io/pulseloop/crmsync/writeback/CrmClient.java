package io.pulseloop.crmsync.writeback;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import io.pulseloop.events.json.EventJson;

/**
 * Updates a contact in the CRM, HubSpot-v3-shaped (contract §8):
 * {@code PATCH {base-url}/crm/v3/objects/contacts/{contactId}} with {@code Authorization: Bearer {token}} and
 * {@code {"properties": {...}}}.
 *
 * <p>Behind Resilience4j instances named {@code crm}, outermost first: a retry with exponential backoff and jitter
 * that waits what a {@code 429}'s {@code Retry-After} asks (up to {@code max-inline-retry-after}; a longer wait is
 * left to the dispatcher), a rate limiter (each attempt takes a permit), a circuit breaker (5xx, timeouts and I/O
 * errors open it; 429 does not) and a time limiter.
 */
@Component
public class CrmClient {

    static final String INSTANCE = "crm";

    private final JsonMapper json = EventJson.mapper();
    private final CrmWriteBackProperties properties;
    private final Clock clock;
    private final WriteBackMetrics metrics;
    private final HttpClient http;
    private final CircuitBreaker circuitBreaker;
    private final RateLimiter rateLimiter;
    private final TimeLimiter timeLimiter;
    private final Retry retry;

    CrmClient(CrmWriteBackProperties properties, Clock clock, WriteBackMetrics metrics,
            CircuitBreakerRegistry circuitBreakers, RateLimiterRegistry rateLimiters, TimeLimiterRegistry timeLimiters,
            RetryRegistry retries) {
        this.properties = properties;
        this.clock = clock;
        this.metrics = metrics;
        this.circuitBreaker = circuitBreakers.circuitBreaker(INSTANCE);
        this.rateLimiter = rateLimiters.rateLimiter(INSTANCE);
        this.timeLimiter = timeLimiters.timeLimiter(INSTANCE);
        this.retry = honouringRetryAfter(retries);
        this.http = HttpClient.newBuilder().connectTimeout(timeLimiter.getTimeLimiterConfig().getTimeoutDuration())
                .build();
    }

    /** The circuit breaker, for the dispatcher to know how long an open circuit stays open. */
    CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    /**
     * Sends the properties; returns once the CRM acknowledged them with a {@code 2xx}.
     *
     * @throws CrmRejectedException    the CRM refused them for good
     * @throws CrmUnavailableException the CRM is unavailable (retries exhausted, or a long {@code Retry-After})
     * @throws io.github.resilience4j.circuitbreaker.CallNotPermittedException the circuit is open
     * @throws io.github.resilience4j.ratelimiter.RequestNotPermitted no permit from the rate limiter in time
     * @throws CrmCallFailedException  a timeout or I/O error, retries exhausted
     */
    public void patchContact(String contactId, Map<String, String> values) {
        HttpRequest request = request(contactId, values);
        CheckedSupplier<Void> attempt = () -> {
            send(request);
            return null;
        };
        CheckedSupplier<Void> guarded = Retry.decorateCheckedSupplier(retry,
                RateLimiter.decorateCheckedSupplier(rateLimiter,
                        CircuitBreaker.decorateCheckedSupplier(circuitBreaker, attempt)));
        try {
            guarded.get();
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new CrmCallFailedException(e);
        }
    }

    private void send(HttpRequest request) throws Exception {
        long started = System.nanoTime();
        String outcome = "error";
        try {
            HttpResponse<String> response = timeLimiter.executeFutureSupplier(
                    () -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            outcome = outcome(response.statusCode());
            check(response);
        } catch (TimeoutException e) {
            outcome = "timeout";
            throw e;
        } catch (IOException e) {
            outcome = "io-error";
            throw e;
        } finally {
            metrics.request(outcome, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static String outcome(int status) {
        if (status >= 200 && status < 300) {
            return "success";
        }
        if (status == 429) {
            return "rate-limited";
        }
        if (status == 401 || status == 403) {
            return "unauthorized";
        }
        return status == 408 || status >= 500 ? "server-error" : "rejected";
    }

    /** Returns for a {@code 2xx}, throws for anything else. */
    private void check(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        String message = "CRM answered " + status + " to PATCH " + response.request().uri().getPath()
                + abbreviated(response.body());
        Duration retryAfter = retryAfter(response);
        if (status == 429) {
            throw new CrmRateLimitedException(retryAfter, message);
        }
        if (status == 408 || status == 401 || status == 403 || status >= 500) {
            // 401/403: a token problem is fixed by an operator, not by dropping the update
            throw new CrmUnavailableException(status, retryAfter, message);
        }
        throw new CrmRejectedException(status, message);
    }

    private HttpRequest request(String contactId, Map<String, String> values) {
        String base = properties.baseUrl().endsWith("/")
                ? properties.baseUrl().substring(0, properties.baseUrl().length() - 1) : properties.baseUrl();
        URI uri = URI.create(base + "/crm/v3/objects/contacts/"
                + URLEncoder.encode(contactId, StandardCharsets.UTF_8).replace("+", "%20"));
        byte[] body = json.writeValueAsBytes(Map.of("properties", values));
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(timeLimiter.getTimeLimiterConfig().getTimeoutDuration().plusSeconds(1))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(body));
        if (properties.token() != null && !properties.token().isBlank()) {
            builder.header("Authorization", "Bearer " + properties.token());
        }
        return builder.build();
    }

    private Retry honouringRetryAfter(RetryRegistry retries) {
        RetryConfig configured = retries.retry(INSTANCE).getRetryConfig();
        IntervalBiFunction<Object> backoff = configured.getIntervalBiFunction();
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(configured.getMaxAttempts())
                .intervalBiFunction((attempt, outcome) -> {
                    if (outcome.isLeft() && outcome.getLeft() instanceof CrmUnavailableException unavailable
                            && unavailable.retryAfter() != null) {
                        return unavailable.retryAfter().toMillis();
                    }
                    return backoff.apply(attempt, outcome);
                })
                .retryOnException(this::retryWithinCall)
                .failAfterMaxAttempts(false)
                .build();
        Retry replacement = Retry.of(INSTANCE, config);
        retries.replace(INSTANCE, replacement);
        return replacement;
    }

    private boolean retryWithinCall(Throwable failure) {
        if (failure instanceof CrmUnavailableException unavailable) {
            return unavailable.retryAfter() == null
                    || unavailable.retryAfter().compareTo(properties.writeBack().maxInlineRetryAfter()) <= 0;
        }
        return failure instanceof TimeoutException || failure instanceof IOException;
    }

    /** {@code Retry-After} as seconds or as an HTTP date; {@code null} when absent or unreadable. */
    private Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse(null);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static String abbreviated(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        return ": " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
    }
}

package io.pulseloop.crmsync.writeback;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where and how the CRM is written back to ({@code pulseloop.crm.*}). Timeout, retry, circuit breaker and rate
 * limiter are Resilience4j's, configured under {@code resilience4j.*.instances.crm}.
 *
 * @param baseUrl   the CRM API, e.g. {@code https://api.hubapi.com} ({@code PULSELOOP_CRM_BASE_URL}); when empty,
 *                  write-back is disabled and updates wait in the outbox
 * @param token     the bearer token ({@code PULSELOOP_CRM_TOKEN})
 * @param writeBack the dispatcher's settings
 */
@Validated
@ConfigurationProperties("pulseloop.crm")
public record CrmWriteBackProperties(String baseUrl, String token, @Valid @NotNull @DefaultValue WriteBack writeBack) {

    public boolean enabled() {
        return baseUrl != null && !baseUrl.isBlank();
    }

    /**
     * @param pollInterval        how often the dispatcher looks for due updates
     * @param concurrency         how many contacts are written back at the same time (one call per contact at a
     *                            time, so one contact's updates stay in order)
     * @param claimBatch          how many due contacts one claim takes at most (one query for all of them); they wait
     *                            for a worker in this replica, and one that waited past half its {@code lease} is
     *                            left to be claimed again
     * @param lease               how long a dispatcher owns a contact's delivery before another replica may take it
     * @param redeliveryInitial   the first wait before a failed delivery is tried again; it doubles per failure,
     *                            with jitter, up to {@code redeliveryMax}
     * @param redeliveryMax       the longest wait between deliveries of one contact
     * @param maxInlineRetryAfter a {@code Retry-After} up to this long is waited for within the call; a longer one
     *                            reschedules the delivery
     */
    public record WriteBack(
            @NotNull @DefaultValue("250ms") Duration pollInterval,
            @Min(1) @DefaultValue("4") int concurrency,
            @Min(1) @DefaultValue("64") int claimBatch,
            @NotNull @DefaultValue("2m") Duration lease,
            @NotNull @DefaultValue("5s") Duration redeliveryInitial,
            @NotNull @DefaultValue("10m") Duration redeliveryMax,
            @NotNull @DefaultValue("10s") Duration maxInlineRetryAfter) {
    }
}

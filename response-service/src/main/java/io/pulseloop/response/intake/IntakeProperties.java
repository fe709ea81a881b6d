package io.pulseloop.response.intake;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Response intake ({@code pulseloop.response.intake}).
 *
 * @param relayAfter     how old an unpublished outbox entry must be before the relay publishes it (longer than
 *                       {@code pulseloop.events.publish.ack-timeout}, so the relay does not race a request still waiting)
 * @param relayInterval  how often the relay publishes the answers this process could not publish at once
 * @param relayScanInterval how often the relay searches the whole collection for entries older than
 *                       {@code relayAfter} (left by a crash of any replica); a query on a field other than
 *                       {@code _id}, so rare: the embedded MongoDB server scans the collection for it
 * @param maxConcurrentAnswers answers recorded at the same time (as users run it on 2 shared cores an answer spends
 *                       most of its slot waiting for Kafka and MongoDB; in two 20,000-contact benchmark runs at
 *                       300 answers/s, not otherwise alike, 16 slots took 71 answers/s and 32 took 117/s)
 * @param maxWaiting     how many requests may wait up to {@code busyWait} for a slot when all are taken; further
 *                       ones get {@code 503} with {@code Retry-After} at once, so that overload sheds fast instead of piling up database
 *                       and Kafka work until everything times out. Keep {@code maxConcurrentAnswers + maxWaiting} well
 *                       below {@code server.tomcat.threads.max} (64): the threads left over are the ones that refuse
 *                       at once; with 32 + 32 every thread was taken and refusals queued for seconds
 * @param busyWait       how long an answer waits for a free slot
 */
@Validated
@ConfigurationProperties("pulseloop.response.intake")
public record IntakeProperties(
        @NotNull @DefaultValue("PT30S") Duration relayAfter,
        @NotNull @DefaultValue("PT5S") Duration relayInterval,
        @NotNull @DefaultValue("PT5M") Duration relayScanInterval,
        @Min(1) @DefaultValue("32") int maxConcurrentAnswers,
        @Min(0) @DefaultValue("8") int maxWaiting,
        @NotNull @DefaultValue("PT0.1S") Duration busyWait) {
}

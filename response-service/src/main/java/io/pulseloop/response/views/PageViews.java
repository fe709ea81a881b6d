package io.pulseloop.response.views;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.response.ResponseEvent;
import io.pulseloop.events.response.SurveyPageViewed;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.platform.events.EventPublisher;
import io.pulseloop.response.invitations.Invitation;
import io.pulseloop.response.invitations.InvitationDirectory;
import io.pulseloop.response.publishing.EventIds;
import io.pulseloop.response.publishing.OutgoingRecord;

/**
 * Publishes {@code SurveyPageViewed} the first time the page of an invitation is shown, for the "opened" of
 * response rates (contract section 6.2).
 *
 * <p><b>Cheap and off the request path.</b> The page never waits for Kafka: the invitation read that serves the
 * page already says whether the view was published ({@code openedAt}); only if not is a send handed to one
 * background thread, which marks the invitation once Kafka acknowledged (an {@code _id} update). So a known view
 * costs nothing, and a broker outage costs the page nothing.
 *
 * <p><b>Once per invitation, as far as it matters.</b> The event id is derived from the invitation id, so every
 * repeat (two replicas, a page shown again before the mark was written, a crash between the acknowledgement and
 * the mark) carries the same id and consumers count it once. A view whose send fails is not marked, so the next
 * view of that page publishes it; a view while the hand-off queue is full (a flood) is dropped the same way.
 */
@Service
public class PageViews {

    private static final Logger log = LoggerFactory.getLogger(PageViews.class);

    private static final int QUEUE = 10_000;

    private final InvitationDirectory invitations;
    private final EventPublisher publisher;
    private final Clock clock;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(QUEUE), runnable -> {
                Thread thread = new Thread(runnable, "page-views");
                thread.setDaemon(true);
                return thread;
            });
    private final Counter published;
    private final Counter failed;

    PageViews(InvitationDirectory invitations, EventPublisher publisher, Clock clock, MeterRegistry meters) {
        this.invitations = invitations;
        this.publisher = publisher;
        this.clock = clock;
        this.published = Counter.builder("pulseloop.response.page-views").tag("outcome", "published")
                .description("First views of survey pages published as SurveyPageViewed").register(meters);
        this.failed = Counter.builder("pulseloop.response.page-views").tag("outcome", "failed")
                .description("Page views not published (Kafka failed or queue full); the next view retries")
                .register(meters);
    }

    /** The page of {@code invitation} is being shown (a {@code GET}, not a mail scanner's {@code HEAD}). */
    public void viewed(Invitation invitation) {
        if (invitation.openedAt() != null || !inFlight.add(invitation.invitationId())) {
            return;
        }
        Instant now = clock.instant();
        try {
            worker.execute(() -> publish(invitation, now));
        }
        catch (RejectedExecutionException full) {
            inFlight.remove(invitation.invitationId());
            failed.increment();
        }
    }

    private void publish(Invitation invitation, Instant viewedAt) {
        SurveyPageViewed event = new SurveyPageViewed(eventIdOf(invitation.invitationId()), viewedAt,
                invitation.contactId(), invitation.sent().correlationId(), invitation.invitationId(),
                invitation.sent().surveyId() != null ? invitation.sent().surveyId() : invitation.survey().surveyId());
        OutgoingRecord record = new OutgoingRecord(event.eventId(), Topics.RESPONSE_RESPONSES, event.contactId(),
                "SurveyPageViewed", EventJson.mapper().writerFor(ResponseEvent.class).writeValueAsString(event));
        publisher.sendAsync(record.toEvent()).whenComplete((ignored, failure) -> {
            if (failure != null) {
                inFlight.remove(invitation.invitationId());
                failed.increment();
                log.debug("SurveyPageViewed of invitation {} not published; the next view retries",
                        invitation.invitationId(), failure);
                return;
            }
            try {
                // the mark runs on the worker, not on the producer's I/O thread that completes the send
                worker.execute(() -> mark(invitation, viewedAt));
            }
            catch (RejectedExecutionException full) {
                inFlight.remove(invitation.invitationId());
            }
        });
    }

    private void mark(Invitation invitation, Instant viewedAt) {
        try {
            invitations.markOpened(invitation.tokenHash(), viewedAt);
            published.increment();
        }
        catch (RuntimeException ex) {
            log.warn("Could not mark invitation {} opened; a later view publishes the same event again",
                    invitation.invitationId(), ex);
        }
        finally {
            inFlight.remove(invitation.invitationId());
        }
    }

    /** The id of the page view of an invitation: the same for every repeat. */
    static String eventIdOf(String invitationId) {
        return EventIds.nameBased("pulseloop-page-viewed:" + invitationId);
    }

    @PreDestroy
    void stop() {
        worker.shutdown();
    }
}

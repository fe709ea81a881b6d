package io.pulseloop.response.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.index.IndexDefinition;
import org.springframework.data.mongodb.core.index.IndexResolver;

import io.pulseloop.events.response.ResponseChannel;
import io.pulseloop.platform.events.EventPublisher;
import io.pulseloop.platform.mongo.OutboxEntry;
import io.pulseloop.response.TestInvitations;
import io.pulseloop.response.invitations.Invitation;
import io.pulseloop.response.invitations.InvitationDirectory;
import io.pulseloop.response.mongo.RecordedMongo;
import io.pulseloop.response.ratelimit.RateLimitProperties;
import io.pulseloop.response.ratelimit.RateLimits;
import io.pulseloop.testsupport.mongo.MongoCommandRecorder;
import io.pulseloop.testsupport.time.MutableClock;

/**
 * The queries of the answer path, as sent to MongoDB: each is by {@code _id} alone, except the compare-and-set of
 * a revision, whose keys are exactly those of a unique index. On the embedded server anything else is a scan of
 * every response (issue 10), so a change that adds a field to one of these filters fails here.
 */
class ResponseStoreQueryTests {

    private final RecordedMongo mongo = new RecordedMongo("response-store-queries-" + TestInvitations.newToken());
    private final ResponseStore store = new ResponseStore(mongo.template());
    private final MutableClock clock = MutableClock.startingNow();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final OutboxRelay relay = mock(OutboxRelay.class);
    private final io.pulseloop.platform.mongo.OutboxRelay outboxes = new io.pulseloop.platform.mongo.OutboxRelay(
            mongo.template(), mock(EventPublisher.class));
    private final ResponseIntake intake = new ResponseIntake(mock(InvitationDirectory.class), mock(UnknownLinks.class), store, relay,
            new RateLimits(new RateLimitProperties(
            new RateLimitProperties.Limit(100, Duration.ofMinutes(1)),
            new RateLimitProperties.Limit(100, Duration.ofMinutes(1)), 1000), clock, meters), clock, meters,
            PassThroughSealer.create());

    @AfterEach
    void dropDatabase() {
        mongo.close();
    }

    @Test
    void firstAnswersRevisionsAndTheOutboxGoByIdOnly() {
        TestInvitations.Sent sent = TestInvitations.nps("en", clock.instant());
        Invitation invitation = new Invitation(sent.event().tokenHash(), sent.event(), null, null, null, null);
        given(relay.publishNow(anyString(), any())).willReturn(true);

        AnswerReceipt first = intake.answer(invitation, new Answer(9, null, Map.of(), false,
                ResponseChannel.EMAIL_LINK, "en"));
        AnswerReceipt revised = intake.answer(invitation, new Answer(7, "Slow", Map.of(), true,
                ResponseChannel.WEB_PAGE, "en"));
        outboxes.removeAll(ResponseStore.COLLECTION, Map.of(first.responseId(), List.of(new OutboxEntry(
                "no-such-event", "t", "k", null, "{}", Map.of(), null))));
        List<io.pulseloop.platform.mongo.OutboxRelay.Pending> outbox = outboxes.pendingOf(ResponseStore.COLLECTION,
                List.of(first.responseId()));
        store.find(first.responseId());

        assertThat(revised.revision()).isEqualTo(2);
        assertThat(outbox).singleElement().satisfies(pending -> assertThat(pending.entries()).hasSize(5));
        List<MongoCommandRecorder.Command> commands = mongo.recorder().commands("responses");
        assertThat(commands).filteredOn(command -> !command.isIdLookup())
                .as("only the compare-and-set of the revision is not a bare _id lookup")
                .singleElement().satisfies(command -> assertThat(command.filter().keySet())
                        .isEqualTo(Set.of("_id", "revision")));
        assertThat(commands).filteredOn(MongoCommandRecorder.Command::isIdLookup).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void theRevisionCompareAndSetHasAUniqueIndexWithExactlyItsKeys() {
        Iterable<? extends IndexDefinition> indexes = IndexResolver.create(
                mongo.template().getConverter().getMappingContext()).resolveIndexFor(ResponseDocument.class);

        assertThat(StreamSupport.stream(indexes.spliterator(), false))
                .anySatisfy(index -> {
                    assertThat(index.getIndexKeys().keySet()).isEqualTo(Set.of("_id", "revision"));
                    assertThat(index.getIndexOptions()).isEqualTo(new Document("name", "revision_cas")
                            .append("unique", true));
                });
    }
}

package io.pulseloop.response.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import io.pulseloop.events.response.ResponseChannel;
import io.pulseloop.events.survey.ScoreCategory;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.platform.mongo.OutboxEntry;
import io.pulseloop.response.ResponseServiceIntegrationTest;
import io.pulseloop.response.TestInvitations;
import io.pulseloop.response.invitations.Invitation;
import io.pulseloop.response.publishing.OutgoingRecord;
import io.pulseloop.response.rules.AnswerPolicy;
import io.pulseloop.testsupport.kafka.TopicProbe;
import io.pulseloop.platform.privacy.PersonalDataSealer;
import io.pulseloop.platform.privacy.PulseloopPrivacyProperties;

/** The outbox closes the crash window; compare-and-set revisions keep concurrent answers apart. */
class OutboxIntegrationTests extends ResponseServiceIntegrationTest {

    @Autowired
    MongoTemplate mongo;

    @Autowired
    OutboxRelay relay;

    @Autowired
    ResponseIntake intake;

    @Autowired
    PersonalDataSealer sealer;

    @Test
    void answerStoredButNotPublishedBeforeACrashIsPublishedByTheRelay() {
        // given: the state a crash between the Mongo write and Kafka's acknowledgement leaves behind
        TestInvitations.Sent sent = inviteNps("en");
        Invitation invitation = invitationDirectory.findByToken(sent.token()).orElseThrow();
        String responseId = ResponseEvents.responseIdOf(invitation.invitationId());
        Instant then = now().minus(Duration.ofMinutes(5));
        AnswerPolicy.Decision decision = AnswerPolicy.decide(null,
                new AnswerPolicy.Incoming(10, "Lost in a crash?", Map.of(), true, false));
        List<OutgoingRecord> records = ResponseEvents.of(invitation, responseId, decision, ScoreCategory.PROMOTER,
                Map.of(), "en", ResponseChannel.API, then, sealer.prepareForOutbox(List.of(invitation.contactId())));
        try (TopicProbe probe = kafka().openProbe(Topics.RESPONSE_RESPONSES, Topics.RESPONSE_SCORES)) {
            mongo.insert(new ResponseDocument(responseId, invitation.invitationId(), invitation.contactId(),
                    "relationship-nps", 1, 10, "PROMOTER", "Lost in a crash?", List.of(), "en", "API", true, then,
                    then, then, null, List.of(), records.stream().map(r -> r.toOutboxEntry(then)).toList()));

            // when: the relay runs (called here; its schedule may get there first, which is just as good)
            relay.relayStale();

            // then: every stored event went out and the outbox is empty (the contact's data key first, on its topic)
            List<ConsumerRecord<String, String>> out = probe.awaitRecords(3,
                    r -> sent.contactId().equals(r.key()), Duration.ofSeconds(10));
            assertThat(records.get(0).topic()).isEqualTo(PulseloopPrivacyProperties.DEFAULT_TOPIC);
            assertThat(out).extracting(r -> value(r).path("eventId").asString())
                    .containsExactlyInAnyOrderElementsOf(records.stream().skip(1).map(OutgoingRecord::eventId)
                            .toList());
            await().atMost(WAIT).until(() -> mongo.findById(responseId, ResponseDocument.class).outbox().isEmpty());
        }
    }

    @Test
    void relayLeavesFreshEntriesToTheRequestThatIsStillWaitingForKafka() {
        TestInvitations.Sent sent = inviteNps("en");
        String responseId = json(http().postJson("/api/v1/responses", "{\"token\":\"" + sent.token()
                + "\",\"score\":6}").body()).path("responseId").asString();
        mongo.updateFirst(Query.query(Criteria.where("_id").is(responseId)), new Update().push("outbox",
                new OutboxEntry("fresh-" + responseId, Topics.RESPONSE_SCORES, sent.contactId(), "ScoreRecorded",
                        "{}", Map.of(), now())), ResponseDocument.class);

        relay.relayStale();

        assertThat(mongo.findById(responseId, ResponseDocument.class).outbox()).hasSize(1);
    }

    @Test
    void concurrentAnswersToOneInvitationGetConsecutiveRevisionsAndOneStart() throws Exception {
        TestInvitations.Sent sent = inviteNps("en");
        int answers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(answers);
        try (TopicProbe probe = kafka().openProbe(Topics.RESPONSE_RESPONSES, Topics.RESPONSE_SCORES)) {
            List<Callable<AnswerReceipt>> calls = IntStream.range(0, answers).<Callable<AnswerReceipt>>mapToObj(
                    i -> () -> intake.answer(sent.token(), new Answer(i, null, Map.of(), false,
                            ResponseChannel.API, "en"))).toList();
            List<Integer> revisions = pool.invokeAll(calls).stream().map(OutboxIntegrationTests::get)
                    .map(AnswerReceipt::revision).sorted().toList();

            assertThat(revisions).containsExactlyElementsOf(IntStream.rangeClosed(1, answers).boxed().toList());
            List<ConsumerRecord<String, String>> records = probe.awaitRecords(2 * answers,
                    r -> sent.contactId().equals(r.key()), Duration.ofSeconds(10));
            assertThat(ofType(records, "ResponseStarted", sent.contactId())).hasSize(1);
            assertThat(ofType(records, "ResponseRevised", sent.contactId())).hasSize(answers - 1);
            assertThat(ofType(records, "ScoreRecorded", sent.contactId()))
                    .extracting(r -> value(r).path("revision").asInt()).doesNotHaveDuplicates().hasSize(answers);
        }
        finally {
            pool.shutdownNow();
        }
    }

    private static AnswerReceipt get(Future<AnswerReceipt> future) {
        try {
            return future.get();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}

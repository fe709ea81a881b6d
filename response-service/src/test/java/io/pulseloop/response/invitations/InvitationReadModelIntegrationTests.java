package io.pulseloop.response.invitations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Date;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.survey.InvitationEvent;
import io.pulseloop.events.survey.InvitationIssued;
import io.pulseloop.events.survey.InvitationSent;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.response.ResponseServiceIntegrationTest;
import io.pulseloop.response.TestInvitations;
import io.pulseloop.testsupport.kafka.KafkaRecords;
import io.pulseloop.testsupport.kafka.TopicProbe;

/** {@code survey.invitations.v1} through the broker into the invitation documents in MongoDB. */
class InvitationReadModelIntegrationTests extends ResponseServiceIntegrationTest {

    @Autowired
    MongoTemplate mongo;

    @Test
    void invitationSentRoundTripsFromTheBrokerIntoAMongoDocumentKeyedByTokenHash() {
        TestInvitations.Sent sent = inviteNps("pl");

        Document document = mongo.getCollection("invitations").find(new Document("_id", TokenHash.of(sent.token())))
                .first();

        assertThat(document).isNotNull();
        assertThat(document.getString("invitationId")).isEqualTo(sent.invitationId());
        assertThat(document.getString("contactId")).isEqualTo(sent.contactId());
        assertThat(document.get("expiresAt", Date.class).toInstant()).isEqualTo(sent.event().expiresAt());
        assertThat(EventJson.mapper().readValue(document.getString("sent"), InvitationSent.class))
                .isEqualTo(sent.event());
        assertThat(http().get("/s/" + sent.token()).statusCode()).isEqualTo(200);
    }

    @Test
    void anIssuedInvitationOpensItsPageBeforeItsEmailIsReportedSent() {
        TestInvitations.Sent sent = TestInvitations.nps("cs", now());
        InvitationSent page = sent.event();
        InvitationIssued issued = new InvitationIssued("issued-" + page.eventId(), page.occurredAt(),
                page.contactId(), page.correlationId(), page.invitationId(), page.surveyId(), page.tokenHash(),
                page.expiresAt(), page.locale(), page.survey(), page.context());

        kafka().publish(Topics.SURVEY_INVITATIONS, sent.contactId(),
                EventJson.mapper().writerFor(InvitationEvent.class).writeValueAsString(issued));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(http().get("/s/" + sent.token()).statusCode()).isEqualTo(200));

        kafka().publish(Topics.SURVEY_INVITATIONS, sent.contactId(), sent.json());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(mongo.getCollection("invitations")
                .find(new Document("_id", TokenHash.of(sent.token()))).first().getString("sentEventId"))
                .isEqualTo(page.eventId()));
        assertThat(mongo.count(Query.query(Criteria.where("invitationId").is(sent.invitationId())), "invitations"))
                .isEqualTo(1);
    }

    @Test
    void duplicateInvitationEventsLeaveOneInvitation() {
        TestInvitations.Sent sent = TestInvitations.nps("en", now());
        InvitationSent redeliveredWithNewEventId = new InvitationSent("evt-again", sent.event().occurredAt(),
                sent.contactId(), sent.event().correlationId(), sent.invitationId(), sent.event().surveyId(),
                sent.event().tokenHash(), sent.event().expiresAt(), sent.event().locale(), sent.event().survey(),
                sent.event().context());
        kafka().publish(Topics.SURVEY_INVITATIONS, sent.contactId(), sent.json());
        kafka().publish(Topics.SURVEY_INVITATIONS, sent.contactId(), sent.json());
        kafka().publish(Topics.SURVEY_INVITATIONS, sent.contactId(),
                EventJson.mapper().writerFor(InvitationEvent.class).writeValueAsString(redeliveredWithNewEventId));
        // a marker published after the duplicates on the same partition: once it is in, so are they
        TestInvitations.Sent marker = invite(TestInvitations.sent(TestInvitations.npsSurvey(), "en", now(),
                sent.event().expiresAt()));
        assertThat(marker).isNotNull();

        long count = mongo.count(Query.query(Criteria.where("invitationId").is(sent.invitationId())), "invitations");

        assertThat(count).isEqualTo(1);
        assertThat(http().postJson("/api/v1/responses", "{\"token\":\"" + sent.token() + "\",\"score\":8}")
                .statusCode()).isEqualTo(201);
    }

    @Test
    void unreadableInvitationRecordGoesToTheDeadLetterTopicAndOthersKeepFlowing() {
        String contactId = "contact-poison-" + TestInvitations.newToken();
        try (TopicProbe dlq = kafka().openProbe("survey.invitations.v1.response-service.dlq")) {
            kafka().publish(Topics.SURVEY_INVITATIONS, contactId, "{\"eventType\":\"InvitationSent\",\"survey\":[");

            dlq.awaitRecord(KafkaRecords.withKey(contactId), Duration.ofSeconds(30));
        }
        TestInvitations.Sent next = inviteNps("en");
        assertThat(invitationDirectory.findByToken(next.token())).isPresent();
    }

    @Test
    void eventTypesThisVersionDoesNotKnowAreSkipped() {
        String contactId = "contact-future-" + TestInvitations.newToken();
        try (TopicProbe dlq = kafka().openProbe("survey.invitations.v1.response-service.dlq")) {
            kafka().publish(Topics.SURVEY_INVITATIONS, contactId, EventJson.mapper().writeValueAsString(
                    Map.of("eventType", "InvitationTeleported", "contactId", contactId)));
            TestInvitations.Sent next = inviteNps("en");
            await().atMost(WAIT).until(() -> invitationDirectory.findByToken(next.token()).isPresent());

            dlq.assertNoRecord(KafkaRecords.withKey(contactId), Duration.ofSeconds(1));
        }
    }
}

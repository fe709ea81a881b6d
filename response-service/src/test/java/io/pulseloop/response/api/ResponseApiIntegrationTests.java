package io.pulseloop.response.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.response.ScoreRecorded;
import io.pulseloop.events.survey.InvitationEvent;
import io.pulseloop.events.survey.InvitationExpired;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.platform.privacy.PersonalDataOpener;
import io.pulseloop.response.ResponseServiceIntegrationTest;
import io.pulseloop.response.TestInvitations;
import io.pulseloop.testsupport.kafka.TopicProbe;

/** The JSON intake, {@code POST /api/v1/responses}: every row of the contract's §5 table, and its limits. */
class ResponseApiIntegrationTests extends ResponseServiceIntegrationTest {

    @Autowired
    PersonalDataOpener opener;

    @Test
    void firstAnswerCreatesResponseAndPublishesStartedScoredAndCompleted() {
        TestInvitations.Sent invitation = inviteNps("cs");
        try (TopicProbe probe = kafka().openProbe(Topics.RESPONSE_RESPONSES, Topics.RESPONSE_SCORES)) {
            HttpResponse<String> response = http().postJson("/api/v1/responses",
                    "{\"token\":\"" + invitation.token() + "\",\"score\":9,\"comment\":\"Rychlá <b>podpora</b>\"}");

            assertThat(response.statusCode()).isEqualTo(201);
            JsonNode body = json(response.body());
            assertThat(body.path("status").asString()).isEqualTo("created");
            assertThat(body.path("revision").asInt()).isEqualTo(1);
            assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/responses/"
                    + body.path("responseId").asString());
            // 201 only once the events are in Kafka: they are already there
            List<ConsumerRecord<String, String>> records = probe.awaitRecords(3,
                    r -> invitation.contactId().equals(r.key()), Duration.ofSeconds(5));
            assertThat(ofType(records, "ResponseStarted", invitation.contactId())).hasSize(1);
            assertThat(ofType(records, "ResponseCompleted", invitation.contactId())).hasSize(1);
            ScoreRecorded score = EventJson.mapper().readValue(ofType(records, "ScoreRecorded",
                    invitation.contactId()).get(0).value(), ScoreRecorded.class);
            assertThat(score.responseId()).isEqualTo(body.path("responseId").asString());
            assertThat(score.revision()).isEqualTo(1);
            assertThat(score.score()).isEqualTo(9);
            assertThat(score.category().name()).isEqualTo("PROMOTER");
            // what the contact wrote leaves sealed with their data key (docs/privacy.md)
            assertThat(score.comment()).startsWith("pii:v1:response/" + invitation.contactId() + ":");
            assertThat(opener.open(score.comment())).isEqualTo("Rychlá <b>podpora</b>");
            assertThat(score.locale()).isEqualTo("cs");
            assertThat(score.surveyId()).isEqualTo("relationship-nps");
            assertThat(score.surveyVersion()).isEqualTo(3);
            assertThat(score.channel().name()).isEqualTo("API");
            assertThat(score.invitationId()).isEqualTo(invitation.invitationId());
            assertThat(score.correlationId()).isEqualTo(invitation.event().correlationId());
            assertThat(score.invitedAt()).isEqualTo(invitation.event().occurredAt());
            assertThat(score.context()).isEqualTo(invitation.event().context());
        }
    }

    @Test
    void secondAnswerRevisesTheFirstKeepsTheResponseIdAndTheHistory() {
        TestInvitations.Sent invitation = inviteNps("en");
        String first = http().postJson("/api/v1/responses",
                "{\"token\":\"" + invitation.token() + "\",\"score\":9}").body();
        String responseId = json(first).path("responseId").asString();
        try (TopicProbe probe = kafka().openProbe(Topics.RESPONSE_RESPONSES, Topics.RESPONSE_SCORES)) {
            HttpResponse<String> second = http().postJson("/api/v1/responses",
                    "{\"token\":\"" + invitation.token() + "\",\"score\":3,\"comment\":\"Slow invoices\"}");

            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(json(second.body()).path("responseId").asString()).isEqualTo(responseId);
            assertThat(json(second.body()).path("status").asString()).isEqualTo("revised");
            List<ConsumerRecord<String, String>> records = probe.awaitRecords(3,
                    r -> invitation.contactId().equals(r.key()), Duration.ofSeconds(5));
            JsonNode revised = value(ofType(records, "ResponseRevised", invitation.contactId()).get(0));
            assertThat(revised.path("revision").asInt()).isEqualTo(2);
            assertThat(revised.path("previousScore").asInt()).isEqualTo(9);
            assertThat(revised.path("score").asInt()).isEqualTo(3);
            JsonNode score = value(ofType(records, "ScoreRecorded", invitation.contactId()).get(0));
            assertThat(score.path("responseId").asString()).isEqualTo(responseId);
            assertThat(score.path("revision").asInt()).isEqualTo(2);
            assertThat(score.path("category").asString()).isEqualTo("DETRACTOR");
            // the first answer had no comment, so it was started only; the comment completes it now
            assertThat(ofType(records, "ResponseCompleted", invitation.contactId())).hasSize(1);
            assertThat(ofType(records, "ResponseStarted", invitation.contactId())).isEmpty();
        }
        HttpResponse<String> staff = http().get("/api/v1/responses/" + responseId,
                "Authorization", "Bearer " + STAFF_TOKEN);
        assertThat(staff.statusCode()).isEqualTo(200);
        JsonNode view = json(staff.body());
        assertThat(view.path("score").asInt()).isEqualTo(3);
        assertThat(view.path("revision").asInt()).isEqualTo(2);
        assertThat(view.path("completed").asBoolean()).isTrue();
        assertThat(view.path("pendingEvents").asInt()).isZero();
        assertThat(view.path("revisions")).hasSize(2);
        assertThat(view.path("revisions").get(0).path("score").asInt()).isEqualTo(9);
        assertThat(view.path("revisions").get(1).path("comment").asString()).isEqualTo("Slow invoices");
    }

    @Test
    void staffViewNeedsAStaffToken() {
        assertThat(http().get("/api/v1/responses/anything").statusCode()).isEqualTo(401);
        assertThat(http().get("/api/v1/responses/anything", "Authorization", "Bearer " + STAFF_TOKEN)
                .statusCode()).isEqualTo(404);
    }

    @Test
    void unknownTokenIs404ProblemNamingTheToken() {
        HttpResponse<String> response = http().postJson("/api/v1/responses",
                "{\"token\":\"" + TestInvitations.newToken() + "\",\"score\":5}");

        assertProblem(response, 404, "token");
    }

    @Test
    void expiredTokenIs410() {
        TestInvitations.Sent invitation = invite(TestInvitations.sent(TestInvitations.npsSurvey(), "en",
                now().minus(31, ChronoUnit.DAYS), now().minusSeconds(1)));

        assertProblem(http().postJson("/api/v1/responses", "{\"token\":\"" + invitation.token() + "\",\"score\":5}"),
                410, "token");
    }

    @Test
    void invitationExpiredBySurveyServiceIs410() {
        TestInvitations.Sent invitation = inviteNps("en");
        InvitationExpired expired = new InvitationExpired("evt-x-" + invitation.invitationId(), now(),
                invitation.contactId(), invitation.event().correlationId(), invitation.invitationId(),
                "relationship-nps", false);
        kafka().publish(Topics.SURVEY_INVITATIONS, invitation.contactId(),
                EventJson.mapper().writerFor(InvitationEvent.class).writeValueAsString(expired));
        Awaitility.await().atMost(WAIT).until(() ->
                invitationDirectory.findByToken(invitation.token()).orElseThrow().expiredAt() != null);

        assertProblem(http().postJson("/api/v1/responses", "{\"token\":\"" + invitation.token() + "\",\"score\":5}"),
                410, "token");
    }

    @Test
    void scoreOutsideTheSurveysScaleIs400NamingTheScore() {
        TestInvitations.Sent nps = inviteNps("en");
        TestInvitations.Sent csat = invite(TestInvitations.sent(TestInvitations.csatSurvey(), "en", now(),
                now().plus(30, ChronoUnit.DAYS)));

        assertProblem(answer(nps.token(), "11"), 400, "score");
        assertProblem(answer(nps.token(), "-1"), 400, "score");
        assertProblem(answer(csat.token(), "0"), 400, "score");
        assertProblem(answer(csat.token(), "6"), 400, "score");
        assertThat(answer(csat.token(), "5").statusCode()).isEqualTo(201);
    }

    @Test
    void scoreThatIsNotANumberIs400NamingTheScore() {
        TestInvitations.Sent invitation = inviteNps("en");

        assertProblem(answer(invitation.token(), "\"nine\""), 400, "score");
        assertProblem(answer(invitation.token(), "9.5"), 400, "score");
        assertProblem(answer(invitation.token(), "null"), 400, "score");
        assertProblem(http().postJson("/api/v1/responses", "{\"token\":\"" + invitation.token() + "\"}"), 400,
                "score");
        assertProblem(http().postJson("/api/v1/responses", "{\"score\":9}"), 400, "token");
        assertProblem(http().postJson("/api/v1/responses", "{not json"), 400, "body");
    }

    @Test
    void commentLongerThan5000CharactersIs400NamingTheComment() {
        TestInvitations.Sent invitation = inviteNps("en");
        String tooLong = "a".repeat(5001);

        assertProblem(http().postJson("/api/v1/responses", "{\"token\":\"" + invitation.token()
                + "\",\"score\":9,\"comment\":\"" + tooLong + "\"}"), 400, "comment");
        assertThat(http().postJson("/api/v1/responses", "{\"token\":\"" + invitation.token()
                + "\",\"score\":9,\"comment\":\"" + "a".repeat(5000) + "\"}").statusCode()).isEqualTo(201);
    }

    @Test
    void unknownExtraQuestionIs400NamingIt() {
        TestInvitations.Sent invitation = inviteNps("en");

        assertProblem(http().postJson("/api/v1/responses", "{\"token\":\"" + invitation.token()
                + "\",\"score\":9,\"answers\":{\"colour\":\"blue\"}}"), 400, "answers.colour");
        assertProblem(http().postJson("/api/v1/responses", "{\"token\":\"" + invitation.token()
                + "\",\"score\":9,\"answers\":{\"channel\":\"pigeon\"}}"), 400, "answers.channel");
    }

    @Test
    void tooManyAnswersForOneTokenAre429WithRetryAfter() {
        TestInvitations.Sent invitation = inviteNps("en");
        for (int i = 0; i < 20; i++) {
            assertThat(answer(invitation.token(), Integer.toString(i % 11)).statusCode()).isIn(200, 201);
        }

        HttpResponse<String> refused = answer(invitation.token(), "7");

        assertProblem(refused, 429, "token");
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isPositive());
    }

    @Test
    void oversizedBodyIs413() {
        HttpResponse<String> response = http().postJson("/api/v1/responses",
                "{\"token\":\"x\",\"score\":1,\"comment\":\"" + "a".repeat(70_000) + "\"}");

        assertProblem(response, 413, "body");
    }

    @Test
    void corsLetsOnlyConfiguredOriginsCallTheApiFromABrowser() {
        HttpResponse<String> allowed = http().options("/api/v1/responses", "Origin", "https://widget.example.com",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");
        HttpResponse<String> refused = http().options("/api/v1/responses", "Origin", "https://evil.example",
                "Access-Control-Request-Method", "POST");

        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://widget.example.com");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    private HttpResponse<String> answer(String token, String score) {
        return http().postJson("/api/v1/responses", "{\"token\":\"" + token + "\",\"score\":" + score + "}");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("field").asString()).isEqualTo(field);
    }
}

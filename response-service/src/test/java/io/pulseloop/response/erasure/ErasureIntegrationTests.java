package io.pulseloop.response.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.pulseloop.events.crm.ContactErased;
import io.pulseloop.events.crm.CrmContactEvent;
import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.response.ResponseServiceIntegrationTest;
import io.pulseloop.response.TestInvitations;

/** {@code crm.contacts.v1} {@code ContactErased}: comments and typed answers go, scores stay, links close. */
class ErasureIntegrationTests extends ResponseServiceIntegrationTest {

    @Test
    void erasedContactLosesCommentsAndTypedAnswersButKeepsScores() {
        TestInvitations.Sent invitation = inviteNps("en");
        http().postJson("/api/v1/responses", "{\"token\":\"" + invitation.token()
                + "\",\"score\":2,\"comment\":\"Jana Novakova here, call me\",\"answers\":{\"improve\":\"My phone"
                + " is 777 123 456\",\"channel\":\"phone\"}}");
        String responseId = json(http().postJson("/api/v1/responses", "{\"token\":\"" + invitation.token()
                + "\",\"score\":3,\"comment\":\"Still me\"}").body()).path("responseId").asString();

        kafka().publish(Topics.CRM_CONTACTS, invitation.contactId(), EventJson.mapper()
                .writerFor(CrmContactEvent.class).writeValueAsString(new ContactErased("evt-erase-" + responseId,
                        now(), invitation.contactId(), "corr-erase", "crm://test", "ce-1")));

        await().atMost(WAIT).until(() -> staffView(responseId).path("erased").asBoolean());
        JsonNode view = staffView(responseId);
        assertThat(view.path("score").asInt()).isEqualTo(3);
        assertThat(view.path("comment").isMissingNode() || view.path("comment").isNull()).isTrue();
        assertThat(view.path("answers").path("improve").isMissingNode()).isTrue();
        assertThat(view.path("answers").path("channel").asString()).isEqualTo("phone");
        assertThat(view.path("revisions")).hasSize(2).allSatisfy(revision -> {
            assertThat(revision.path("comment").isNull() || revision.path("comment").isMissingNode()).isTrue();
            assertThat(revision.path("score").asInt()).isBetween(2, 3);
        });
        assertThat(http().get("/s/" + invitation.token()).statusCode()).isEqualTo(410);
    }

    private JsonNode staffView(String responseId) {
        HttpResponse<String> response = http().get("/api/v1/responses/" + responseId, "Authorization",
                "Bearer " + STAFF_TOKEN);
        return json(response.body());
    }
}

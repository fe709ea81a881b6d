package io.pulseloop.response.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.pulseloop.events.topic.Topics;
import io.pulseloop.response.PublicHttp;
import io.pulseloop.response.ResponseServiceIntegrationTest;
import io.pulseloop.response.TestInvitations;
import io.pulseloop.testsupport.kafka.TopicProbe;

/** {@code SurveyPageViewed}: the "opened" of response rates, published once per invitation, never for a HEAD. */
class PageViewIntegrationTests extends ResponseServiceIntegrationTest {

    @Test
    void theFirstViewOfAPageIsPublishedOnceWithTheInvitationAndLaterViewsAreNot() {
        TestInvitations.Sent invitation = inviteNps("en");
        PublicHttp browser = http();
        try (TopicProbe probe = kafka().openProbe(Topics.RESPONSE_RESPONSES)) {
            assertThat(browser.head("/s/" + invitation.token()).statusCode()).isEqualTo(200);
            probe.assertNoRecord(event("SurveyPageViewed", invitation.contactId()), Duration.ofMillis(500));

            assertThat(browser.get("/s/" + invitation.token()).statusCode()).isEqualTo(200);

            ConsumerRecord<String, String> viewed = probe.awaitRecord(
                    event("SurveyPageViewed", invitation.contactId()), WAIT);
            JsonNode event = value(viewed);
            assertThat(event.path("invitationId").asString()).isEqualTo(invitation.invitationId());
            assertThat(event.path("surveyId").asString()).isEqualTo(invitation.event().surveyId());
            assertThat(event.path("contactId").asString()).isEqualTo(invitation.contactId());
            assertThat(event.path("eventId").asString())
                    .isEqualTo(PageViews.eventIdOf(invitation.invitationId()));
            await().atMost(WAIT).until(() -> invitationDirectory.findByToken(invitation.token()).orElseThrow()
                    .openedAt() != null);

            assertThat(browser.get("/s/" + invitation.token() + "?score=9").statusCode()).isEqualTo(200);
            assertThat(browser.get("/s/" + invitation.token()).statusCode()).isEqualTo(200);

            probe.awaitRecord(event("ResponseStarted", invitation.contactId()), WAIT);
            probe.assertNoRecord(r -> event("SurveyPageViewed", invitation.contactId()).test(r) && r != viewed,
                    Duration.ofSeconds(1));
        }
    }

    @Test
    void aOneClickScoreIsAlsoAView() {
        TestInvitations.Sent invitation = inviteNps("cs");
        try (TopicProbe probe = kafka().openProbe(Topics.RESPONSE_RESPONSES)) {
            assertThat(http().get("/s/" + invitation.token() + "?score=10").statusCode()).isEqualTo(200);

            probe.awaitRecord(event("SurveyPageViewed", invitation.contactId()), WAIT);
        }
    }
}

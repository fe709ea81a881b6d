package io.pulseloop.response.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.pulseloop.events.topic.Topics;
import io.pulseloop.response.PublicHttp;
import io.pulseloop.response.ResponseServiceIntegrationTest;
import io.pulseloop.response.TestInvitations;
import io.pulseloop.testsupport.kafka.TopicProbe;

/** {@code /u/{token}}: the page, its form, and the RFC 8058 one-click POST that mail clients send. */
class UnsubscribeIntegrationTests extends ResponseServiceIntegrationTest {

    @Test
    void rfc8058OneClickPostUnsubscribesWithoutACsrfToken() {
        TestInvitations.Sent invitation = inviteNps("en");
        try (TopicProbe probe = kafka().openProbe(Topics.RESPONSE_RESPONSES)) {
            HttpResponse<String> response = http().postForm("/u/" + invitation.token(),
                    PublicHttp.form("List-Unsubscribe", "One-Click"));

            assertThat(response.statusCode()).isEqualTo(200);
            ConsumerRecord<String, String> record = probe.awaitRecord(
                    event("SurveyUnsubscribed", invitation.contactId()), Duration.ofSeconds(5));
            JsonNode event = value(record);
            assertThat(record.key()).isEqualTo(invitation.contactId());
            assertThat(event.path("oneClick").asBoolean()).isTrue();
            assertThat(event.path("invitationId").asString()).isEqualTo(invitation.invitationId());
            assertThat(event.path("surveyId").asString()).isEqualTo("relationship-nps");
        }
    }

    @Test
    void unsubscribePageAsksAndItsFormUnsubscribesOnce() {
        TestInvitations.Sent invitation = inviteNps("cs");
        PublicHttp browser = http();
        try (TopicProbe probe = kafka().openProbe(Topics.RESPONSE_RESPONSES)) {
            HttpResponse<String> page = browser.get("/u/" + invitation.token());

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Odhlášení z dotazníků", "Odhlásit se");
            probe.assertNoRecord(event("SurveyUnsubscribed", invitation.contactId()), Duration.ofMillis(300));

            HttpResponse<String> done = browser.postForm("/u/" + invitation.token(),
                    PublicHttp.form("_csrf", PublicHttp.csrfToken(page.body()), "lang", "cs"));
            HttpResponse<String> again = browser.postForm("/u/" + invitation.token(),
                    PublicHttp.form("_csrf", PublicHttp.csrfToken(page.body()), "lang", "cs"));

            assertThat(done.statusCode()).isEqualTo(200);
            assertThat(done.body()).contains("Jste odhlášeni");
            assertThat(again.statusCode()).isEqualTo(200);
            JsonNode event = value(probe.awaitRecord(event("SurveyUnsubscribed", invitation.contactId()),
                    Duration.ofSeconds(5)));
            assertThat(event.path("oneClick").asBoolean()).isFalse();
            probe.assertNoRecord(r -> probe.records().stream()
                    .filter(event("SurveyUnsubscribed", invitation.contactId())).count() > 1, Duration.ofMillis(300));
            assertThat(browser.get("/u/" + invitation.token()).body()).contains("Už vám nebudeme posílat");
        }
    }

    @Test
    void crossSiteFormPostWithoutCsrfTokenIsRefused() {
        TestInvitations.Sent invitation = inviteNps("en");

        assertThat(http().postForm("/u/" + invitation.token(), PublicHttp.form("lang", "en"),
                "Origin", "https://attacker.example").statusCode()).isEqualTo(403);
        assertThat(http().postForm("/u/" + invitation.token(), PublicHttp.form("List-Unsubscribe", "Yes please"),
                "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
    }

    @Test
    void unsubscribeStillWorksAfterTheSurveyExpired() {
        TestInvitations.Sent invitation = invite(TestInvitations.sent(TestInvitations.npsSurvey(), "en",
                now().minus(60, ChronoUnit.DAYS), now().minus(30, ChronoUnit.DAYS)));

        assertThat(http().postForm("/u/" + invitation.token(), PublicHttp.form("List-Unsubscribe", "One-Click"))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void unknownTokenIs404() {
        assertThat(http().get("/u/" + TestInvitations.newToken()).statusCode()).isEqualTo(404);
        assertThat(http().postForm("/u/" + TestInvitations.newToken(), PublicHttp.form("List-Unsubscribe",
                "One-Click")).statusCode()).isEqualTo(404);
    }
}

package io.pulseloop.survey.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import io.pulseloop.survey.CrmEvents;
import io.pulseloop.survey.Mails;
import io.pulseloop.survey.Replicas;
import io.pulseloop.survey.contacts.ContactDirectory;
import io.pulseloop.survey.invitations.InvitationDocument;
import io.pulseloop.survey.invitations.InvitationPlanner;
import io.pulseloop.survey.invitations.InvitationStatus;
import io.pulseloop.survey.invitations.InvitationStore;
import io.pulseloop.survey.invitations.Trigger;
import io.pulseloop.survey.policy.Decision;
import io.pulseloop.survey.policy.DecisionKind;
import io.pulseloop.survey.scheduling.DueWorkScheduler;
import io.pulseloop.testsupport.time.MutableClock;

/**
 * SMTP down, then back: the email stays pending with backoff in MongoDB and arrives. Runs in the {@code local}
 * profile with {@code PULSELOOP_SURVEY_DELAY_OVERRIDE=PT0S}, which also shows that profile's configuration: no quiet
 * hours (it is Sunday night) and every trigger delay replaced.
 */
class SmtpOutageIntegrationTests {

    private static final Instant SUNDAY_NIGHT = Instant.parse("2027-03-07T23:00:00Z");

    @Test
    void anEmailThatCannotBeSentWhileSmtpIsDownArrivesWhenItIsBack() throws Exception {
        MutableClock clock = MutableClock.at(SUNDAY_NIGHT);
        int port = freePort();
        String contactId = CrmEvents.newContactId("outage");
        try (ConfigurableApplicationContext service = Replicas.start("outage-" + UUID.randomUUID(), port, clock,
                "spring.profiles.active=local", "PULSELOOP_SURVEY_DELAY_OVERRIDE=PT0S")) {
            InvitationStore store = service.getBean(InvitationStore.class);
            DueWorkScheduler scheduler = service.getBean(DueWorkScheduler.class);
            service.getBean(ContactDirectory.class).upsert(CrmEvents.contact(contactId, "cs", clock.instant()));
            service.getBean(InvitationPlanner.class).plan(List.of(Trigger.of(CrmEvents.ticketClosed(contactId, "T-1",
                    clock.instant()))));
            InvitationDocument planned = store.forContact(contactId).get(0);
            assertThat(planned.nextActionAt()).isEqualTo(SUNDAY_NIGHT);

            // when the send is attempted while nothing listens on the SMTP port
            assertThat(scheduler.tick()).isEqualTo(1);

            // then it stays pending, with the failure recorded and a retry planned
            InvitationDocument failed = store.forContact(contactId).get(0);
            assertThat(failed.status()).isEqualTo(InvitationStatus.SCHEDULED);
            assertThat(failed.attempts()).isEqualTo(1);
            assertThat(failed.nextActionAt()).isEqualTo(SUNDAY_NIGHT.plus(Duration.ofMinutes(1)));
            Decision delayed = failed.decisions().get(failed.decisions().size() - 1);
            assertThat(delayed.kind()).isEqualTo(DecisionKind.DELAYED);
            assertThat(delayed.rule()).isEqualTo("SEND_FAILED");

            // when SMTP is back and the retry is due
            GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                    .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
            smtp.start();
            try {
                assertThat(scheduler.tick()).isZero();
                clock.advance(Duration.ofMinutes(1));
                assertThat(scheduler.tick()).isEqualTo(1);

                // then the email arrives, once
                await().atMost(Duration.ofSeconds(30)).until(() -> smtp.getReceivedMessages().length == 1);
                assertThat(Mails.subject(smtp.getReceivedMessages()[0])).isEqualTo("Jak jsme zvládli váš požadavek?");
                assertThat(store.forContact(contactId).get(0).status()).isEqualTo(InvitationStatus.SENT);
                clock.advance(Duration.ofMinutes(5));
                scheduler.tick();
                assertThat(smtp.getReceivedMessages()).hasSize(1);

                // and the local profile's HTTP Basic admin/admin reads the decisions, as curl would
                String httpPort = service.getEnvironment().getProperty("local.server.port");
                HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + httpPort + "/api/v1/contacts/" + contactId + "/survey-decisions"))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                "admin:admin".getBytes(StandardCharsets.UTF_8))).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).contains("\"rule\":\"SEND_FAILED\"").contains("\"decision\":\"INVITED\"")
                        .doesNotContain("QUIET_HOURS");
            }
            finally {
                smtp.stop();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

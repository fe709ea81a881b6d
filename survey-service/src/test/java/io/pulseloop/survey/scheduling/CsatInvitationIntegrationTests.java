package io.pulseloop.survey.scheduling;

import static io.pulseloop.testsupport.kafka.KafkaRecords.valueContaining;
import static io.pulseloop.testsupport.kafka.KafkaRecords.withKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.pulseloop.events.crm.TicketClosed;
import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.survey.InvitationEvent;
import io.pulseloop.events.survey.InvitationIssued;
import io.pulseloop.events.survey.InvitationSent;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.survey.CrmEvents;
import io.pulseloop.survey.Mails;
import io.pulseloop.survey.SurveyIntegrationTestBase;
import io.pulseloop.survey.invitations.Tokens;
import io.pulseloop.testsupport.kafka.TopicProbe;

/** Contract §3/§4 end to end: a closed ticket, 24 hours, one Czech CSAT email with working links and RFC 8058. */
class CsatInvitationIntegrationTests extends SurveyIntegrationTestBase {

    @Test
    void ticketClosedYieldsExactlyOneCzechCsatEmailAfterTheDelay() throws Exception {
        // given a Czech contact whose ticket closes now
        Instant closed = workingMorning();
        String contactId = CrmEvents.newContactId("csat");
        TicketClosed ticket = CrmEvents.ticketClosed(contactId, "T-" + contactId, closed);
        try (TopicProbe invitations = KAFKA.openProbe(Topics.SURVEY_INVITATIONS)) {
            publish(CrmEvents.contact(contactId, "cs-CZ", closed));
            publish(ticket);

            // then the send is scheduled 24 hours later, and the decision is published
            Map<String, Object> scheduled = awaitDecision(contactId, "SCHEDULED", "ELIGIBLE");
            assertThat(scheduled).containsEntry("surveyId", "support-csat")
                    .containsEntry("triggerEventId", ticket.eventId())
                    .containsEntry("triggerType", "crm.ticket.closed")
                    .containsEntry("dueAt", closed.plus(Duration.ofHours(24)).toString());
            invitations.awaitRecord(withKey(contactId).and(valueContaining("\"InvitationScheduled\"")), ASYNC);

            // when the clock reaches 23 hours, nothing goes out
            clock.advance(Duration.ofHours(23));
            tick();
            assertThat(mailsTo(contactId)).isEmpty();

            // when it reaches 24 hours
            clock.advance(Duration.ofHours(1));
            Instant sentAt = clock.instant();
            tick();

            // then exactly one email, in Czech
            MimeMessage mail = awaitMailsTo(contactId, 1).get(0);
            assertThat(Mails.subject(mail)).isEqualTo("Jak jsme zvládli váš požadavek?");
            String token = Mails.token(mail);
            assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
            String base = "https://feedback.example.test";
            assertThat(Mails.header(mail, "List-Unsubscribe")).isEqualTo("<" + base + "/u/" + token + ">");
            assertThat(Mails.header(mail, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
            assertThat(Mails.header(mail, "From")).contains("feedback@acme.example.test");
            assertThat(Mails.header(mail, "Reply-To")).contains("care@acme.example.test");
            String text = Mails.text(mail);
            String html = Mails.html(mail);
            for (String body : List.of(text, html)) {
                assertThat(body).contains(base + "/s/" + token).contains(base + "/u/" + token);
                for (int score = Metric.CSAT.min(); score <= Metric.CSAT.max(); score++) {
                    assertThat(body).contains(base + "/s/" + token + "?score=" + score);
                }
            }
            assertThat(text).contains("Dobrý den").contains("Jak jste spokojeni s tím, jak jsme vyřešili váš požadavek?")
                    .contains("Odhlásit se z dotazníků");
            assertThat(html).contains("<html lang=\"cs\"").contains("Odhlásit se z dotazníků");

            // and the InvitationSent event lets response-service serve the page
            ConsumerRecord<String, String> record = invitations.awaitRecord(
                    withKey(contactId).and(valueContaining("\"InvitationSent\"")), ASYNC);
            InvitationSent sent = (InvitationSent) EventJson.mapper().readValue(record.value(), InvitationEvent.class);
            assertThat(sent.tokenHash()).isEqualTo(Tokens.hash(token)).matches("[0-9a-f]{64}");
            assertThat(sent.locale()).isEqualTo("cs");
            assertThat(sent.expiresAt()).isEqualTo(sentAt.plus(Duration.ofDays(30)));
            assertThat(sent.correlationId()).isEqualTo(ticket.correlationId());
            assertThat(sent.survey().surveyId()).isEqualTo("support-csat");
            assertThat(sent.survey().metric()).isEqualTo(Metric.CSAT);
            assertThat(sent.survey().question()).containsKeys("en", "cs", "pl");
            assertThat(sent.survey().followUpQuestion()).containsKeys("en", "cs", "pl");
            assertThat(sent.survey().extraQuestions()).extracting(q -> q.id()).contains("improve");
            assertThat(sent.context().ticketId()).isEqualTo(ticket.ticketId());
            assertThat(sent.context().ticketType()).isEqualTo("incident");
            assertThat(sent.context().technicianId()).isEqualTo("tech-42");
            assertThat(sent.context().ownerId()).isEqualTo("owner-7");
            assertThat(sent.context().region()).isEqualTo("emea");

            // and its token was issued, with the same page data, before the email left
            ConsumerRecord<String, String> issuedRecord = invitations.awaitRecord(
                    withKey(contactId).and(valueContaining("\"InvitationIssued\"")), ASYNC);
            InvitationIssued issued = (InvitationIssued) EventJson.mapper().readValue(issuedRecord.value(),
                    InvitationEvent.class);
            assertThat(issuedRecord.partition()).isEqualTo(record.partition());
            assertThat(issuedRecord.offset()).isLessThan(record.offset());
            assertThat(issued.tokenHash()).isEqualTo(sent.tokenHash());
            assertThat(issued.survey()).isEqualTo(sent.survey());
            assertThat(issued.context()).isEqualTo(sent.context());
            assertThat(issued.occurredAt()).isBeforeOrEqualTo(sentAt);

            // and never a second time
            tick();
            clock.advance(Duration.ofHours(1));
            tick();
            assertThat(mailsTo(contactId)).hasSize(1);
            assertThat(find(decisions(contactId), "INVITED", "ELIGIBLE")).isNotNull();
        }
    }
}

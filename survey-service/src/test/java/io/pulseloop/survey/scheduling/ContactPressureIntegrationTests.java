package io.pulseloop.survey.scheduling;

import static io.pulseloop.testsupport.kafka.KafkaRecords.valueContaining;
import static io.pulseloop.testsupport.kafka.KafkaRecords.withKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.pulseloop.events.crm.CustomerStatus;
import io.pulseloop.events.crm.TicketClosed;
import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.response.ResponseChannel;
import io.pulseloop.events.response.ResponseStarted;
import io.pulseloop.events.survey.InvitationEvent;
import io.pulseloop.events.survey.InvitationExpired;
import io.pulseloop.events.survey.InvitationScheduled;
import io.pulseloop.events.survey.SuppressionReason;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.survey.CrmEvents;
import io.pulseloop.survey.Mails;
import io.pulseloop.survey.SurveyIntegrationTestBase;
import io.pulseloop.survey.invitations.InvitationStore;
import io.pulseloop.testsupport.kafka.TopicProbe;

/** Fatigue across surveys with the reminder counting, quiet hours, the one reminder and expiry. */
class ContactPressureIntegrationTests extends SurveyIntegrationTestBase {

    @Autowired
    private InvitationStore store;

    private static final ZoneId PRAGUE = ZoneId.of("Europe/Prague");

    @Test
    void fatigueHoldsAcrossTwoSurveysAndTheReminderCounts() {
        // given a CSAT planned for tomorrow
        Instant start = workingMorning();
        String contactId = CrmEvents.newContactId("fatigue");
        publish(CrmEvents.contact(contactId, "cs", start));
        publish(CrmEvents.ticketClosed(contactId, "T-1", start));
        awaitDecision(contactId, "SCHEDULED", "ELIGIBLE");

        // when a won deal would bring the relationship NPS within the same window (its 90 days end tomorrow)
        publish(CrmEvents.dealWon(contactId, "D-1", start.minus(Duration.ofDays(89))));

        // then the NPS is suppressed by the CSAT already planned
        Map<String, Object> acrossSurveys = awaitDecision(contactId, "SUPPRESSED", "FATIGUE_WINDOW");
        assertThat(acrossSurveys).containsEntry("surveyId", "relationship-nps");
        assertThat(acrossSurveys.get("detail").toString()).contains("support-csat");

        // when the CSAT goes out, and three days later (Saturday: waits for Monday morning) its reminder
        clock.advance(Duration.ofHours(24));
        tick();
        MimeMessage invitation = awaitMailsTo(contactId, 1).get(0);
        clock.advance(Duration.ofDays(3));
        tick();
        assertThat(awaitDecision(contactId, "DELAYED", "QUIET_HOURS").get("detail").toString()).contains("reminder");
        advanceTo(nextMonday(clock.instant()).plusSeconds(60));
        tick();
        MimeMessage reminder = awaitMailsTo(contactId, 2).get(1);
        Instant remindedAt = clock.instant();
        assertThat(Mails.subject(reminder)).startsWith("Připomínka: ");
        assertThat(Mails.token(reminder)).isEqualTo(Mails.token(invitation));
        awaitDecision(contactId, "REMINDED", "REMINDER");

        // then 31 days after the invitation, but within 30 days of the reminder, the NPS is still suppressed
        Instant invitedAt = Instant.parse(awaitDecision(contactId, "INVITED", "ELIGIBLE").get("decidedAt").toString());
        advanceTo(invitedAt.plus(Duration.ofDays(31)));
        publish(CrmEvents.dealWon(contactId, "D-2", clock.instant().minus(Duration.ofDays(89))));
        await().atMost(ASYNC).until(() -> decisions(contactId).stream().filter(d -> "FATIGUE_WINDOW"
                .equals(d.get("rule")) && d.get("detail").toString().contains(remindedAt.toString())).count() == 1);

        // and once 30 days have passed since the reminder, it is planned
        advanceTo(remindedAt.plus(Duration.ofDays(30)));
        publish(CrmEvents.dealWon(contactId, "D-3", clock.instant().minus(Duration.ofDays(89))));
        await().atMost(ASYNC).until(() -> decisions(contactId).stream().anyMatch(d -> "SCHEDULED"
                .equals(d.get("decision")) && "relationship-nps".equals(d.get("surveyId"))));
    }

    @Test
    void aSendDueAtNightWaitsForTheMorningInTheContactsZone() {
        // given a ticket closed on Tuesday evening in Prague: 24 hours later is Wednesday evening
        Instant tuesdayMorning = workingMorning();
        Instant tuesdayEvening = tuesdayMorning.atZone(PRAGUE).with(LocalTime.of(20, 30)).toInstant();
        advanceTo(tuesdayEvening);
        String contactId = CrmEvents.newContactId("night");
        try (TopicProbe invitations = KAFKA.openProbe(Topics.SURVEY_INVITATIONS)) {
            publish(CrmEvents.contact(contactId, "en", tuesdayEvening));
            publish(CrmEvents.ticketClosed(contactId, "T-1", tuesdayEvening));

            // then the send is planned for Thursday 09:00 in Prague, and says why
            Instant thursdayNine = tuesdayEvening.atZone(PRAGUE).plusDays(2).with(LocalTime.of(9, 0)).toInstant();
            Map<String, Object> delayed = awaitDecision(contactId, "DELAYED", "QUIET_HOURS");
            assertThat(delayed).containsEntry("dueAt", thursdayNine.toString());
            InvitationScheduled scheduled = (InvitationScheduled) EventJson.mapper().readValue(invitations
                    .awaitRecord(withKey(contactId).and(valueContaining("InvitationScheduled")), ASYNC).value(),
                    InvitationEvent.class);
            assertThat(scheduled.dueAt()).isEqualTo(thursdayNine);
            assertThat(scheduled.delayedBy()).isEqualTo(SuppressionReason.QUIET_HOURS);
        }

        // when Wednesday evening comes, nothing is sent
        advanceTo(tuesdayEvening.plus(Duration.ofHours(24)).plusSeconds(60));
        tick();
        assertThat(mailsTo(contactId)).isEmpty();

        // when Thursday morning comes, it is
        advanceTo(tuesdayEvening.atZone(PRAGUE).plusDays(2).with(LocalTime.of(9, 0)).toInstant());
        tick();
        awaitMailsTo(contactId, 1);
    }

    @Test
    void aContactWhoMovedZonesIsNotWokenUpAtSendTime() {
        // given a send planned for Wednesday 10:30 in Prague
        Instant start = workingMorning();
        String contactId = CrmEvents.newContactId("tokyo");
        publish(CrmEvents.contact(contactId, "en", start));
        publish(CrmEvents.ticketClosed(contactId, "T-1", start));
        awaitDecision(contactId, "SCHEDULED", "ELIGIBLE");

        // when the contact moves to Tokyo, where that moment is 18:30
        publish(CrmEvents.contact(contactId, "en", "Asia/Tokyo", true, false, CustomerStatus.CUSTOMER, "apac",
                start.plusSeconds(1)));
        awaitUpsertApplied(contactId);
        clock.advance(Duration.ofHours(24));
        tick();

        // then it waits for 09:00 in Tokyo
        Instant tokyoMorning = clock.instant().atZone(ZoneId.of("Asia/Tokyo")).plusDays(1).with(LocalTime.of(9, 0))
                .toInstant();
        assertThat(awaitDecision(contactId, "DELAYED", "QUIET_HOURS")).containsEntry("dueAt", tokyoMorning.toString());
        assertThat(mailsTo(contactId)).isEmpty();
        advanceTo(tokyoMorning);
        tick();
        awaitMailsTo(contactId, 1);
    }

    @Test
    void remindsOnceWithoutAResponseNeverAfterOneAndExpiresTheLink() {
        Instant start = workingMorning();
        String silent = CrmEvents.newContactId("silent");
        String answered = CrmEvents.newContactId("answered");
        try (TopicProbe invitations = KAFKA.openProbe(Topics.SURVEY_INVITATIONS)) {
            for (String contactId : new String[] {silent, answered}) {
                publish(CrmEvents.contact(contactId, "pl", start));
                publish(CrmEvents.ticketClosed(contactId, "T-1", start));
                awaitDecision(contactId, "SCHEDULED", "ELIGIBLE");
            }
            clock.advance(Duration.ofHours(24));
            tick();
            awaitMailsTo(silent, 1);
            awaitMailsTo(answered, 1);
            String invitationId = awaitDecision(answered, "INVITED", "ELIGIBLE").get("invitationId").toString();
            publish(new ResponseStarted(UUID.randomUUID().toString(), clock.instant(), answered, "corr",
                    "resp-" + invitationId, invitationId, "support-csat", ResponseChannel.EMAIL_LINK));
            await().atMost(ASYNC).until(() -> store.findByIds(Set.of(invitationId)).get(invitationId)
                    .answeredAt() != null);
            Instant sentAt = clock.instant();

            // three days later is Saturday: the reminder waits for Monday; the answered contact gets none
            clock.advance(Duration.ofDays(3));
            tick();
            awaitDecision(answered, "REMINDER_CANCELLED", "RESPONDED");
            advanceTo(nextMonday(clock.instant()).plusSeconds(60));
            tick();
            MimeMessage reminder = awaitMailsTo(silent, 2).get(1);
            assertThat(Mails.subject(reminder)).startsWith("Przypomnienie: ");
            invitations.awaitRecord(withKey(silent).and(valueContaining("InvitationReminded")), ASYNC);

            // never a second reminder, and at the end of the token's life both expire
            clock.advance(Duration.ofDays(10));
            tick();
            assertThat(mailsTo(silent)).hasSize(2);
            assertThat(mailsTo(answered)).hasSize(1);
            advanceTo(sentAt.plus(Duration.ofDays(30)));
            tick();
            awaitDecision(silent, "EXPIRED", "TOKEN_LIFETIME");
            awaitDecision(answered, "EXPIRED", "TOKEN_LIFETIME");
            InvitationExpired expired = (InvitationExpired) EventJson.mapper().readValue(invitations.awaitRecord(
                    withKey(answered).and(valueContaining("InvitationExpired")), ASYNC).value(), InvitationEvent.class);
            assertThat(expired.answered()).isTrue();
        }
    }

    private static Instant nextMonday(Instant after) {
        ZonedDateTime local = after.atZone(PRAGUE);
        return local.with(TemporalAdjusters.next(DayOfWeek.MONDAY)).with(LocalTime.of(9, 0)).toInstant();
    }

    /** A later trigger of the contact has been decided, so the upsert before it (same partition) was applied. */
    private void awaitUpsertApplied(String contactId) {
        TicketClosed marker = CrmEvents.ticketClosed(contactId, "marker-" + UUID.randomUUID(), clock.instant());
        publish(marker);
        await().atMost(ASYNC).until(() -> decisions(contactId).stream()
                .anyMatch(d -> marker.eventId().equals(d.get("triggerEventId"))));
    }
}

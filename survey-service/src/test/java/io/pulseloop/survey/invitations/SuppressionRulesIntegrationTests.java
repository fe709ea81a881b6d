package io.pulseloop.survey.invitations;

import static io.pulseloop.testsupport.kafka.KafkaRecords.valueContaining;
import static io.pulseloop.testsupport.kafka.KafkaRecords.withKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;

import io.pulseloop.events.crm.CustomerStatus;
import io.pulseloop.events.crm.DealLost;
import io.pulseloop.events.crm.TicketClosed;
import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.response.SurveyUnsubscribed;
import io.pulseloop.events.survey.InvitationEvent;
import io.pulseloop.events.survey.InvitationSuppressed;
import io.pulseloop.events.survey.SuppressionReason;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.survey.CrmEvents;
import io.pulseloop.survey.SurveyIntegrationTestBase;
import io.pulseloop.testsupport.kafka.TopicProbe;

/** Every suppression rule, with its recorded reason, through the broker and the decision API. */
class SuppressionRulesIntegrationTests extends SurveyIntegrationTestBase {

    @Autowired
    private MongoTemplate mongo;

    @Test
    void doNotContactAndWithdrawnConsentAreRecordedAndPublished() {
        Instant now = workingMorning();
        String doNotContact = CrmEvents.newContactId("dnc");
        String noConsent = CrmEvents.newContactId("consent");
        try (TopicProbe invitations = KAFKA.openProbe(Topics.SURVEY_INVITATIONS)) {
            publish(CrmEvents.contact(doNotContact, "en", "Europe/Prague", true, true, CustomerStatus.CUSTOMER,
                    "emea", now));
            publish(CrmEvents.contact(noConsent, "pl", "Europe/Warsaw", false, false, CustomerStatus.CUSTOMER,
                    "emea", now));
            TicketClosed ticket = CrmEvents.ticketClosed(doNotContact, "T-1", now);
            publish(ticket);
            publish(CrmEvents.ticketClosed(noConsent, "T-2", now));

            Map<String, Object> decision = awaitDecision(doNotContact, "SUPPRESSED", "DO_NOT_CONTACT");
            assertThat(decision).containsEntry("surveyId", "support-csat")
                    .containsEntry("triggerEventId", ticket.eventId()).containsKey("decidedAt").containsKey("detail");
            awaitDecision(noConsent, "SUPPRESSED", "NO_SURVEY_CONSENT");
            InvitationSuppressed suppressed = (InvitationSuppressed) EventJson.mapper().readValue(
                    invitations.awaitRecord(withKey(doNotContact).and(valueContaining("InvitationSuppressed")), ASYNC)
                            .value(), InvitationEvent.class);
            assertThat(suppressed.reason()).isEqualTo(SuppressionReason.DO_NOT_CONTACT);
            assertThat(suppressed.triggerEventId()).isEqualTo(ticket.eventId());
        }
        clock.advance(Duration.ofDays(2));
        tick();
        assertThat(mailsTo(doNotContact)).isEmpty();
        assertThat(mailsTo(noConsent)).isEmpty();
    }

    @Test
    void anErasedContactLosesItsPersonalDataAndIsNeverInvitedAgain() {
        Instant now = workingMorning();
        String contactId = CrmEvents.newContactId("erased");
        publish(CrmEvents.contact(contactId, "cs", now));
        publish(CrmEvents.ticketClosed(contactId, "T-1", now));
        awaitDecision(contactId, "SCHEDULED", "ELIGIBLE");

        // when the contact is erased, the planned send is withdrawn at once
        publish(CrmEvents.erased(contactId, now.plusSeconds(60)));
        awaitDecision(contactId, "SUPPRESSED", "ERASED");
        await().atMost(ASYNC).until(() -> decisions(contactId).stream()
                .filter(d -> "ERASED".equals(d.get("rule"))).count() >= 2);
        Document stored = mongo.findById(contactId, Document.class, "contacts");
        assertThat(stored).containsEntry("erased", true).doesNotContainKeys("email", "firstName", "lastName");

        // and a CRM that sends the contact again, and a new ticket, change nothing
        publish(CrmEvents.contact(contactId, "cs", now.plusSeconds(120)));
        TicketClosed later = CrmEvents.ticketClosed(contactId, "T-2", now.plusSeconds(120));
        publish(later);
        await().atMost(ASYNC).until(() -> decisions(contactId).stream().anyMatch(d -> "ERASED".equals(d.get("rule"))
                && later.eventId().equals(d.get("triggerEventId"))));
        assertThat(mongo.findById(contactId, Document.class, "contacts")).doesNotContainKey("email");
        clock.advance(Duration.ofDays(2));
        tick();
        assertThat(mailsTo(contactId)).isEmpty();
    }

    @Test
    void anUnsubscribedContactIsSuppressedFromThenOn() {
        Instant now = workingMorning();
        String contactId = CrmEvents.newContactId("optout");
        publish(CrmEvents.contact(contactId, "en", now));
        await().atMost(ASYNC).until(() -> mongo.findById(contactId, Document.class, "contacts") != null);

        publish(new SurveyUnsubscribed(UUID.randomUUID().toString(), now, contactId, "corr-1", "inv-earlier",
                "support-csat", true));
        Map<String, Object> unsubscribed = awaitDecision(contactId, "SUPPRESSED", "UNSUBSCRIBED");
        assertThat(unsubscribed).containsEntry("invitationId", "inv-earlier");

        TicketClosed ticket = CrmEvents.ticketClosed(contactId, "T-1", now);
        publish(ticket);
        await().atMost(ASYNC).until(() -> decisions(contactId).stream().anyMatch(d -> "UNSUBSCRIBED"
                .equals(d.get("rule")) && ticket.eventId().equals(d.get("triggerEventId"))));
    }

    @Test
    void aTriggerForAnUnknownContactIsRecorded() {
        workingMorning();
        String contactId = CrmEvents.newContactId("unknown");
        publish(CrmEvents.ticketClosed(contactId, "T-1", clock.instant()));
        assertThat(awaitDecision(contactId, "SUPPRESSED", "UNKNOWN_CONTACT").get("detail").toString())
                .contains("ContactUpserted");
    }

    @Test
    void filteredOutAndSampledOutTriggersAreExplained() throws Exception {
        Instant now = workingMorning();
        String region = "region-" + UUID.randomUUID().toString().substring(0, 8);
        String surveyId = "lost-deal-" + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(post("/api/v1/surveys").with(staff("ADMIN")).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"id": "%s", "metric": "CES",
                         "trigger": {"eventType": "crm.deal.lost", "delay": "PT1H",
                                     "filters": {"region": ["%s"]}, "sampleRate": 0}}
                        """.formatted(surveyId, region))).andExpect(status().isCreated());
        try {
            String inRegion = CrmEvents.newContactId("sampled");
            String elsewhere = CrmEvents.newContactId("filtered");
            publish(CrmEvents.contact(inRegion, "en", "Europe/Prague", true, false, CustomerStatus.CUSTOMER, region,
                    now));
            publish(CrmEvents.contact(elsewhere, "en", "Europe/Prague", true, false, CustomerStatus.CUSTOMER, "emea",
                    now));
            publish(lost(inRegion, now));
            publish(lost(elsewhere, now));
            assertThat(awaitDecision(inRegion, "SUPPRESSED", "SAMPLED_OUT")).containsEntry("surveyId", surveyId);
            assertThat(awaitDecision(elsewhere, "SUPPRESSED", "FILTERED_OUT").get("detail").toString())
                    .contains("region 'emea'");
        }
        finally {
            mvc.perform(delete("/api/v1/surveys/{id}", surveyId).with(staff("ADMIN")));
        }
    }

    @Test
    void theSameTriggerNeverYieldsTwoInvitations() {
        Instant now = workingMorning();
        String contactId = CrmEvents.newContactId("dup");
        publish(CrmEvents.contact(contactId, "en", now));
        TicketClosed ticket = CrmEvents.ticketClosed(contactId, "T-1", now);
        publish(ticket);
        publish(ticket);
        TicketClosed sameTicketResent = CrmEvents.ticketClosed(contactId, "T-1", UUID.randomUUID().toString(), now,
                "incident");
        publish(sameTicketResent);

        awaitDecision(contactId, "SCHEDULED", "ELIGIBLE");
        await().atMost(ASYNC).until(() -> decisions(contactId).stream()
                .filter(d -> "DUPLICATE_TRIGGER".equals(d.get("rule"))).count() == 2);
        List<Map<String, Object>> decisions = decisions(contactId);
        assertThat(decisions).filteredOn(d -> "SCHEDULED".equals(d.get("decision"))).hasSize(1);
        assertThat(decisions).filteredOn(d -> "DUPLICATE_TRIGGER".equals(d.get("rule")))
                .extracting(d -> d.get("triggerEventId"))
                .containsExactlyInAnyOrder(ticket.eventId(), sameTicketResent.eventId());

        clock.advance(Duration.ofHours(24));
        tick();
        awaitMailsTo(contactId, 1);
        tick();
        assertThat(mailsTo(contactId)).hasSize(1);
    }

    @Test
    void aPendingSendOfAWithdrawnSurveyIsSuppressedWithThatReason() throws Exception {
        // given a send planned for a survey
        Instant now = workingMorning();
        String region = "region-" + UUID.randomUUID().toString().substring(0, 8);
        String surveyId = "withdrawn-" + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(post("/api/v1/surveys").with(staff("ADMIN")).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"id": "%s", "metric": "CES",
                         "trigger": {"eventType": "crm.deal.lost", "delay": "PT1H", "filters": {"region": ["%s"]}}}
                        """.formatted(surveyId, region))).andExpect(status().isCreated());
        String contactId = CrmEvents.newContactId("withdrawn");
        publish(CrmEvents.contact(contactId, "en", "Europe/Prague", true, false, CustomerStatus.CUSTOMER, region, now));
        try (TopicProbe invitations = KAFKA.openProbe(Topics.SURVEY_INVITATIONS)) {
            publish(lost(contactId, now));
            awaitDecision(contactId, "SCHEDULED", "ELIGIBLE");

            // when the survey is deleted before the send is due
            mvc.perform(delete("/api/v1/surveys/{id}", surveyId).with(staff("ADMIN")))
                    .andExpect(status().isNoContent());
            clock.advance(Duration.ofHours(2));
            tick();

            // then the send is suppressed, and the API and the event say why in the same words
            assertThat(awaitDecision(contactId, "SUPPRESSED", "SURVEY_WITHDRAWN")).containsEntry("surveyId", surveyId);
            InvitationSuppressed suppressed = (InvitationSuppressed) EventJson.mapper().readValue(invitations
                    .awaitRecord(withKey(contactId).and(valueContaining("\"InvitationSuppressed\"")), ASYNC)
                    .value(), InvitationEvent.class);
            assertThat(suppressed.reason()).isEqualTo(SuppressionReason.SURVEY_WITHDRAWN);
            assertThat(mailsTo(contactId)).isEmpty();
        }
    }

    private static DealLost lost(String contactId, Instant at) {
        String eventId = UUID.randomUUID().toString();
        return new DealLost(eventId, at, contactId, "corr-" + eventId, "crm://test", "ce-" + eventId, "D-" + eventId,
                at, "price", "owner-7");
    }
}

package io.pulseloop.survey.definitions;

import static io.pulseloop.testsupport.kafka.KafkaRecords.valueContaining;
import static io.pulseloop.testsupport.kafka.KafkaRecords.withKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import io.pulseloop.events.crm.CustomerStatus;
import io.pulseloop.events.crm.DealLost;
import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.survey.InvitationEvent;
import io.pulseloop.events.survey.InvitationSent;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.survey.CrmEvents;
import io.pulseloop.survey.Mails;
import io.pulseloop.survey.SurveyIntegrationTestBase;
import io.pulseloop.testsupport.kafka.TopicProbe;

/** The staff API for survey definitions (contract §3, §7). */
class SurveyDefinitionsApiIntegrationTests extends SurveyIntegrationTestBase {

    @Test
    void theDefaultSurveysExistOutOfTheBoxInEnglishCzechAndPolish() throws Exception {
        mvc.perform(get("/api/v1/surveys").with(staff("AGENT"))).andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.id == 'support-csat')].metric").value("CSAT"))
                .andExpect(jsonPath("$[?(@.id == 'relationship-nps')].metric").value("NPS"));
        mvc.perform(get("/api/v1/surveys/support-csat").with(staff("AGENT"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.trigger.eventType").value("crm.ticket.closed"))
                .andExpect(jsonPath("$.trigger.delay").value("PT24H"))
                .andExpect(jsonPath("$.texts.question.cs").value("Jak jste spokojeni s tím, jak jsme vyřešili váš "
                        + "požadavek?"))
                .andExpect(jsonPath("$.texts.question.pl").exists())
                .andExpect(jsonPath("$.extraQuestions[0].text.cs").value("Co bychom měli zlepšit?"));
        mvc.perform(get("/api/v1/surveys/relationship-nps").with(staff("AGENT"))).andExpect(status().isOk())
                .andExpect(jsonPath("$.trigger.eventType").value("crm.deal.won"))
                .andExpect(jsonPath("$.trigger.delay").value("P90D"))
                .andExpect(jsonPath("$.texts.followUpQuestion.pl").value("Jaki jest główny powód Twojej oceny?"))
                .andExpect(jsonPath("$.extraQuestions[?(@.id == 'improve')].showFor[0]").value("DETRACTOR"));
    }

    @Test
    void createsReadsReplacesAndDeletesASurvey() throws Exception {
        String id = "ces-" + UUID.randomUUID().toString().substring(0, 8);
        mvc.perform(post("/api/v1/surveys").with(staff("MANAGER")).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"id": "%s", "metric": "CES", "trigger": {"eventType": "crm.deal.lost", "delay": "PT0S",
                         "filters": {"region": ["nowhere-%s"]}}}
                        """.formatted(id, id)))
                .andExpect(status().isCreated()).andExpect(header().string("Location", "/api/v1/surveys/" + id))
                .andExpect(jsonPath("$.version").value(1)).andExpect(jsonPath("$.texts.question.cs").exists());
        mvc.perform(put("/api/v1/surveys/{id}", id).with(staff("ADMIN")).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"metric": "CES", "version": 1, "trigger": {"eventType": "crm.deal.lost", "delay": "PT2H",
                         "filters": {"region": ["nowhere-%s"]}}}
                        """.formatted(id)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.version").value(2))
                .andExpect(jsonPath("$.trigger.delay").value("PT2H"));
        mvc.perform(get("/api/v1/surveys/{id}/versions/1", id).with(staff("AGENT")))
                .andExpect(jsonPath("$.trigger.delay").value("PT0S"));
        mvc.perform(delete("/api/v1/surveys/{id}", id).with(staff("ADMIN"))).andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/surveys/{id}", id).with(staff("AGENT"))).andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("id"));
    }

    @Test
    void rejectsInvalidDefinitionsWithProblemDetailsNamingTheField() throws Exception {
        mvc.perform(post("/api/v1/surveys").with(staff("ADMIN")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\": \"bad-delay\", \"metric\": \"NPS\", \"trigger\": {\"eventType\": "
                        + "\"crm.ticket.closed\", \"delay\": \"tomorrow\"}}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("trigger.delay"));
        mvc.perform(post("/api/v1/surveys").with(staff("ADMIN")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\": \"bad-rate\", \"metric\": \"NPS\", \"trigger\": {\"eventType\": "
                        + "\"crm.ticket.closed\", \"delay\": \"PT1H\", \"sampleRate\": \"half\"}}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("trigger.sampleRate"));
        mvc.perform(post("/api/v1/surveys").with(staff("ADMIN")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\": \"support-csat\", \"metric\": \"CSAT\", \"trigger\": {\"eventType\": "
                        + "\"crm.ticket.closed\", \"delay\": \"PT1H\"}}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.field").value("id"));
        mvc.perform(put("/api/v1/surveys/support-csat").with(staff("ADMIN")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"metric\": \"CSAT\", \"version\": 999, \"trigger\": {\"eventType\": "
                        + "\"crm.ticket.closed\", \"delay\": \"PT24H\"}}"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.field").value("version"));
        mvc.perform(put("/api/v1/surveys/does-not-exist").with(staff("ADMIN"))
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"metric\": \"CSAT\", \"trigger\": {\"eventType\": \"crm.ticket.closed\", \"delay\": "
                        + "\"PT1H\"}}"))
                .andExpect(status().isNotFound());
    }

    @Test
    void requiresAuthenticationAndAnEditorRoleToChangeSurveys() throws Exception {
        mvc.perform(get("/api/v1/surveys")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/contacts/c-1/survey-decisions")).andExpect(status().isUnauthorized());
        mvc.perform(post("/api/v1/surveys").with(staff("AGENT")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"id\": \"by-agent\", \"metric\": \"NPS\", \"trigger\": {\"eventType\": "
                        + "\"crm.deal.won\", \"delay\": \"P1D\"}}"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/contacts/c-1/survey-decisions").with(staff("AGENT"))).andExpect(status().isOk())
                .andExpect(content().json("[]"));
    }

    @Test
    void editingASurveyNeverChangesTheInvitationsAlreadyCreated() throws Exception {
        Instant now = workingMorning();
        String id = "win-back-" + UUID.randomUUID().toString().substring(0, 8);
        String region = "region-" + id;
        mvc.perform(post("/api/v1/surveys").with(staff("ADMIN")).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"id": "%s", "metric": "NPS",
                         "trigger": {"eventType": "crm.deal.lost", "delay": "PT1H", "filters": {"region": ["%s"]}},
                         "texts": {"question": {"en": "Version one question?", "cs": "Otázka verze jedna?"}}}
                        """.formatted(id, region))).andExpect(status().isCreated());
        try (TopicProbe invitations = KAFKA.openProbe(Topics.SURVEY_INVITATIONS)) {
            String contactId = CrmEvents.newContactId("edit");
            publish(CrmEvents.contact(contactId, "en", "Europe/Prague", true, false, CustomerStatus.FORMER, region,
                    now));
            String eventId = UUID.randomUUID().toString();
            publish(new DealLost(eventId, now, contactId, "corr-" + eventId, "crm://test", "ce-" + eventId, "D-1",
                    now, "price", "owner-7"));
            assertThat(awaitDecision(contactId, "SCHEDULED", "ELIGIBLE")).containsEntry("surveyVersion", 1);

            // when the survey is edited before the send
            mvc.perform(put("/api/v1/surveys/{id}", id).with(staff("ADMIN")).contentType(MediaType.APPLICATION_JSON)
                    .content("""
                            {"metric": "NPS",
                             "trigger": {"eventType": "crm.deal.lost", "delay": "PT1H", "filters": {"region": ["%s"]}},
                             "texts": {"question": {"en": "Version two question?"}}}
                            """.formatted(region))).andExpect(jsonPath("$.version").value(2));
            clock.advance(Duration.ofHours(1));
            tick();

            // then the invitation is sent with the version it was created with
            assertThat(Mails.text(awaitMailsTo(contactId, 1).get(0))).contains("Version one question?");
            InvitationSent sent = (InvitationSent) EventJson.mapper().readValue(invitations.awaitRecord(
                    withKey(contactId).and(valueContaining("InvitationSent")), ASYNC).value(), InvitationEvent.class);
            assertThat(sent.survey().version()).isEqualTo(1);
            assertThat(sent.survey().question()).containsEntry("en", "Version one question?");
        }
        finally {
            mvc.perform(delete("/api/v1/surveys/{id}", id).with(staff("ADMIN")));
        }
    }
}

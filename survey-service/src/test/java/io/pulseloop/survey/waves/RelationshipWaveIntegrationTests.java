package io.pulseloop.survey.waves;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;

import io.pulseloop.events.crm.CustomerStatus;
import io.pulseloop.survey.CrmEvents;
import io.pulseloop.survey.SurveyIntegrationTestBase;

/** Seed 004: relationship surveys to the current customer base, on a schedule, spread over a period. */
class RelationshipWaveIntegrationTests extends SurveyIntegrationTestBase {

    @Autowired
    private MongoTemplate mongo;

    @Test
    void aWaveReachesTheCurrentCustomersSpreadOverThePeriod() throws Exception {
        // given ten customers, a prospect and a former customer in one region. Each customer's place in the week is a
        // stable pseudo-random offset, and the sending hours (09:00-18:00 on working days) move every place between
        // Friday 18:00 and Monday 09:00 (63 of the week's 168 hours) to Monday 09:00: with six customers all six landed
        // there about once in 360 runs; with ten, about once in 18,000.
        Instant start = workingMorning();
        String region = "wave-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> customers = IntStream.range(0, 10).mapToObj(i -> CrmEvents.newContactId("cust")).toList();
        String prospect = CrmEvents.newContactId("prospect");
        String former = CrmEvents.newContactId("former");
        customers.forEach(id -> publish(CrmEvents.contact(id, "cs", "Europe/Prague", true, false,
                CustomerStatus.CUSTOMER, region, start)));
        publish(CrmEvents.contact(prospect, "cs", "Europe/Prague", true, false, CustomerStatus.PROSPECT, region,
                start));
        publish(CrmEvents.contact(former, "cs", "Europe/Prague", true, false, CustomerStatus.FORMER, region, start));
        await().atMost(ASYNC).until(() -> Stream.concat(customers.stream(), Stream.of(prospect, former))
                .allMatch(id -> mongo.findById(id, Document.class, "contacts") != null));

        // when a quarterly pulse survey to current customers, spread over a week, starts now
        String surveyId = "pulse-" + region;
        mvc.perform(post("/api/v1/surveys").with(staff("ADMIN")).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"id": "%s", "metric": "NPS",
                         "schedule": {"every": "P90D", "spreadOver": "P7D", "startAt": "%s",
                                      "audience": {"customerStatus": ["customer"], "region": ["%s"]}}}
                        """.formatted(surveyId, start, region))).andExpect(status().isCreated());
        try {
            tick();

            // then each current customer is planned once, at different moments within the week
            Set<String> dueTimes = new HashSet<>();
            for (String customer : customers) {
                Map<String, Object> scheduled = awaitDecision(customer, "SCHEDULED", "ELIGIBLE");
                assertThat(scheduled).containsEntry("surveyId", surveyId).containsEntry("triggerType",
                        "schedule.wave");
                Instant due = Instant.parse(decisions(customer).stream().filter(d -> d.containsKey("dueAt"))
                        .reduce((first, second) -> second).orElseThrow().get("dueAt").toString());
                assertThat(due).isBetween(start, start.plus(Duration.ofDays(10)));
                dueTimes.add(due.toString());
            }
            assertThat(dueTimes).hasSizeGreaterThan(1);
            assertThat(decisions(prospect)).isEmpty();
            assertThat(decisions(former)).isEmpty();

            // and a second tick of the same wave changes nothing
            tick();
            for (String customer : customers) {
                assertThat(decisions(customer)).filteredOn(d -> "SCHEDULED".equals(d.get("decision"))).hasSize(1);
            }

            // and over the week every customer is invited
            for (int day = 0; day < 10; day++) {
                clock.advance(Duration.ofDays(1));
                tick();
            }
            customers.forEach(customer -> awaitMailsTo(customer, 1));
        }
        finally {
            mvc.perform(delete("/api/v1/surveys/{id}", surveyId).with(staff("ADMIN")));
        }
    }
}

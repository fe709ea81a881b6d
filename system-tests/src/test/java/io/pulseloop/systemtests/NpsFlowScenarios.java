package io.pulseloop.systemtests;

import static io.pulseloop.systemtests.PlatformDriver.FLOW;
import static io.pulseloop.systemtests.PlatformDriver.address;
import static io.pulseloop.systemtests.PlatformDriver.contact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The NPS half of the whole flow across the five services (contract §3, §5, §6, §8): a won deal becomes an NPS
 * invitation, the answers become analytics by owner and region, CRM write-backs, follow-up tasks, and the signals of
 * §8.1 — churn risk at a key account (raised, task, cleared) and an upsell candidate (raised, withdrawn by a later
 * answer). Runs inside {@link WholeFlowProofSystemTests}, on its platform.
 */
abstract class NpsFlowScenarios {

    private final PlatformDriver driver;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    NpsFlowScenarios(PlatformDriver driver) {
        this.driver = driver;
    }

    @Test
    void wonDealsBecomeNpsInvitationsWhoseAnswersReachAnalyticsByOwnerAndRegionTheCrmAndTheTasks() throws Exception {
        // given an owner's three customers in a region of their own, each with a standard account
        String owner = "nps-own-" + run;
        String region = "nps-region-" + run;
        driver.publishOwner(owner, null);
        List<String> contacts = List.of("nps1-" + run, "nps2-" + run, "nps3-" + run);
        for (String contact : contacts) {
            driver.publishContact(contact(contact, owner, "acc-" + contact, "standard", region));
        }
        // when their deals are won
        for (String contact : contacts) {
            driver.publishDealWon(contact, "deal-" + contact, "router-" + run, owner);
        }

        // then each receives the NPS invitation (the delay shortened by configuration) with one link per score 0-10
        Email first = driver.awaitEmailsTo(address(contacts.get(0)), 1).get(0);
        assertThat(first.scoreLink(0)).isPresent();
        assertThat(first.scoreLink(10)).isPresent();
        // and the three answer 10 (the one-click link of the email), 9 and 3 (the JSON API)
        HttpResponse<String> clicked = await("the one-click link known").atMost(FLOW).until(
                () -> driver.get(first.scoreLink(10).orElseThrow(), null), response -> response.statusCode() != 404);
        assertThat(clicked.statusCode()).as(clicked.body()).isEqualTo(200);
        assertThat(driver.answerInvitation(driver.awaitEmailsTo(address(contacts.get(1)), 1).get(0).token(), 9, null)
                .statusCode()).isEqualTo(201);
        String complaint = "Slow delivery " + run;
        assertThat(driver.answerInvitation(driver.awaitEmailsTo(address(contacts.get(2)), 1).get(0).token(), 3, complaint)
                .statusCode()).isEqualTo(201);

        // then analytics answers NPS by owner and by region: n 3, 2 promoters, 1 detractor, score and margin of §6.2
        double p = 2.0 / 3;
        double d = 1.0 / 3;
        for (String groupBy : List.of("owner", "region")) {
            String key = groupBy.equals("owner") ? owner : region;
            JsonNode group = await("NPS by " + groupBy).atMost(FLOW).until(() -> driver.scoreGroup("NPS", groupBy, key),
                    g -> g != null && g.path("responses").asInt() == 3);
            assertThat(group.path("promoters").asInt()).isEqualTo(2);
            assertThat(group.path("passives").asInt()).isZero();
            assertThat(group.path("detractors").asInt()).isEqualTo(1);
            assertThat(group.path("score").asDouble()).isCloseTo(100 * (p - d), within(1e-9));
            assertThat(group.path("marginOfError").asDouble())
                    .isCloseTo(100 * 1.96 * Math.sqrt((p + d - (p - d) * (p - d)) / 3), within(1e-9));
            assertThat(group.path("lowSample").asBoolean()).isTrue();
        }

        // and the CRM card of each shows the score, its category and the date of the answer
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Map<String, String> expected = Map.of(contacts.get(0), "10", contacts.get(1), "9", contacts.get(2), "3");
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            await("NPS write-back of " + entry.getKey()).atMost(FLOW).untilAsserted(() ->
                    assertThat(driver.crmState(entry.getKey())).containsEntry("pulseloop_nps_score", entry.getValue())
                            .containsEntry("pulseloop_nps_category",
                                    entry.getValue().equals("3") ? "detractor" : "promoter")
                            .containsKey("pulseloop_nps_date"));
            assertThat(driver.crmState(entry.getKey()).get("pulseloop_nps_date"))
                    .isIn(today, LocalDate.now(ZoneOffset.UTC).minusDays(1).toString());
        }

        // and the detractor gets a DETRACTOR task for the owner, with the comment; marketing is paused
        JsonNode task = await("a DETRACTOR task").atMost(FLOW).until(() -> driver.tasks(contacts.get(2)),
                tasks -> tasks.stream().anyMatch(t -> t.path("reason").asString().equals("DETRACTOR"))).stream()
                .filter(t -> t.path("reason").asString().equals("DETRACTOR")).findFirst().orElseThrow();
        assertThat(task.path("assigneeId").asString()).isEqualTo(owner);
        assertThat(task.path("metric").asString()).isEqualTo("NPS");
        assertThat(task.path("surveyId").asString()).isEqualTo(WholeFlowProofSystemTests.NPS);
        assertThat(task.path("score").asInt()).isEqualTo(3);
        assertThat(task.path("comment").asString()).isEqualTo(complaint);
        await("the marketing pause").atMost(FLOW).untilAsserted(() -> assertThat(driver.crmState(contacts.get(2)))
                .containsEntry("pulseloop_followup_open", "true").containsEntry("pulseloop_marketing_paused", "true"));
    }

    @Test
    void twoDetractorsAtAKeyAccountRaiseChurnRiskWithATaskAndWriteBackThenTheNextPromoterClearsIt() throws Exception {
        // given a key account with three contacts of one owner, each surveyed after a won deal
        String owner = "churn-own-" + run;
        String account = "key-acc-" + run;
        driver.publishOwner(owner, null);
        List<String> contacts = List.of("churn1-" + run, "churn2-" + run, "churn3-" + run);
        for (String contact : contacts) {
            driver.publishContact(contact(contact, owner, account, "key", "churn-region-" + run));
            driver.publishDealWon(contact, "deal-" + contact, "support-plan-" + run, owner);
        }
        List<String> tokens = contacts.stream().map(c -> driver.awaitEmailsTo(address(c), 1).get(0).token()).toList();

        // when the first answers as a detractor (and analytics has counted it), then the second
        assertThat(driver.answerInvitation(tokens.get(0), 2, "Nobody calls back").statusCode()).isEqualTo(201);
        await("the first detractor in the CRM").atMost(FLOW).untilAsserted(() ->
                assertThat(driver.crmState(contacts.get(0))).containsEntry("pulseloop_nps_score", "2"));
        assertThat(driver.crmState(contacts.get(0))).doesNotContainKey("pulseloop_churn_risk");
        assertThat(driver.answerInvitation(tokens.get(1), 4, "Too many outages").statusCode()).isEqualTo(201);

        // then a CHURN_RISK task opens for the account's owner, its contact the one whose answer raised it
        JsonNode churnTask = await("a CHURN_RISK task").atMost(FLOW).until(() -> driver.tasks(contacts.get(1)),
                tasks -> tasks.stream().anyMatch(t -> t.path("reason").asString().equals("CHURN_RISK"))).stream()
                .filter(t -> t.path("reason").asString().equals("CHURN_RISK")).findFirst().orElseThrow();
        assertThat(churnTask.path("assigneeId").asString()).isEqualTo(owner);
        assertThat(churnTask.path("accountId").asString()).isEqualTo(account);
        assertThat(churnTask.path("priority").asString()).isEqualTo("HIGH");
        assertThat(churnTask.path("status").asString()).isEqualTo("OPEN");
        // and the two detractors' own tasks are urgent: a key account's detractors
        for (String contact : contacts.subList(0, 2)) {
            await("an URGENT DETRACTOR task for " + contact).atMost(FLOW).until(() -> driver.tasks(contact),
                    tasks -> tasks.stream().anyMatch(t -> t.path("reason").asString().equals("DETRACTOR")
                            && t.path("priority").asString().equals("URGENT")));
        }
        // and the CRM cards of both contacts whose answers raised it say churn risk
        for (String contact : contacts.subList(0, 2)) {
            await("churn risk on " + contact).atMost(FLOW).untilAsserted(() ->
                    assertThat(driver.crmState(contact)).containsEntry("pulseloop_churn_risk", "true"));
        }

        // when the account's next answer is a promoter's
        assertThat(driver.answerInvitation(tokens.get(2), 10, null).statusCode()).isEqualTo(201);

        // then churn risk is cleared on those contacts, and the task stays for its owner to resolve
        for (String contact : contacts.subList(0, 2)) {
            await("churn risk cleared on " + contact).atMost(FLOW).untilAsserted(() ->
                    assertThat(driver.crmState(contact)).containsEntry("pulseloop_churn_risk", "false"));
        }
        assertThat(driver.crmState(contacts.get(2))).doesNotContainEntry("pulseloop_churn_risk", "true");
        JsonNode after = driver.tasks(contacts.get(1)).stream()
                .filter(t -> t.path("reason").asString().equals("CHURN_RISK")).findFirst().orElseThrow();
        assertThat(after.path("id").asString()).isEqualTo(churnTask.path("id").asString());
        assertThat(after.path("status").asString()).isEqualTo("OPEN");
        assertThat(driver.tasks(contacts.get(1)).stream()
                .filter(t -> t.path("reason").asString().equals("CHURN_RISK"))).hasSize(1);
    }

    @Test
    void aPromoterWhoseAccountLacksAProductIsAnUpsellCandidateUntilALaterPassiveAnswer() throws Exception {
        // given two accounts of one owner: one bought the "alpha" product, the other "beta"
        String owner = "upsell-own-" + run;
        String buyer = "upsell-" + run;
        String other = "upsell-other-" + run;
        driver.publishOwner(owner, null);
        driver.publishContact(contact(other, owner, "acc-" + other, "standard", "upsell-region-" + run));
        driver.publishContact(contact(buyer, owner, "acc-" + buyer, "standard", "upsell-region-" + run));
        driver.publishDealWon(other, "deal-" + other, "beta-" + run, owner);
        driver.awaitEmailsTo(address(other), 1);
        driver.publishDealWon(buyer, "deal1-" + buyer, "alpha-" + run, owner);

        // when the buyer answers the invitation of its deal as a promoter
        assertThat(driver.answerInvitation(driver.awaitEmailsTo(address(buyer), 1).get(0).token(), 9, null).statusCode())
                .isEqualTo(201);

        // then the CRM card says upsell candidate: beta was seen in won deals, the buyer's account never bought it
        await("upsell candidate").atMost(FLOW).untilAsserted(() -> assertThat(driver.crmState(buyer))
                .containsEntry("pulseloop_upsell_candidate", "true").containsEntry("pulseloop_nps_score", "9"));

        // when a later deal brings a later invitation, answered as a passive
        driver.publishDealWon(buyer, "deal2-" + buyer, "alpha-" + run, owner);
        Email later = driver.awaitEmailsTo(address(buyer), 2).get(1);
        assertThat(driver.answerInvitation(later.token(), 7, null).statusCode()).isEqualTo(201);

        // then the upsell signal is withdrawn
        await("upsell withdrawn").atMost(FLOW).untilAsserted(() -> assertThat(driver.crmState(buyer))
                .containsEntry("pulseloop_upsell_candidate", "false").containsEntry("pulseloop_nps_score", "7"));
    }
}

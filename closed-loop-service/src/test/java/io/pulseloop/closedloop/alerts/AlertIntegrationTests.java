package io.pulseloop.closedloop.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.JsonNode;

import io.pulseloop.closedloop.AlertPeers;
import io.pulseloop.closedloop.ClosedLoopIntegrationTest;
import io.pulseloop.closedloop.Mails;
import io.pulseloop.closedloop.TestTokens;
import io.pulseloop.closedloop.owners.OwnerDirectory;
import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.response.ScoreRecorded;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.testsupport.time.MutableClock;

/** Emails and webhook alerts against GreenMail and WireMock. */
@ClosedLoopIntegrationTest
class AlertIntegrationTests {

    private static final String ADMIN = TestTokens.bearer("admin-1", "ADMIN");
    private static final String COMMENT = "Waited 3 days & the <b>technician</b> > never came";

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    OwnerDirectory owners;

    @Autowired
    MongoTemplate mongo;

    io.pulseloop.closedloop.Scenario api;

    @BeforeEach
    void stubs() {
        api = new io.pulseloop.closedloop.Scenario(port);
        AlertPeers.WEBHOOKS.reset();
        AlertPeers.WEBHOOKS.server().stubFor(post("/slack").willReturn(ok()));
        AlertPeers.WEBHOOKS.server().stubFor(post("/teams").willReturn(ok()));
    }

    @Test
    void emailsTheAssigneeOnceInTheContactsLanguageForTenRedeliveries() throws Exception {
        String owner = io.pulseloop.closedloop.Scenario.unique("o");
        String contactId = io.pulseloop.closedloop.Scenario.unique("c");
        io.pulseloop.closedloop.Scenario.owner(owner, null);
        io.pulseloop.closedloop.Scenario.contact(contactId, owner, AccountTier.KEY, false, "cs");
        await().atMost(Duration.ofSeconds(30)).until(() -> owners.emailOf(owner).isPresent());
        ScoreRecorded score = czech(io.pulseloop.closedloop.Scenario.score(contactId, owner,
                io.pulseloop.closedloop.Scenario.unique("r"), 1, Metric.NPS, 2, COMMENT, AccountTier.KEY));

        for (int i = 0; i < 10; i++) {
            io.pulseloop.closedloop.Scenario.publish(score);
        }

        String taskId = awaitTask(contactId).get("id").asString();
        List<MimeMessage> mails = await().atMost(Duration.ofSeconds(30))
                .until(() -> mailsTo(owner), found -> !found.isEmpty());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> mailsTo(owner).size() == 1);
        MimeMessage mail = mails.get(0);
        String body = Mails.body(mail);
        assertThat(mail.getSubject()).startsWith("Nový úkol k dořešení: Kritik");
        assertThat(body).contains("Waited 3 days &amp; the &lt;b&gt;technician&lt;/b&gt; &gt; never came")
                .doesNotContain("<b>technician")
                .contains("NPS 2")
                .contains("Jana Nováková")
                .contains("Acme &amp; Sons &lt;Ltd&gt;")
                .contains("https://inbox.example/inbox/tasks/" + java.net.URLEncoder.encode(taskId,
                        java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void anEmailThatWaitedForItsRecipientGoesOnceTheOwnersAddressArrivesNotAfterItsBackoff() throws Exception {
        // given a task whose owner is not known yet: its alert email finds no address and backs off. The test clock
        // stands still, so without the owner's arrival the retry would never come due.
        String owner = io.pulseloop.closedloop.Scenario.unique("o");
        String contactId = io.pulseloop.closedloop.Scenario.unique("c");
        io.pulseloop.closedloop.Scenario.publish(io.pulseloop.closedloop.Scenario.score(contactId, owner,
                io.pulseloop.closedloop.Scenario.unique("r"), 1, Metric.NPS, 1, COMMENT, AccountTier.STANDARD));
        awaitTask(contactId);
        Query emailAlert = Query.query(Criteria.where("contactId").is(contactId).and("channel").is("EMAIL"));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            org.bson.Document alert = mongo.findOne(emailAlert, org.bson.Document.class, "alerts");
            return alert != null && alert.getInteger("tries", 0) >= 1;
        });
        assertThat(mailsTo(owner)).isEmpty();

        // when the owner's record arrives
        io.pulseloop.closedloop.Scenario.owner(owner, null);

        // then the email goes at the next round
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(owner).size() == 1);
    }

    @Test
    void postsSignedSlackAndTeamsAlertsWithEscapedText() {
        String contactId = io.pulseloop.closedloop.Scenario.unique("c");
        io.pulseloop.closedloop.Scenario.publish(io.pulseloop.closedloop.Scenario.score(contactId, "o-1",
                io.pulseloop.closedloop.Scenario.unique("r"), 1, Metric.NPS, 1, COMMENT, AccountTier.STANDARD));
        String taskId = awaitTask(contactId).get("id").asString();

        LoggedRequest slack = awaitRequest("/slack", contactId);
        LoggedRequest teams = awaitRequest("/teams", contactId);

        JsonNode slackBody = io.pulseloop.closedloop.Scenario.parse(slack.getBodyAsString());
        assertThat(slackBody.get("text").asString())
                .contains("Waited 3 days &amp; the &lt;b&gt;technician&lt;/b&gt; &gt; never came")
                .contains("https://inbox.example/inbox/tasks/");
        assertThat(slackBody.get("blocks").isArray()).isTrue();
        assertSigned(slack);
        JsonNode card = io.pulseloop.closedloop.Scenario.parse(teams.getBodyAsString()).get("attachments").get(0);
        assertThat(card.get("contentType").asString()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(card.get("content").get("type").asString()).isEqualTo("AdaptiveCard");
        assertSigned(teams);
        assertThat(taskId).startsWith(contactId);
    }

    @Test
    void retriesAWebhookUntilAcceptedSigningEveryTryAfreshWhileADeadEndpointHoldsUpNoOther() {
        String contactId = io.pulseloop.closedloop.Scenario.unique("c");
        AlertPeers.WEBHOOKS.server().stubFor(post("/slack").atPriority(1).withRequestBody(containing(contactId))
                .inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
        AlertPeers.WEBHOOKS.server().stubFor(post("/slack").atPriority(1).withRequestBody(containing(contactId))
                .inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("up"));
        AlertPeers.WEBHOOKS.server().stubFor(post("/slack").atPriority(1).withRequestBody(containing(contactId))
                .inScenario("flaky").whenScenarioStateIs("up").willReturn(ok()));
        io.pulseloop.closedloop.Scenario.publish(io.pulseloop.closedloop.Scenario.score(contactId, "o-1",
                io.pulseloop.closedloop.Scenario.unique("r"), 1, Metric.CES, 1, "hard", AccountTier.STANDARD));
        awaitTask(contactId);

        List<LoggedRequest> tries = await().atMost(Duration.ofSeconds(60)).until(() -> {
            clock.advance(Duration.ofSeconds(30)); // past each backoff
            return requests("/slack", contactId);
        }, found -> found.size() >= 3);

        assertThat(tries).extracting(r -> r.getHeader("X-Pulseloop-Timestamp")).doesNotHaveDuplicates();
        tries.forEach(AlertIntegrationTests::assertSigned);
        await().atMost(Duration.ofSeconds(30)).until(() -> status("WEBHOOK:default:", contactId).equals("SENT"));
        assertThat(requests("/teams", contactId)).hasSize(1);
        assertThat(status("WEBHOOK:dead:", contactId)).isEqualTo("PENDING");
    }

    @Test
    void sendsAtMostOneMessagePerSecondToAnEndpoint() {
        String prefix = io.pulseloop.closedloop.Scenario.unique("rate");
        for (int i = 0; i < 3; i++) {
            io.pulseloop.closedloop.Scenario.publish(io.pulseloop.closedloop.Scenario.score(prefix + "-" + i, "o-1",
                    io.pulseloop.closedloop.Scenario.unique("r"), 1, Metric.CSAT, 1, "bad", AccountTier.STANDARD));
        }

        List<LoggedRequest> posts = await().atMost(Duration.ofSeconds(60))
                .until(() -> requests("/slack", prefix), found -> found.size() >= 3);

        // spacing as sent (WireMock's arrival times carry the scheduling jitter of a loaded test machine)
        List<Long> sent = mongo.find(Query.query(Criteria.where("_id").regex("^WEBHOOK:default:" + prefix)),
                org.bson.Document.class, "alerts").stream().map(d -> d.getDate("lastTriedAt").getTime()).sorted()
                .toList();
        assertThat(sent).hasSize(3);
        assertThat(sent.get(1) - sent.get(0)).isGreaterThanOrEqualTo(1000);
        assertThat(sent.get(2) - sent.get(1)).isGreaterThanOrEqualTo(1000);
        AlertPeers.WEBHOOKS.server().verify(3, postRequestedFor(urlEqualTo("/slack"))
                .withRequestBody(containing(prefix)));
    }

    private String status(String idPrefix, String contactId) {
        org.bson.Document alert = mongo.findOne(Query.query(Criteria.where("_id").regex("^" + idPrefix + contactId)),
                org.bson.Document.class, "alerts");
        return alert == null ? "NONE" : alert.getString("status");
    }

    private LoggedRequest awaitRequest(String path, String contactId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> requests(path, contactId), r -> !r.isEmpty())
                .get(0);
    }

    private static List<LoggedRequest> requests(String path, String text) {
        return AlertPeers.WEBHOOKS.server().findAll(postRequestedFor(urlEqualTo(path))
                .withRequestBody(matchingJsonPath("$..url", containing(java.net.URLEncoder.encode(text,
                        java.nio.charset.StandardCharsets.UTF_8)))));
    }

    private static void assertSigned(LoggedRequest request) {
        long timestamp = Long.parseLong(request.getHeader("X-Pulseloop-Timestamp"));
        assertThat(request.getHeader("X-Pulseloop-Signature"))
                .isEqualTo(WebhookSignature.sign(AlertPeers.SECRET, timestamp, request.getBodyAsString()));
    }

    private JsonNode awaitTask(String contactId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode content = api.getJson("/api/v1/tasks?contactId=" + contactId, ADMIN).get("content");
            return content.isEmpty() ? null : content.get(0);
        }, task -> task != null);
    }

    private static List<MimeMessage> mailsTo(String owner) {
        return Mails.to(owner + "@acme.example", "");
    }

    private static ScoreRecorded czech(ScoreRecorded s) {
        return new ScoreRecorded(s.eventId(), s.occurredAt(), s.contactId(), s.correlationId(), s.responseId(),
                s.invitationId(), s.revision(), s.surveyId(), s.surveyVersion(), s.metric(), s.score(), s.category(),
                s.comment(), s.answers(), "cs", s.channel(), s.invitedAt(), s.context());
    }
}

package io.pulseloop.closedloop.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import io.pulseloop.closedloop.ClosedLoopIntegrationTest;
import io.pulseloop.closedloop.Scenario;
import io.pulseloop.closedloop.TestTokens;
import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.survey.Metric;

/** The inbox's authorisation over plain HTTP: escaped comments, CSRF tokens in forms, 404 for others' tasks. */
@ClosedLoopIntegrationTest
class InboxPagesIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void showsAnotherAgentsTaskAsNotFoundAndRefusesFormsWithoutCsrfToken() throws Exception {
        Scenario api = new Scenario(port);
        String agent = Scenario.unique("a");
        String contactId = Scenario.unique("c");
        Scenario.publish(Scenario.score(contactId, agent, Scenario.unique("r"), 1, Metric.NPS, 1, "x <i>y</i>",
                AccountTier.STANDARD));
        String admin = TestTokens.bearer("admin-1", "ADMIN");
        String taskId = await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode content = api.getJson("/api/v1/tasks?contactId=" + contactId, admin).get("content");
            return content.isEmpty() ? null : content.get(0).get("id").asString();
        }, id -> id != null);
        String path = "/inbox/tasks/" + taskId;

        HttpResponse<String> own = page(path, TestTokens.bearer(agent, "AGENT"), "en");
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(own.body()).contains("x &lt;i&gt;y&lt;/i&gt;").contains("name=\"_csrf\"")
                .contains("<label for=\"attempt-note\"");
        assertThat(page(path, TestTokens.bearer(Scenario.unique("other"), "AGENT"), "en").statusCode())
                .isEqualTo(404);
        assertThat(page("/inbox", null, "en").statusCode()).isEqualTo(401);
        assertThat(page("/inbox", TestTokens.bearer(agent, "AGENT"), "pl").body()).contains("Moje zadania")
                .contains(contactId);
        HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + path + "/resolve"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("rootCause=OTHER")).build(),
                HttpResponse.BodyHandlers.ofString());
        // a form post without the page's CSRF token is refused before anything else (bearer tokens are never
        // ambient, so Spring Security exempts them; session and Basic credentials need the form's token)
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(api.getJson("/api/v1/tasks/" + taskId, admin).get("status").asString()).isEqualTo("OPEN");
    }

    private HttpResponse<String> page(String path, String authorization, String language) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept-Language", language);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

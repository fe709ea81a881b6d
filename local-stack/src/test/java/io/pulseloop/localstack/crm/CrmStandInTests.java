package io.pulseloop.localstack.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import io.pulseloop.localstack.http.Http;

/** The CRM stand-in over HTTP: HubSpot-shaped PATCH and GET, the latest value of each property, kept on disk. */
class CrmStandInTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path directory;

    private Http server;

    @BeforeEach
    void start() throws IOException {
        server = Http.start(0, "crm-test", CrmStandIn.open(directory.resolve("crm.json"), Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void answersTheLatestValueOfEveryPropertyWritten() throws Exception {
        HttpResponse<String> first = patch("c-42", "{\"properties\":{\"pulseloop_csat_score\":\"2\","
                + "\"pulseloop_csat_date\":\"2026-11-27\"}}");
        patch("c-42", "{\"properties\":{\"pulseloop_csat_score\":\"1\",\"pulseloop_followup_open\":\"true\"}}");

        JsonNode contact = Http.JSON.readTree(get("/crm/v3/objects/contacts/c-42").body());

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(Http.JSON.readTree(first.body()).get("id").asString()).isEqualTo("c-42");
        assertThat(contact.get("id").asString()).isEqualTo("c-42");
        assertThat(contact.get("properties").get("pulseloop_csat_score").asString()).isEqualTo("1");
        assertThat(contact.get("properties").get("pulseloop_csat_date").asString()).isEqualTo("2026-11-27");
        assertThat(contact.get("properties").get("pulseloop_followup_open").asString()).isEqualTo("true");
        assertThat(contact.get("properties").size()).isEqualTo(3);
    }

    @Test
    void unknownContactIsNotFound() throws Exception {
        HttpResponse<String> response = get("/crm/v3/objects/contacts/nobody");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Http.JSON.readTree(response.body()).get("category").asString()).isEqualTo("OBJECT_NOT_FOUND");
    }

    @Test
    void rejectsABodyWithoutProperties() throws Exception {
        assertThat(patch("c-1", "{\"nope\":1}").statusCode()).isEqualTo(400);
        assertThat(patch("c-1", "not json").statusCode()).isEqualTo(400);
        assertThat(get("/crm/v3/objects/contacts/c-1").statusCode()).isEqualTo(404);
    }

    @Test
    void keepsContactsAcrossRestartsAndListsThemOnItsPage() throws Exception {
        patch("c-%3C7%3E", "{\"properties\":{\"pulseloop_nps_score\":\"9\"}}");
        stop();

        start();

        JsonNode contact = Http.JSON.readTree(get("/crm/v3/objects/contacts/c-%3C7%3E").body());
        assertThat(contact.get("properties").get("pulseloop_nps_score").asString()).isEqualTo("9");
        assertThat(Http.JSON.readTree(get("/crm/v3/objects/contacts").body()).get("results")).hasSize(1);
        String page = get("/").body();
        assertThat(page).contains("c-&lt;7&gt;").contains("<code>pulseloop_nps_score</code> = 9")
                .doesNotContain("c-<7>");
    }

    private HttpResponse<String> patch(String id, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/crm/v3/objects/contacts/" + id))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").header("Authorization", "Bearer pat-test").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://localhost:" + server.port();
    }
}

package io.pulseloop.analytics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;

import io.pulseloop.events.json.EventJson;

/** The staff API over HTTP, as the test ADMIN. */
public final class AnalyticsApi {

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public AnalyticsApi(int port) {
        this.port = port;
    }

    public JsonNode json(String pathAndQuery) {
        HttpResponse<String> response = get(pathAndQuery, "application/json");
        if (response.statusCode() != 200) {
            throw new IllegalStateException(pathAndQuery + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return EventJson.mapper().readTree(response.body());
    }

    public HttpResponse<String> get(String pathAndQuery, String accept) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery))
                .header("Authorization", "Bearer " + StaffAuthTestConfiguration.ADMIN_TOKEN)
                .header("Accept", accept).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}

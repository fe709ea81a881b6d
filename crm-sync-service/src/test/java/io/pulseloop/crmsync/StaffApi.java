package io.pulseloop.crmsync;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;

import io.pulseloop.events.json.EventJson;
import io.pulseloop.testsupport.security.JwtTestTokens;

/** Calls the staff API as an authenticated ADMIN, with a real JWT of the test issuer ({@link JwtTestTokens}). */
public final class StaffApi {

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public StaffApi(int port) {
        this.port = port;
    }

    public HttpResponse<String> get(String path) {
        return get(path, JwtTestTokens.shared().bearer("tester", "ADMIN"));
    }

    public HttpResponse<String> get(String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The JSON body of a 200 answer, or {@code null} for any other status. */
    public JsonNode json(String path) {
        HttpResponse<String> response = get(path);
        return response.statusCode() == 200 ? EventJson.mapper().readTree(response.body()) : null;
    }
}

package io.pulseloop.crmsync;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.pulseloop.crmsync.webhook.rules.WebhookSignature;

/** Posts CloudEvents to the webhook the way a CRM does, signed or not. */
public final class WebhookClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public WebhookClient(int port) {
        this.port = port;
    }

    /** Signs with the given secret at the given time. */
    public HttpResponse<String> post(String body, String secret, Instant at) {
        String timestamp = Long.toString(at.getEpochSecond());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return post(bytes, timestamp, WebhookSignature.sign(secret, timestamp, bytes),
                body.startsWith("[") ? "application/cloudevents-batch+json" : "application/cloudevents+json");
    }

    public HttpResponse<String> post(byte[] body, String timestamp, String signature, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/crm/webhooks")).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (timestamp != null) {
            request.header("X-Pulseloop-Timestamp", timestamp);
        }
        if (signature != null) {
            request.header("X-Pulseloop-Signature", signature);
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
}

package io.pulseloop.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The SMTP capture's Mailpit-compatible API (contract §9): how many invitations left, and their survey tokens. */
final class Mailbox {

    private static final Pattern SURVEY_LINK = Pattern.compile("/s/([A-Za-z0-9_-]{16,})");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final int PARALLEL = 16;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;

    Mailbox(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    long total() throws IOException, InterruptedException {
        return get("/api/v1/messages?limit=1").path("total").asLong();
    }

    /** When the message {@code newerOnes} places from the newest was received (0: the newest). */
    Instant receivedAt(long newerOnes) throws IOException, InterruptedException {
        return Instant.parse(get("/api/v1/messages?limit=1&start=" + newerOnes).path("messages").path(0)
                .path("Created").asString());
    }

    /** An emailed invitation: its survey token and the address it went to. */
    record Invitation(String token, String recipient) {

        /** The benchmark's contacts have addresses {@code <contactId>@bench.example.com}. */
        String contactId() {
            return recipient.substring(0, recipient.indexOf('@'));
        }
    }

    /**
     * Up to {@code wanted} captured invitations, in the order the API lists them, one per message. Each message is
     * fetched on its own (the API lists summaries without the body), {@value #PARALLEL} at a time: one at a time, 66,000
     * of them took longer than the measurements they feed.
     */
    List<Invitation> invitations(int wanted) throws IOException, InterruptedException {
        List<Invitation> tokens = new ArrayList<>();
        int start = 0;
        while (tokens.size() < wanted) {
            JsonNode page = get("/api/v1/messages?limit=500&start=" + start);
            JsonNode messages = page.path("messages");
            if (messages.isEmpty()) {
                break;
            }
            List<CompletableFuture<Invitation>> found = new ArrayList<>();
            Semaphore inFlight = new Semaphore(PARALLEL);
            for (JsonNode summary : messages) {
                inFlight.acquire();
                String recipient = summary.path("To").path(0).path("Address").asString();
                found.add(http.sendAsync(request("/api/v1/message/" + summary.path("ID").asString()),
                        HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> inFlight.release())
                        .thenApply(response -> {
                            if (response.statusCode() != 200) {
                                throw new IllegalStateException(response.uri() + " answered " + response.statusCode());
                            }
                            Matcher matcher = SURVEY_LINK.matcher(JSON.readTree(response.body()).path("Text")
                                    .asString());
                            return matcher.find() ? new Invitation(matcher.group(1), recipient) : null;
                        }));
            }
            for (CompletableFuture<Invitation> invitation : found) {
                try {
                    Invitation read = invitation.get();
                    if (read != null && tokens.size() < wanted) {
                        tokens.add(read);
                    }
                } catch (ExecutionException e) {
                    throw new IOException("reading a captured message failed", e.getCause());
                }
            }
            start += messages.size();
        }
        return tokens;
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30)).build();
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(path), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(path + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }
}

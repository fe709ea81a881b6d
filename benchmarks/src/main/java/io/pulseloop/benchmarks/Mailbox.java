package io.pulseloop.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The SMTP capture's Mailpit-compatible API (contract §9): how many invitations left, and their survey tokens. */
final class Mailbox {

    private static final Pattern SURVEY_LINK = Pattern.compile("/s/([A-Za-z0-9_-]{16,})");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String baseUrl;

    Mailbox(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    long total() throws IOException, InterruptedException {
        return get("/api/v1/messages?limit=1").path("total").asLong();
    }

    /** An emailed invitation: its survey token and the address it went to. */
    record Invitation(String token, String recipient) {

        /** The benchmark's contacts have addresses {@code <contactId>@bench.example.com}. */
        String contactId() {
            return recipient.substring(0, recipient.indexOf('@'));
        }
    }

    /** Up to {@code wanted} captured invitations, in the order the API lists them, one per message. */
    List<Invitation> invitations(int wanted) throws IOException, InterruptedException {
        List<Invitation> tokens = new ArrayList<>();
        int start = 0;
        while (tokens.size() < wanted) {
            JsonNode page = get("/api/v1/messages?limit=500&start=" + start);
            JsonNode messages = page.path("messages");
            if (messages.isEmpty()) {
                break;
            }
            for (JsonNode summary : messages) {
                String text = get("/api/v1/message/" + summary.path("ID").asString()).path("Text").asString();
                Matcher matcher = SURVEY_LINK.matcher(text);
                if (matcher.find()) {
                    tokens.add(new Invitation(matcher.group(1), summary.path("To").path(0).path("Address").asString()));
                    if (tokens.size() == wanted) {
                        break;
                    }
                }
            }
            start += messages.size();
        }
        return tokens;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(path + " answered " + response.statusCode());
        }
        return JSON.readTree(response.body());
    }
}

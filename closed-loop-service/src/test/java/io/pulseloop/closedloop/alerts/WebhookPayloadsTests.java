package io.pulseloop.closedloop.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.pulseloop.events.json.EventJson;

class WebhookPayloadsTests {

    private static final String COMMENT = "Nobody came. [Call us instead](https://evil.example/phish) **now**";
    private static final String LINK = "https://inbox.example/inbox/tasks/c-1:DETRACTOR:1";

    @Test
    void teamsCardCarriesWhatTheCustomerTypedOnlyAsPlainTextRuns() {
        JsonNode card = EventJson.mapper().readTree(WebhookPayloads.teams(alert(COMMENT, "Jana [Nováková](x)"), LINK))
                .get("attachments").get(0).get("content");

        List<JsonNode> textBlocks = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        for (JsonNode element : card.get("body")) {
            if ("TextBlock".equals(element.get("type").asString())) {
                textBlocks.add(element);
            }
            if ("RichTextBlock".equals(element.get("type").asString())) {
                element.get("inlines").forEach(run -> {
                    assertThat(run.get("type").asString()).isEqualTo("TextRun");
                    runs.add(run.get("text").asString());
                });
            }
        }
        // Markdown renders in a TextBlock: none may hold the comment or the contact's name
        assertThat(textBlocks).isNotEmpty().allSatisfy(block -> assertThat(block.get("text").asString())
                .doesNotContain("evil.example").doesNotContain("Nováková"));
        assertThat(runs).anySatisfy(run -> assertThat(run).isEqualTo("\u201C" + COMMENT + "\u201D"));
        assertThat(runs).anySatisfy(run -> assertThat(run).contains("Jana [Nováková](x)"));
        assertThat(card.get("actions").get(0).get("url").asString()).isEqualTo(LINK);
    }

    @Test
    void slackTextEscapesItsControlCharactersInTheComment() {
        JsonNode slack = EventJson.mapper().readTree(WebhookPayloads.slack(alert("<https://evil.example|click> & co",
                "Jana"), LINK));

        assertThat(slack.get("text").asString()).contains("&lt;https://evil.example|click&gt; &amp; co")
                .doesNotContain("<https://evil.example");
    }

    private static AlertRequest alert(String comment, String contactName) {
        return new AlertRequest("e-1", AlertKind.OPENED, "c-1:DETRACTOR:1", "c-1", "o-1", "o-1", "DETRACTOR",
                "URGENT", "OPEN", 2, "NPS", comment, contactName, "Acme s.r.o.", Instant.parse("2026-11-30T09:30:00Z"),
                null, "cs", List.of());
    }
}

package io.pulseloop.crmsync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import io.pulseloop.events.topic.Topics;
import io.pulseloop.testsupport.kafka.KafkaRecords;
import io.pulseloop.testsupport.kafka.TopicProbe;

/**
 * The commands of the README's "Connecting a CRM", run exactly as written through bash — only the broker address and
 * the service port are those of the test. Skipped, saying why, where kcat, curl or openssl is missing.
 */
class ConnectingACrmIntegrationTests extends CrmSyncIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Test
    void theProjectReadmeShowsTheseSameRecipes() {
        for (String recipe : List.of("kcat-structured", "kcat-binary", "webhook")) {
            assertThat(Shell.readmeRecipe(Path.of("../README.md"), recipe))
                    .as("recipe %s of the project README", recipe)
                    .isEqualTo(Shell.readmeRecipe(recipe));
        }
    }

    @Test
    void kcatStructuredModeRecipeWorks() {
        Assumptions.assumeTrue(Shell.has("kcat"), "kcat is not installed (apt-get install -y kcat): skipped");
        try (TopicProbe contacts = kafka.openProbe(Topics.CRM_CONTACTS)) {
            Shell.run(onTestBroker(Shell.readmeRecipe("kcat-structured")), Map.of());

            assertThat(contacts.awaitRecord(KafkaRecords.valueContaining("\"sourceEventId\":\"evt-1001\""), WAIT))
                    .satisfies(r -> assertThat(r.key()).isEqualTo("c-42"))
                    .satisfies(r -> assertThat(r.value()).contains("\"eventType\":\"TicketClosed\""));
        }
    }

    @Test
    void kcatBinaryModeRecipeWorks() {
        Assumptions.assumeTrue(Shell.has("kcat"), "kcat is not installed (apt-get install -y kcat): skipped");
        try (TopicProbe contacts = kafka.openProbe(Topics.CRM_CONTACTS)) {
            Shell.run(onTestBroker(Shell.readmeRecipe("kcat-binary")), Map.of());

            assertThat(contacts.awaitRecord(KafkaRecords.valueContaining("\"sourceEventId\":\"evt-1002\""), WAIT)
                    .value()).contains("\"eventType\":\"DealWon\"", "\"product\":\"fiber-1g\"");
        }
    }

    @Test
    void curlAndOpensslWebhookRecipeWorks() {
        Assumptions.assumeTrue(Shell.has("curl") && Shell.has("openssl"),
                "curl or openssl is not installed: skipped");
        String recipe = Shell.readmeRecipe("webhook").replace("http://localhost:8083", "http://localhost:" + port);

        String output = Shell.run(recipe, Map.of("PULSELOOP_CRM_WEBHOOK_SECRET", WEBHOOK_SECRET));

        assertThat(output).contains("HTTP/1.1 202", "\"accepted\":1");
        StaffApi api = new StaffApi(port);
        JsonNode contact = await().atMost(WAIT).until(() -> api.json("/api/v1/contacts/c-42"),
                c -> c != null && c.has("email"));
        assertThat(contact.path("email").asString()).isEqualTo("jana.novakova@example.com");
    }

    private static String onTestBroker(String recipe) {
        return recipe.replace("localhost:9092", kafka.bootstrapServers());
    }
}

package io.pulseloop.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.topic.Topics;

/**
 * Issue 11 #4: after {@code crm.contact.erased} no Kafka topic yields the contact's email, names or comment in clear
 * (crypto-shredding, {@code docs/privacy.md}), and a rebuild of analytics into a fresh projection, replaying every
 * topic from the beginning, still counts the erased contact's score. Shares the five production-profile services of
 * {@link WholePlatform} with {@link WholeFlowSystemTests} (same Surefire execution).
 */
class ErasedPersonalDataSystemTests {

    private static final Duration FLOW = Duration.ofSeconds(90);
    /** Written by the CRM, read only by crm-sync: a documented short retention instead (contract §2.1). */
    private static final Set<String> CRM_WRITTEN = Set.of(Topics.CRM_INBOUND, Topics.CRM_INBOUND_DLQ);

    private static WholePlatform platform;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = WholePlatform.shared();
    }

    @Test
    void afterErasureNoTopicYieldsThePersonalDataAndARebuildStillCountsTheScore() throws Exception {
        // given a contact (ASCII names, so that JSON escaping cannot hide a match) who answered with a comment
        String owner = "own-pii-" + run;
        String contact = "pii-" + run;
        String email = contact + "@example.com";
        String firstName = "Firstname" + run;
        String lastName = "Lastname" + run;
        String comment = "confidential complaint " + run;
        String technician = "tech-pii-" + run;
        publish(owner, CrmEvents.event("crm.owner.upserted", Map.of("ownerId", owner, "email", owner + "@acme.example",
                "name", "Owner " + owner, "team", "support")));
        publish(contact, CrmEvents.event("crm.contact.upserted", contactData(contact, owner, email, firstName,
                lastName)));
        publish(contact, CrmEvents.event("crm.ticket.closed", Map.of("ticketId", "t-" + contact, "contactId",
                contact, "closedAt", Instant.now().toString(), "ticketType", "billing", "technicianId", technician,
                "subject", "Invoice of " + firstName + " " + lastName)));
        Email invitation = awaitEmailTo(email);
        assertThat(answer(invitation.token(), 1, comment).statusCode()).isEqualTo(201);
        String admin = platform.tokens.bearer("admin-" + run, "ADMIN");
        JsonNode task = await("a LOW_CSAT task with the comment").atMost(FLOW).until(() -> tasks(contact, admin),
                list -> list.size() == 1).get(0);
        assertThat(task.path("comment").asString()).as("closed-loop opened the sealed comment").isEqualTo(comment);
        Email alert = awaitEmailTo(owner + "@acme.example");
        assertThat(alert.text() + alert.html()).as("the alert names the contact and quotes the comment")
                .contains(lastName, comment);
        await("the answer counted").atMost(FLOW).until(() -> csatGroup(platform.analytics.baseUrl(), technician),
                group -> group != null && group.path("responses").asInt() == 1);
        String[] personal = {email, firstName, lastName, comment};
        Map<String, List<String>> before = scanAllTopics(personal);
        assertThat(before).as("the scan finds clear text where the CRM wrote it").containsKey(Topics.CRM_INBOUND);
        assertThat(before.keySet()).as("internal topics carry it sealed only, even before the erasure")
                .isSubsetOf(CRM_WRITTEN);

        // when the CRM erases the contact
        publish(contact, CrmEvents.event("crm.contact.erased", Map.of("contactId", contact)));

        // then both authorities destroyed their keys, and closed-loop cancelled the task without the comment
        await("both data keys erased").atMost(FLOW).untilAsserted(() -> assertThat(erasedKeys())
                .contains("crm-sync/" + contact, "response/" + contact));
        await("the task cancelled").atMost(FLOW).untilAsserted(() -> {
            JsonNode cancelled = tasks(contact, admin).get(0);
            assertThat(cancelled.path("status").asString()).isEqualTo("CANCELLED");
            assertThat(cancelled.path("comment").isNull() || cancelled.path("comment").isMissingNode()).isTrue();
        });
        // and every topic read from the beginning holds the personal data nowhere in clear, except the CRM's own
        // topics, which keep it only for their documented retention
        Map<String, List<String>> after = scanAllTopics(personal);
        assertThat(after.keySet()).as("topics holding the erased contact's data in clear").isSubsetOf(CRM_WRITTEN);
        assertThat(retentionOf(Topics.CRM_INBOUND)).isEqualTo(Duration.ofDays(3));
        assertThat(retentionOf(Topics.CRM_INBOUND_DLQ)).isEqualTo(Duration.ofDays(14));

        // when analytics is rebuilt into a fresh projection, replaying every topic from the beginning
        Map<String, String> environment = new HashMap<>(platform.environment());
        environment.put("PULSELOOP_ANALYTICS_GENERATION_SUFFIX", "-rebuild-" + run);
        environment.put("PULSELOOP_ANALYTICS_PUBLISH_SIGNALS", "false");
        try (ServiceProcess rebuild = ServiceProcess.start(platform.project(), "analytics-service",
                ServiceProcess.freePort(), environment, platform.logs().resolve("rebuild-" + run),
                ServiceProcess.PRODUCTION_PROFILE)) {
            rebuild.awaitReady(Duration.ofSeconds(240));
            // then the erased contact's score still counts (its comment is unreadable, the score is not)
            await("the rebuilt projection counts the erased contact's answer").atMost(FLOW)
                    .untilAsserted(() -> {
                        JsonNode group = csatGroup(rebuild.baseUrl(), technician);
                        assertThat(group).isNotNull();
                        assertThat(group.path("responses").asInt()).isEqualTo(1);
                        assertThat(group.path("score").asDouble()).isZero();
                    });
        }
    }

    /** Topic → where each needle was found in clear (value, key or header), for every topic of the broker. */
    private static Map<String, List<String>> scanAllTopics(String... needles) throws Exception {
        Map<String, List<String>> found = new LinkedHashMap<>();
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.infrastructure.kafkaBootstrapServers());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.infrastructure.kafkaBootstrapServers()));
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            Set<String> topics = admin.listTopics().names().get();
            List<TopicPartition> partitions = new ArrayList<>();
            admin.describeTopics(topics).allTopicNames().get().values().forEach(description -> description
                    .partitions().forEach(p -> partitions.add(new TopicPartition(description.name(), p.partition()))));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("read every topic within 60 s").isLessThan(deadline);
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    StringBuilder text = new StringBuilder();
                    text.append(record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8))
                            .append('\n')
                            .append(record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8));
                    for (Header header : record.headers()) {
                        text.append('\n').append(header.key()).append('=').append(header.value() == null ? ""
                                : new String(header.value(), StandardCharsets.UTF_8));
                    }
                    for (String needle : needles) {
                        if (text.indexOf(needle) >= 0) {
                            found.computeIfAbsent(record.topic(), t -> new ArrayList<>())
                                    .add("\"" + needle + "\" at offset " + record.offset());
                        }
                    }
                }
            }
        }
        return found;
    }

    private static Duration retentionOf(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.infrastructure.kafkaBootstrapServers()))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            return Duration.ofMillis(Long.parseLong(config.get(TopicConfig.RETENTION_MS_CONFIG).value()));
        }
    }

    /** Key ids whose latest record on the key topic is the ERASED marker. */
    private static List<String> erasedKeys() {
        Map<String, String> latest = new LinkedHashMap<>();
        platform.kafka.readTopic("privacy.contact-keys.v1").forEach(r -> latest.put(r.key(), r.value()));
        return latest.entrySet().stream().filter(e -> e.getValue() != null && e.getValue().contains("ERASED"))
                .map(Map.Entry::getKey).toList();
    }

    private static Map<String, Object> contactData(String contact, String owner, String email, String firstName,
            String lastName) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("contactId", contact);
        data.put("email", email);
        data.put("firstName", firstName);
        data.put("lastName", lastName);
        data.put("accountId", "acc-" + contact);
        data.put("accountName", "Acme " + contact);
        data.put("accountTier", "standard");
        data.put("region", "CEE");
        data.put("ownerId", owner);
        data.put("locale", "en");
        data.put("timeZone", "Europe/Prague");
        data.put("customerStatus", "customer");
        data.put("consent", Map.of("surveys", true, "marketing", false));
        data.put("doNotContact", false);
        return data;
    }

    private static void publish(String key, String cloudEvent) {
        platform.kafka.publish(Topics.CRM_INBOUND, key, cloudEvent);
    }

    private static Email awaitEmailTo(String address) {
        await("an email to " + address).atMost(FLOW).until(() -> platform.smtp.receivedMessages().stream()
                .map(Email::of).anyMatch(e -> e.to().toLowerCase().contains(address)));
        return platform.smtp.receivedMessages().stream().map(Email::of)
                .filter(e -> e.to().toLowerCase().contains(address)).findFirst().orElseThrow();
    }

    private HttpResponse<String> answer(String token, int score, String comment) throws Exception {
        return PlatformDriver.request("POST", platform.response.baseUrl() + "/api/v1/responses", null,
                "application/json", "{\"token\":\"" + token + "\",\"score\":" + score + ",\"comment\":\""
                        + comment + "\"}");
    }

    private List<JsonNode> tasks(String contactId, String bearer) throws Exception {
        HttpResponse<String> response = PlatformDriver.request("GET", platform.closedLoop.baseUrl()
                + "/api/v1/tasks?contactId=" + contactId, bearer, null, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> tasks = new ArrayList<>();
        EventJson.mapper().readTree(response.body()).path("content").forEach(tasks::add);
        return tasks;
    }

    private JsonNode csatGroup(String analytics, String technician) throws Exception {
        HttpResponse<String> response = PlatformDriver.request("GET", analytics
                + "/api/v1/analytics/scores?metric=CSAT&groupBy=technician",
                platform.tokens.bearer("admin-" + run, "ADMIN"), null, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        for (JsonNode group : EventJson.mapper().readTree(response.body()).path("groups")) {
            if (technician.equals(group.path("key").asString())) {
                return group;
            }
        }
        return null;
    }
}

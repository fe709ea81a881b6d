package io.pulseloop.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import io.pulseloop.events.topic.TopicSpec;
import io.pulseloop.events.topic.Topics;

/**
 * The topic script that the Kubernetes Job and compose's kafka-topics step run creates exactly the topics Pulseloop
 * uses: the catalogue of common-events, the contract's {@code crm.inbound.v1.dlq}, every dead-letter topic a service
 * binding declares and every dead-letter channel of {@code docs/asyncapi.yaml}; each with an explicit clean-up
 * policy and retention.
 */
class TopicCatalogueTests {

    static final String SCRIPT = "deploy/k8s/base/kafka/create-topics.sh";
    private static final Pattern TOPIC_LINE = Pattern.compile("(?m)^topic (\\S+) \"([^\"]+)\"$");
    private static final Pattern ASYNCAPI_DLQ = Pattern.compile("(?m)^\\s+address: (\\S+\\.dlq)\\s*$");

    @Test
    void createsEveryCatalogueTopicAndEveryDeclaredDeadLetterTopicAndNothingElse() {
        Set<String> expected = new TreeSet<>();
        Topics.ALL.stream().map(TopicSpec::name).forEach(expected::add);
        expected.add(Topics.CRM_INBOUND_DLQ);
        ServiceModule.all().forEach(service -> expected.addAll(service.deadLetterTopics()));
        Matcher asyncApi = ASYNCAPI_DLQ.matcher(Repository.read(Repository.file("docs/asyncapi.yaml")));
        while (asyncApi.find()) {
            expected.add(asyncApi.group(1));
        }

        Set<String> created = scriptTopics().keySet();
        assertThat(created).containsAll(expected);
        // a dead-letter topic may be created before the consumer that declares it lands, never a made-up topic
        assertThat(created).filteredOn(topic -> !expected.contains(topic)).allSatisfy(topic -> assertThat(
                Topics.ALL.stream().map(TopicSpec::name).anyMatch(source -> Repository.SERVICES.stream()
                        .anyMatch(group -> topic.equals(source + "." + group + Topics.DLQ_SUFFIX))))
                .as("%s is <catalogue topic>.<service>.dlq", topic).isTrue());
    }

    @Test
    void everyTopicStatesItsCleanUpPolicyAndDeleteTopicsTheirRetention() {
        scriptTopics().forEach((topic, configs) -> {
            assertThat(configs).as(topic).containsKey("cleanup.policy");
            if (configs.get("cleanup.policy").equals("delete")) {
                assertThat(configs).as(topic).containsKey("retention.ms");
            }
        });
    }

    @Test
    void keepsTheHistoryTheAnalyticsRebuildReplaysAndCompactsOnlyPerKeyState() {
        Map<String, Map<String, String>> topics = scriptTopics();
        for (String history : Set.of(Topics.CRM_CONTACTS, Topics.SURVEY_INVITATIONS, Topics.RESPONSE_RESPONSES,
                Topics.RESPONSE_SCORES, Topics.FOLLOWUP_TASKS)) {
            assertThat(topics.get(history)).as(history).containsEntry("retention.ms", "$FOREVER");
        }
        assertThat(topics.get(Topics.CRM_OWNERS)).containsEntry("cleanup.policy", "compact");
        // the data keys of crypto-shredding: an erased key must leave the log within a bound (docs/privacy.md)
        assertThat(topics.get(Topics.PRIVACY_CONTACT_KEYS)).containsEntry("cleanup.policy", "compact")
                .containsEntry("max.compaction.lag.ms", "$((1 * DAY))");
        assertThat(topics.keySet()).filteredOn(topic -> topics.get(topic).get("cleanup.policy").contains("compact"))
                .as("compacted topics: one record per key is the whole state")
                .containsExactlyInAnyOrder(Topics.CRM_OWNERS, Topics.PRIVACY_CONTACT_KEYS);
        assertThat(topics.keySet()).filteredOn(topic -> topic.endsWith(Topics.DLQ_SUFFIX)).isNotEmpty()
                .allSatisfy(topic -> assertThat(topics.get(topic)).containsEntry("cleanup.policy", "delete"));
    }

    @Test
    void usesTwelvePartitionsAndTheReplicationItIsGiven() {
        String script = Repository.read(Repository.file(SCRIPT));

        assertThat(script).contains("PARTITIONS=\"${PULSELOOP_TOPIC_PARTITIONS:-12}\"")
                .contains("REPLICATION=\"${PULSELOOP_KAFKA_REPLICATION_FACTOR:-1}\"")
                .contains("--partitions \"$PARTITIONS\" --replication-factor \"$REPLICATION\"");
    }

    /** topic name → its configs, with {@code $DLQ} expanded. */
    static Map<String, Map<String, String>> scriptTopics() {
        String script = Repository.read(Repository.file(SCRIPT));
        Matcher dlq = Pattern.compile("(?m)^DLQ=\"([^\"]+)\"$").matcher(script);
        String dlqConfigs = dlq.find() ? dlq.group(1) : "";
        Map<String, Map<String, String>> topics = new LinkedHashMap<>();
        Matcher line = TOPIC_LINE.matcher(script);
        while (line.find()) {
            Map<String, String> configs = new LinkedHashMap<>();
            for (String pair : line.group(2).replace("$DLQ", dlqConfigs).split(",")) {
                String[] keyValue = pair.split("=", 2);
                configs.put(keyValue[0], keyValue[1]);
            }
            assertThat(topics.put(line.group(1), configs)).as("%s listed twice", line.group(1)).isNull();
        }
        return topics;
    }
}

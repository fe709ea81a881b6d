package io.pulseloop.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import io.pulseloop.localstack.http.Http;

/**
 * The one-command local mode as a newcomer meets it: {@code java -jar local-stack/target/local-stack.jar} from a clean
 * data directory, a contact and a closed ticket published with a Kafka client, the invitation read through the
 * Mailpit API on 8025, answered 1 through its link, the write-back found in the CRM stand-in on 8090; a second start
 * refused while the first runs; then SIGTERM, a restart, and the same data found again.
 *
 * <p>Runs in {@code verify} after {@code package} (Failsafe), when the launcher's jar and the five service jars exist.
 * Every process it starts, children included, is killed at the end, passed or failed.
 */
class OneCommandLocalModeIT {

    /**
     * closed-loop-service's assertions (a {@code LOW_CSAT} task, {@code pulseloop_followup_open} written back) run
     * unless {@code -Dpulseloop.local-stack.closed-loop-assertions=false} (the POM's {@code closed-loop-assertions}).
     */
    static final boolean CLOSED_LOOP_ASSERTIONS = Boolean.getBoolean("pulseloop.local-stack.closed-loop-assertions");

    private static final Duration READY = Duration.ofSeconds(300);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private static final String ADMIN = "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes());
    private static final Pattern SURVEY_LINK = Pattern.compile("http://localhost:8082/s/([A-Za-z0-9_-]+)");

    /** Under target/, cleaned at the start and kept afterwards: the services' logs explain a failure. */
    private final Path temp = Path.of(System.getProperty("pulseloop.local-stack.it-dir", "target/local-stack-it"))
            .toAbsolutePath();

    private final List<Process> started = new ArrayList<>();

    @Test
    void startsEverythingAnswersTheLoopAndFindsTheSameDataAfterARestart() throws Exception {
        deleteRecursively(temp);
        Files.createDirectories(temp);
        Path data = temp.resolve("data");
        String contactId = "it-" + UUID.randomUUID();
        String email = contactId + "@example.cz";

        // given the stack, started as the README says, from a clean data directory
        Launched first = launch(data, "first");
        first.awaitReady();
        assertThat(first.output()).contains("http://localhost:8085/dashboard", "http://localhost:8084/inbox",
                "http://localhost:8025", "http://localhost:8090", "http://localhost:8081/v3/api-docs");

        // a second start while it runs fails at once, in one line, naming the port
        Launched second = launch(temp.resolve("other-data"), "second");
        assertThat(second.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.process.exitValue()).isEqualTo(1);
        assertThat(second.output().strip()).startsWith("Port 9092 (Kafka) is already in use").doesNotContain("\tat ");

        // when a CRM publishes a contact and a closed ticket to Kafka
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>("crm.inbound.v1", contactId, contactUpserted(contactId, email))).get();
            producer.send(new ProducerRecord<>("crm.inbound.v1", contactId, ticketClosed(contactId))).get();
        }

        // then the invitation arrives in the mail capture, readable through the Mailpit API
        String messageId = await("the invitation to " + email).atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1)).until(() -> messageTo(email), id -> id != null);
        JsonNode message = json(get("http://localhost:8025/api/v1/message/" + messageId));
        Matcher link = SURVEY_LINK.matcher(message.get("Text").asString());
        assertThat(link.find()).as("a survey link in %s", message.get("Text").asString()).isTrue();
        String token = link.group(1);

        // and answering 1 through the emailed link's token records it
        HttpResponse<String> answer = post("http://localhost:8082/api/v1/responses",
                "{\"token\":\"" + token + "\",\"score\":1,\"comment\":\"Pomalá podpora, čekal jsem tři dny.\"}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);

        // and a follow-up task opens, and the score and the open follow-up are written back to the CRM stand-in
        String crmContact = "http://localhost:8090/crm/v3/objects/contacts/" + contactId;
        if (CLOSED_LOOP_ASSERTIONS) {
            assertClosedLoop(contactId, crmContact);
        }
        await("the CSAT write-back of " + contactId).atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .until(() -> property(crmContact, "pulseloop_csat_score"), "1"::equals);
        HttpResponse<String> decisions = get("http://localhost:8081/api/v1/contacts/" + contactId
                + "/survey-decisions");
        assertThat(decisions.statusCode()).isEqualTo(200);
        assertThat(decisions.body()).contains("support-csat");
        tryThisRecipeIsAccepted(first);

        // when it is stopped as Ctrl-C stops it, and started again on the same data
        first.stop();
        assertThat(first.output()).contains("Pulseloop stopped");
        Launched again = launch(data, "restart");
        again.awaitReady();

        // then the CRM stand-in's record, the captured message, the MongoDB data and the Kafka records are all there
        assertThat(property(crmContact, "pulseloop_csat_score")).isEqualTo("1");
        assertThat(json(get("http://localhost:8025/api/v1/message/" + messageId)).get("Text").asString())
                .contains(token);
        HttpResponse<String> decisionsAgain = get("http://localhost:8081/api/v1/contacts/" + contactId
                + "/survey-decisions");
        assertThat(decisionsAgain.statusCode()).isEqualTo(200);
        assertThat(Http.JSON.readTree(decisionsAgain.body())).isEqualTo(Http.JSON.readTree(decisions.body()));
        assertThat(recordsOf(contactId)).hasSize(2);
        again.stop();
    }

    /** closed-loop-service: the low score opened a LOW_CSAT task, and the CRM knows a follow-up is open. */
    private static void assertClosedLoop(String contactId, String crmContact) {
        await("a LOW_CSAT task for " + contactId).atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .until(() -> json(get("http://localhost:8084/api/v1/tasks?contactId=" + contactId)).path("content"),
                        tasks -> tasks.size() == 1 && "LOW_CSAT".equals(tasks.get(0).path("reason").asString()));
        await("pulseloop_followup_open of " + contactId).atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> property(crmContact, "pulseloop_followup_open"), "true"::equals);
    }

    /** The printed "try this" lines, verbatim (the kcat one only where kcat is installed): the webhook answers 202. */
    private void tryThisRecipeIsAccepted(Launched stack) throws Exception {
        List<String> lines = new ArrayList<>(stack.output().lines().map(String::strip)
                .dropWhile(line -> !line.startsWith("C=c-$RANDOM")).takeWhile(line -> !line.isEmpty()
                        && !line.startsWith("Ctrl-C")).toList());
        assertThat(lines).hasSize(5);
        if (!Files.isExecutable(Path.of("/usr/bin/kcat"))) {
            lines.removeIf(line -> line.contains("kcat"));
        }
        if (!Files.isExecutable(Path.of("/usr/bin/curl")) || !Files.isExecutable(Path.of("/usr/bin/openssl"))) {
            return;
        }
        Process bash = new ProcessBuilder("bash", "-c", String.join("\n", lines)).redirectErrorStream(true).start();
        started.add(bash);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("HTTP/1.1 202");
    }

    @AfterEach
    void killEverythingStarted() {
        for (Process process : started) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        for (Process process : started) {
            process.descendants().forEach(child -> child.onExit().orTimeout(20, TimeUnit.SECONDS).exceptionally(
                    e -> child).join());
            process.onExit().orTimeout(20, TimeUnit.SECONDS).exceptionally(e -> process).join();
        }
    }

    private Launched launch(Path data, String name) throws IOException {
        Path project = Path.of(System.getProperty("pulseloop.project.dir", "..")).toAbsolutePath().normalize();
        Path jar = project.resolve("local-stack/target/local-stack.jar");
        assertThat(jar).as("the launcher is packaged before this test runs").isRegularFile();
        Path output = temp.resolve(name + ".out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString(), "--data-dir", data.toString(), "--ready-timeout",
                String.valueOf(READY.toSeconds() - 20))
                .directory(project.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("PULSELOOP_CRM_BASE_URL");
        builder.environment().remove("PULSELOOP_DATA_DIR");
        Process process = builder.start();
        started.add(process);
        return new Launched(process, output);
    }

    private record Launched(Process process, Path outputFile) {

        String output() {
            try {
                return Files.readString(outputFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }

        void awaitReady() {
            await("Pulseloop is ready (output: " + outputFile + ")").atMost(READY).pollInterval(Duration.ofSeconds(1))
                    .failFast("the launcher exited: " + outputFile, () -> !process.isAlive())
                    .until(() -> output().contains("Pulseloop is ready"));
        }

        /** SIGTERM, as Ctrl-C's shutdown hook handles it; the launcher and every service it started end. */
        void stop() throws InterruptedException {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the launcher stops within 2 minutes").isTrue();
            assertThat(children).allSatisfy(child -> assertThat(child.isAlive()).as("pid %d", child.pid()).isFalse());
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (var paths = Files.walk(directory)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static String messageTo(String email) throws Exception {
        HttpResponse<String> response = get("http://localhost:8025/api/v1/messages");
        for (JsonNode message : Http.JSON.readTree(response.body()).get("messages")) {
            for (JsonNode to : message.get("To")) {
                if (email.equals(to.get("Address").asString())) {
                    return message.get("ID").asString();
                }
            }
        }
        return null;
    }

    private static String property(String contactUrl, String name) throws Exception {
        HttpResponse<String> response = get(contactUrl);
        if (response.statusCode() != 200) {
            return null;
        }
        JsonNode value = json(response).path("properties").path(name);
        return value.isMissingNode() ? null : value.asString();
    }

    private static List<ConsumerRecord<String, String>> recordsOf(String contactId) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            consumer.subscribe(List.of("crm.inbound.v1"));
            await("the CRM events of " + contactId + " in Kafka").atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (contactId.equals(record.key())) {
                        found.add(record);
                    }
                });
                return found.size() >= 2;
            });
        }
        return found;
    }

    private static KafkaProducer<String, String> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(properties);
    }

    private static String contactUpserted(String contactId, String email) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("contactId", contactId);
        data.put("email", email);
        data.put("firstName", "Jana");
        data.put("lastName", "Nováková");
        data.put("accountId", "acc-" + contactId);
        data.put("accountName", "Acme s.r.o.");
        data.put("accountTier", "key");
        data.put("locale", "cs");
        data.put("timeZone", "Europe/Prague");
        data.put("customerStatus", "customer");
        data.put("consent", Map.of("surveys", true, "marketing", false));
        data.put("doNotContact", false);
        return cloudEvent("crm.contact.upserted", data);
    }

    private static String ticketClosed(String contactId) {
        return cloudEvent("crm.ticket.closed", Map.of("ticketId", "T-" + contactId, "contactId", contactId,
                "closedAt", Instant.now().toString(), "ticketType", "repair", "subject", "Router nefunguje"));
    }

    private static String cloudEvent(String type, Map<String, Object> data) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", UUID.randomUUID().toString());
        event.put("source", "crm://local-stack-it");
        event.put("type", type);
        event.put("time", Instant.now().toString());
        event.put("datacontenttype", "application/json");
        event.put("data", data);
        return Http.JSON.writeValueAsString(event);
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", ADMIN)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return Http.JSON.readTree(response.body());
    }
}

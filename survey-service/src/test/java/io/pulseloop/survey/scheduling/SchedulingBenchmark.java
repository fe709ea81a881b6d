package io.pulseloop.survey.scheduling;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.micrometer.core.instrument.MeterRegistry;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import io.pulseloop.events.crm.CrmContactEvent;
import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.survey.CrmEvents;
import io.pulseloop.survey.Replicas;
import io.pulseloop.survey.SharedSmtp;
import io.pulseloop.survey.contacts.ContactDirectory;
import io.pulseloop.testsupport.infrastructure.SharedInfrastructure;
import io.pulseloop.testsupport.kafka.KafkaTestClient;
import io.pulseloop.testsupport.time.MutableClock;

/**
 * Not a test: measures (1) trigger events per second turned into scheduling decisions — TicketClosed records read
 * from {@code crm.contacts.v1}, decided by the policy, stored with their outbox and published as
 * {@code InvitationScheduled} — and (2) due invitations per second rendered and sent to a local SMTP server
 * (GreenMail), by one instance ticking on one thread. Run with
 * {@code ./mvnw -B -ntp -o -pl survey-service test -Dtest=SchedulingBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dbenchmark.triggers=N} changes the size, default 10,000). Figures go to the log and to
 * {@code target/benchmarks/survey-scheduling.md}.
 */
class SchedulingBenchmark {

    private static final Logger log = LoggerFactory.getLogger(SchedulingBenchmark.class);

    /**
     * Recipients are spread over this many GreenMail mailboxes: GreenMail finds a recipient's mailbox by a linear
     * search over all mailboxes, which would make the test server, not the service, the subject of the figure.
     */
    private static final int MAILBOXES = 20;

    /** Tuesday 09:30 UTC: sending hours in Prague now and 24 hours later. */
    private static final Instant TUESDAY = Instant.parse("2027-03-02T09:30:00Z");

    @Test
    void measureDecisionsAndEmailsPerSecond() throws Exception {
        int triggers = Integer.getInteger("benchmark.triggers", 10_000);
        MutableClock clock = MutableClock.at(TUESDAY);
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (KafkaTestClient kafka = KafkaTestClient.forSharedInfrastructure()) {
            kafka.createTopic(Topics.CRM_CONTACTS, 12);
        }
        try (ConfigurableApplicationContext service = Replicas.start("benchmark-" + run, SharedSmtp.SERVER.port(),
                clock, "logging.level.io.pulseloop=WARN",
                "pulseloop.survey.scheduling.batch-size=" + Integer.getInteger("benchmark.batch", 200),
                "pulseloop.survey.email.connections=" + Integer.getInteger("benchmark.connections", 4))) {
            MongoTemplate mongo = service.getBean(MongoTemplate.class);
            ContactDirectory contacts = service.getBean(ContactDirectory.class);
            List<String> contactIds = new ArrayList<>();
            for (int i = 0; i < triggers; i++) {
                String contactId = "bench-" + run + "-" + i;
                contactIds.add(contactId);
                contacts.upsert(CrmEvents.contact(contactId, "inbox-" + (i % MAILBOXES) + "@bench.example.test",
                        (i % 3 == 0) ? "cs" : (i % 3 == 1) ? "pl" : "en", TUESDAY));
            }
            publishTickets(contactIds, clock.instant());

            // (1) decisions: start the consumer on the waiting backlog
            long startNanos = System.nanoTime();
            long cpuBeforeDecisions = processCpuNanos();
            long serviceBeforeDecisions = threadCpuNanos(SchedulingBenchmark::decisionThread);
            service.getBean(BindingsLifecycleController.class).start("crmContacts-in-0");
            long firstNanos = awaitCount(mongo, Criteria.where("status").exists(true), 1);
            long decidedNanos = awaitCount(mongo, Criteria.where("status").exists(true), triggers);
            long publishedNanos = awaitCount(mongo, Criteria.where("outbox").size(0), triggers);
            double decisionCpu = (processCpuNanos() - cpuBeforeDecisions) / 1e9;
            double decisionServiceCpu = (threadCpuNanos(SchedulingBenchmark::decisionThread)
                    - serviceBeforeDecisions) / 1e9;
            double decisionsPerSecond = triggers / seconds(firstNanos, decidedNanos);
            double publishedPerSecond = triggers / seconds(firstNanos, publishedNanos);
            long scheduled = mongo.count(Query.query(Criteria.where("status").is("SCHEDULED")), "invitations");

            // (2) emails: everything is due 24 hours later; one instance, one thread
            clock.advance(Duration.ofHours(24));
            DueWorkScheduler scheduler = service.getBean(DueWorkScheduler.class);
            int before = SharedSmtp.SERVER.receivedMessages().size();
            Recording profile = startProfile();
            long sendStart = System.nanoTime();
            long cpuBeforeEmails = processCpuNanos();
            long serviceBeforeEmails = threadCpuNanos(SchedulingBenchmark::emailThread);
            int processed = 0;
            while (processed < scheduled) {
                processed += scheduler.tick();
            }
            long sendEnd = System.nanoTime();
            double emailCpu = (processCpuNanos() - cpuBeforeEmails) / 1e9;
            double emailServiceCpu = (threadCpuNanos(SchedulingBenchmark::emailThread) - serviceBeforeEmails) / 1e9;
            stopProfile(profile);
            int received = SharedSmtp.SERVER.receivedMessages().size() - before;
            double emailsPerSecond = received / seconds(sendStart, sendEnd);

            StringBuilder phases = new StringBuilder();
            for (String timers : List.of("pulseloop.survey.planning.phase", "pulseloop.survey.scheduling.phase")) {
                service.getBean(MeterRegistry.class).find(timers).timers()
                        .forEach(timer -> phases.append("| ").append(timers).append(" '")
                                .append(timer.getId().getTag("phase")).append("' total | ")
                                .append(String.format("%.1f s", timer.totalTime(TimeUnit.SECONDS))).append(" |\n"));
            }
            String report = """
                    # survey-service benchmark

                    | measure | value |
                    |---|---|
                    | trigger events (TicketClosed on crm.contacts.v1) | %d |
                    | consumer start to first decision | %.1f s |
                    | scheduling decisions per second (first to last decision stored) | %.0f |
                    | decisions stored and InvitationScheduled acknowledged by the broker, per second | %.0f |
                    | JVM CPU time for the decisions (service, embedded Kafka and MongoDB) | %.1f s |
                    | decisions per JVM CPU-second | %.0f |
                    | CPU time of the service's own threads (consumer, producer) for the decisions | %.1f s |
                    | decisions per service CPU-second | %.0f |
                    | invitations scheduled | %d |
                    | due invitations sent to GreenMail (one instance, one scheduler thread, 20 mailboxes) | %d |
                    | emails per second | %.0f |
                    | JVM CPU time for the emails (service, GreenMail, embedded Kafka and MongoDB) | %.1f s |
                    | emails per JVM CPU-second | %.0f |
                    | CPU time of the service's own threads (scheduler, SMTP senders, producer) for the emails | %.1f s |
                    | emails per service CPU-second | %.0f |
                    | processors | %d |
                    %s""".formatted(triggers, seconds(startNanos, firstNanos), decisionsPerSecond, publishedPerSecond,
                    decisionCpu, triggers / decisionCpu, decisionServiceCpu, triggers / decisionServiceCpu, scheduled,
                    received, emailsPerSecond, emailCpu, received / emailCpu, emailServiceCpu,
                    received / emailServiceCpu, Runtime.getRuntime().availableProcessors(), phases);
            log.warn("\n{}", report);
            Path file = Path.of("target", "benchmarks", "survey-scheduling.md");
            Files.createDirectories(file.getParent());
            Files.writeString(file, report, StandardCharsets.UTF_8);
        }
    }

    private static void publishTickets(List<String> contactIds, Instant at) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().kafkaBootstrapServers());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (String contactId : contactIds) {
                CrmContactEvent ticket = CrmEvents.ticketClosed(contactId, "T-" + contactId, at);
                sends.add(producer.send(new ProducerRecord<>(Topics.CRM_CONTACTS, contactId,
                        EventJson.mapper().writerFor(CrmContactEvent.class).writeValueAsString(ticket))));
            }
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
        }
    }

    /** Polls every 25 ms: the embedded MongoDB locks a collection per query, so polling harder slows the service. */
    private static long awaitCount(MongoTemplate mongo, Criteria criteria, long count) {
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(25))
                .until(() -> mongo.count(Query.query(criteria), "invitations") >= count);
        return System.nanoTime();
    }

    /** With {@code -Dbenchmark.jfr=<file>}, a Flight Recorder profile of the email phase. */
    private static Recording startProfile() throws IOException, ParseException {
        if (System.getProperty("benchmark.jfr") == null) {
            return null;
        }
        Recording recording = new Recording(Configuration.getConfiguration("profile"));
        recording.start();
        return recording;
    }

    private static void stopProfile(Recording recording) throws IOException {
        if (recording != null) {
            recording.stop();
            recording.dump(Path.of(System.getProperty("benchmark.jfr")));
            recording.close();
        }
    }

    /** The Kafka consumer of crm.contacts.v1 and the outbox producer: where the service decides. */
    private static boolean decisionThread(String name) {
        return name.contains("crm.contacts.v1") || name.startsWith("kafka-producer-network-thread");
    }

    /** The ticking thread, the SMTP sender pool and the outbox producer: where the service sends. */
    private static boolean emailThread(String name) {
        return name.equals("main") || name.startsWith("smtp-sender-")
                || name.startsWith("kafka-producer-network-thread");
    }

    private static long threadCpuNanos(Predicate<String> names) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (thread != null && names.test(thread.getThreadName())) {
                total += Math.max(0, threads.getThreadCpuTime(thread.getThreadId()));
            }
        }
        return total;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double seconds(long fromNanos, long toNanos) {
        return Math.max(1, toNanos - fromNanos) / 1e9;
    }
}

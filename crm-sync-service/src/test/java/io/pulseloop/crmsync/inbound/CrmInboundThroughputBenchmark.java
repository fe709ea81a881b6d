package io.pulseloop.crmsync.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import com.sun.management.OperatingSystemMXBean;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.pulseloop.crmsync.CloudEvents;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.testsupport.infrastructure.RealInfrastructure;
import io.pulseloop.testsupport.kafka.KafkaTestClient;

/**
 * Inbound throughput: CRM CloudEvents per second from {@code crm.inbound.v1} through reading, validation, durable
 * deduplication (MongoDB) and canonical publishing ({@code acks=all}, awaited) — the effect is durable before the
 * offsets are committed. Not a test: run it on purpose.
 *
 * <pre>
 * ./mvnw -B -ntp -o -pl crm-sync-service test -Dtest=CrmInboundThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * Options: {@code -Dbench.events=200000 -Dbench.rounds=3 -Dbench.concurrency=3 -Dbench.maxPollRecords=1000}. The records are
 * published while the binding is paused, then the binding is resumed and the clock runs until every record is
 * accounted for (published, duplicate, unknown type or dead-lettered). Only the inbound binding runs (the registry
 * and write-back consumers are left out, they are not part of this path). Figures go to the log and to
 * {@code target/benchmarks/crm-inbound-throughput.md}.
 */
@SpringBootTest(properties = {
    "spring.cloud.function.definition=crmInbound",
    "spring.kafka.consumer.auto-offset-reset=earliest",
    "pulseloop.crm.webhook-secret=bench",
    "logging.level.io.pulseloop.crmsync.inbound.CrmInboundPipeline=${bench.log:INFO}"
})
@RealInfrastructure
@ActiveProfiles("local")
class CrmInboundThroughputBenchmark {

    private static final Logger log = LoggerFactory.getLogger(CrmInboundThroughputBenchmark.class);
    private static final String BINDING = "crmInbound-in-0";
    private static final int EVENTS = Integer.getInteger("bench.events", 200_000);
    private static final int WARM_UP = Math.max(10_000, EVENTS / 10);
    private static final int PARTITIONS = 12;
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);

    @Autowired
    BindingsLifecycleController bindings;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void tuning(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.stream.bindings.crmInbound-in-0.consumer.concurrency",
                () -> Integer.getInteger("bench.concurrency", 3));
        registry.add("spring.cloud.stream.kafka.bindings.crmInbound-in-0.consumer.configuration.max.poll.records",
                () -> Integer.getInteger("bench.maxPollRecords", 1000));
        try (KafkaTestClient kafka = KafkaTestClient.forSharedInfrastructure()) {
            kafka.createTopic(Topics.CRM_INBOUND, PARTITIONS);
            kafka.createTopic(Topics.CRM_CONTACTS, PARTITIONS);
            kafka.createTopic(Topics.CRM_OWNERS, PARTITIONS);
            kafka.createTopic(Topics.CRM_INBOUND_DLQ, PARTITIONS);
        }
    }

    @Test
    void inboundThroughput() throws IOException {
        String bootstrap;
        try (KafkaTestClient kafka = KafkaTestClient.forSharedInfrastructure()) {
            bootstrap = kafka.bootstrapServers();
        }
        Result warmUp = run(bootstrap, "warm", WARM_UP);
        log.info("Warm-up: {} events in {} ms", warmUp.events, warmUp.took.toMillis());
        List<Result> rounds = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            rounds.add(run(bootstrap, "run" + round, EVENTS));
        }
        List<Result> byThroughput = rounds.stream()
                .sorted(Comparator.comparingDouble(Result::perSecond)).toList();
        Result median = byThroughput.get(byThroughput.size() / 2);
        StringBuilder table = new StringBuilder();
        for (int i = 0; i < rounds.size(); i++) {
            Result r = rounds.get(i);
            table.append("| %d | %d | %.0f | %.0f | %.1f | %.0f | %.1f / %.1f |%n".formatted(i + 1,
                    r.took.toMillis(), r.perSecond(), r.events / (r.cpu.toNanos() / 1e9),
                    r.serviceCpu.toNanos() / 1e3 / r.events, r.events / (r.serviceCpu.toNanos() / 1e9),
                    r.loadBefore, r.loadAfter));
        }
        Timer batches = meters.find("pulseloop.crmsync.inbound.batch").timer();
        String report = """
                # crm-sync-service inbound throughput

                %d rounds of %d CRM events each (after a warm-up of %d): contact upserts 40 %%, tickets 30 %%,
                deals 20 %%, owners 10 %%; 0.5 %% duplicates, 0.5 %% invalid (dead-lettered). %d partitions,
                %s consumer threads, max.poll.records %s, %d processors.

                **Median throughput: %.0f events/s** (best %.0f, worst %.0f).

                | round | wall ms | events/s | events per CPU-second of the whole JVM (service + in-JVM broker + in-JVM MongoDB + GC) | µs of service-thread CPU per event | events per CPU-second of the service's threads | load average before / after |
                |---|---|---|---|---|---|---|
                %s
                Batches (whole run): %d, mean %.1f ms, max %.1f ms. Published %.0f, duplicates %.0f, dead-lettered %.0f.
                Measured at %s.
                """.formatted(ROUNDS, EVENTS, WARM_UP, PARTITIONS, Integer.getInteger("bench.concurrency", 3),
                Integer.getInteger("bench.maxPollRecords", 1000), Runtime.getRuntime().availableProcessors(),
                median.perSecond(), byThroughput.get(byThroughput.size() - 1).perSecond(),
                byThroughput.get(0).perSecond(), table, batches.count(), batches.mean(TimeUnit.MILLISECONDS),
                batches.max(TimeUnit.MILLISECONDS), counted("pulseloop.crmsync.inbound.events"),
                counted("pulseloop.crmsync.inbound.duplicates"), counted("pulseloop.crmsync.inbound.dead-lettered"),
                Instant.now());
        double perSecond = median.perSecond();
        log.info("\n{}", report);
        Path out = Path.of("target", "benchmarks", "crm-inbound-throughput.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        assertThat(perSecond).isPositive();
    }

    private Result run(String bootstrap, String prefix, int count) {
        bindings.pause(BINDING);
        double before = accounted();
        List<ProducerRecord<String, byte[]>> records = records(prefix, count);
        publish(bootstrap, records);
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long cpuBefore = processCpuNanos();
        Map<Long, Long> serviceBefore = serviceThreadCpu();
        Map<Long, Long> allBefore = threadCpu();
        long started = System.nanoTime();
        bindings.resume(BINDING);
        if (bindings.queryState(BINDING).stream().noneMatch(b -> b.isRunning())) {
            bindings.start(BINDING);
        }
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> accounted() - before >= count);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        long serviceCpu = 0;
        for (Map.Entry<Long, Long> thread : serviceThreadCpu().entrySet()) {
            serviceCpu += thread.getValue() - serviceBefore.getOrDefault(thread.getKey(), 0L);
        }
        Map<String, Long> byGroup = new HashMap<>();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        threadCpu().forEach((id, nanos) -> {
            ThreadInfo info = mx.getThreadInfo(id);
            String name = info == null ? "?" : info.getThreadName().replaceAll("[-#\\d]+$", "")
                    .replaceAll("\\{.*}", "");
            byGroup.merge(name, nanos - allBefore.getOrDefault(id, 0L), Long::sum);
        });
        byGroup.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> log.info("CPU {} ms: {}", e.getValue() / 1_000_000, e.getKey()));
        return new Result(count, took, Duration.ofNanos(processCpuNanos() - cpuBefore), Duration.ofNanos(serviceCpu),
                loadBefore,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    /** A realistic mix; ids unique per run, 1 % exact duplicates, 0.5 % invalid (missing contactId). */
    private static List<ProducerRecord<String, byte[]>> records(String prefix, int count) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>(count);
        Instant time = Instant.now();
        String previous = null;
        for (int i = 0; i < count; i++) {
            String contactId = prefix + "-c-" + (i % 20_000);
            String id = prefix + "-evt-" + i;
            String event;
            int kind = i % 200;
            if (kind == 0 && previous != null) {
                event = previous;
            } else if (kind == 1) {
                event = CloudEvents.ticketClosed(id, contactId, time).replace("\"contactId\"", "\"customerId\"");
            } else if (kind % 10 < 4) {
                event = CloudEvents.contactUpserted(id, contactId, time.plusMillis(i), contactId + "@example.com");
            } else if (kind % 10 < 7) {
                event = CloudEvents.ticketClosed(id, contactId, time.plusMillis(i));
            } else if (kind % 10 < 8) {
                event = CloudEvents.dealWon(id, contactId, time.plusMillis(i));
            } else if (kind % 10 < 9) {
                event = CloudEvents.dealLost(id, contactId, time.plusMillis(i), "price");
            } else {
                String ownerId = prefix + "-own-" + (i % 500);
                records.add(new ProducerRecord<>(Topics.CRM_INBOUND, ownerId,
                        CloudEvents.ownerUpserted(id, ownerId, time.plusMillis(i)).getBytes(StandardCharsets.UTF_8)));
                continue;
            }
            previous = event;
            records.add(new ProducerRecord<>(Topics.CRM_INBOUND, contactId, event.getBytes(StandardCharsets.UTF_8)));
        }
        return records;
    }

    private static void publish(String bootstrap, List<ProducerRecord<String, byte[]>> records) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            records.forEach(producer::send);
            producer.flush();
        }
    }

    private double accounted() {
        return counted("pulseloop.crmsync.inbound.events") + counted("pulseloop.crmsync.inbound.duplicates")
                + counted("pulseloop.crmsync.inbound.dead-lettered") + counted("pulseloop.crmsync.inbound.unknown-types")
                + counted("pulseloop.crmsync.inbound.suppressed");
    }

    private double counted(String name) {
        return meters.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    /**
     * CPU time per thread of the service's own inbound path: the binding's consumer threads (reading, validation,
     * MongoDB driver calls, serialisation) and the service's producer I/O thread — not the in-JVM broker or MongoDB.
     */
    private static Map<Long, Long> serviceThreadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && (info.getThreadName().contains("crm.inbound.v1")
                    || info.getThreadName().contains("producer-network-thread | crm-sync-service"))) {
                cpu.put(info.getThreadId(), threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return cpu;
    }

    private static Map<Long, Long> threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            cpu.put(id, threads.getThreadCpuTime(id));
        }
        return cpu;
    }

    private record Result(int events, Duration took, Duration cpu, Duration serviceCpu, double loadBefore,
            double loadAfter) {

        double perSecond() {
            return events / (took.toNanos() / 1e9);
        }
    }

}

package io.pulseloop.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays the CRM: CloudEvents 1.0 in structured mode on {@code crm.inbound.v1}, keyed by contact id (contract §2.1),
 * published as fast as the producer takes them ({@code acks=all}, idempotent).
 */
final class CrmLoad implements AutoCloseable {

    static final String TOPIC = "crm.inbound.v1";
    private static final String[] LOCALES = {"cs", "pl", "en"};
    private static final String[] REGIONS = {"Praha", "Brno", "Kraków", "Warszawa", "London"};

    private final KafkaProducer<String, byte[]> producer;
    private final String runId;
    private final AtomicLong failures = new AtomicLong();

    CrmLoad(String bootstrap, String runId) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(properties);
        this.runId = runId;
    }

    static String contactId(int index) {
        return "bench-c-" + index;
    }

    void contact(int index, String eventSuffix) {
        String contactId = contactId(index);
        String locale = LOCALES[index % LOCALES.length];
        String tier = index % 10 == 0 ? "key" : "standard";
        String data = "{\"contactId\":\"" + contactId + "\",\"email\":\"" + contactId + "@bench.example.com\","
                + "\"firstName\":\"Bench\",\"lastName\":\"Contact " + index + "\",\"accountId\":\"acc-" + (index / 5)
                + "\",\"accountName\":\"Account " + (index / 5) + "\",\"accountTier\":\"" + tier + "\",\"region\":\""
                + REGIONS[index % REGIONS.length] + "\",\"branch\":\"branch-" + (index % 7) + "\",\"ownerId\":\"own-"
                + (index % 50) + "\",\"locale\":\"" + locale + "\",\"timeZone\":\"Europe/Prague\","
                + "\"customerStatus\":\"customer\",\"consent\":{\"surveys\":true,\"marketing\":" + (index % 2 == 0)
                + "},\"doNotContact\":false}";
        send(contactId, "contact-" + index + "-" + eventSuffix, "crm.contact.upserted", data);
    }

    void ticketClosed(int contactIndex, int ticketIndex) {
        String contactId = contactId(contactIndex);
        String now = Instant.now().toString();
        String data = "{\"ticketId\":\"T-" + runId + "-" + ticketIndex + "\",\"contactId\":\"" + contactId
                + "\",\"closedAt\":\"" + now + "\",\"ticketType\":\"" + (ticketIndex % 3 == 0 ? "installation" : "billing")
                + "\",\"technicianId\":\"tech-" + (ticketIndex % 20) + "\",\"subject\":\"Benchmark ticket\"}";
        send(contactId, "ticket-" + ticketIndex, "crm.ticket.closed", data);
    }

    private void send(String key, String id, String type, String data) {
        String event = "{\"specversion\":\"1.0\",\"id\":\"" + runId + "-" + id + "\",\"source\":\"crm://benchmark\","
                + "\"type\":\"" + type + "\",\"time\":\"" + Instant.now() + "\",\"datacontenttype\":\"application/json\","
                + "\"data\":" + data + "}";
        producer.send(new ProducerRecord<>(TOPIC, key, event.getBytes(StandardCharsets.UTF_8)), (metadata, error) -> {
            if (error != null) {
                failures.incrementAndGet();
            }
        });
    }

    /** Blocks until every record sent so far is acknowledged; fails if any was not. */
    void flush() {
        producer.flush();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " CRM events were not acknowledged by the broker");
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}

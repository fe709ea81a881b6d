package io.pulseloop.systemtests.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pulseloop.events.crm.AccountTier;
import io.pulseloop.events.crm.Consent;
import io.pulseloop.events.crm.ContactUpserted;
import io.pulseloop.events.crm.CrmContactEvent;
import io.pulseloop.events.crm.CustomerStatus;
import io.pulseloop.events.crm.TicketClosed;
import io.pulseloop.events.json.EventJson;
import io.pulseloop.systemtests.ServiceProcess;
import io.pulseloop.testsupport.infrastructure.Infrastructure;
import io.pulseloop.testsupport.infrastructure.SharedInfrastructure;
import io.pulseloop.testsupport.kafka.KafkaTestClient;
import io.pulseloop.testsupport.mail.SmtpTestServer;

/**
 * Issue 11 #2: survey-service SIGKILLed in the middle of sending 300 invitations that came due at once, then started
 * again. Every contact gets its invitation (none lost), and at most {@code connections} of them get it twice — the
 * emails the relay had accepted on each SMTP connection whose outcome was not yet recorded at the kill. Duplicates
 * are counted by recipient and must carry the same {@code Message-ID} as the first copy.
 *
 * <p>The service under test runs alone: its own trigger topic and consumer groups, its own database and its own
 * GreenMail, so killing it cannot disturb the platform other system tests share. {@code -Dpulseloop.kill-test.project.dir}
 * points it at another checkout's packaged jar (to measure a version before the change).
 */
class SchedulerKillSystemTests {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulerKillSystemTests.class);
    private static final int INVITATIONS = 300;
    private static final int KILL_AFTER = 100;
    private static final int CONNECTIONS = 8;
    /** Short, so that the steps the killed process held are taken over within the test's patience. */
    private static final String LEASE = "PT20S";

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final SmtpTestServer smtp = SmtpTestServer.start();
    private final List<ServiceProcess> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(ServiceProcess::close);
        smtp.close();
    }

    @Test
    void aSchedulerKilledMidBatchLosesNoInvitationAndSendsAtMostItsConnectionsTwice() throws Exception {
        Infrastructure infrastructure = SharedInfrastructure.get();
        String topic = "crm.contacts.v1.kill-test-" + run;
        try (KafkaTestClient kafka = KafkaTestClient.connect(infrastructure.kafkaBootstrapServers())) {
            kafka.createTopic(topic, 12);
            Map<String, String> environment = environment(infrastructure, topic);
            ServiceProcess first = start(environment, "before-kill");

            // given 300 contacts, each with a ticket closed just now (the local profile's delay override is PT0S)
            Instant now = Instant.now();
            List<String> contacts = new ArrayList<>();
            for (int i = 0; i < INVITATIONS; i++) {
                contacts.add("kill-" + run + "-" + i);
            }
            contacts.forEach(contactId -> publish(kafka, topic, contact(contactId, now)));
            contacts.forEach(contactId -> publish(kafka, topic, ticket(contactId, now)));

            // when the service is SIGKILLed once about 100 emails have left, and started again
            await("the first " + KILL_AFTER + " emails").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(5)).until(() -> smtp.receivedMessages().size() >= KILL_AFTER);
            first.kill();
            int atKill = smtp.receivedMessages().size();
            LOG.info("survey-service SIGKILLed after {} emails", atKill);
            assertThat(atKill).as("the kill came mid-batch").isLessThan(INVITATIONS);
            start(environment, "after-kill");

            // then every contact gets its invitation, and once the mail has settled, few got two
            await("every contact invited").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(500))
                    .until(() -> byRecipient(smtp.receivedMessages()).size() == INVITATIONS);
            await("no more emails").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .during(Duration.ofSeconds(10)).until(() -> true);
            Map<String, List<MimeMessage>> received = byRecipient(smtp.receivedMessages());
            Map<String, List<MimeMessage>> twice = received.entrySet().stream()
                    .filter(entry -> entry.getValue().size() > 1)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            int duplicates = smtp.receivedMessages().size() - received.size();
            LOG.info("Kill test: {} emails at the kill, {} recipients, {} duplicate emails ({} recipients twice)",
                    atKill, received.size(), duplicates, twice.size());
            assertThat(received.keySet()).hasSize(INVITATIONS)
                    .allMatch(recipient -> recipient.startsWith("kill-" + run + "-"));
            assertThat(duplicates).as("emails sent twice: at most one per SMTP connection in flight at the kill")
                    .isLessThanOrEqualTo(CONNECTIONS);
            twice.values().forEach(copies -> assertThat(copies.stream().map(SchedulerKillSystemTests::messageId)
                    .distinct()).as("a re-sent invitation keeps its Message-ID").hasSize(1));
        }
    }

    private ServiceProcess start(Map<String, String> environment, String phase) throws Exception {
        Path project = Path.of(System.getProperty("pulseloop.kill-test.project.dir",
                System.getProperty("pulseloop.project.dir", ".."))).toAbsolutePath().normalize();
        Path logs = Path.of(System.getProperty("pulseloop.system-tests.logs", "target/system-tests"))
                .resolve("survey-kill-" + run + "-" + phase);
        ServiceProcess process = ServiceProcess.start(project, "survey-service", ServiceProcess.freePort(),
                environment, logs);
        processes.add(process);
        return process.awaitReady(Duration.ofSeconds(180));
    }

    private Map<String, String> environment(Infrastructure infrastructure, String topic) {
        String group = "survey-kill-test-" + run;
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
        environment.put("SPRING_MONGODB_URI", infrastructure.mongoConnectionString());
        environment.put("SPRING_MONGODB_DATABASE", "pulseloop-survey-kill-" + run);
        environment.put("SPRING_MAIL_HOST", smtp.host());
        environment.put("SPRING_MAIL_PORT", String.valueOf(smtp.port()));
        environment.put("PULSELOOP_PUBLIC_BASE_URL", "http://localhost:8082");
        environment.put("PULSELOOP_SURVEY_DELAY_OVERRIDE", "PT0S");
        environment.put("PULSELOOP_SURVEY_SCHEDULING_LEASE", LEASE);
        environment.put("PULSELOOP_SURVEY_EMAIL_CONNECTIONS", String.valueOf(CONNECTIONS));
        // its own trigger topic and consumer groups: nothing of the shared platform's traffic reaches it, and it
        // takes no partition from the platform's survey-service
        environment.put("SPRING_APPLICATION_JSON", "{"
                + "\"spring.cloud.stream.bindings.crmContacts-in-0.destination\":\"" + topic + "\","
                + "\"spring.cloud.stream.bindings.crmContacts-in-0.group\":\"" + group + "\","
                + "\"spring.cloud.stream.bindings.responses-in-0.group\":\"" + group + "\"}");
        return environment;
    }

    private static void publish(KafkaTestClient kafka, String topic, CrmContactEvent event) {
        kafka.publish(topic, event.contactId(), EventJson.mapper().writerFor(CrmContactEvent.class)
                .writeValueAsString(event));
    }

    private static ContactUpserted contact(String contactId, Instant at) {
        return new ContactUpserted(UUID.randomUUID().toString(), at, contactId, UUID.randomUUID().toString(),
                "crm://kill-test", "ce-" + UUID.randomUUID(), contactId + "@customer.example.test", "Jana",
                "Nováková", "acc-" + contactId, "Acme s.r.o.", AccountTier.KEY, "emea", "brno", "owner-7", "cs",
                "Europe/Prague", CustomerStatus.CUSTOMER, new Consent(true, true), false);
    }

    private static TicketClosed ticket(String contactId, Instant closedAt) {
        String eventId = UUID.randomUUID().toString();
        return new TicketClosed(eventId, closedAt, contactId, "corr-" + eventId, "crm://kill-test", "ce-" + eventId,
                "T-" + contactId, closedAt, "incident", "tech-42", "Printer on fire");
    }

    private static Map<String, List<MimeMessage>> byRecipient(List<MimeMessage> messages) {
        Map<String, List<MimeMessage>> byRecipient = new LinkedHashMap<>();
        for (MimeMessage message : messages) {
            byRecipient.computeIfAbsent(recipient(message), key -> new ArrayList<>()).add(message);
        }
        return byRecipient;
    }

    private static String recipient(MimeMessage message) {
        try {
            Address[] to = message.getAllRecipients();
            return (to == null || to.length == 0) ? "" : to[0].toString();
        }
        catch (MessagingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        }
        catch (MessagingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}

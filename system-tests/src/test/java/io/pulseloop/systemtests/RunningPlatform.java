package io.pulseloop.systemtests;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pulseloop.testsupport.http.HttpTestPeer;
import io.pulseloop.testsupport.infrastructure.Infrastructure;
import io.pulseloop.testsupport.infrastructure.SharedInfrastructure;
import io.pulseloop.testsupport.kafka.KafkaTestClient;
import io.pulseloop.testsupport.mail.SmtpTestServer;

/**
 * The front half of the platform, started once per JVM: the shared Kafka broker and MongoDB server, GreenMail as
 * the SMTP relay, WireMock as the CRM's REST API, and crm-sync, survey and response services as three separate
 * JVMs configured only through the environment variables of contract §1 and §9, in the {@code local} profile.
 */
final class RunningPlatform {

    static final String WEBHOOK_SECRET = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
    static final String CRM_TOKEN = "crm-token-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
    /** Every trigger delay of the local profile, shortened further so scenarios take seconds. */
    static final String DELAY_OVERRIDE = "PT1S";

    private static final Logger LOG = LoggerFactory.getLogger(RunningPlatform.class);
    private static RunningPlatform instance;

    final KafkaTestClient kafka;
    final SmtpTestServer smtp;
    final HttpTestPeer crm;
    final ServiceProcess crmSync;
    final ServiceProcess survey;
    final ServiceProcess response;

    private RunningPlatform(KafkaTestClient kafka, SmtpTestServer smtp, HttpTestPeer crm, ServiceProcess crmSync,
            ServiceProcess survey, ServiceProcess response) {
        this.kafka = kafka;
        this.smtp = smtp;
        this.crm = crm;
        this.crmSync = crmSync;
        this.survey = survey;
        this.response = response;
    }

    static synchronized RunningPlatform get() {
        if (instance == null) {
            try {
                instance = start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "system-tests-shutdown"));
        }
        return instance;
    }

    private static RunningPlatform start() throws IOException {
        Infrastructure infrastructure = SharedInfrastructure.get();
        SmtpTestServer smtp = SmtpTestServer.start();
        HttpTestPeer crm = HttpTestPeer.start();
        crm.server().stubFor(patch(urlPathMatching("/crm/v3/objects/contacts/.+"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"properties\":{}}")));

        Path project = Path.of(System.getProperty("pulseloop.project.dir", "..")).toAbsolutePath().normalize();
        Path logs = Path.of(System.getProperty("pulseloop.system-tests.logs", "target/system-tests"));
        int responsePort = ServiceProcess.freePort();
        Map<String, String> environment = Map.of(
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers(),
                "SPRING_MONGODB_URI", infrastructure.mongoConnectionString(),
                "SPRING_MAIL_HOST", smtp.host(),
                "SPRING_MAIL_PORT", String.valueOf(smtp.port()),
                "PULSELOOP_CRM_BASE_URL", crm.baseUrl(),
                "PULSELOOP_CRM_TOKEN", CRM_TOKEN,
                "PULSELOOP_PUBLIC_BASE_URL", "http://localhost:" + responsePort,
                "PULSELOOP_CRM_WEBHOOK_SECRET", WEBHOOK_SECRET,
                "PULSELOOP_SURVEY_DELAY_OVERRIDE", DELAY_OVERRIDE);

        long started = System.nanoTime();
        ServiceProcess crmSync = ServiceProcess.start(project, "crm-sync-service", ServiceProcess.freePort(),
                environment, logs);
        ServiceProcess survey = ServiceProcess.start(project, "survey-service", ServiceProcess.freePort(),
                environment, logs);
        ServiceProcess response = ServiceProcess.start(project, "response-service", responsePort, environment,
                logs);
        for (ServiceProcess process : List.of(crmSync, survey, response)) {
            process.awaitReady(Duration.ofSeconds(180));
        }
        LOG.info("Pulseloop system under test ready in {} ms: crm-sync {}, survey {}, response {}; logs in {}",
                (System.nanoTime() - started) / 1_000_000, crmSync.baseUrl(), survey.baseUrl(), response.baseUrl(),
                logs.toAbsolutePath());
        return new RunningPlatform(KafkaTestClient.connect(infrastructure.kafkaBootstrapServers()), smtp, crm,
                crmSync, survey, response);
    }

    private void stop() {
        for (ServiceProcess process : List.of(response, survey, crmSync)) {
            process.close();
        }
        kafka.close();
        smtp.close();
        crm.close();
    }
}

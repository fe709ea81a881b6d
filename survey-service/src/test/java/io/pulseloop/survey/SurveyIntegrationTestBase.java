package io.pulseloop.survey;

import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.JwtRequestPostProcessor;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.core.type.TypeReference;

import io.pulseloop.events.crm.CrmContactEvent;
import io.pulseloop.events.json.EventJson;
import io.pulseloop.events.response.ResponseEvent;
import io.pulseloop.events.topic.Topics;
import io.pulseloop.survey.scheduling.DueWorkScheduler;
import io.pulseloop.testsupport.infrastructure.RealInfrastructure;
import io.pulseloop.testsupport.kafka.KafkaTestClient;
import io.pulseloop.testsupport.mail.SmtpTestServer;
import io.pulseloop.testsupport.mongo.MongoCommandRecorder;
import io.pulseloop.testsupport.time.MutableClock;
import io.pulseloop.testsupport.time.MutableClockConfiguration;

/**
 * The one Spring context most integration tests share: real Kafka and MongoDB (embedded or Testcontainers), GreenMail
 * as the SMTP relay, a {@link MutableClock}, and the scheduler ticked explicitly ({@link #tick()}), never by a
 * background poller, so moving the clock never races a send. Tests isolate themselves by unique contact ids and
 * move the shared clock forward only.
 */
@SpringBootTest(properties = {
        "pulseloop.survey.scheduling.enabled=false",
        "pulseloop.public-base-url=https://feedback.example.test/",
        "pulseloop.survey.email.from=Acme Feedback <feedback@acme.example.test>",
        "pulseloop.survey.email.reply-to=care@acme.example.test"})
@RealInfrastructure
@AutoConfigureMockMvc
@Import({MutableClockConfiguration.class, TestJwtDecoderConfiguration.class, MongoCommandRecorder.Configuration.class})
public abstract class SurveyIntegrationTestBase {

    /** One SMTP server for the whole JVM, like the shared context that points at it. */
    protected static final SmtpTestServer SMTP = SharedSmtp.SERVER;

    protected static final KafkaTestClient KAFKA = KafkaTestClient.forSharedInfrastructure();

    protected static final Duration ASYNC = Duration.ofSeconds(30);

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected MockMvc mvc;

    @Autowired
    protected DueWorkScheduler scheduler;

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        SMTP.registerProperties(registry);
    }

    /** A staff user with the given roles. */
    protected static JwtRequestPostProcessor staff(String... roles) {
        return jwt().authorities(Arrays.stream(roles).map(role -> new SimpleGrantedAuthority("ROLE_" + role))
                .toArray(GrantedAuthority[]::new));
    }

    protected static void publish(CrmContactEvent event) {
        KAFKA.publish(Topics.CRM_CONTACTS, event.contactId(),
                EventJson.mapper().writerFor(CrmContactEvent.class).writeValueAsString(event));
    }

    protected static void publish(ResponseEvent event) {
        KAFKA.publish(Topics.RESPONSE_RESPONSES, event.contactId(),
                EventJson.mapper().writerFor(ResponseEvent.class).writeValueAsString(event));
    }

    /** Moves the shared clock forward to the next Tuesday, 09:30 UTC (10:30 in Prague): within sending hours. */
    protected Instant workingMorning() {
        ZonedDateTime next = clock.instant().atZone(ZoneOffset.UTC).plusDays(1)
                .with(TemporalAdjusters.next(DayOfWeek.TUESDAY)).with(LocalTime.of(9, 30));
        clock.setInstant(next.toInstant());
        return clock.instant();
    }

    /** Moves the shared clock forward to {@code instant}. */
    protected void advanceTo(Instant instant) {
        clock.advance(Duration.between(clock.instant(), instant));
    }

    /** Runs one scheduler tick, as the poller would. */
    protected int tick() {
        return scheduler.tick();
    }

    /** Every decision recorded for the contact, from the staff API. */
    protected List<Map<String, Object>> decisions(String contactId) {
        try {
            String body = mvc.perform(get("/api/v1/contacts/{contactId}/survey-decisions", contactId)
                    .with(staff("AGENT"))).andReturn().getResponse().getContentAsString();
            return EventJson.mapper().readValue(body, new TypeReference<List<Map<String, Object>>>() {
            });
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Waits for a decision of that kind and rule, and returns it. */
    protected Map<String, Object> awaitDecision(String contactId, String decision, String rule) {
        return await().atMost(ASYNC).pollInterval(Duration.ofMillis(50))
                .until(() -> find(decisions(contactId), decision, rule), Objects::nonNull);
    }

    protected static Map<String, Object> find(List<Map<String, Object>> decisions, String decision, String rule) {
        return decisions.stream().filter(d -> decision.equals(d.get("decision")) && rule.equals(d.get("rule")))
                .findFirst().orElse(null);
    }

    protected static List<MimeMessage> mailsTo(String contactId) {
        return Mails.to(SMTP.receivedMessages(), CrmEvents.emailOf(contactId));
    }

    protected static List<MimeMessage> awaitMailsTo(String contactId, int count) {
        return await().atMost(ASYNC).pollInterval(Duration.ofMillis(50))
                .until(() -> mailsTo(contactId), mails -> mails.size() >= count);
    }
}

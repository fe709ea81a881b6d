package io.pulseloop.survey.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import io.pulseloop.survey.Mails;
import io.pulseloop.survey.SharedSmtp;
import io.pulseloop.survey.definitions.DefaultSurveys;
import io.pulseloop.testsupport.mail.SmtpTestServer;

/**
 * The mailer against a real SMTP server (GreenMail): each accepted email is reported before its connection sends
 * another, so at any moment at most {@code connections} emails are accepted but not yet recorded — the bound on
 * duplicates after a crash (issue 11 #2).
 */
class InvitationMailerIntegrationTests {

    private static final SmtpTestServer SMTP = SharedSmtp.SERVER;
    private static final int CONNECTIONS = 3;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final InvitationMailer mailer = mailer();

    @Test
    void reportsEachAcceptedEmailBeforeItsConnectionSendsAnotherSoAtMostConnectionsAreUnrecordedAtAnyTime() {
        List<InvitationMailer.Outgoing> emails = emails(60);
        Set<String> recorded = ConcurrentHashMap.newKeySet();
        AtomicInteger worstUnrecorded = new AtomicInteger();

        InvitationMailer.Outcome outcome = mailer.sendAll(emails, Instant.now().plusSeconds(60), email -> {
            int unrecorded = ours(SMTP.receivedMessages()).size() - recorded.size();
            worstUnrecorded.accumulateAndGet(unrecorded, Math::max);
            recorded.add(email.key());
        });

        assertThat(outcome.failures()).isEmpty();
        assertThat(outcome.notAttempted()).isEmpty();
        assertThat(outcome.unrecorded()).isEmpty();
        assertThat(recorded).hasSize(60);
        assertThat(worstUnrecorded.get()).isLessThanOrEqualTo(CONNECTIONS);
        assertThat(ours(SMTP.receivedMessages())).hasSize(60);
    }

    @Test
    void handsEachBodyOverEncodedWithTheContractsHeaders() {
        InvitationMailer.Outgoing email = emails(1).get(0);
        mailer.sendAll(List.of(email), Instant.now().plusSeconds(60), accepted -> { });

        MimeMessage received = ours(SMTP.receivedMessages()).get(0);
        assertThat(Mails.text(received)).isEqualTo(email.email().text().replace("\n", "\r\n"));
        assertThat(Mails.html(received)).isEqualTo(email.email().html().replace("\n", "\r\n"));
        assertThat(Mails.header(received, "Message-ID")).isEqualTo("<" + email.messageId() + ">");
        assertThat(Mails.header(received, "List-Unsubscribe")).isEqualTo("<" + email.email().unsubscribeUrl() + ">");
        assertThat(Mails.header(received, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(Mails.subject(received)).isEqualTo(email.email().subject());
    }

    @Test
    void stopsAConnectionWhoseRecordingFailedAndSaysWhichEmailWasSentButNotRecorded() {
        List<InvitationMailer.Outgoing> emails = emails(20);
        InvitationMailer single = mailer(1);

        InvitationMailer.Outcome outcome = single.sendAll(emails, Instant.now().plusSeconds(60), email -> {
            if (email.key().equals(emails.get(4).key())) {
                throw new IllegalStateException("database down");
            }
        });

        assertThat(outcome.unrecorded()).containsExactly(emails.get(4).key());
        assertThat(outcome.notAttempted()).hasSize(15);
        assertThat(ours(SMTP.receivedMessages())).hasSize(5);
    }

    @Test
    void attemptsNothingAfterTheDeadline() {
        InvitationMailer.Outcome outcome = mailer.sendAll(emails(5), Instant.now().minusSeconds(1), email -> { });
        assertThat(outcome.notAttempted()).hasSize(5);
        assertThat(ours(SMTP.receivedMessages())).isEmpty();
    }

    private List<InvitationMailer.Outgoing> emails(int count) {
        InvitationEmailRenderer renderer = new InvitationEmailRenderer("https://feedback.example/");
        List<InvitationMailer.Outgoing> emails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RenderedEmail rendered = renderer.render(DefaultSurveys.all(Instant.parse("2026-11-22T10:00:00Z")).get(1), "cs", "TOKEN-" + run + "-" + i,
                    Instant.parse("2026-12-22T10:00:00Z"), ZoneId.of("Europe/Prague"), false);
            emails.add(new InvitationMailer.Outgoing("k-" + i, "mailer-" + run + "-" + i + "@customer.example.test",
                    rendered, "inv-" + run + "-" + i + ".invitation@pulseloop", "inv-" + run + "-" + i));
        }
        return emails;
    }

    private List<MimeMessage> ours(List<MimeMessage> received) {
        return received.stream().filter(message -> Mails.header(message, "Message-ID").contains("inv-" + run))
                .toList();
    }

    private static InvitationMailer mailer() {
        return mailer(CONNECTIONS);
    }

    private static InvitationMailer mailer(int connections) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(SMTP.host());
        sender.setPort(SMTP.port());
        Properties properties = new Properties();
        properties.putAll(Map.of("mail.smtp.allow8bitmime", "true"));
        sender.setJavaMailProperties(properties);
        try {
            return new InvitationMailer(sender, new EmailProperties("Acme <feedback@acme.example.test>", null,
                    connections), CircuitBreakerRegistry.ofDefaults(), new SimpleMeterRegistry(), Clock.systemUTC());
        }
        catch (AddressException ex) {
            throw new IllegalStateException(ex);
        }
    }
}

package io.pulseloop.survey.email;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends a batch of emails over one SMTP connection, behind the Resilience4j circuit breaker {@code smtp}: when the
 * relay is down, sends fail fast instead of each waiting for a timeout, and the scheduler retries them durably.
 *
 * <p>Every message carries {@code List-Unsubscribe: <{base}/u/{token}>} and
 * {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 8058) and a {@code Message-ID} derived from the
 * invitation, so a relay or mailbox can recognise a resend after a crash as the same message.
 */
@Component
public class InvitationMailer {

    /** Resilience4j instance name, configured under {@code resilience4j.circuitbreaker.instances.smtp}. */
    public static final String CIRCUIT_BREAKER = "smtp";

    private final JavaMailSender sender;
    private final EmailProperties properties;
    private final CircuitBreaker breaker;
    private final MeterRegistry meters;

    InvitationMailer(JavaMailSender sender, EmailProperties properties, CircuitBreakerRegistry breakers,
            MeterRegistry meters) {
        this.sender = sender;
        this.properties = properties;
        this.breaker = breakers.circuitBreaker(CIRCUIT_BREAKER);
        this.meters = meters;
    }

    /**
     * One email to send.
     *
     * @param key       identifies the email in the result
     * @param messageId the {@code Message-ID} without angle brackets, stable for the invitation and its kind
     */
    public record Outgoing(String key, String to, RenderedEmail email, String messageId, String invitationId) {
    }

    /**
     * Sends the emails; never throws.
     *
     * @return key to failure description, for the emails that were not accepted; empty when all were
     */
    public Map<String, String> sendAll(List<Outgoing> emails) {
        Map<String, String> failures = new HashMap<>();
        if (emails.isEmpty()) {
            return failures;
        }
        Map<MimeMessage, String> keys = new IdentityHashMap<>();
        for (Outgoing email : emails) {
            try {
                keys.put(message(email), email.key());
            }
            catch (MessagingException | MailException | IllegalArgumentException ex) {
                failures.put(email.key(), "the message could not be built: " + ex.getMessage());
            }
        }
        MimeMessage[] messages = keys.keySet().toArray(MimeMessage[]::new);
        if (messages.length == 0) {
            return failures;
        }
        try {
            Map<Object, Exception> partial = breaker.executeCallable(() -> send(messages));
            partial.forEach((message, cause) -> failures.put(keys.get(message), describe(cause)));
        }
        catch (CallNotPermittedException ex) {
            keys.values().forEach(key -> failures.put(key, "SMTP circuit breaker is open: " + ex.getMessage()));
        }
        catch (MailSendException ex) {
            Map<Object, Exception> failed = ex.getFailedMessages();
            if (failed.isEmpty()) {
                keys.values().forEach(key -> failures.put(key, describe(ex)));
            }
            else {
                failed.forEach((message, cause) -> failures.put(keys.get(message), describe(cause)));
            }
        }
        catch (Exception ex) {
            keys.values().forEach(key -> failures.put(key, describe(ex)));
        }
        meters.counter("pulseloop.survey.emails.failed").increment(failures.size());
        return failures;
    }

    /** Sends over one connection; only a batch that failed entirely counts as a failure of the relay. */
    private Map<Object, Exception> send(MimeMessage[] messages) {
        try {
            sender.send(messages);
            return Map.of();
        }
        catch (MailSendException ex) {
            Map<Object, Exception> failed = ex.getFailedMessages();
            if (failed.isEmpty() || failed.size() >= messages.length) {
                throw ex;
            }
            return failed;
        }
    }

    private MimeMessage message(Outgoing email) throws MessagingException {
        MimeMessage message = (sender instanceof JavaMailSenderImpl impl)
                ? new StableIdMimeMessage(impl.getSession(), "<" + email.messageId() + ">")
                : sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
                StandardCharsets.UTF_8.name());
        helper.setFrom(properties.from());
        if (properties.replyTo() != null && !properties.replyTo().isBlank()) {
            helper.setReplyTo(properties.replyTo());
        }
        helper.setTo(email.to());
        helper.setSubject(email.email().subject());
        helper.setText(email.email().text(), email.email().html());
        message.setHeader("List-Unsubscribe", "<" + email.email().unsubscribeUrl() + ">");
        message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.setHeader("X-Pulseloop-Invitation-Id", email.invitationId());
        return message;
    }

    /** Failure text without the recipient's address (decisions outlive erasure). */
    static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String text = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return text.replaceAll("[^\\s<>@,;]+@[^\\s<>@,;]+", "<address>");
    }

    /** A message whose {@code Message-ID} is set by us rather than generated on save. */
    private static final class StableIdMimeMessage extends MimeMessage {

        private final String messageId;

        StableIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}

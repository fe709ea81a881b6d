package io.pulseloop.survey.email;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * Sends a batch of emails over a few SMTP connections in parallel ({@code pulseloop.survey.email.connections}), behind the Resilience4j circuit breaker {@code smtp}: when the
 * relay is down, sends fail fast instead of each waiting for a timeout, and the scheduler retries them durably.
 *
 * <p>Every message carries {@code List-Unsubscribe: <{base}/u/{token}>} and
 * {@code List-Unsubscribe-Post: List-Unsubscribe=One-Click} (RFC 8058) and a {@code Message-ID} derived from the
 * invitation, so a relay or mailbox can recognise a resend after a crash as the same message.
 */
@Component
public class InvitationMailer implements DisposableBean {

    /** Resilience4j instance name, configured under {@code resilience4j.circuitbreaker.instances.smtp}. */
    public static final String CIRCUIT_BREAKER = "smtp";

    /**
     * Jakarta Mail 2.1 looks its {@code StreamProvider} up through {@code ServiceLoader} (a class-path scan) for every
     * body part, header block and encoded word unless this system property names the implementation; with it, the
     * lookup is a plain class instantiation. Set only when nobody set it, to the provider the service loader would
     * find anyway (Eclipse Angus, Spring Boot's mail implementation).
     */
    static final String STREAM_PROVIDER_PROPERTY = "jakarta.mail.util.StreamProvider";

    static {
        if (System.getProperty(STREAM_PROVIDER_PROPERTY) == null && ClassUtils.isPresent(
                "org.eclipse.angus.mail.util.MailStreamProvider", InvitationMailer.class.getClassLoader())) {
            System.setProperty(STREAM_PROVIDER_PROPERTY, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    /** Emails sent per connection before the deadline is checked again (and the connection renewed). */
    private static final int CHUNK = 25;

    private final JavaMailSender sender;
    private final EmailProperties properties;
    private final CircuitBreaker breaker;
    private final MeterRegistry meters;
    private final ExecutorService senders;
    private final Clock clock;
    private final InternetAddress from;
    private final InternetAddress[] replyTo;

    InvitationMailer(JavaMailSender sender, EmailProperties properties, CircuitBreakerRegistry breakers,
            MeterRegistry meters, Clock clock) throws AddressException {
        this.sender = sender;
        this.clock = clock;
        this.from = new InternetAddress(properties.from(), true);
        this.replyTo = (properties.replyTo() == null || properties.replyTo().isBlank()) ? null
                : InternetAddress.parse(properties.replyTo(), true);
        this.properties = properties;
        this.breaker = breakers.circuitBreaker(CIRCUIT_BREAKER);
        this.meters = meters;
        AtomicInteger threads = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(properties.connections(), runnable -> {
            Thread thread = new Thread(runnable, "smtp-sender-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
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
     * What became of a batch.
     *
     * @param failures     key to failure description, for the emails the relay did not accept
     * @param notAttempted keys of the emails not even tried because the deadline came first
     */
    public record Outcome(Map<String, String> failures, Set<String> notAttempted) {
    }

    /**
     * Sends the emails, in chunks, and starts no chunk after {@code deadline} (by the injected clock), so that a slow
     * relay can never keep sending past the scheduler's lease. Never throws.
     */
    public Outcome sendAll(List<Outgoing> emails, Instant deadline) {
        Map<String, String> failures = new ConcurrentHashMap<>();
        Set<String> notAttempted = ConcurrentHashMap.newKeySet();
        if (emails.isEmpty()) {
            return new Outcome(failures, notAttempted);
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
        List<MimeMessage> messages = new ArrayList<>(keys.keySet());
        if (messages.isEmpty()) {
            return new Outcome(failures, notAttempted);
        }
        int connections = Math.min(properties.connections(), messages.size());
        List<Future<Map<String, String>>> parts = new ArrayList<>();
        for (int connection = 0; connection < connections; connection++) {
            List<MimeMessage> share = new ArrayList<>();
            for (int i = connection; i < messages.size(); i += connections) {
                share.add(messages.get(i));
            }
            parts.add(senders.submit(() -> {
                for (int from = 0; from < share.size(); from += CHUNK) {
                    List<MimeMessage> chunk = share.subList(from, Math.min(share.size(), from + CHUNK));
                    if (clock.instant().isAfter(deadline)) {
                        chunk.forEach(message -> notAttempted.add(keys.get(message)));
                    }
                    else {
                        failures.putAll(sendOverOneConnection(chunk, keys));
                    }
                }
                return failures;
            }));
        }
        for (Future<Map<String, String>> part : parts) {
            try {
                part.get();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while sending emails", ex);
            }
            catch (ExecutionException ex) {
                throw new IllegalStateException("sending emails failed unexpectedly", ex.getCause());
            }
        }
        meters.counter("pulseloop.survey.emails.failed").increment(failures.size());
        return new Outcome(failures, notAttempted);
    }

    private Map<String, String> sendOverOneConnection(List<MimeMessage> share, Map<MimeMessage, String> keys) {
        Map<String, String> failures = new HashMap<>();
        MimeMessage[] messages = share.toArray(MimeMessage[]::new);
        try {
            Map<Object, Exception> partial = breaker.executeCallable(() -> send(messages));
            partial.forEach((message, cause) -> failures.put(keys.get(message), describe(cause)));
        }
        catch (CallNotPermittedException ex) {
            share.forEach(message -> failures.put(keys.get(message), "SMTP circuit breaker is open: "
                    + ex.getMessage()));
        }
        catch (MailSendException ex) {
            Map<Object, Exception> failed = ex.getFailedMessages();
            if (failed.isEmpty()) {
                share.forEach(message -> failures.put(keys.get(message), describe(ex)));
            }
            else {
                failed.forEach((message, cause) -> failures.put(keys.get(message), describe(cause)));
            }
        }
        catch (Exception ex) {
            share.forEach(message -> failures.put(keys.get(message), describe(ex)));
        }
        return failures;
    }

    @Override
    public void destroy() {
        senders.shutdownNow();
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
        message.setFrom(from);
        if (replyTo != null) {
            message.setReplyTo(replyTo);
        }
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(email.to(), true));
        message.setSubject(email.email().subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(clock.instant()));
        MimeBodyPart text = new MimeBodyPart();
        text.setText(email.email().text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(email.email().html(), StandardCharsets.UTF_8.name(), "html");
        message.setContent(new MimeMultipart("alternative", text, html));
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

package io.pulseloop.survey.email;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
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
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * Sends a batch of emails over a few SMTP connections in parallel ({@code pulseloop.survey.email.connections}), one
 * message at a time per connection, behind the Resilience4j circuit breaker {@code smtp}: when the relay is down,
 * sends fail fast instead of each waiting for a timeout, and the scheduler retries them durably.
 *
 * <p><b>Each accepted message is reported before the next one starts on its connection</b> ({@link Delivery}): the
 * scheduler records the invitation as sent right then, so a process that dies mid-batch leaves at most one accepted
 * but unrecorded message per connection — the bound on duplicates after a crash is {@code connections}.
 *
 * <p>Bodies are rendered once into bytes and handed to the message already transfer-encoded (quoted-printable), with
 * their {@code Content-Type} and {@code Content-Transfer-Encoding} set: Jakarta Mail then neither scans the content to
 * choose an encoding (which pipes every body through a helper thread byte by byte) nor re-encodes it when writing.
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

    private static final Logger log = LoggerFactory.getLogger(InvitationMailer.class);

    /** Messages sent over one SMTP connection before it is renewed. */
    private static final int MESSAGES_PER_CONNECTION = 100;

    private final JavaMailSenderImpl sender;
    private final EmailProperties properties;
    private final CircuitBreaker breaker;
    private final MeterRegistry meters;
    private final ExecutorService senders;
    private final Clock clock;
    private final InternetAddress from;
    private final InternetAddress[] replyTo;

    InvitationMailer(JavaMailSender sender, EmailProperties properties, CircuitBreakerRegistry breakers,
            MeterRegistry meters, Clock clock) throws AddressException {
        if (!(sender instanceof JavaMailSenderImpl impl)) {
            throw new IllegalStateException("the invitation mailer needs Spring's JavaMailSenderImpl (spring.mail.*)");
        }
        this.sender = impl;
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

    /** How many messages may be on the wire at once: the bound on messages sent twice after a crash. */
    public int concurrency() {
        return properties.connections();
    }

    /**
     * One email to send.
     *
     * @param key       identifies the email in the result
     * @param messageId the {@code Message-ID} without angle brackets, stable for the invitation and its kind
     */
    public record Outgoing(String key, String to, RenderedEmail email, String messageId, String invitationId) {
    }

    /** Told of each message the relay accepted, on the sending thread, before that connection sends another. */
    @FunctionalInterface
    public interface Delivery {

        /**
         * Records that the relay accepted the email. An exception stops that connection (its remaining emails are
         * not attempted) and the email is reported in {@link Outcome#unrecorded()}.
         */
        void accepted(Outgoing email);
    }

    /**
     * What became of a batch. Every email is in exactly one of: accepted and recorded (reported to the
     * {@link Delivery}, in none of these), {@code unrecorded}, {@code failures}, {@code notAttempted}.
     *
     * @param failures     key to failure description, for the emails the relay did not accept
     * @param notAttempted keys of the emails not even tried because the deadline came first (or recording failed)
     * @param unrecorded   keys of the emails the relay accepted but whose {@link Delivery} threw
     */
    public record Outcome(Map<String, String> failures, Set<String> notAttempted, Set<String> unrecorded) {
    }

    /**
     * Sends the emails, one at a time per connection, reporting each accepted one to {@code delivery} at once, and
     * starts no email after {@code deadline} (by the injected clock), so that a slow relay can never keep sending past
     * the scheduler's lease. Never throws.
     */
    public Outcome sendAll(List<Outgoing> emails, Instant deadline, Delivery delivery) {
        Map<String, String> failures = new ConcurrentHashMap<>();
        Set<String> notAttempted = ConcurrentHashMap.newKeySet();
        Set<String> unrecorded = ConcurrentHashMap.newKeySet();
        if (emails.isEmpty()) {
            return new Outcome(failures, notAttempted, unrecorded);
        }
        Queue<Outgoing> queue = new ConcurrentLinkedQueue<>(emails);
        int connections = Math.min(properties.connections(), emails.size());
        List<Future<?>> parts = new ArrayList<>();
        for (int connection = 0; connection < connections; connection++) {
            parts.add(senders.submit(() -> new Connection(failures, notAttempted, unrecorded).drain(queue, deadline,
                    delivery)));
        }
        for (Future<?> part : parts) {
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
        return new Outcome(failures, notAttempted, unrecorded);
    }

    /** One SMTP connection working through the shared queue. */
    private final class Connection {

        private final Map<String, String> failures;
        private final Set<String> notAttempted;
        private final Set<String> unrecorded;
        private Transport transport;
        private int sentOverIt;

        Connection(Map<String, String> failures, Set<String> notAttempted, Set<String> unrecorded) {
            this.failures = failures;
            this.notAttempted = notAttempted;
            this.unrecorded = unrecorded;
        }

        void drain(Queue<Outgoing> queue, Instant deadline, Delivery delivery) {
            try {
                Outgoing email;
                while ((email = queue.poll()) != null) {
                    if (clock.instant().isAfter(deadline)) {
                        notAttempted.add(email.key());
                        continue;
                    }
                    String failure = sendOne(email);
                    if (failure != null) {
                        failures.put(email.key(), failure);
                        continue;
                    }
                    try {
                        delivery.accepted(email);
                    }
                    catch (RuntimeException ex) {
                        unrecorded.add(email.key());
                        for (Outgoing rest = queue.poll(); rest != null; rest = queue.poll()) {
                            notAttempted.add(rest.key());
                        }
                        log.error("An accepted email could not be recorded; no more emails are sent in this batch", ex);
                        return;
                    }
                }
            }
            finally {
                close();
            }
        }

        /** Sends one message; {@code null} when the relay accepted it, else why not. */
        private String sendOne(Outgoing email) {
            MimeMessage message;
            try {
                message = message(email);
            }
            catch (MessagingException | IllegalArgumentException ex) {
                return "the message could not be built: " + describe(ex);
            }
            try {
                return breaker.executeCallable(() -> transmit(message));
            }
            catch (CallNotPermittedException ex) {
                return "SMTP circuit breaker is open: " + ex.getMessage();
            }
            catch (Exception ex) {
                close();
                return describe(ex);
            }
        }

        /**
         * Hands the message to the relay. A rejected recipient is this message's failure, returned, not the relay's
         * (the breaker counts it as a success); a broken connection throws, counts against the relay, and is renewed.
         */
        private String transmit(MimeMessage message) throws MessagingException {
            if (transport == null || sentOverIt >= MESSAGES_PER_CONNECTION || !transport.isConnected()) {
                close();
                transport = sender.getSession().getTransport(sender.getProtocol() == null ? "smtp"
                        : sender.getProtocol());
                transport.connect(sender.getHost(), sender.getPort(), sender.getUsername(), sender.getPassword());
                sentOverIt = 0;
            }
            message.saveChanges();
            try {
                transport.sendMessage(message, message.getAllRecipients());
                sentOverIt++;
                return null;
            }
            catch (SendFailedException ex) {
                return describe(ex);
            }
        }

        private void close() {
            if (transport != null) {
                try {
                    transport.close();
                }
                catch (MessagingException ex) {
                    // the connection is gone either way
                }
                transport = null;
            }
        }
    }

    @Override
    public void destroy() {
        senders.shutdownNow();
    }

    private MimeMessage message(Outgoing email) throws MessagingException {
        MimeMessage message = new StableIdMimeMessage(sender.getSession(), "<" + email.messageId() + ">");
        message.setFrom(from);
        if (replyTo != null) {
            message.setReplyTo(replyTo);
        }
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(email.to(), true));
        message.setSubject(email.email().subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(clock.instant()));
        message.setContent(new MimeMultipart("alternative", body("text/plain", email.email().text()),
                body("text/html", email.email().html())));
        message.setHeader("List-Unsubscribe", "<" + email.email().unsubscribeUrl() + ">");
        message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.setHeader("X-Pulseloop-Invitation-Id", email.invitationId());
        return message;
    }

    /** A body part holding the text already encoded, with the headers that keep Jakarta Mail from looking at it. */
    static MimeBodyPart body(String type, String content) throws MessagingException {
        InternetHeaders headers = new InternetHeaders();
        headers.setHeader("Content-Type", type + "; charset=UTF-8");
        headers.setHeader("Content-Transfer-Encoding", "quoted-printable");
        return new MimeBodyPart(headers, QuotedPrintable.encode(content.getBytes(StandardCharsets.UTF_8)));
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

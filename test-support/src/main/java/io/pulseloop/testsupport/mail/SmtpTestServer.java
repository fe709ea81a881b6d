package io.pulseloop.testsupport.mail;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A GreenMail SMTP server on a free loopback port that accepts every message without authentication. It is
 * running as soon as {@link #start()} returns, so its port can go into {@code @DynamicPropertySource}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final SmtpTestServer smtp = SmtpTestServer.start();
 *
 * @DynamicPropertySource
 * static void mail(DynamicPropertyRegistry registry) {
 *     smtp.registerProperties(registry);
 * }
 *
 * @Test
 * void emailsTheInvitation() throws Exception {
 *     ...
 *     MimeMessage invitation = smtp.awaitMessages(1, Duration.ofSeconds(10)).get(0);
 *     assertThat(invitation.getSubject()).contains("How did we do?");
 * }
 * }</pre>
 *
 * <p>Registered as a JUnit extension it deletes received messages before each test and stops after the test class.
 * Otherwise, {@link #close()} it. {@code GreenMailUtil.getBody(message)} reads a body.
 */
public final class SmtpTestServer implements BeforeEachCallback, AfterAllCallback, AutoCloseable {

    private final GreenMail greenMail;

    private SmtpTestServer(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /**
     * Starts a server on a free port of 127.0.0.1 and returns once it accepts connections.
     *
     * @return the running server
     */
    public static SmtpTestServer start() {
        GreenMail greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        return new SmtpTestServer(greenMail);
    }

    /**
     * The host the server listens on.
     *
     * @return {@code 127.0.0.1}
     */
    public String host() {
        return this.greenMail.getSmtp().getBindTo();
    }

    /**
     * The port the server listens on.
     *
     * @return the port
     */
    public int port() {
        return this.greenMail.getSmtp().getPort();
    }

    /**
     * The Spring Boot mail properties that point {@code JavaMailSender} at this server.
     *
     * @return {@code spring.mail.host} and {@code spring.mail.port}
     */
    public Map<String, String> springProperties() {
        return Map.of("spring.mail.host", host(), "spring.mail.port", String.valueOf(port()));
    }

    /**
     * Adds {@link #springProperties()} to a {@code @DynamicPropertySource} registry.
     *
     * @param registry the registry
     */
    public void registerProperties(DynamicPropertyRegistry registry) {
        springProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    /**
     * The messages received so far (since the last purge), oldest first.
     *
     * @return a snapshot
     */
    public List<MimeMessage> receivedMessages() {
        return Arrays.asList(this.greenMail.getReceivedMessages());
    }

    /**
     * Waits until at least {@code count} messages have been received (one per recipient).
     *
     * @param count how many messages to wait for
     * @param timeout how long to wait
     * @return all received messages, oldest first; at least {@code count}
     * @throws AssertionError if fewer arrive in time
     */
    public List<MimeMessage> awaitMessages(int count, Duration timeout) {
        try {
            return Awaitility.await()
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(20))
                    .until(this::receivedMessages, messages -> messages.size() >= count);
        }
        catch (ConditionTimeoutException ex) {
            throw new AssertionError("Expected " + count + " mail message(s) within " + timeout + " but received "
                    + receivedMessages().size(), ex);
        }
    }

    /**
     * Deletes every received message.
     */
    public void purge() {
        try {
            this.greenMail.purgeEmailFromAllMailboxes();
        }
        catch (FolderException ex) {
            throw new IllegalStateException("Could not purge the SMTP test server's mailboxes", ex);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        purge();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    /**
     * Stops the server; idempotent.
     */
    @Override
    public void close() {
        if (this.greenMail.isRunning()) {
            this.greenMail.stop();
        }
    }
}

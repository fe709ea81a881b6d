package io.pulseloop.testsupport.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SmtpTestServerTests {

    @RegisterExtension
    static final SmtpTestServer smtp = SmtpTestServer.start();

    @Test
    void capturesWhatIsSentToIt() throws Exception {
        send("anna@example.com", "How did we do?", "Rate us from 0 to 10.");

        List<MimeMessage> messages = smtp.awaitMessages(1, Duration.ofSeconds(5));

        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).getSubject()).isEqualTo("How did we do?");
        assertThat(GreenMailUtil.getBody(messages.get(0))).contains("Rate us from 0 to 10.");
    }

    @Test
    void startsEveryTestWithAnEmptyMailbox() throws Exception {
        send("ben@example.com", "One", "first");
        smtp.awaitMessages(1, Duration.ofSeconds(5));

        smtp.purge();

        assertThat(smtp.receivedMessages()).isEmpty();
    }

    @Test
    void failsWhenTooFewMessagesArrive() {
        assertThatExceptionOfType(AssertionError.class)
                .isThrownBy(() -> smtp.awaitMessages(1, Duration.ofMillis(200)))
                .withMessageContaining("received 0");
    }

    @Test
    void offersTheSpringMailProperties() {
        assertThat(smtp.port()).isPositive();
        assertThat(smtp.springProperties())
                .containsEntry("spring.mail.host", "127.0.0.1")
                .containsEntry("spring.mail.port", String.valueOf(smtp.port()));
    }

    private static void send(String to, String subject, String body) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", smtp.host());
        properties.put("mail.smtp.port", String.valueOf(smtp.port()));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("surveys@pulseloop.io"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText(body);
        Transport.send(message);
    }
}

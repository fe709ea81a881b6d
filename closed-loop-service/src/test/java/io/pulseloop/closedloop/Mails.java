package io.pulseloop.closedloop;

import java.io.IOException;
import java.util.List;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** Reading what GreenMail received. */
public final class Mails {

    private Mails() {
    }

    /** Messages to one address whose subject contains {@code subjectPart}. */
    public static List<MimeMessage> to(String address, String subjectPart) {
        return AlertPeers.SMTP.receivedMessages().stream().filter(m -> {
            try {
                return m.getRecipients(Message.RecipientType.TO)[0].toString().equals(address)
                        && m.getSubject().contains(subjectPart);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The decoded HTML body of a single-part message. */
    public static String body(MimeMessage message) {
        try {
            return (String) message.getContent();
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.pulseloop.survey;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** Reading received emails in tests. */
public final class Mails {

    private static final Pattern TOKEN = Pattern.compile("/s/([A-Za-z0-9_-]{22,})");

    private Mails() {
    }

    /** The messages addressed to {@code recipient}, oldest first. */
    public static List<MimeMessage> to(List<MimeMessage> messages, String recipient) {
        return messages.stream().filter(message -> recipients(message).contains(recipient)).toList();
    }

    public static String text(MimeMessage message) {
        return part(message, "text/plain");
    }

    public static String html(MimeMessage message) {
        return part(message, "text/html");
    }

    public static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, ",");
        }
        catch (MessagingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        }
        catch (MessagingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The token of the survey link in the text body. */
    public static String token(MimeMessage message) {
        Matcher matcher = TOKEN.matcher(text(message));
        if (!matcher.find()) {
            throw new AssertionError("no survey link in: " + text(message));
        }
        return matcher.group(1);
    }

    private static String recipients(MimeMessage message) {
        try {
            Address[] addresses = message.getAllRecipients();
            StringBuilder all = new StringBuilder();
            if (addresses != null) {
                for (Address address : addresses) {
                    all.append(address.toString()).append(' ');
                }
            }
            return all.toString();
        }
        catch (MessagingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String part(Part part, String type) {
        try {
            if (part.isMimeType(type)) {
                return (String) part.getContent();
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    String found = part(multipart.getBodyPart(i), type);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        }
        catch (MessagingException | IOException ex) {
            throw new IllegalStateException(ex);
        }
    }
}

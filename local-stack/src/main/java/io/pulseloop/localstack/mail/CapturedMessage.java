package io.pulseloop.localstack.mail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

/**
 * One message received over SMTP: its raw bytes as received, and what the Mailpit API shows of it.
 *
 * @param id the capture's own id (Mailpit's {@code ID})
 * @param created when it was received
 * @param raw the message as received (after SMTP dot-unstuffing)
 */
public record CapturedMessage(String id, Instant created, byte[] raw, String messageId, Address from, List<Address> to,
        List<Address> cc, List<Address> replyTo, String subject, Instant date, String text, String html,
        int attachments, Map<String, List<String>> headers) {

    static {
        // Jakarta Mail looks its StreamProvider up on every message it decodes: a ServiceLoader over the class path
        // unless this property names the class. In the launcher's executable jar every such lookup opened each nested
        // jar's service entries: 43 % of the infrastructure JVM's CPU samples while emails came in (benchmark run of
        // 2026-12-07 12:59). Named, it is one Class.forName.
        System.getProperties().putIfAbsent("jakarta.mail.util.StreamProvider",
                "org.eclipse.angus.mail.util.MailStreamProvider");
    }

    private static final Session SESSION = Session.getInstance(new Properties());

    /** Parses {@code raw}; a message that is not valid MIME still appears, with what could be read. */
    static CapturedMessage parse(String id, Instant created, byte[] raw) {
        try {
            MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
            Bodies bodies = new Bodies();
            bodies.collect(message);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (Enumeration<Header> all = message.getAllHeaders(); all.hasMoreElements();) {
                Header header = all.nextElement();
                headers.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(decode(header.getValue()));
            }
            return new CapturedMessage(id, created, raw, stripAngles(message.getMessageID()),
                    first(message.getFrom()), list(message.getRecipients(MimeMessage.RecipientType.TO)),
                    list(message.getRecipients(MimeMessage.RecipientType.CC)), list(message.getReplyTo()),
                    message.getSubject() == null ? "" : message.getSubject(),
                    message.getSentDate() == null ? created : message.getSentDate().toInstant(),
                    bodies.text, bodies.html, bodies.attachments, headers);
        } catch (MessagingException | IOException | RuntimeException e) {
            return new CapturedMessage(id, created, raw, "", null, List.of(), List.of(), List.of(), "", created,
                    new String(raw, java.nio.charset.StandardCharsets.UTF_8), "", 0, Map.of());
        }
    }

    /** The plain text, or the HTML without tags, whitespace collapsed, at most 250 characters (Mailpit's snippet). */
    public String snippet() {
        String source = text.isBlank() ? html.replaceAll("(?s)<(style|script)[^>]*>.*?</\\1>", " ")
                .replaceAll("<[^>]+>", " ") : text;
        String collapsed = unescapeEntities(source).replaceAll("\\s+", " ").strip();
        return collapsed.length() <= 250 ? collapsed : collapsed.substring(0, 250);
    }

    /** The few HTML entities a snippet of an HTML-only body shows; the rest stay as they are. */
    private String unescapeEntities(String source) {
        if (!text.isBlank()) {
            return source;
        }
        return source.replace("&nbsp;", " ").replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&amp;", "&");
    }

    public int size() {
        return raw.length;
    }

    /** Every recipient address of the To and Cc headers, as plain addresses. */
    public List<String> recipientAddresses() {
        List<String> addresses = new ArrayList<>();
        for (Address address : to) {
            addresses.add(address(address));
        }
        for (Address address : cc) {
            addresses.add(address(address));
        }
        return addresses;
    }

    public List<String> header(String name) {
        return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                .flatMap(entry -> entry.getValue().stream()).toList();
    }

    static String address(Address address) {
        return address instanceof InternetAddress internet ? internet.getAddress() : String.valueOf(address);
    }

    static String name(Address address) {
        return address instanceof InternetAddress internet && internet.getPersonal() != null ? internet.getPersonal()
                : "";
    }

    private static String decode(String value) {
        try {
            return MimeUtility.decodeText(MimeUtility.unfold(value));
        } catch (IOException | RuntimeException e) {
            return value;
        }
    }

    private static String stripAngles(String messageId) {
        if (messageId == null) {
            return "";
        }
        return messageId.startsWith("<") && messageId.endsWith(">")
                ? messageId.substring(1, messageId.length() - 1) : messageId;
    }

    private static Address first(Address[] addresses) {
        return addresses == null || addresses.length == 0 ? null : addresses[0];
    }

    private static List<Address> list(Address[] addresses) {
        return addresses == null ? List.of() : Collections.unmodifiableList(Arrays.asList(addresses));
    }

    /** Walks the MIME tree: the first inline text/plain and text/html parts are the bodies, the rest attachments. */
    private static final class Bodies {
        private String text = "";
        private String html = "";
        private int attachments;

        void collect(Part part) throws MessagingException, IOException {
            boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition());
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    collect(multipart.getBodyPart(i));
                }
            } else if (!attachment && part.isMimeType("text/plain") && text.isEmpty()) {
                text = content(part);
            } else if (!attachment && part.isMimeType("text/html") && html.isEmpty()) {
                html = content(part);
            } else if (!part.isMimeType("message/rfc822") || attachment) {
                attachments++;
            }
        }

        private static String content(Part part) throws MessagingException, IOException {
            Object content = part.getContent();
            if (content instanceof String string) {
                return string;
            }
            try (InputStream input = part.getInputStream()) {
                return new String(input.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
    }
}

package io.pulseloop.systemtests;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** An invitation as the customer's mail client sees it: decoded text and HTML, headers, links. */
record Email(String to, String subject, String text, String html, String listUnsubscribe, String listUnsubscribePost) {

    private static final Pattern SURVEY_LINK = Pattern.compile("(https?://[^\\s\"'<>]+/s/([A-Za-z0-9_\\-]+))");

    static Email of(MimeMessage message) {
        try {
            List<String> texts = new ArrayList<>();
            List<String> htmls = new ArrayList<>();
            collect(message, texts, htmls);
            return new Email(message.getRecipients(Message.RecipientType.TO)[0].toString(), message.getSubject(),
                    String.join("\n", texts), String.join("\n", htmls), message.getHeader("List-Unsubscribe", ","),
                    message.getHeader("List-Unsubscribe-Post", ","));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("unreadable email", e);
        }
    }

    /** The survey link of the text body, {@code {base}/s/{token}}. */
    String surveyLink() {
        Matcher matcher = SURVEY_LINK.matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("no survey link in the text body:\n" + text);
        }
        return matcher.group(1);
    }

    String token() {
        String link = surveyLink();
        return link.substring(link.lastIndexOf('/') + 1);
    }

    /** The one-click link for {@code score}, as it appears in the text body. */
    Optional<String> scoreLink(int score) {
        Matcher matcher = Pattern.compile("(https?://[^\\s\"'<>]+/s/[A-Za-z0-9_\\-]+\\?score=" + score + ")(?![0-9])")
                .matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static void collect(Part part, List<String> texts, List<String> htmls)
            throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            texts.add((String) part.getContent());
        } else if (part.isMimeType("text/html")) {
            htmls.add((String) part.getContent());
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                collect(body, texts, htmls);
            }
        }
    }
}

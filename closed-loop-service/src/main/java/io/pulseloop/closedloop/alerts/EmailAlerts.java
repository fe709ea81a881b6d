package io.pulseloop.closedloop.alerts;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import io.pulseloop.closedloop.owners.OwnerDirectory;

/**
 * Alert emails from Thymeleaf templates ({@code templates/mail/*.html}, text escaped by Thymeleaf) in the contact's
 * language when it is English, Czech or Polish, else English.
 */
@Component
class EmailAlerts {

    static final Set<String> LANGUAGES = Set.of("en", "cs", "pl");

    private final JavaMailSender mail;
    private final ITemplateEngine templates;
    private final MessageSource messages;
    private final OwnerDirectory owners;
    private final AlertProperties properties;
    private final ZoneId zone;

    EmailAlerts(JavaMailSender mail, ITemplateEngine templates, MessageSource messages, OwnerDirectory owners,
            AlertProperties properties, @Value("${pulseloop.followup.time-zone:Europe/Prague}") ZoneId zone) {
        this.mail = mail;
        this.templates = templates;
        this.messages = messages;
        this.owners = owners;
        this.properties = properties;
        this.zone = zone;
    }

    /** The recipient's address, once the owner is known from {@code crm.owner.upserted}. */
    Optional<String> recipient(AlertRequest alert) {
        return alert.recipientOwnerId() == null ? Optional.empty() : owners.emailOf(alert.recipientOwnerId());
    }

    void send(AlertRequest alert, String to) throws MessagingException {
        Locale locale = localeOf(alert.locale());
        Context context = new Context(locale);
        context.setVariable("alert", alert);
        context.setVariable("link", alert.taskId() == null ? properties.inboxBaseUrl() + "/inbox"
                : properties.taskLink(alert.taskId()));
        context.setVariable("inboxLink", properties.inboxBaseUrl() + "/inbox");
        context.setVariable("due", alert.dueAt() == null ? null : format(alert.dueAt(), locale));
        context.setVariable("nextAttempt", alert.nextAttemptAt() == null ? null : format(alert.nextAttemptAt(), locale));
        context.setVariable("zone", zone);
        String template = alert.kind() == AlertKind.DIGEST ? "mail/digest" : "mail/task-alert";
        String html = templates.process(template, context);
        String reason = alert.reason() == null ? "" : messages.getMessage("reason." + alert.reason(), null,
                alert.reason(), locale);
        String subject = messages.getMessage("mail.subject." + alert.kind(), new Object[] {reason,
            alert.contactName() == null ? "" : alert.contactName(),
            alert.accountName() == null ? "" : alert.accountName()}, locale);
        MimeMessage message = mail.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
        helper.setFrom(properties.from());
        helper.setTo(to);
        helper.setSubject(subject.replaceAll("\\s+\\(\\)", "").trim());
        helper.setText(html, true);
        mail.send(message);
    }

    private String format(java.time.Instant at, Locale locale) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale)
                .withZone(zone).format(at);
    }

    static Locale localeOf(String tag) {
        if (tag == null) {
            return Locale.ENGLISH;
        }
        Locale locale = Locale.forLanguageTag(tag);
        return LANGUAGES.contains(locale.getLanguage()) ? new Locale(locale.getLanguage()) : Locale.ENGLISH;
    }
}

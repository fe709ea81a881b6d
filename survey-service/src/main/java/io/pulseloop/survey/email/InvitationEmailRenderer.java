package io.pulseloop.survey.email;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.pulseloop.events.survey.Metric;
import io.pulseloop.survey.definitions.SurveyDefinition;
import io.pulseloop.survey.definitions.SurveyTexts;

/**
 * Renders an invitation (or its reminder) in one language: a plain-text and an HTML body, both with the survey link
 * {@code {base}/s/{token}}, one link per score {@code {base}/s/{token}?score=N} and a visible unsubscribe link
 * {@code {base}/u/{token}}. Every text that goes into the HTML is escaped, the survey's own texts included.
 */
public final class InvitationEmailRenderer {

    private static final Map<String, DateTimeFormatter> DATES = new ConcurrentHashMap<>();

    private final String baseUrl;

    public InvitationEmailRenderer(String publicBaseUrl) {
        this.baseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
    }

    /** The language to render in: the contact's when the survey has texts in it, else English. */
    public static String languageFor(SurveyDefinition survey, String contactLanguage) {
        if (contactLanguage != null && survey.texts().question() != null
                && survey.texts().question().containsKey(contactLanguage)) {
            return contactLanguage;
        }
        return "en";
    }

    public RenderedEmail render(SurveyDefinition survey, String language, String token, Instant expiresAt,
            ZoneId zone, boolean reminder) {
        EmailChrome chrome = EmailChrome.in(language);
        SurveyTexts texts = survey.texts();
        String surveyUrl = baseUrl + "/s/" + token;
        String unsubscribeUrl = baseUrl + "/u/" + token;
        Metric metric = survey.metric();
        List<String> scoreUrls = new ArrayList<>();
        for (int score = metric.min(); score <= metric.max(); score++) {
            scoreUrls.add(surveyUrl + "?score=" + score);
        }
        String subject = (reminder ? chrome.reminderPrefix() : "") + SurveyTexts.in(texts.emailSubject(), language);
        String intro = SurveyTexts.in(texts.emailIntro(), language);
        String question = SurveyTexts.in(texts.question(), language);
        String low = SurveyTexts.in(texts.lowLabel(), language);
        String high = SurveyTexts.in(texts.highLabel(), language);
        String until = chrome.validUntil().formatted(DATES.computeIfAbsent(language, tag -> DateTimeFormatter
                .ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.forLanguageTag(tag)))
                .format(expiresAt.atZone(zone)));

        StringBuilder text = new StringBuilder();
        text.append(chrome.greeting()).append("\n\n");
        if (reminder) {
            text.append(chrome.reminderIntro()).append("\n\n");
        }
        text.append(intro).append("\n\n").append(question).append('\n');
        text.append(metric.min()).append(" = ").append(low).append(", ").append(metric.max()).append(" = ")
                .append(high).append('\n').append(chrome.chooseScore()).append('\n');
        for (int i = 0; i < scoreUrls.size(); i++) {
            text.append("  ").append(metric.min() + i).append(": ").append(scoreUrls.get(i)).append('\n');
        }
        text.append('\n').append(chrome.orOpen()).append(' ').append(surveyUrl).append("\n\n");
        text.append(until).append("\n\n").append(chrome.thanks()).append("\n\n-- \n");
        text.append(chrome.unsubscribePrompt()).append(' ').append(chrome.unsubscribeLink()).append(": ")
                .append(unsubscribeUrl).append('\n');

        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"").append(escape(language)).append("\"><head><meta charset=\"UTF-8\">")
                .append("<title>").append(escape(subject)).append("</title></head>\n")
                .append("<body style=\"font-family:Arial,Helvetica,sans-serif;color:#222;max-width:640px\">\n");
        html.append("<p>").append(escape(chrome.greeting())).append("</p>\n");
        if (reminder) {
            html.append("<p>").append(escape(chrome.reminderIntro())).append("</p>\n");
        }
        html.append("<p>").append(escape(intro)).append("</p>\n");
        html.append("<p><strong>").append(escape(question)).append("</strong></p>\n");
        html.append("<p>").append(escape(chrome.chooseScore())).append("</p>\n<table role=\"presentation\"><tr>");
        for (int i = 0; i < scoreUrls.size(); i++) {
            html.append("<td><a href=\"").append(escape(scoreUrls.get(i))).append("\" style=\"display:inline-block;")
                    .append("padding:8px 12px;border:1px solid #888;border-radius:4px;text-decoration:none\">")
                    .append(metric.min() + i).append("</a></td>");
        }
        html.append("</tr></table>\n<p style=\"font-size:13px\">").append(metric.min()).append(" = ")
                .append(escape(low)).append(" &middot; ").append(metric.max()).append(" = ").append(escape(high))
                .append("</p>\n");
        html.append("<p><a href=\"").append(escape(surveyUrl)).append("\">").append(escape(chrome.openSurvey()))
                .append("</a></p>\n");
        html.append("<p>").append(escape(until)).append("</p>\n<p>").append(escape(chrome.thanks())).append("</p>\n");
        html.append("<hr><p style=\"font-size:12px;color:#666\">").append(escape(chrome.unsubscribePrompt()))
                .append(" <a href=\"").append(escape(unsubscribeUrl)).append("\">")
                .append(escape(chrome.unsubscribeLink())).append("</a></p>\n</body></html>\n");
        return new RenderedEmail(subject, text.toString(), html.toString(), surveyUrl, List.copyOf(scoreUrls),
                unsubscribeUrl);
    }

    /** HTML escaping of text and attribute values. */
    static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}

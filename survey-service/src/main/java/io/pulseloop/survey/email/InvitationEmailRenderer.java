package io.pulseloop.survey.email;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import io.pulseloop.events.survey.Metric;
import io.pulseloop.survey.definitions.SurveyDefinition;
import io.pulseloop.survey.definitions.SurveyTexts;

/**
 * Renders an invitation (or its reminder) in one language from the Thymeleaf templates {@code mail/invitation.txt}
 * and {@code mail/invitation.html}, with the fixed wording from the message bundle {@code mail/messages} (en, cs, pl;
 * English for any other language) and the survey's own texts: a plain-text and an HTML body, both with the survey link
 * {@code {base}/s/{token}}, one link per score {@code {base}/s/{token}?score=N} and a visible unsubscribe link
 * {@code {base}/u/{token}}. Thymeleaf escapes every text that goes into the HTML, the survey's own texts included.
 *
 * <p>Fast enough for the send path: the templates are parsed once and cached, and the engine runs once per distinct
 * email rather than once per message — a batch's emails differ only in their token, so the bodies are rendered with a
 * placeholder in its place (the same survey texts, language, kind and expiry date give the same bodies), kept in a
 * small cache, and each message gets its token put into the links. The token is URL-safe Base64, which neither HTML
 * nor URL escaping changes, so the result is exactly what rendering with the token would give.
 */
public final class InvitationEmailRenderer {

    private static final Map<String, DateTimeFormatter> DATES = new ConcurrentHashMap<>();

    /** Stands for the token while rendering: letters only, so no escaping touches it. */
    static final String TOKEN_PLACEHOLDER = "PULSELOOPTOKENPLACEHOLDERx7Qz";

    /** Distinct bodies kept; a batch needs a handful (surveys × languages × kinds × expiry dates). */
    private static final int CACHED_BODIES = 512;

    private final Map<BodyKey, Bodies> bodies = new ConcurrentHashMap<>();

    private final String baseUrl;
    private final SpringTemplateEngine html;
    private final SpringTemplateEngine text;
    private final MessageSource messages;

    /** A renderer with the bundled templates and wording. */
    public InvitationEmailRenderer(String publicBaseUrl) {
        this(publicBaseUrl, defaultMessages());
    }

    public InvitationEmailRenderer(String publicBaseUrl, MessageSource messages) {
        this.baseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
        this.messages = messages;
        this.html = engine(TemplateMode.HTML, ".html", messages);
        this.text = engine(TemplateMode.TEXT, ".txt", messages);
    }

    /** The wording of the emails: {@code mail/messages*.properties}, UTF-8, English when a language is missing. */
    public static MessageSource defaultMessages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("mail/messages");
        source.setDefaultEncoding(StandardCharsets.UTF_8.name());
        source.setFallbackToSystemLocale(false);
        return source;
    }

    private static SpringTemplateEngine engine(TemplateMode mode, String suffix, MessageSource messages) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("mail/");
        resolver.setSuffix(suffix);
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        engine.setTemplateEngineMessageSource(messages);
        engine.setEnableSpringELCompiler(true);
        return engine;
    }

    /** The language to render in: the contact's when the survey has texts in it, else English. */
    public static String languageFor(SurveyDefinition survey, String contactLanguage) {
        if (contactLanguage != null && survey.texts().question() != null
                && survey.texts().question().containsKey(contactLanguage)) {
            return contactLanguage;
        }
        return "en";
    }

    /** One score's one-click link, as the templates list them. */
    public record ScoreLink(int value, String url) {
    }

    public RenderedEmail render(SurveyDefinition survey, String language, String token, Instant expiresAt,
            ZoneId zone, boolean reminder) {
        String validUntil = DATES.computeIfAbsent(language, tag -> DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                .withLocale(Locale.forLanguageTag(tag))).format(expiresAt.atZone(zone));
        BodyKey key = new BodyKey(survey.metric(), survey.texts(), language, reminder, validUntil);
        Bodies rendered = bodies.get(key);
        if (rendered == null) {
            if (bodies.size() >= CACHED_BODIES) {
                bodies.clear();
            }
            rendered = renderWithPlaceholder(key);
            bodies.put(key, rendered);
        }
        String surveyUrl = baseUrl + "/s/" + token;
        List<String> scoreUrls = new ArrayList<>();
        for (int score = survey.metric().min(); score <= survey.metric().max(); score++) {
            scoreUrls.add(surveyUrl + "?score=" + score);
        }
        return new RenderedEmail(rendered.subject(), rendered.text().replace(TOKEN_PLACEHOLDER, token),
                rendered.html().replace(TOKEN_PLACEHOLDER, token), surveyUrl, List.copyOf(scoreUrls),
                baseUrl + "/u/" + token);
    }

    /** What makes two emails' bodies the same apart from the token. */
    private record BodyKey(Metric metric, SurveyTexts texts, String language, boolean reminder, String validUntil) {
    }

    private record Bodies(String subject, String text, String html) {
    }

    private Bodies renderWithPlaceholder(BodyKey key) {
        String language = key.language();
        Locale locale = Locale.forLanguageTag(language);
        SurveyTexts texts = key.texts();
        String surveyUrl = baseUrl + "/s/" + TOKEN_PLACEHOLDER;
        Metric metric = key.metric();
        List<ScoreLink> scores = new ArrayList<>();
        for (int score = metric.min(); score <= metric.max(); score++) {
            scores.add(new ScoreLink(score, surveyUrl + "?score=" + score));
        }
        String surveySubject = SurveyTexts.in(texts.emailSubject(), language);
        String subject = key.reminder()
                ? messages.getMessage("mail.reminderSubject", new Object[] {surveySubject}, locale) : surveySubject;
        Map<String, Object> variables = new HashMap<>();
        variables.put("language", language);
        variables.put("subject", subject);
        variables.put("reminder", key.reminder());
        variables.put("intro", SurveyTexts.in(texts.emailIntro(), language));
        variables.put("question", SurveyTexts.in(texts.question(), language));
        variables.put("low", SurveyTexts.in(texts.lowLabel(), language));
        variables.put("high", SurveyTexts.in(texts.highLabel(), language));
        variables.put("min", metric.min());
        variables.put("max", metric.max());
        variables.put("scores", scores);
        variables.put("surveyUrl", surveyUrl);
        variables.put("unsubscribeUrl", baseUrl + "/u/" + TOKEN_PLACEHOLDER);
        variables.put("validUntil", key.validUntil());
        Context context = new Context(locale, variables);
        return new Bodies(subject, text.process("invitation", context), html.process("invitation", context));
    }
}

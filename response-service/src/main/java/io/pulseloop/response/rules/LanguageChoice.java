package io.pulseloop.response.rules;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which language a public page speaks. An explicit {@code ?lang=} wins, then the browser's
 * {@code Accept-Language} (the contract makes both overrides), then the contact's locale from the invitation, then
 * English. Only supported languages are ever chosen; region subtags are ignored ({@code cs-CZ} is Czech).
 */
public final class LanguageChoice {

    /** The languages the pages and the built-in texts are available in; the first is the fallback. */
    public static final List<String> SUPPORTED = List.of("en", "cs", "pl");

    /** The fallback language. */
    public static final String FALLBACK = "en";

    private LanguageChoice() {
    }

    /**
     * @param explicit       the {@code lang} request parameter, or {@code null}
     * @param acceptLanguage the {@code Accept-Language} header, or {@code null}
     * @param contactLocale  the invitation's locale (BCP 47), or {@code null} when there is no invitation
     * @return one of {@link #SUPPORTED}
     */
    public static String choose(String explicit, String acceptLanguage, String contactLocale) {
        return supported(explicit)
                .or(() -> fromAcceptLanguage(acceptLanguage))
                .or(() -> supported(contactLocale))
                .orElse(FALLBACK);
    }

    /** The supported language of a BCP 47 tag such as {@code pl-PL}, if it is one. */
    public static Optional<String> supported(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String language = Locale.forLanguageTag(tag.trim().replace('_', '-')).getLanguage();
        return SUPPORTED.contains(language) ? Optional.of(language) : Optional.empty();
    }

    /** The supported language the header prefers most, ignoring unsupported ones and malformed headers. */
    static Optional<String> fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            return Locale.LanguageRange.parse(header).stream()
                    .filter(range -> range.getWeight() > 0)
                    .map(range -> supported(range.getRange()))
                    .flatMap(Optional::stream)
                    .findFirst();
        }
        catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** The text in the language, else English, else any; {@code null} for an absent map. */
    public static String pick(Map<String, String> texts, String language) {
        if (texts == null || texts.isEmpty()) {
            return null;
        }
        String text = texts.get(language);
        if (text == null) {
            text = texts.get(FALLBACK);
        }
        return text != null ? text : texts.values().iterator().next();
    }
}

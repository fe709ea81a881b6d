package io.pulseloop.response.pages;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

import io.pulseloop.response.invitations.Invitation;
import io.pulseloop.response.rules.LanguageChoice;

/**
 * The language of a public page ({@link LanguageChoice}): chosen by the controller once it knows the invitation,
 * and read back by Thymeleaf through this {@link LocaleResolver} (bean name {@code localeResolver}).
 */
@Component("localeResolver")
class PageLanguages implements LocaleResolver {

    private static final String CHOSEN = PageLanguages.class.getName() + ".chosen";

    /** Chooses the page language for a request about an invitation ({@code null} when there is none). */
    String choose(HttpServletRequest request, Invitation invitation) {
        String language = LanguageChoice.choose(request.getParameter("lang"),
                request.getHeader(HttpHeaders.ACCEPT_LANGUAGE), invitation == null ? null : invitation.locale());
        request.setAttribute(CHOSEN, Locale.forLanguageTag(language));
        return language;
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        Object chosen = request.getAttribute(CHOSEN);
        if (chosen instanceof Locale locale) {
            return locale;
        }
        return Locale.forLanguageTag(LanguageChoice.choose(request.getParameter("lang"),
                request.getHeader(HttpHeaders.ACCEPT_LANGUAGE), null));
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        request.setAttribute(CHOSEN, locale);
    }
}

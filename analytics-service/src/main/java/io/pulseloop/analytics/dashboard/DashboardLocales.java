package io.pulseloop.analytics.dashboard;

import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/** The dashboard's language: {@code ?lang=en|cs|pl}, else the best of {@code Accept-Language}, else English. */
@Configuration
class DashboardLocales {

    private static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("cs"),
            Locale.forLanguageTag("pl"));

    @Bean
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver byHeader = new AcceptHeaderLocaleResolver();
        byHeader.setSupportedLocales(SUPPORTED);
        byHeader.setDefaultLocale(Locale.ENGLISH);
        return new LocaleResolver() {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                String lang = request.getParameter("lang");
                if (lang != null) {
                    for (Locale supported : SUPPORTED) {
                        if (supported.getLanguage().equalsIgnoreCase(lang)) {
                            return supported;
                        }
                    }
                }
                return byHeader.resolveLocale(request);
            }

            @Override
            public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
                throw new UnsupportedOperationException("the language comes from ?lang= or Accept-Language");
            }
        };
    }
}

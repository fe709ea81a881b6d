package io.pulseloop.survey.email;

import java.util.Map;

/** The fixed wording around a survey's own texts, in English, Czech and Polish; other languages get English. */
record EmailChrome(String greeting, String chooseScore, String openSurvey, String orOpen, String validUntil,
        String unsubscribePrompt, String unsubscribeLink, String reminderPrefix, String reminderIntro,
        String thanks) {

    private static final Map<String, EmailChrome> BY_LANGUAGE = Map.of(
            "en", new EmailChrome(
                    "Hello,",
                    "Click your answer:",
                    "Open the survey",
                    "Or open the survey:",
                    "The link is valid until %s.",
                    "Don't want survey emails?",
                    "Unsubscribe from surveys",
                    "Reminder: ",
                    "We haven't heard from you yet, and your opinion still counts.",
                    "Thank you!"),
            "cs", new EmailChrome(
                    "Dobrý den,",
                    "Klikněte na svou odpověď:",
                    "Otevřít dotazník",
                    "Nebo otevřete dotazník:",
                    "Odkaz platí do %s.",
                    "Nechcete dostávat dotazníky?",
                    "Odhlásit se z dotazníků",
                    "Připomínka: ",
                    "Zatím jsme od vás nedostali odpověď a váš názor pro nás stále hodně znamená.",
                    "Děkujeme!"),
            "pl", new EmailChrome(
                    "Dzień dobry,",
                    "Kliknij swoją odpowiedź:",
                    "Otwórz ankietę",
                    "Możesz też otworzyć ankietę:",
                    "Link jest ważny do %s.",
                    "Nie chcesz otrzymywać ankiet?",
                    "Wypisz się z ankiet",
                    "Przypomnienie: ",
                    "Nie otrzymaliśmy jeszcze Twojej odpowiedzi, a Twoja opinia wciąż jest dla nas ważna.",
                    "Dziękujemy!"));

    static EmailChrome in(String language) {
        return BY_LANGUAGE.getOrDefault(language, BY_LANGUAGE.get("en"));
    }
}

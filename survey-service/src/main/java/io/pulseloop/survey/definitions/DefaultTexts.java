package io.pulseloop.survey.definitions;

import java.util.List;
import java.util.Map;

import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.survey.ScoreCategory;
import io.pulseloop.events.survey.SurveySnapshot.QuestionType;

/**
 * The texts a survey gets when its definition does not give its own, per metric, in English, Czech and Polish; and
 * the questions shipped with the default surveys.
 */
public final class DefaultTexts {

    static final Map<String, String> WHY = texts(
            "What is the main reason for your score?",
            "Co je hlavním důvodem vašeho hodnocení?",
            "Jaki jest główny powód Twojej oceny?");

    private DefaultTexts() {
    }

    /** The default texts of a metric. */
    public static SurveyTexts forMetric(Metric metric) {
        return switch (metric) {
            case NPS -> new SurveyTexts(
                    texts("Your experience with us", "Vaše zkušenost s námi", "Twoje doświadczenia z nami"),
                    texts("How likely are you to recommend us to a friend or colleague?",
                            "Jak pravděpodobné je, že byste nás doporučili příteli nebo kolegovi?",
                            "Jak prawdopodobne jest, że polecisz nas znajomemu lub współpracownikowi?"),
                    texts("Not at all likely", "Vůbec nepravděpodobné", "Zupełnie nieprawdopodobne"),
                    texts("Extremely likely", "Velmi pravděpodobné", "Bardzo prawdopodobne"),
                    WHY,
                    texts("Would you recommend us?", "Doporučili byste nás?", "Czy polecił(a)byś nas?"),
                    texts("Thank you for doing business with us. We would value your opinion: one question, one "
                                    + "click.",
                            "Děkujeme, že s námi spolupracujete. Velmi si vážíme vašeho názoru: jedna otázka, jedno "
                                    + "kliknutí.",
                            "Dziękujemy za współpracę. Twoja opinia jest dla nas bardzo ważna: jedno pytanie, jedno "
                                    + "kliknięcie."));
            case CSAT -> new SurveyTexts(
                    texts("Your satisfaction", "Vaše spokojenost", "Twoje zadowolenie"),
                    texts("How satisfied are you with our service?",
                            "Jak jste spokojeni s našimi službami?",
                            "Jak oceniasz swoje zadowolenie z naszych usług?"),
                    texts("Very dissatisfied", "Velmi nespokojený", "Bardzo niezadowolony"),
                    texts("Very satisfied", "Velmi spokojený", "Bardzo zadowolony"),
                    WHY,
                    texts("A quick question about our service", "Krátká otázka k našim službám",
                            "Krótkie pytanie o nasze usługi"),
                    texts("We would like to know how satisfied you are. It takes one click.",
                            "Rádi bychom věděli, jak jste spokojeni. Stačí jedno kliknutí.",
                            "Chcielibyśmy wiedzieć, jak oceniasz naszą pracę. Wystarczy jedno kliknięcie."));
            case CES -> new SurveyTexts(
                    texts("How easy was it?", "Jak snadné to bylo?", "Jak łatwo było?"),
                    texts("How easy was it to get what you needed from us?",
                            "Jak snadné bylo vyřídit u nás, co jste potřebovali?",
                            "Jak łatwo było załatwić u nas to, czego potrzebujesz?"),
                    texts("Very difficult", "Velmi obtížné", "Bardzo trudno"),
                    texts("Very easy", "Velmi snadné", "Bardzo łatwo"),
                    WHY,
                    texts("How easy was it?", "Jak snadné to bylo?", "Jak łatwo było?"),
                    texts("We want to make working with us effortless. Tell us how it went, with one click.",
                            "Chceme, aby spolupráce s námi byla co nejsnazší. Řekněte nám jedním kliknutím, jak to "
                                    + "šlo.",
                            "Chcemy, aby współpraca z nami była jak najprostsza. Powiedz nam jednym kliknięciem, jak "
                                    + "poszło."));
        };
    }

    /** The texts of the default {@code support-csat} survey. */
    static SurveyTexts supportCsat() {
        return new SurveyTexts(
                texts("Support satisfaction", "Spokojenost s podporou", "Zadowolenie z obsługi zgłoszenia"),
                texts("How satisfied are you with how we handled your request?",
                        "Jak jste spokojeni s tím, jak jsme vyřešili váš požadavek?",
                        "Jak oceniasz sposób, w jaki zajęliśmy się Twoim zgłoszeniem?"),
                texts("Very dissatisfied", "Velmi nespokojený", "Bardzo niezadowolony"),
                texts("Very satisfied", "Velmi spokojený", "Bardzo zadowolony"),
                WHY,
                texts("How did we do with your request?", "Jak jsme zvládli váš požadavek?",
                        "Jak poradziliśmy sobie z Twoim zgłoszeniem?"),
                texts("Your support request was recently closed. Would you tell us how satisfied you are? It takes "
                                + "one click.",
                        "Váš požadavek na podporu byl nedávno uzavřen. Řeknete nám, jak jste byli spokojeni? Stačí "
                                + "jedno kliknutí.",
                        "Twoje zgłoszenie do działu wsparcia zostało niedawno zamknięte. Powiesz nam, jak oceniasz "
                                + "naszą pomoc? Wystarczy jedno kliknięcie."));
    }

    /** "What should we improve?", shown to unhappy respondents. */
    static ExtraQuestionDefinition whatToImprove(ScoreCategory... showFor) {
        return new ExtraQuestionDefinition("improve", QuestionType.FREE_TEXT,
                texts("What should we improve?", "Co bychom měli zlepšit?", "Co powinniśmy poprawić?"),
                List.of(showFor), Map.of(), false);
    }

    /** Asks promoters whether they would give a reference (seed 000: references and case studies). */
    static ExtraQuestionDefinition reference() {
        return new ExtraQuestionDefinition("reference", QuestionType.SINGLE_CHOICE,
                texts("Would you be willing to be a reference for us?",
                        "Byli byste ochotni poskytnout nám referenci?",
                        "Czy zgodził(a)byś się udzielić nam referencji?"),
                List.of(ScoreCategory.PROMOTER),
                Map.of("yes", texts("Yes", "Ano", "Tak"), "no", texts("No", "Ne", "Nie")),
                false);
    }

    static Map<String, String> texts(String en, String cs, String pl) {
        return Map.of("en", en, "cs", cs, "pl", pl);
    }
}

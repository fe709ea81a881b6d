package io.pulseloop.localstack.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.pulseloop.localstack.http.Http;
import io.pulseloop.localstack.mail.CapturedMessage;
import io.pulseloop.localstack.mail.MailStore;

/**
 * Customers who read their invitation in the captured mail and most of the time answer it, a few seconds later, through
 * response-service's {@code POST /api/v1/responses} (contract §5) with a plausible score for the survey's scale and a
 * comment in their language (the contact's domain says which: {@code .cz} Czech, {@code .pl} Polish, else English).
 * The ids of the messages they have dealt with are kept on disk, so a restart does not answer them again.
 */
final class Respondents {

    private static final Logger LOG = LoggerFactory.getLogger(Respondents.class);
    private static final Pattern SURVEY_LINK = Pattern.compile("(https?://[^\\s\"'<>]+)/s/([A-Za-z0-9_-]{16,})");
    private static final Pattern SCORE_LINK = Pattern.compile("/s/[A-Za-z0-9_-]+\\?score=(\\d+)");

    private static final Map<String, Map<Sentiment, List<String>>> COMMENTS = Map.of(
            "cs", Map.of(
                    Sentiment.NEGATIVE, List.of("Technik přijel pozdě a router pořád nefunguje.",
                            "Pomalá odezva podpory, čekal jsem tři dny.", "Pomalé řešení a nikdo se neozval.",
                            "Faktura byla špatně a oprava trvala týden.", "Pomalý technik, musel jsem volat znovu."),
                    Sentiment.NEUTRAL, List.of("V pořádku, ale mohlo to být rychlejší.",
                            "Instalace proběhla, jen jsem musel čekat.", "Celkem dobré, komunikace mohla být lepší."),
                    Sentiment.POSITIVE, List.of("Technik byl rychlý a ochotný, děkuji.",
                            "Skvělá podpora, vše vyřešeno hned.", "Rychlá instalace a příjemný technik.",
                            "Velmi ochotný přístup, doporučuji.")),
            "pl", Map.of(
                    Sentiment.NEGATIVE, List.of("Długo czekałem na odpowiedź wsparcia.",
                            "Technik spóźnił się, a internet nadal nie działa.", "Faktura była błędna, bardzo wolna obsługa.",
                            "Wolna obsługa i brak kontaktu."),
                    Sentiment.NEUTRAL, List.of("W porządku, ale mogło być szybciej.",
                            "Instalacja poszła dobrze, tylko długo czekałem."),
                    Sentiment.POSITIVE, List.of("Bardzo szybka obsługa, dziękuję.",
                            "Świetny technik, wszystko działa.", "Miła i szybka pomoc, polecam.")),
            "en", Map.of(
                    Sentiment.NEGATIVE, List.of("Waited three days for a reply from support.",
                            "The engineer was late and the router still does not work.",
                            "Slow support and the invoice was wrong.", "Nobody called back, very slow."),
                    Sentiment.NEUTRAL, List.of("Fine, but it could have been quicker.",
                            "Installation worked, the waiting did not."),
                    Sentiment.POSITIVE, List.of("Quick and friendly engineer, thank you.",
                            "Great support, sorted in minutes.", "Fast installation, very helpful team.")));

    private enum Sentiment { NEGATIVE, NEUTRAL, POSITIVE }

    private final MailStore mail;
    private final Path handledFile;
    private final Set<String> handled = new HashSet<>();
    private final ScheduledExecutorService scheduler;
    private final RandomGenerator random;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private int answered;

    Respondents(MailStore mail, Path handledFile, ScheduledExecutorService scheduler, RandomGenerator random)
            throws IOException {
        this.mail = mail;
        this.handledFile = handledFile;
        this.scheduler = scheduler;
        this.random = random;
        Files.createDirectories(handledFile.toAbsolutePath().getParent());
        if (Files.exists(handledFile)) {
            handled.addAll(Files.readAllLines(handledFile, StandardCharsets.UTF_8));
        }
    }

    /** Looks at the mail that came in since the last look; each invitation is answered (or ignored) once. */
    synchronized void readNewMail() {
        for (CapturedMessage message : mail.oldestFirst()) {
            if (handled.contains(message.id())) {
                continue;
            }
            handled.add(message.id());
            remember(message.id());
            Matcher link = SURVEY_LINK.matcher(message.text() + " " + message.html());
            if (!link.find() || random.nextInt(100) >= 85) {
                continue;
            }
            String base = link.group(1);
            String token = link.group(2);
            int maxScore = maxScore(message);
            String locale = localeOf(message.recipientAddresses());
            scheduler.schedule(() -> answer(base, token, maxScore, locale), 2 + random.nextInt(10), TimeUnit.SECONDS);
        }
    }

    int answered() {
        return answered;
    }

    private void answer(String base, String token, int maxScore, String locale) {
        int score = score(maxScore, locale);
        Sentiment sentiment = sentiment(score, maxScore);
        List<String> comments = COMMENTS.getOrDefault(locale, COMMENTS.get("en")).get(sentiment);
        String comment = random.nextInt(10) < 8 ? comments.get(random.nextInt(comments.size())) : "";
        String body = Http.JSON.writeValueAsString(Map.of("token", token, "score", score, "comment", comment));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/responses"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                synchronized (this) {
                    answered++;
                }
            } else {
                LOG.debug("Demo answer refused ({}): {}", response.statusCode(), response.body());
            }
        } catch (IOException e) {
            LOG.debug("Demo answer failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A plausible answer: NPS skewed to promoters with a tail of detractors, CSAT mostly 4–5, CES mostly easy;
     * Polish customers in this demo are a little harder to please, so the segments differ.
     */
    private int score(int maxScore, String locale) {
        int roll = random.nextInt(100) - ("pl".equals(locale) ? 12 : 0);
        return switch (maxScore) {
            case 10 -> roll < 22 ? random.nextInt(7) : roll < 45 ? 7 + random.nextInt(2) : 9 + random.nextInt(2);
            case 7 -> roll < 15 ? 1 + random.nextInt(3) : roll < 35 ? 4 + random.nextInt(2) : 6 + random.nextInt(2);
            default -> roll < 15 ? 1 + random.nextInt(2) : roll < 30 ? 3 : 4 + random.nextInt(2);
        };
    }

    private static Sentiment sentiment(int score, int maxScore) {
        double share = maxScore == 10 ? score / 10.0 : (score - 1) / (double) (maxScore - 1);
        return share < 0.55 ? Sentiment.NEGATIVE : share < 0.8 ? Sentiment.NEUTRAL : Sentiment.POSITIVE;
    }

    /** The scale, from the per-score links of the email (contract §4); NPS when there are none. */
    static int maxScore(CapturedMessage message) {
        Matcher matcher = SCORE_LINK.matcher(message.text() + " " + message.html());
        int max = -1;
        while (matcher.find()) {
            max = Math.max(max, Integer.parseInt(matcher.group(1)));
        }
        return max == 5 || max == 7 ? max : 10;
    }

    static String localeOf(List<String> recipients) {
        Optional<String> address = recipients.stream().findFirst();
        if (address.isEmpty()) {
            return "en";
        }
        if (address.get().endsWith(".cz")) {
            return "cs";
        }
        return address.get().endsWith(".pl") ? "pl" : "en";
    }

    private void remember(String id) {
        try {
            Files.writeString(handledFile, id + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.debug("could not remember a handled message", e);
        }
    }
}

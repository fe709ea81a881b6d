package io.pulseloop.response.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import tools.jackson.databind.JsonNode;

import io.pulseloop.events.topic.Topics;
import io.pulseloop.response.PublicHttp;
import io.pulseloop.response.ResponseServiceIntegrationTest;
import io.pulseloop.response.TestInvitations;
import io.pulseloop.response.intake.UnknownLinks;
import io.pulseloop.response.invitations.InvitationProgress;
import io.pulseloop.response.invitations.UnknownLinkProperties;

/**
 * Read-your-writes for links: survey-service publishes an invitation before it emails the link, but this service
 * reads the invitation from Kafka, so a customer may click before it has. The invitation consumer is held back by
 * pausing its binding ({@link BindingsLifecycleController}, as {@code /actuator/bindings} does), on the real broker.
 * A link clicked while the consumer is behind waits and opens; a made-up link on a caught-up service is the
 * contract's {@code 404} at once; a link still unknown when the wait ends is {@code 503} + {@code Retry-After}.
 */
class UnknownLinkWhileConsumerBehindIntegrationTests extends ResponseServiceIntegrationTest {

    private static final String BINDING = "invitationEvents-in-0";

    @Autowired
    BindingsLifecycleController bindings;

    @Autowired
    InvitationProgress progress;

    @Autowired
    UnknownLinkProperties settings;

    @Autowired
    MeterRegistry meters;

    @Autowired
    UnknownLinks unknownLinks;

    @BeforeEach
    void consumerCaughtUp() {
        await().atMost(WAIT).ignoreExceptions().until(() -> progress.snapshot().caughtUp());
    }

    private final ExecutorService clients = Executors.newCachedThreadPool();

    @AfterEach
    void consumerRuns() {
        bindings.resume(BINDING);
        clients.shutdownNow();
    }

    @Test
    void linksClickedBeforeTheConsumerReadTheirInvitationsWaitAndOpen() throws Exception {
        // given: the consumer is held back and three invitations are published (acks=all), as before their emails
        bindings.pause(BINDING);
        TestInvitations.Sent forPage = TestInvitations.nps("en", now());
        TestInvitations.Sent forForm = TestInvitations.nps("en", now());
        TestInvitations.Sent forApi = TestInvitations.nps("en", now());
        publishUnread(forPage, forForm, forApi);
        double foundBefore = outcomes("found-after-wait");

        // when: their customers click at once (the survey page, its form, a widget's JSON answer)
        PublicHttp http = http();
        CompletableFuture<HttpResponse<String>> page = async(() -> http.get("/s/" + forPage.token(),
                "Accept", "text/html"));
        CompletableFuture<HttpResponse<String>> form = async(() -> http.postForm("/s/" + forForm.token(),
                PublicHttp.form("score", "9", "comment", "Clicked at once")));
        CompletableFuture<HttpResponse<String>> api = async(() -> http.postJson("/api/v1/responses",
                "{\"token\":\"" + forApi.token() + "\",\"score\":8}"));
        await().atMost(WAIT).until(() -> waiting() == 3);
        assertThat(invitationDirectory.findByToken(forPage.token())).as("not read by the consumer yet").isEmpty();
        assertThat(page).as("waiting, not answered 404").isNotDone();
        bindings.resume(BINDING);

        // then: each request waited for the consumer and got the answer of a known link
        HttpResponse<String> pageResponse = page.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        HttpResponse<String> formResponse = form.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        HttpResponse<String> apiResponse = api.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(pageResponse.statusCode()).isEqualTo(200);
        assertThat(pageResponse.body()).contains("How likely are you to recommend Acme");
        assertThat(formResponse.statusCode()).isEqualTo(200);
        assertThat(formResponse.body()).as("recorded").contains("Thank you");
        assertThat(apiResponse.statusCode()).isEqualTo(201);
        assertThat(json(apiResponse.body()).path("status").asString()).isEqualTo("created");
        assertThat(outcomes("found-after-wait") - foundBefore).isEqualTo(3);
    }

    @Test
    void aMadeUpLinkOnACaughtUpServiceIsNotFoundWithoutWaiting() {
        double notFoundBefore = outcomes("not-found");
        long waitedBefore = waits();
        PublicHttp http = http();

        long started = System.nanoTime();
        HttpResponse<String> page = http.get("/s/" + TestInvitations.newToken(), "Accept", "text/html");
        Duration pageTook = Duration.ofNanos(System.nanoTime() - started);
        started = System.nanoTime();
        HttpResponse<String> api = http.postJson("/api/v1/responses",
                "{\"token\":\"" + TestInvitations.newToken() + "\",\"score\":9}");
        Duration apiTook = Duration.ofNanos(System.nanoTime() - started);

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(json(api.body()).path("field").asString()).isEqualTo("token");
        assertThat(outcomes("not-found") - notFoundBefore).as("decided without waiting").isEqualTo(2);
        assertThat(waits()).as("no link waited").isEqualTo(waitedBefore);
        // generous: a shared, loaded machine; the wait bound is what a behind service would have taken
        assertThat(pageTook).isLessThan(settings.maxWait().dividedBy(2));
        assertThat(apiTook).isLessThan(settings.maxWait().dividedBy(2));
    }

    @Test
    void aLinkStillUnknownWhenTheWaitEndsIsRetryLaterAndNotFoundOnceTheConsumerCaughtUp() throws Exception {
        // given: the consumer is held back behind a published invitation
        bindings.pause(BINDING);
        TestInvitations.Sent unread = TestInvitations.nps("en", now());
        publishUnread(unread);
        String neverIssued = TestInvitations.newToken();
        double notConfirmedBefore = outcomes("not-confirmed");
        PublicHttp http = http();

        // when: a link no invitation has is opened while the consumer is behind (page and API at the same time)
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<String>> api = async(() -> http.postJson("/api/v1/responses",
                "{\"token\":\"" + neverIssued + "\",\"score\":9}"));
        HttpResponse<String> page = http.get("/s/" + neverIssued, "Accept", "text/html", "Accept-Language", "cs");
        Duration pageTook = Duration.ofNanos(System.nanoTime() - started);
        HttpResponse<String> apiResponse = api.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        // then: after the wait bound, "try again shortly", not "unknown link"
        assertThat(pageTook).isGreaterThanOrEqualTo(settings.maxWait());
        assertThat(page.statusCode()).isEqualTo(503);
        assertThat(page.headers().firstValue("Retry-After")).hasValue(Long.toString(settings.retryAfter().toSeconds()));
        assertThat(page.body()).contains("Zkuste to prosím");
        assertThat(apiResponse.statusCode()).isEqualTo(503);
        assertThat(apiResponse.headers().firstValue("Retry-After"))
                .hasValue(Long.toString(settings.retryAfter().toSeconds()));
        JsonNode problem = json(apiResponse.body());
        assertThat(problem.path("field").asString()).isEqualTo("token");
        assertThat(problem.path("title").asString()).isEqualTo("Survey link not confirmed yet");
        assertThat(problem.path("retryAfterSeconds").asLong()).isEqualTo(settings.retryAfter().toSeconds());
        assertThat(outcomes("not-confirmed") - notConfirmedBefore).isEqualTo(2);

        // and once the consumer has caught up: the published link opens, the made-up one is the contract's 404
        bindings.resume(BINDING);
        await().atMost(WAIT).until(() -> invitationDirectory.findByToken(unread.token()).isPresent());
        await().atMost(WAIT).ignoreExceptions().until(() -> progress.snapshot().caughtUp());
        assertThat(http.get("/s/" + unread.token()).statusCode()).isEqualTo(200);
        assertThat(http.get("/s/" + neverIssued).statusCode()).isEqualTo(404);
    }

    @Test
    void beyondTheWaitingCapAnUnknownLinkWhileBehindIsRetryLaterAtOnce() throws Exception {
        // given: the consumer is held back, and as many made-up links as may wait are waiting
        bindings.pause(BINDING);
        publishUnread(TestInvitations.nps("en", now()));
        double refusedBefore = outcomes("too-many-waiting");
        double waitedBefore = outcomes("not-found-after-wait") + outcomes("not-confirmed");
        PublicHttp http = http();
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < settings.maxWaiters(); i++) {
            waiting.add(async(() -> http.get("/s/" + TestInvitations.newToken())));
        }
        await().atMost(WAIT).until(() -> waiting() == settings.maxWaiters());

        // when: one more arrives
        long started = System.nanoTime();
        HttpResponse<String> refused = http.get("/s/" + TestInvitations.newToken(), "Accept", "text/html");
        Duration refusedTook = Duration.ofNanos(System.nanoTime() - started);

        // then: it is not held (503 at once, not after the wait); the waiting ones end when the consumer caught up
        // (404) or, on a machine too slow for that, at the bound (503)
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After"))
                .hasValue(Long.toString(settings.retryAfter().toSeconds()));
        assertThat(refusedTook).isLessThan(settings.maxWait().dividedBy(2));
        assertThat(outcomes("too-many-waiting") - refusedBefore).isEqualTo(1);
        bindings.resume(BINDING);
        for (CompletableFuture<HttpResponse<String>> request : waiting) {
            assertThat(request.get(WAIT.toSeconds(), TimeUnit.SECONDS).statusCode()).isIn(404, 503);
        }
        assertThat(outcomes("not-found-after-wait") + outcomes("not-confirmed") - waitedBefore)
                .as("every one of them waited").isEqualTo(settings.maxWaiters());
    }

    private static TestInvitations.Sent publish(TestInvitations.Sent sent) {
        kafka().publish(Topics.SURVEY_INVITATIONS, sent.contactId(), sent.json());
        return sent;
    }

    /** On a thread of its own: the common pool may have a single thread on a small machine. */
    private CompletableFuture<HttpResponse<String>> async(Supplier<HttpResponse<String>> request) {
        return CompletableFuture.supplyAsync(request, clients);
    }

    private int waiting() {
        return unknownLinks.waiting();
    }

    /**
     * Publishes invitations while the consumer is paused, then waits until the shared reading of the offsets shows
     * them (a reading is reused for {@code offsets-max-age}: a click milliseconds after the publish could see the
     * reading from before it, which a real click, after the email went out, never does).
     */
    private void publishUnread(TestInvitations.Sent... invitations) {
        for (TestInvitations.Sent sent : invitations) {
            publish(sent);
        }
        await().atMost(WAIT).ignoreExceptions().until(() -> !progress.snapshot().caughtUp());
    }

    private double outcomes(String outcome) {
        Counter counter = meters.find("pulseloop.response.links.unknown").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private long waits() {
        List<Timer> timers = List.copyOf(meters.find("pulseloop.response.links.wait").timers());
        return timers.stream().mapToLong(Timer::count).sum();
    }
}

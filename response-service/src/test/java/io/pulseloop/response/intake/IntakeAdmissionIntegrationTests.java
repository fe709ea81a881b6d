package io.pulseloop.response.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.pulseloop.events.json.EventJson;
import io.pulseloop.response.PublicHttp;
import io.pulseloop.response.ResponseServiceIntegrationTest;
import io.pulseloop.response.TestInvitations;

/**
 * Admission first, then work (issue 10): with every intake slot taken, an answer is refused with {@code 503} and
 * {@code Retry-After} at once, before its invitation is looked up (an unknown token gets {@code 503}, not
 * {@code 404}); a plain page view is not an answer and is not held back.
 */
class IntakeAdmissionIntegrationTests extends ResponseServiceIntegrationTest {

    @Autowired
    IntakeAdmission admission;

    @Test
    void beyondCapacityAnAnswerGetsAFast503BeforeAnyLookup() {
        List<IntakeAdmission.Permit> taken = new ArrayList<>();
        PublicHttp http = http();
        String unknown = TestInvitations.newToken();
        try {
            while (admission.available() > 0) {
                taken.add(admission.admit());
            }
            long started = System.nanoTime();
            HttpResponse<String> refused = http.postJson("/api/v1/responses",
                    "{\"token\":\"" + unknown + "\",\"score\":9}");
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(took).as("busy-wait (100 ms) plus the request, not a queue").isLessThan(Duration.ofSeconds(1));
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                    .startsWith("application/problem+json"));
            assertThat(EventJson.mapper().readTree(refused.body()).path("status").asInt()).isEqualTo(503);
            HttpResponse<String> page = http.get("/s/" + unknown + "?score=9", "Accept", "text/html",
                    "Accept-Language", "cs");
            assertThat(page.statusCode()).isEqualTo(503);
            assertThat(page.body()).as("the localized page").contains("Zkuste to prosím za chvíli")
                    .contains("lang=\"cs\"", "data-status=\"503\"").startsWith("<!DOCTYPE html>");
            assertThat(http.get("/s/" + unknown, "Accept", "text/html").statusCode())
                    .as("a page view records nothing and is not admitted").isEqualTo(404);
        }
        finally {
            taken.forEach(IntakeAdmission.Permit::close);
        }
        assertThat(http.postJson("/api/v1/responses", "{\"token\":\"" + unknown + "\",\"score\":9}").statusCode())
                .isEqualTo(404);
    }
}

package io.pulseloop.crmsync.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

@ExtendWith(OutputCaptureExtension.class)
class WebhookWithoutSecretTests {

    @Test
    void refusesEveryRequestWith503AndSaysWhyInTheLog(CapturedOutput output) throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        WebhookProperties noSecret = new WebhookProperties(" ", List.of(),
                new WebhookProperties.Webhook(Duration.ofMinutes(5), DataSize.ofMegabytes(1)));
        WebhookController controller = new WebhookController(null, noSecret, new WebhookMetrics(meters),
                Clock.systemUTC());
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/crm/webhooks");
        request.setContent("{}".getBytes());

        ResponseEntity<?> response = controller.receive(request, "1700000000", "v1=00");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(((ProblemDetail) response.getBody()).getProperties()).containsEntry("reason", "not-configured");
        assertThat(output).contains("PULSELOOP_CRM_WEBHOOK_SECRET", "503");
        assertThat(meters.get("pulseloop.crmsync.webhook.rejections").tag("reason", "not-configured").counter()
                .count()).isEqualTo(1.0);
    }
}

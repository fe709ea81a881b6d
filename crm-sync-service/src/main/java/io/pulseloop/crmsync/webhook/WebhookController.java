package io.pulseloop.crmsync.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.pulseloop.crmsync.webhook.rules.WebhookSignature;
import io.pulseloop.crmsync.cloudevents.InvalidCrmEventException;

/**
 * {@code POST /api/v1/crm/webhooks} (contract §2.2). Public: the signature is the authentication. Checks, in this
 * order: a secret is configured ({@code 503} otherwise), the body is at most 1 MiB ({@code 413}), the timestamp is
 * within 5 minutes and a {@code v1=} signature matches ({@code 401}), every event is a valid CRM CloudEvent
 * ({@code 400} naming the field); then answers {@code 202} once Kafka acknowledged the events ({@code 503} if it
 * does not). Every error is {@code application/problem+json} with a {@code reason} (and {@code field}).
 */
@RestController
class WebhookController {

    static final String TIMESTAMP_HEADER = "X-Pulseloop-Timestamp";
    static final String SIGNATURE_HEADER = "X-Pulseloop-Signature";

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    private final WebhookIntake intake;
    private final WebhookProperties properties;
    private final WebhookMetrics metrics;
    private final Clock clock;
    private final WebhookSignature signature;

    WebhookController(WebhookIntake intake, WebhookProperties properties, WebhookMetrics metrics, Clock clock) {
        this.intake = intake;
        this.properties = properties;
        this.metrics = metrics;
        this.clock = clock;
        List<String> secrets = properties.secrets();
        this.signature = secrets.isEmpty() ? null : new WebhookSignature(secrets, properties.webhook().tolerance());
        if (signature == null) {
            log.warn("The CRM webhook is DISABLED: pulseloop.crm.webhook-secret (PULSELOOP_CRM_WEBHOOK_SECRET) is "
                    + "not set, so every request to POST /api/v1/crm/webhooks is answered 503");
        } else {
            log.info("The CRM webhook accepts {} secret(s)", secrets.size());
        }
    }

    @PostMapping("/api/v1/crm/webhooks")
    ResponseEntity<?> receive(HttpServletRequest request,
            @RequestHeader(name = TIMESTAMP_HEADER, required = false) String timestamp,
            @RequestHeader(name = SIGNATURE_HEADER, required = false) String signatureHeader) throws IOException {
        if (signature == null) {
            log.warn("Refused a CRM webhook request with 503: pulseloop.crm.webhook-secret "
                    + "(PULSELOOP_CRM_WEBHOOK_SECRET) is not set");
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "not-configured", null,
                    "The webhook secret is not configured on this service; no request can be verified");
        }
        long maxBody = properties.webhook().maxBody().toBytes();
        if (request.getContentLengthLong() > maxBody) {
            return tooLarge(maxBody);
        }
        byte[] body = readAtMost(request.getInputStream(), maxBody);
        if (body == null) {
            return tooLarge(maxBody);
        }
        WebhookSignature.Verdict verdict = signature.verify(timestamp, signatureHeader, body, clock.instant());
        if (verdict != WebhookSignature.Verdict.AUTHENTIC) {
            return unauthorized(verdict);
        }
        List<WebhookIntake.EventReceipt> receipts;
        try {
            receipts = intake.accept(body);
        } catch (InvalidCrmEventException e) {
            return problem(HttpStatus.BAD_REQUEST, e.field() == null ? "malformed" : "invalid", e.field(),
                    e.getMessage());
        } catch (RuntimeException e) {
            // Kafka did not acknowledge in time, or MongoDB (the duplicate check) is unreachable: nothing is accepted
            log.warn("Could not record a webhook request durably: {}", e.toString());
            ResponseEntity<ProblemDetail> unavailable = problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                    null, "The events could not be recorded durably; nothing was accepted, send them again");
            return ResponseEntity.status(unavailable.getStatusCode()).headers(unavailable.getHeaders())
                    .header(HttpHeaders.RETRY_AFTER, "10").body(unavailable.getBody());
        }
        metrics.accepted();
        long accepted = count(receipts, WebhookIntake.EventReceipt.ACCEPTED);
        long duplicates = count(receipts, WebhookIntake.EventReceipt.DUPLICATE);
        long unknown = count(receipts, WebhookIntake.EventReceipt.UNKNOWN_TYPE);
        metrics.events("forwarded", (int) accepted);
        metrics.events("duplicate", (int) duplicates);
        metrics.events("unknown-type", (int) unknown);
        return ResponseEntity.status(HttpStatus.ACCEPTED).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("accepted", accepted, "duplicates", duplicates, "unknownTypes", unknown,
                        "events", receipts));
    }

    private ResponseEntity<ProblemDetail> unauthorized(WebhookSignature.Verdict verdict) {
        String detail = switch (verdict) {
            case MISSING_TIMESTAMP -> "The " + TIMESTAMP_HEADER + " header is missing";
            case INVALID_TIMESTAMP -> "The " + TIMESTAMP_HEADER + " header must be unix seconds";
            case REPLAYED -> "The " + TIMESTAMP_HEADER + " is more than " + properties.webhook().tolerance()
                    .toMinutes() + " minutes from now: refused as a possible replay";
            case MISSING_SIGNATURE -> "The " + SIGNATURE_HEADER + " header with a v1= signature is missing";
            default -> "No " + SIGNATURE_HEADER + " v1= value matches the body and timestamp";
        };
        String header = verdict == WebhookSignature.Verdict.MISSING_TIMESTAMP
                || verdict == WebhookSignature.Verdict.INVALID_TIMESTAMP
                || verdict == WebhookSignature.Verdict.REPLAYED ? TIMESTAMP_HEADER : SIGNATURE_HEADER;
        return problem(HttpStatus.UNAUTHORIZED, verdict.reason(), header, detail);
    }

    private ResponseEntity<ProblemDetail> tooLarge(long maxBody) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "too-large", null,
                "The body is larger than " + maxBody + " bytes (1 MiB); send fewer events per request");
    }

    private ResponseEntity<ProblemDetail> problem(HttpStatus status, String reason, String field, String detail) {
        metrics.rejected(reason);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("reason", reason);
        if (field != null) {
            problem.setProperty("field", field);
        }
        if (status != HttpStatus.BAD_REQUEST) {
            log.info("Refused a CRM webhook request with {}: {}", status.value(), detail);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The whole stream, or {@code null} if it holds more than {@code limit} bytes. */
    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        byte[] body = in.readNBytes((int) limit + 1);
        return body.length > limit ? null : body;
    }

    private static long count(List<WebhookIntake.EventReceipt> receipts, String status) {
        return receipts.stream().filter(receipt -> status.equals(receipt.status())).count();
    }
}

package io.pulseloop.response.api;

import java.net.URI;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import io.pulseloop.response.intake.AnswerReceipt;
import io.pulseloop.response.intake.ResponseIntake;
import io.pulseloop.response.intake.ResponseQueries;
import io.pulseloop.response.intake.ResponseView;

/** {@code POST /api/v1/responses} (public, token-authorised) and {@code GET /api/v1/responses/{id}} (staff). */
@RestController
class ResponseApiController {

    private final ResponseIntake intake;
    private final ResponseQueries queries;

    ResponseApiController(ResponseIntake intake, ResponseQueries queries) {
        this.intake = intake;
        this.queries = queries;
    }

    /**
     * Records an answer: {@code 201} with a new response, {@code 200} when it revises (or repeats) the earlier
     * answer to the same invitation. Both mean "stored": the answer and its events are in MongoDB (the outbox)
     * before the answer is sent. Normally Kafka has also acknowledged the events ({@code "published": true}); when
     * it did not within {@code pulseloop.events.publish.ack-timeout} (broker down), the answer is still {@code 201}/{@code 200}, with
     * {@code "published": false}, and the outbox relay publishes the events once Kafka is back. The contract
     * (section 5) gives a stored answer these codes, and a client has nothing to retry.
     */
    @PostMapping(path = "/api/v1/responses", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ResponseAccepted> submit(@RequestBody JsonNode body) {
        ResponseRequest request = ResponseRequest.from(body);
        AnswerReceipt receipt = intake.answer(request.token(), request.answer());
        ResponseAccepted accepted = ResponseAccepted.of(receipt);
        if (receipt.created()) {
            return ResponseEntity.created(URI.create("/api/v1/responses/" + receipt.responseId())).body(accepted);
        }
        return ResponseEntity.ok(accepted);
    }

    /** A response with its revision history (staff only). */
    @GetMapping("/api/v1/responses/{responseId}")
    ResponseView response(@PathVariable String responseId) {
        return queries.find(responseId).orElseThrow(() -> new ResponseNotFoundException(responseId));
    }
}

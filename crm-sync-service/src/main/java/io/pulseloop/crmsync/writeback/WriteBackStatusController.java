package io.pulseloop.crmsync.writeback;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Staff API: what the CRM has and has not received for a contact ({@code GET /api/v1/crm/write-backs/{contactId}}).
 */
@RestController
class WriteBackStatusController {

    private final WriteBackOutbox outbox;

    WriteBackStatusController(WriteBackOutbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping("/api/v1/crm/write-backs/{contactId}")
    ResponseEntity<?> status(@PathVariable String contactId) {
        return outbox.status(contactId).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "Nothing was written back for contact " + contactId);
            problem.setProperty("contactId", contactId);
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
        });
    }
}

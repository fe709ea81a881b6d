package io.pulseloop.crmsync.registry;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Staff API over the registry: a contact with its deals, an owner, and lost deals by reason (win-back). */
@RestController
class RegistryController {

    private final ContactRegistry registry;

    RegistryController(ContactRegistry registry) {
        this.registry = registry;
    }

    @GetMapping("/api/v1/contacts/{contactId}")
    ResponseEntity<?> contact(@PathVariable String contactId) {
        return registry.contact(contactId).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> notFound("contactId", contactId, "No contact " + contactId + " in the registry"));
    }

    @GetMapping("/api/v1/owners/{ownerId}")
    ResponseEntity<?> owner(@PathVariable String ownerId) {
        return registry.owner(ownerId).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> notFound("ownerId", ownerId, "No owner " + ownerId + " in the registry"));
    }

    @GetMapping("/api/v1/deal-losses")
    List<DealView> losses(@RequestParam(required = false) String reason,
            @RequestParam(required = false) String contactId,
            @RequestParam(defaultValue = "200") int limit) {
        return registry.losses(reason, contactId, Math.max(1, Math.min(limit, 1000)));
    }

    private static ResponseEntity<ProblemDetail> notFound(String field, String value, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setProperty("field", field);
        problem.setProperty(field, value);
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }
}

package io.pulseloop.closedloop.tasks.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/tasks/{id}/resolve}.
 *
 * @param rootCause one of {@code GET /api/v1/tasks/root-causes}
 * @param recovered whether the customer is judged recovered
 */
public record ResolveRequest(@NotBlank String rootCause, @Size(max = 4000) String note, Boolean recovered) {
}

package io.pulseloop.closedloop.tasks.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/tasks/{id}/attempts}: whether the contact was reached, and a note. */
public record AttemptRequest(@NotNull Boolean reached, @Size(max = 4000) String note) {
}

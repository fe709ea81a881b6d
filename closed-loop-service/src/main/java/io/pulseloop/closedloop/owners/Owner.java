package io.pulseloop.closedloop.owners;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** An owner as the CRM last described it; {@code updatedAt} is the CRM event time, so older news never wins. */
@Document("owners")
record Owner(@Id String ownerId, String email, String name, String managerId, String team, Instant updatedAt) {
}

package io.pulseloop.closedloop.owners;

/** An owner's email became known (or changed): what waited for that owner can go now. */
public record OwnerKnown(String ownerId) {
}

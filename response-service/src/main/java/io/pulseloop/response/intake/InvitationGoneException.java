package io.pulseloop.response.intake;

import io.pulseloop.response.invitations.Invitation;

/** The invitation expired (or its contact was erased): 410. */
public class InvitationGoneException extends RuntimeException {

    private final transient Invitation invitation;

    public InvitationGoneException(Invitation invitation) {
        super("This survey invitation has expired");
        this.invitation = invitation;
    }

    /** The invitation, for its language. */
    public Invitation invitation() {
        return invitation;
    }
}

package io.pulseloop.response.intake;

/** No invitation was sent with this token: 404. */
public class InvitationNotFoundException extends RuntimeException {

    public InvitationNotFoundException() {
        super("No survey invitation has this link");
    }
}

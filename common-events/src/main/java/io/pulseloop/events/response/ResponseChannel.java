package io.pulseloop.events.response;

/** Where an answer came from. */
public enum ResponseChannel {
    /** A one-click score link in the invitation email. */
    EMAIL_LINK,
    /** The survey page form. */
    WEB_PAGE,
    /** The JSON API used by in-app and web widgets. */
    API
}

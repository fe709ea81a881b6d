package io.pulseloop.response.api;

/** No response has this id: 404. */
class ResponseNotFoundException extends RuntimeException {

    ResponseNotFoundException(String responseId) {
        super("No response " + responseId);
    }
}

package io.pulseloop.response.intake;

import java.util.Map;

/** The response to an invitation as it stands, for showing it back to the respondent. */
public record CurrentResponse(String responseId, int revision, int score, String comment,
        Map<String, String> answers, boolean completed) {
}

package io.pulseloop.response.intake;

import java.util.Map;

import io.pulseloop.events.response.ResponseChannel;

/**
 * An answer to an invitation, as a respondent gave it.
 *
 * @param score     the score, checked against the survey's scale by the intake
 * @param comment   the "why?" answer; {@code null} when the answer says nothing about it (a one-click score)
 * @param answers   extra question id to answer
 * @param completes whether it finishes the response (the form, a comment)
 * @param channel   where it came from; {@link ResponseChannel#EMAIL_LINK} is a one-click score
 * @param language  the language the respondent saw ({@code en}, {@code cs}, {@code pl}), {@code null} for the
 *                  contact's
 */
public record Answer(int score, String comment, Map<String, String> answers, boolean completes,
        ResponseChannel channel, String language) {

    /** The longest comment (and free-text answer) accepted, in characters. */
    public static final int MAX_COMMENT_LENGTH = 5000;

    public Answer {
        answers = answers == null ? Map.of() : answers;
    }

    boolean oneClick() {
        return channel == ResponseChannel.EMAIL_LINK;
    }
}

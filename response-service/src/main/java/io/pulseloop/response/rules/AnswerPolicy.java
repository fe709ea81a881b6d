package io.pulseloop.response.rules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How an answer changes an invitation's response. One invitation has at most one response: the first answer
 * starts it (revision 1), every further answer revises it (revision 2, 3, ...) and the latest score wins. The
 * response completes once, with the first answer that completes it (the form, a comment). A repeated one-click
 * score that equals the current score changes nothing, so link scanners and double clicks do not pile up
 * revisions.
 */
public final class AnswerPolicy {

    private AnswerPolicy() {
    }

    /** The response as it stands. {@code answers} maps extra question ids to answers. */
    public record Current(int revision, int score, String comment, Map<String, String> answers, boolean completed) {
    }

    /**
     * A new answer.
     *
     * @param comment   the "why?" answer; {@code null} keeps the current comment (a one-click score says nothing
     *                  about it), any other value replaces it
     * @param answers   extra answers; merged over the current ones, a blank value removes one
     * @param completes whether this answer finishes the response (a form submit, a comment)
     * @param oneClick  whether it came from a score link, where a repeat of the current score is no news
     */
    public record Incoming(int score, String comment, Map<String, String> answers, boolean completes,
            boolean oneClick) {
    }

    /** What to do. */
    public enum Kind {
        /** The first answer: a response starts. */
        STARTED,
        /** A further answer: a new revision. */
        REVISED,
        /** Nothing changes. */
        UNCHANGED
    }

    /**
     * The decision.
     *
     * @param completesNow whether the response becomes complete with this answer (never twice)
     */
    public record Decision(Kind kind, int revision, Integer previousScore, int score, String comment,
            Map<String, String> answers, boolean completesNow, boolean completed) {
    }

    /**
     * Decides what an answer does to the response.
     *
     * @param current the response so far, {@code null} when the invitation has none yet
     */
    public static Decision decide(Current current, Incoming incoming) {
        Objects.requireNonNull(incoming, "incoming");
        if (current == null) {
            Map<String, String> answers = merge(Map.of(), incoming.answers());
            return new Decision(Kind.STARTED, 1, null, incoming.score(), blankToNull(incoming.comment()), answers,
                    incoming.completes(), incoming.completes());
        }
        if (incoming.oneClick() && incoming.score() == current.score()) {
            return new Decision(Kind.UNCHANGED, current.revision(), current.score(), current.score(),
                    current.comment(), current.answers(), false, current.completed());
        }
        String comment = incoming.comment() == null ? current.comment() : blankToNull(incoming.comment());
        boolean completesNow = incoming.completes() && !current.completed();
        return new Decision(Kind.REVISED, current.revision() + 1, current.score(), incoming.score(), comment,
                merge(current.answers(), incoming.answers()), completesNow, current.completed() || completesNow);
    }

    private static Map<String, String> merge(Map<String, String> current, Map<String, String> incoming) {
        Map<String, String> merged = new LinkedHashMap<>(current == null ? Map.of() : current);
        if (incoming != null) {
            incoming.forEach((id, answer) -> {
                if (answer == null || answer.isBlank()) {
                    merged.remove(id);
                }
                else {
                    merged.put(id, answer);
                }
            });
        }
        return Map.copyOf(merged);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}

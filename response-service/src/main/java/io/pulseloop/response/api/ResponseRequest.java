package io.pulseloop.response.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Map.Entry;

import tools.jackson.databind.JsonNode;

import io.pulseloop.events.response.ResponseChannel;
import io.pulseloop.response.intake.Answer;
import io.pulseloop.response.intake.InvalidAnswerException;
import io.pulseloop.response.rules.LanguageChoice;

/**
 * Reads the body of {@code POST /api/v1/responses}:
 * {@code {"token": "...", "score": 9, "comment": "...", "answers": {"q1": "..."}, "complete": true, "lang": "cs"}}.
 * Read by hand from the JSON tree so that a score that is not a number is reported as {@code score}, not as an
 * unreadable body.
 */
record ResponseRequest(String token, Answer answer) {

    static ResponseRequest from(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidAnswerException("body", "the body must be a JSON object");
        }
        JsonNode token = body.get("token");
        if (token == null || !token.isString() || token.asString().isBlank()) {
            throw new InvalidAnswerException("token", "token is required: the invitation's token");
        }
        JsonNode score = body.get("score");
        if (score == null || score.isNull()) {
            throw new InvalidAnswerException("score", "score is required");
        }
        if (!score.isIntegralNumber() || !score.canConvertToInt()) {
            throw new InvalidAnswerException("score", "score must be a whole number on the survey's scale");
        }
        JsonNode comment = body.get("comment");
        if (comment != null && !comment.isNull() && !comment.isString()) {
            throw new InvalidAnswerException("comment", "comment must be a string");
        }
        String commentText = comment == null || comment.isNull() ? null : comment.asString();
        JsonNode complete = body.get("complete");
        if (complete != null && !complete.isNull() && !complete.isBoolean()) {
            throw new InvalidAnswerException("complete", "complete must be true or false");
        }
        boolean completes = commentText != null || (complete != null && complete.booleanValue(false));
        String language = null;
        JsonNode lang = body.has("lang") ? body.get("lang") : body.get("locale");
        if (lang != null && lang.isString()) {
            language = LanguageChoice.supported(lang.asString()).orElse(null);
        }
        return new ResponseRequest(token.asString(), new Answer(score.intValue(), commentText, answers(body),
                completes, ResponseChannel.API, language));
    }

    private static Map<String, String> answers(JsonNode body) {
        JsonNode answers = body.get("answers");
        Map<String, String> map = new LinkedHashMap<>();
        if (answers == null || answers.isNull()) {
            return map;
        }
        if (!answers.isObject()) {
            throw new InvalidAnswerException("answers", "answers must be an object of question id to answer");
        }
        for (Entry<String, JsonNode> entry : answers.properties()) {
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                map.put(entry.getKey(), null);
            }
            else if (value.isString() || value.isNumber() || value.isBoolean()) {
                map.put(entry.getKey(), value.asString());
            }
            else {
                throw new InvalidAnswerException("answers." + entry.getKey(), "an answer must be a string or number");
            }
        }
        return map;
    }
}

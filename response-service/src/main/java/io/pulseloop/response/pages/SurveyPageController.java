package io.pulseloop.response.pages;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import io.pulseloop.events.response.ResponseChannel;
import io.pulseloop.events.survey.Metric;
import io.pulseloop.events.survey.ScoreCategory;
import io.pulseloop.events.survey.SurveySnapshot.ExtraQuestion;
import io.pulseloop.response.intake.Answer;
import io.pulseloop.response.intake.AnswerReceipt;
import io.pulseloop.response.intake.CurrentResponse;
import io.pulseloop.response.intake.InvalidAnswerException;
import io.pulseloop.response.intake.ResponseIntake;
import io.pulseloop.response.invitations.Invitation;
import io.pulseloop.response.rules.QuestionVisibility;
import io.pulseloop.response.rules.Scores;
import io.pulseloop.response.views.PageViews;

/**
 * {@code GET /s/{token}} (with {@code ?score=N}: recorded at once, then the follow-up) and {@code POST /s/{token}}
 * (form fields {@code score}, {@code comment}, {@code q.<question id>}). Errors re-render the page with
 * {@code 400} and the message next to the field; unknown and expired links get the 404 and 410 pages.
 */
@Controller
class SurveyPageController {

    private final ResponseIntake intake;
    private final PageLanguages languages;
    private final SurveyPages pages;
    private final MessageSource messages;
    private final PageViews views;

    SurveyPageController(ResponseIntake intake, PageLanguages languages, SurveyPages pages, MessageSource messages,
            PageViews views) {
        this.intake = intake;
        this.languages = languages;
        this.pages = pages;
        this.messages = messages;
        this.views = views;
    }

    @GetMapping("/s/{token}")
    String page(@PathVariable String token, @RequestParam(required = false) String score,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        Invitation invitation = intake.openInvitation(token);
        String lang = languages.choose(request, invitation);
        Map<String, String> errors = new LinkedHashMap<>();
        boolean probe = "HEAD".equals(request.getMethod());
        if (!probe) {
            views.viewed(invitation);
        }
        // HEAD (link checkers and mail scanners probing the link) never records a score
        if (score != null && !probe) {
            Integer value = parseScore(score, invitation.survey().metric());
            if (value == null) {
                errors.put("score", scoreError(invitation.survey().metric(), lang));
            }
            else {
                intake.answer(invitation, new Answer(value, null, Map.of(), false, ResponseChannel.EMAIL_LINK, lang));
            }
        }
        Optional<CurrentResponse> current = intake.currentResponse(invitation);
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
        }
        model.addAttribute("page", pages.build(token, lang, invitation, current.map(CurrentResponse::score).orElse(null),
                current.map(CurrentResponse::comment).orElse(null),
                current.map(CurrentResponse::answers).orElse(Map.of()), current.isPresent(),
                current.map(CurrentResponse::completed).orElse(false), errors));
        return "survey";
    }

    @PostMapping(path = "/s/{token}", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    String submit(@PathVariable String token, @RequestParam MultiValueMap<String, String> form,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        Invitation invitation = intake.openInvitation(token);
        String lang = languages.choose(request, invitation);
        Metric metric = invitation.survey().metric();
        String comment = Optional.ofNullable(form.getFirst("comment")).orElse("");
        Map<String, String> answers = new LinkedHashMap<>();
        form.forEach((name, values) -> {
            if (name.startsWith("q.") && !values.isEmpty()) {
                answers.put(name.substring(2), values.get(0));
            }
        });
        Set<String> shown = Arrays.stream(Optional.ofNullable(form.getFirst("shown")).orElse("").split(","))
                .filter(id -> !id.isBlank()).collect(Collectors.toSet());
        Map<String, String> errors = new LinkedHashMap<>();
        Integer score = parseScore(form.getFirst("score"), metric);
        if (score == null) {
            errors.put("score", scoreError(metric, lang));
        }
        if (comment.codePointCount(0, comment.length()) > Answer.MAX_COMMENT_LENGTH) {
            errors.put("comment", message("error.comment", lang, Answer.MAX_COMMENT_LENGTH));
        }
        ScoreCategory band = score == null ? null : Scores.categorize(metric, score);
        List<ExtraQuestion> forBand = QuestionVisibility.shownFor(invitation.survey().extraQuestions(), band);
        for (ExtraQuestion question : forBand) {
            String value = answers.get(question.id());
            if (question.required() && shown.contains(question.id()) && (value == null || value.isBlank())) {
                errors.put("answers." + question.id(), message("error.required", lang));
            }
        }
        boolean completes = forBand.stream().allMatch(question -> shown.contains(question.id()));
        AnswerReceipt receipt = null;
        if (errors.isEmpty()) {
            try {
                receipt = intake.answer(invitation, new Answer(score, comment, answers, completes,
                        ResponseChannel.WEB_PAGE, lang));
            }
            catch (InvalidAnswerException invalid) {
                errors.put(invalid.field(), invalid.field().startsWith("answers.")
                        ? message("error.answer", lang) : invalid.field().equals("comment")
                        ? message("error.comment", lang, Answer.MAX_COMMENT_LENGTH) : scoreError(metric, lang));
            }
        }
        if (receipt == null || !completes) {
            if (!errors.isEmpty()) {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
            }
            model.addAttribute("page", pages.build(token, lang, invitation, score, comment, answers,
                    receipt != null, false, errors));
            return "survey";
        }
        model.addAttribute("thanks", new ThanksPage(token, lang, pages.title(invitation, lang)));
        return "thanks";
    }

    /** The thank-you page's model. */
    record ThanksPage(String token, String lang, String title) {
    }

    private static Integer parseScore(String raw, Metric metric) {
        if (raw == null || !raw.trim().matches("-?\\d{1,3}")) {
            return null;
        }
        int value = Integer.parseInt(raw.trim());
        return Scores.isOnScale(metric, value) ? value : null;
    }

    private String scoreError(Metric metric, String lang) {
        return message("error.score", lang, metric.min(), metric.max());
    }

    private String message(String key, String lang, Object... arguments) {
        return messages.getMessage(key, arguments, Locale.forLanguageTag(lang));
    }
}

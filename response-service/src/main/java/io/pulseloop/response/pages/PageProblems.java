package io.pulseloop.response.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

import io.pulseloop.platform.events.PublishFailedException;
import io.pulseloop.response.intake.InvitationGoneException;
import io.pulseloop.response.intake.InvitationNotFoundException;
import io.pulseloop.response.intake.LinkNotConfirmedException;
import io.pulseloop.response.intake.UnknownLinks;
import io.pulseloop.response.ratelimit.RateLimitedException;

/** The friendly, localized error pages of the public pages: 404, 410, 429, 503. */
@Order(Ordered.HIGHEST_PRECEDENCE)
@ControllerAdvice(assignableTypes = {SurveyPageController.class, UnsubscribePageController.class})
class PageProblems {

    private final PageLanguages languages;

    PageProblems(PageLanguages languages) {
        this.languages = languages;
    }

    @ExceptionHandler
    ModelAndView notFound(InvitationNotFoundException ex, HttpServletRequest request) {
        return page(HttpStatus.NOT_FOUND, "notFound", languages.choose(request, null));
    }

    /** A link whose invitation may not have reached the service yet ({@link UnknownLinks}): try again later. */
    @ExceptionHandler
    ModelAndView notConfirmed(LinkNotConfirmedException ex, HttpServletRequest request,
            HttpServletResponse response) {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()));
        return page(HttpStatus.SERVICE_UNAVAILABLE, "notConfirmed", languages.choose(request, null));
    }

    @ExceptionHandler
    ModelAndView gone(InvitationGoneException ex, HttpServletRequest request) {
        return page(HttpStatus.GONE, "gone", languages.choose(request, ex.invitation()));
    }

    @ExceptionHandler
    ModelAndView tooMany(RateLimitedException ex, HttpServletRequest request, HttpServletResponse response) {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()));
        return page(HttpStatus.TOO_MANY_REQUESTS, "tooMany", languages.choose(request, null));
    }

    @ExceptionHandler
    ModelAndView unavailable(PublishFailedException ex, HttpServletRequest request, HttpServletResponse response) {
        response.setHeader(HttpHeaders.RETRY_AFTER, "10");
        return page(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", languages.choose(request, null));
    }

    private static ModelAndView page(HttpStatus status, String problem, String lang) {
        ModelAndView view = new ModelAndView("problem", status);
        view.addObject("problem", problem);
        view.addObject("lang", lang);
        view.addObject("status", status.value());
        return view;
    }
}

package io.pulseloop.platform.problem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.web.ErrorProperties;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.autoconfigure.error.BasicErrorController;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;

import io.pulseloop.events.json.EventJson;

/**
 * Spring Boot's {@code /error} with the platform's problem shape for every client that does not ask for HTML: the
 * errors no controller advice sees (an unknown path, a wrong method, an exception in a filter, a {@code 500}).
 * Browsers still get the HTML error page as before. A {@code 5xx} detail never repeats the exception's message.
 */
public class ProblemErrorController extends BasicErrorController {

    private final ErrorAttributes errorAttributes;
    private final PlatformProblemHandler handler;

    public ProblemErrorController(ErrorAttributes errorAttributes, ErrorProperties errorProperties,
            List<ErrorViewResolver> errorViewResolvers, PlatformProblemHandler handler) {
        super(errorAttributes, errorProperties, errorViewResolvers);
        this.errorAttributes = errorAttributes;
        this.handler = handler;
    }

    /**
     * The HTML page only for a client that names HTML in its {@code Accept} header (a browser); a client that sends
     * no {@code Accept} at all gets the problem, as an API client would expect.
     */
    @Override
    public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains(MediaType.TEXT_HTML_VALUE)) {
            return super.errorHtml(request, response);
        }
        ResponseEntity<Map<String, Object>> problem = error(request);
        response.setStatus(problem.getStatusCode().value());
        if (problem.getBody() != null) {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            try {
                response.getWriter().write(EventJson.mapper().writeValueAsString(problem.getBody()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return null;
    }

    @Override
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        if (status == HttpStatus.NO_CONTENT) {
            return new ResponseEntity<>(status);
        }
        ProblemDetail known = fromHandler(request, status);
        if (known != null) {
            return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.toMap(known));
        }
        Map<String, Object> attributes = getErrorAttributes(request,
                ErrorAttributeOptions.of(ErrorAttributeOptions.Include.MESSAGE, ErrorAttributeOptions.Include.PATH));
        Object path = attributes.get("path");
        String detail = detail(status, attributes.get("message"), path);
        ProblemDetail problem = Problems.of(status, Problems.defaultTitle(status), detail);
        if (path != null) {
            try {
                problem.setInstance(URI.create(path.toString()));
            } catch (IllegalArgumentException notAUri) {
                // an instance is optional; a path that is no valid URI reference is left out
            }
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.toMap(problem));
    }

    /**
     * The problem {@link PlatformProblemHandler} makes of the exception that ended in this error dispatch, when it
     * knows the exception (Spring MVC's standard ones that happen before a controller is chosen, e.g. 405 and 415).
     */
    private ProblemDetail fromHandler(HttpServletRequest request, HttpStatus status) {
        Throwable error = errorAttributes.getError(new ServletWebRequest(request));
        if (!(error instanceof Exception exception) || status.is5xxServerError()) {
            return null;
        }
        try {
            ResponseEntity<Object> answer = handler.handleException(exception, new ServletWebRequest(request));
            if (answer != null && answer.getBody() instanceof ProblemDetail problem
                    && answer.getStatusCode().value() == status.value()) {
                return problem;
            }
        } catch (Exception unknown) {
            // not one of Spring MVC's standard exceptions: the generic problem below describes it
        }
        return null;
    }

    private static String detail(HttpStatus status, Object message, Object path) {
        if (status.is5xxServerError()) {
            return "The service could not answer this request; it has been logged";
        }
        if (status == HttpStatus.NOT_FOUND) {
            return "Nothing is here" + (path != null ? ": " + path : "");
        }
        String text = message != null ? message.toString() : "";
        return text.isBlank() || text.equals("No message available") ? status.getReasonPhrase() : text;
    }
}

package io.pulseloop.platform;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.pulseloop.platform.events.EventPublisher;
import io.pulseloop.platform.events.OutgoingEvent;
import io.pulseloop.platform.problem.ProblemException;
import io.pulseloop.platform.security.StaffAuthorizationCustomizer;
import io.pulseloop.platform.security.StaffMember;

/** A small service on the platform: a staff API, a public hook, a staff page; nothing else of its own. */
@SpringBootApplication
public class PlatformTestApplication {

    /** A service's own rule: only ADMIN may call {@code /api/v1/admin/**}. */
    @Bean
    StaffAuthorizationCustomizer adminsOnly() {
        return requests -> requests.requestMatchers("/api/v1/admin/**").hasRole("ADMIN");
    }

    /** A public path declared in code rather than in {@code pulseloop.security.public-paths}. */
    @Bean
    StaffAuthorizationCustomizer publicStatus() {
        return StaffAuthorizationCustomizer.publicPaths("GET /api/v1/status");
    }

    /** The body of {@code POST /api/v1/things}. */
    public record Thing(@NotBlank String name, @Min(0) @Max(10) int count, Kind kind) {
    }

    /** An enum field, to see what an invalid value answers. */
    public enum Kind { SMALL, LARGE }

    @RestController
    static class StaffApi {

        private final ObjectProvider<EventPublisher> publisher;

        StaffApi(ObjectProvider<EventPublisher> publisher) {
            this.publisher = publisher;
        }

        @GetMapping("/api/v1/me")
        Map<String, Object> me(StaffMember caller) {
            return Map.of("ownerId", caller.ownerId(), "roles", caller.roles().stream().map(Enum::name).sorted().toList());
        }

        @GetMapping("/api/v1/admin/settings")
        Map<String, Object> settings() {
            return Map.of("setting", "value");
        }

        @PostMapping(path = "/api/v1/things", consumes = MediaType.APPLICATION_JSON_VALUE)
        Thing create(@Valid @RequestBody Thing thing) {
            return thing;
        }

        @GetMapping("/api/v1/things/{id}")
        Thing find(@PathVariable String id) {
            throw ProblemException.notFound("id", "No thing " + id);
        }

        @GetMapping("/api/v1/things")
        List<Thing> list(@RequestParam int size) {
            return List.of();
        }

        @PostMapping("/api/v1/things/{id}/lock")
        Thing lock(@PathVariable String id) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "Thing " + id + " is locked already");
        }

        @GetMapping("/api/v1/status")
        Map<String, Object> status() {
            return Map.of("status", "fine");
        }

        @PostMapping("/api/v1/echo")
        Map<String, Object> echo(@RequestBody Map<String, Object> body) {
            publisher.getObject().publish(OutgoingEvent.of("platform.echo.v1", String.valueOf(body.get("key")), "{}", Map.of()));
            return Map.of("published", true);
        }

        @PostMapping("/api/v1/hooks")
        Map<String, Object> hook() {
            return Map.of("accepted", true);
        }
    }

    @Controller
    static class StaffPages {

        @GetMapping(path = "/pages/hello", produces = MediaType.TEXT_HTML_VALUE)
        @ResponseBody
        String hello(StaffMember caller, CsrfToken csrf) {
            return "<html><body><p id=\"owner\">" + caller.ownerId() + "</p><form method=\"post\" action=\"/pages/hello\">"
                    + "<input type=\"hidden\" name=\"" + csrf.getParameterName() + "\" value=\"" + csrf.getToken()
                    + "\"></form></body></html>";
        }

        @PostMapping(path = "/pages/hello", produces = MediaType.TEXT_HTML_VALUE)
        @ResponseBody
        String post(StaffMember caller) {
            return "<html><body><p id=\"saved\">saved by " + caller.ownerId() + "</p></body></html>";
        }
    }
}

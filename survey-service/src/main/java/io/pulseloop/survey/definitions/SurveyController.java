package io.pulseloop.survey.definitions;

import java.net.URI;
import java.time.Clock;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The staff API for survey definitions (contract §3): {@code /api/v1/surveys}. */
@RestController
@RequestMapping("/api/v1/surveys")
class SurveyController {

    private final SurveyCatalog catalog;
    private final Clock clock;

    SurveyController(SurveyCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    @GetMapping
    List<SurveyRepresentation> list() {
        return catalog.list().stream().map(SurveyRepresentations::of).toList();
    }

    @PostMapping
    ResponseEntity<SurveyRepresentation> create(@RequestBody(required = false) SurveyRepresentation request) {
        SurveyDefinition created = catalog.create(SurveyValidator.toDefinition(request, null, clock.instant()));
        return ResponseEntity.created(URI.create("/api/v1/surveys/" + created.id()))
                .body(SurveyRepresentations.of(created));
    }

    @GetMapping("/{id}")
    SurveyRepresentation get(@PathVariable String id) {
        return SurveyRepresentations.of(catalog.current(id).orElseThrow(() -> SurveyCatalog.notFound(id)));
    }

    @GetMapping("/{id}/versions/{version}")
    SurveyRepresentation version(@PathVariable String id, @PathVariable int version) {
        return SurveyRepresentations.of(catalog.version(id, version)
                .orElseThrow(() -> SurveyCatalog.notFound(id + " version " + version)));
    }

    @PutMapping("/{id}")
    SurveyRepresentation update(@PathVariable String id,
            @RequestBody(required = false) SurveyRepresentation request) {
        SurveyDefinition draft = SurveyValidator.toDefinition(request, id, clock.instant());
        return SurveyRepresentations.of(catalog.update(id, draft, (request == null) ? null : request.version()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        catalog.delete(id);
        return ResponseEntity.noContent().build();
    }
}

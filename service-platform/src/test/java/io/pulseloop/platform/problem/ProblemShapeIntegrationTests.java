package io.pulseloop.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import io.pulseloop.platform.TestHttp;
import io.pulseloop.testsupport.security.JwtTestTokens;

/** Every error of a staff API in one shape: type, title, status, detail, and field / errors[] naming what was wrong. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProblemShapeIntegrationTests {

    static final JwtTestTokens tokens = JwtTestTokens.shared();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        tokens.registerIssuer(registry);
    }

    String staff() {
        return tokens.bearer("owner-1", "ADMIN");
    }

    JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = TestHttp.json(response);
        assertThat(problem.path("type").asString()).isEqualTo("about:blank");
        assertThat(problem.path("title").asString()).isNotBlank();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asString()).isNotBlank();
        return problem;
    }

    @Test
    void namesEveryInvalidFieldOfAValidatedBody() {
        JsonNode problem = problem(new TestHttp(port).postJson("/api/v1/things", "{\"name\":\" \",\"count\":11}",
                "Authorization", staff()), 400);

        assertThat(problem.path("field").asString()).isIn("name", "count");
        assertThat(problem.path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("name", "count");
        assertThat(problem.path("errors").get(0).path("message").asString()).isNotBlank();
    }

    @Test
    void namesTheFieldOfAWronglyTypedJsonValue() {
        JsonNode number = problem(new TestHttp(port).postJson("/api/v1/things", "{\"name\":\"a\",\"count\":\"many\"}",
                "Authorization", staff()), 400);
        JsonNode kind = problem(new TestHttp(port).postJson("/api/v1/things", "{\"name\":\"a\",\"kind\":\"HUGE\"}",
                "Authorization", staff()), 400);

        assertThat(number.path("field").asString()).isEqualTo("count");
        assertThat(number.path("errors").get(0).path("field").asString()).isEqualTo("count");
        assertThat(kind.path("field").asString()).isEqualTo("kind");
        assertThat(kind.path("detail").asString()).contains("HUGE").contains("SMALL");
    }

    @Test
    void namesTheBodyWhenItIsNoJsonAtAll() {
        JsonNode problem = problem(new TestHttp(port).postJson("/api/v1/things", "{not json", "Authorization", staff()),
                400);

        assertThat(problem.path("field").asString()).isEqualTo("body");
    }

    @Test
    void namesAQueryParameterOfTheWrongTypeOrMissing() {
        JsonNode wrong = problem(new TestHttp(port).get("/api/v1/things?size=lots", "Authorization", staff()), 400);
        JsonNode missing = problem(new TestHttp(port).get("/api/v1/things", "Authorization", staff()), 400);

        assertThat(wrong.path("field").asString()).isEqualTo("size");
        assertThat(wrong.path("detail").asString()).contains("lots");
        assertThat(missing.path("field").asString()).isEqualTo("size");
    }

    @Test
    void answersAProblemExceptionWithItsStatusAndField() {
        JsonNode problem = problem(new TestHttp(port).get("/api/v1/things/t-9", "Authorization", staff()), 404);

        assertThat(problem.path("field").asString()).isEqualTo("id");
        assertThat(problem.path("detail").asString()).isEqualTo("No thing t-9");
        assertThat(problem.path("errors").get(0).path("message").asString()).isEqualTo("No thing t-9");
    }

    @Test
    void answersAResponseStatusExceptionWithItsReason() {
        JsonNode problem = problem(new TestHttp(port).post("/api/v1/things/t-1/lock", null, "",
                "Authorization", staff()), 409);

        assertThat(problem.path("detail").asString()).isEqualTo("Thing t-1 is locked already");
    }

    @Test
    void answersUnknownPathsWrongMethodsAndMediaTypesAsProblems() {
        problem(new TestHttp(port).get("/api/v1/nothing-here", "Authorization", staff()), 404);
        HttpResponse<String> method = new TestHttp(port).get("/api/v1/hooks", "Authorization", staff());
        problem(method, 405);
        assertThat(method.headers().firstValue("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("POST"));
        JsonNode media = problem(new TestHttp(port).post("/api/v1/things", "text/plain", "x", "Authorization", staff()),
                415);
        assertThat(media.path("field").asString()).isEqualTo("Content-Type");
    }

    @Test
    void keepsHtmlErrorPagesForBrowsers() {
        HttpResponse<String> response = new TestHttp(port).get("/api/v1/nothing-here", "Authorization", staff(),
                "Accept", "text/html");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
    }
}

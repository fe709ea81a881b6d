package io.pulseloop.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import io.pulseloop.platform.TestHttp;
import io.pulseloop.testsupport.security.JwtTestTokens;

/** Staff security outside the {@code local} profile: bearer JWTs of the configured issuer, roles, owner id. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StaffSecurityIntegrationTests {

    static final JwtTestTokens tokens = JwtTestTokens.shared();
    static final JwtTestTokens elsewhere = JwtTestTokens.startAnother();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        tokens.registerIssuer(registry);
    }

    @AfterAll
    static void stopOtherIssuer() {
        elsewhere.close();
    }

    TestHttp http() {
        return new TestHttp(port);
    }

    @Test
    void healthInfoAndPrometheusNeedNoToken() {
        assertThat(http().get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(http().get("/actuator/health/liveness").statusCode()).isIn(200, 404);
        assertThat(http().get("/actuator/info").statusCode()).isEqualTo(200);
        assertThat(http().get("/actuator/prometheus").statusCode()).isIn(200, 404);
    }

    @Test
    void answers401AsProblemWithoutAToken() {
        HttpResponse<String> response = http().get("/api/v1/me");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                header -> assertThat(header).startsWith("Bearer"));
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(TestHttp.json(response).path("status").asInt()).isEqualTo(401);
    }

    @Test
    void refusesForgedExpiredAndForeignTokens() {
        assertThat(http().get("/api/v1/me", "Authorization", "Bearer " + tokens.forgedToken("o-1", "ADMIN"))
                .statusCode()).isEqualTo(401);
        assertThat(http().get("/api/v1/me", "Authorization", "Bearer " + tokens.expiredToken("o-1", "ADMIN"))
                .statusCode()).isEqualTo(401);
        assertThat(http().get("/api/v1/me", "Authorization", elsewhere.bearer("o-1", "ADMIN")).statusCode())
                .isEqualTo(401);
        assertThat(http().get("/api/v1/me", "Authorization", "Bearer not-a-jwt").statusCode()).isEqualTo(401);
    }

    @Test
    void answersEveryRefusedTokenAlikeWhicheverCheckRefusedIt() {
        List<String> refused = List.of("Bearer not-a-jwt", "Bearer " + tokens.forgedToken("o-1", "ADMIN"),
                "Bearer " + tokens.expiredToken("o-1", "ADMIN"), elsewhere.bearer("o-1", "ADMIN"),
                "Bearer " + tokens.claims().roles("ADMIN").sign());

        List<String> answers = refused.stream().map(token -> http().get("/api/v1/me", "Authorization", token))
                .map(response -> response.statusCode() + " " + response.headers().firstValue("WWW-Authenticate")
                        .orElse("") + " " + response.body())
                .toList();

        assertThat(answers).hasSize(5).allSatisfy(answer -> assertThat(answer).isEqualTo(answers.get(0)));
        assertThat(answers.get(0)).startsWith("401 Bearer error=\"invalid_token\"").doesNotContain("expired")
                .doesNotContain("signature").doesNotContain("sub");
    }

    @Test
    void readsOwnerIdFromSubAndRolesFromTheRolesClaim() {
        HttpResponse<String> response = http().get("/api/v1/me", "Authorization",
                tokens.bearer("owner-17", "MANAGER", "AGENT"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode me = TestHttp.json(response);
        assertThat(me.path("ownerId").asString()).isEqualTo("owner-17");
        assertThat(me.path("roles").toString()).isEqualTo("[\"AGENT\",\"MANAGER\"]");
    }

    @Test
    void refusesATokenWithoutOwnerId() {
        String token = tokens.claims().roles("ADMIN").sign();

        assertThat(http().get("/api/v1/me", "Authorization", "Bearer " + token).statusCode()).isEqualTo(401);
    }

    @Test
    void answers403AsProblemForARoleWithoutTheRight() {
        HttpResponse<String> agent = http().get("/api/v1/admin/settings", "Authorization",
                tokens.bearer("agent-1", "AGENT"));
        HttpResponse<String> admin = http().get("/api/v1/admin/settings", "Authorization",
                tokens.bearer("admin-1", "ADMIN"));

        assertThat(agent.statusCode()).isEqualTo(403);
        assertThat(agent.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(TestHttp.json(agent).path("status").asInt()).isEqualTo(403);
        assertThat(admin.statusCode()).isEqualTo(200);
    }

    @Test
    void letsTheErrorOfAnAuthorisedRequestThrough() {
        HttpResponse<String> response = http().get("/api/v1/things/t-1", "Authorization",
                tokens.bearer("agent-1", "AGENT"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(TestHttp.json(response).path("field").asString()).isEqualTo("id");
    }

    @Test
    void opensTheServicesPublicPathsOnlyForTheirMethod() {
        assertThat(http().post("/api/v1/hooks", "application/json", "{}").statusCode()).isEqualTo(200);
        assertThat(http().get("/api/v1/hooks").statusCode()).isEqualTo(401);
        assertThat(http().get("/api/v1/status").statusCode()).isEqualTo(200);
        assertThat(http().post("/api/v1/status", null, "").statusCode()).isEqualTo(401);
    }

    @Test
    void deniesWhatIsNeitherApiNorPageNorOpen() {
        assertThat(http().get("/internal/anything", "Authorization", tokens.bearer("admin-1", "ADMIN")).statusCode())
                .isEqualTo(403);
    }

    @Test
    void refusesHttpBasicOutsideTheLocalProfile() {
        assertThat(http().get("/api/v1/me", "Authorization", "Basic YWRtaW46YWRtaW4=").statusCode()).isEqualTo(401);
    }

    @Test
    void acceptsABearerTokenOnAStaffPage() {
        HttpResponse<String> page = http().get("/pages/hello", "Authorization", tokens.bearer("owner-3", "AGENT"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<p id=\"owner\">owner-3</p>");
    }
}

package io.pulseloop.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.test.context.ActiveProfiles;

import io.pulseloop.platform.TestHttp;
import io.pulseloop.testsupport.security.JwtTestTokens;

/** The {@code local} profile: HTTP Basic admin/admin (ADMIN, owner id {@code admin}), no issuer needed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
class LocalProfileSecurityIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    UserDetailsService users;

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theLocalAdminsPasswordStaysCheapToCheckAfterLogins() {
        for (int i = 0; i < 3; i++) {
            assertThat(new TestHttp(port).get("/api/v1/me", "Authorization", basic("admin", "admin")).statusCode())
                    .isEqualTo(200);
        }

        // a UserDetailsPasswordService would have had the password re-encoded with BCrypt after the first login,
        // and every Basic request would then pay a BCrypt hash
        assertThat(users).isNotInstanceOf(UserDetailsPasswordService.class);
        assertThat(users.loadUserByUsername("admin").getPassword()).isEqualTo("{noop}admin");
    }

    @Test
    void acceptsAdminAdminAsTheAdminOwner() {
        HttpResponse<String> response = new TestHttp(port).get("/api/v1/me", "Authorization", basic("admin", "admin"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(response).path("ownerId").asString()).isEqualTo("admin");
        assertThat(TestHttp.json(response).path("roles").toString()).isEqualTo("[\"ADMIN\"]");
        assertThat(new TestHttp(port).get("/api/v1/admin/settings", "Authorization", basic("admin", "admin"))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void answers401AsProblemForAWrongPasswordOrNone() {
        HttpResponse<String> wrong = new TestHttp(port).get("/api/v1/me", "Authorization", basic("admin", "nimda"));
        HttpResponse<String> none = new TestHttp(port).get("/api/v1/me");

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                header -> assertThat(header).startsWith("Basic"));
        assertThat(none.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void ignoresBearerTokensInLocal() {
        assertThat(new TestHttp(port).get("/api/v1/me", "Authorization",
                JwtTestTokens.shared().bearer("owner-1", "ADMIN")).statusCode()).isEqualTo(401);
    }

    @Test
    void signsStaffPagesInWithBasicOrTheLoginForm() {
        HttpResponse<String> withBasic = new TestHttp(port).get("/pages/hello", "Authorization", basic("admin", "admin"));
        HttpResponse<String> browser = new TestHttp(port).get("/pages/hello", "Accept", "text/html");

        assertThat(withBasic.statusCode()).isEqualTo(200);
        assertThat(withBasic.body()).contains("<p id=\"owner\">admin</p>");
        assertThat(browser.statusCode()).isEqualTo(302);
        assertThat(browser.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/login"));
    }
}

package io.pulseloop.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.pulseloop.platform.TestHttp;
import io.pulseloop.testsupport.security.JwtTestTokens;

/**
 * Staff pages in production with a client registration: a browser signs in by OAuth2 login against the same issuer
 * (roles and owner id as in a bearer token), then keeps a session whose forms need the CSRF token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StaffPagesOAuth2LoginIntegrationTests {

    static final JwtTestTokens tokens = JwtTestTokens.shared();
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void issuerAndLoginClient(DynamicPropertyRegistry registry) {
        tokens.registerIssuer(registry);
        tokens.registerLoginClient(registry);
    }

    @Test
    void signsABrowserInThroughTheIssuerAndKeepsItsSession() {
        // given
        tokens.loginAs("owner-42", "MANAGER");
        TestHttp browser = new TestHttp(port, true);

        // when
        HttpResponse<String> page = browser.get("/pages/hello", "Accept", "text/html");

        // then
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.uri().getPath()).isEqualTo("/pages/hello");
        assertThat(page.body()).contains("<p id=\"owner\">owner-42</p>");
        assertThat(browser.get("/pages/hello", "Accept", "text/html").body()).contains("owner-42");
    }

    @Test
    void requiresTheCsrfTokenOnAPagesForm() {
        // given
        tokens.loginAs("owner-43", "AGENT");
        TestHttp browser = new TestHttp(port, true);
        HttpResponse<String> page = browser.get("/pages/hello", "Accept", "text/html");
        Matcher csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).as("the page carries a CSRF token: %s", page.body()).isTrue();

        // when
        HttpResponse<String> forged = browser.post("/pages/hello", "application/x-www-form-urlencoded", "note=x");
        HttpResponse<String> genuine = browser.post("/pages/hello", "application/x-www-form-urlencoded",
                "note=x&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));

        // then
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(genuine.statusCode()).isEqualTo(200);
        assertThat(genuine.body()).contains("saved by owner-43");
    }

    @Test
    void sendsAnUnauthenticatedBrowserToTheLogin() {
        HttpResponse<String> response = new TestHttp(port).get("/pages/hello", "Accept", "text/html");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).contains("/oauth2/authorization/" + JwtTestTokens.LOGIN_REGISTRATION));
    }
}

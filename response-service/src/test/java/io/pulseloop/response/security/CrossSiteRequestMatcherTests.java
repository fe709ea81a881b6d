package io.pulseloop.response.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class CrossSiteRequestMatcherTests {

    private final CrossSiteRequestMatcher matcher = new CrossSiteRequestMatcher("https://survey.acme.example");

    @Test
    void leavesSafeMethodsAlone() {
        assertThat(matcher.matches(request("GET", "Sec-Fetch-Site", "cross-site"))).isFalse();
    }

    @Test
    void needsNoTokenFromClientsThatAreNotBrowsersOnAnotherSite() {
        assertThat(matcher.matches(request("POST"))).isFalse();
        assertThat(matcher.matches(request("POST", "Sec-Fetch-Site", "same-origin"))).isFalse();
        assertThat(matcher.matches(request("POST", "Sec-Fetch-Site", "none"))).isFalse();
        assertThat(matcher.matches(request("POST", "Origin", "http://localhost:8082"))).isFalse();
        assertThat(matcher.matches(request("POST", "Origin", "https://SURVEY.acme.example"))).isFalse();
    }

    @Test
    void needsTheTokenFromBrowsersOnAnotherSite() {
        assertThat(matcher.matches(request("POST", "Sec-Fetch-Site", "cross-site"))).isTrue();
        assertThat(matcher.matches(request("POST", "Sec-Fetch-Site", "same-site"))).isTrue();
        assertThat(matcher.matches(request("POST", "Origin", "https://attacker.example"))).isTrue();
        assertThat(matcher.matches(request("POST", "Origin", "null"))).isTrue();
        assertThat(matcher.matches(request("POST", "Origin", "http://localhost:9999"))).isTrue();
    }

    @Test
    void worksWithoutAConfiguredPublicBaseUrl() {
        CrossSiteRequestMatcher withoutBase = new CrossSiteRequestMatcher("");

        assertThat(withoutBase.matches(request("POST", "Origin", "http://localhost:8082"))).isFalse();
        assertThat(withoutBase.matches(request("POST", "Origin", "https://survey.acme.example"))).isTrue();
    }

    private static MockHttpServletRequest request(String method, String... headers) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/s/token");
        request.setScheme("http");
        request.setServerName("localhost");
        request.setServerPort(8082);
        for (int i = 0; i < headers.length; i += 2) {
            request.addHeader(headers[i], headers[i + 1]);
        }
        return request;
    }
}

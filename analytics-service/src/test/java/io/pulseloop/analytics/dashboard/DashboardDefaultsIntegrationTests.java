package io.pulseloop.analytics.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.pulseloop.analytics.AnalyticsIntegrationTest;
import io.pulseloop.analytics.StaffAuthTestConfiguration;

/** The dashboard as a first visit opens it: no filter in the address, every filter at its default. */
@AnalyticsIntegrationTest
class DashboardDefaultsIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void opensWithoutAnyFilterParameter() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/dashboard"))
                .header("Authorization", "Bearer " + StaffAuthTestConfiguration.ADMIN_TOKEN)
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"dashboard\"").contains("value=\"week\"");
    }
}

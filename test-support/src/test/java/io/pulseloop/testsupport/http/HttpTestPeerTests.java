package io.pulseloop.testsupport.http;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.noContent;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HttpTestPeerTests {

    @RegisterExtension
    static final HttpTestPeer crm = HttpTestPeer.start();

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void answersAsStubbedAndRecordsTheRequest() throws Exception {
        crm.server().stubFor(post("/contacts/c-1/scores").willReturn(noContent()));

        HttpResponse<String> response = postScore("/contacts/c-1/scores");

        assertThat(response.statusCode()).isEqualTo(204);
        crm.server().verify(postRequestedFor(urlEqualTo("/contacts/c-1/scores"))
                .withRequestBody(equalTo("{\"score\":9}")));
    }

    @Test
    void forgetsStubsAndRequestsBetweenTests() throws Exception {
        crm.server().stubFor(post("/once").willReturn(noContent()));
        postScore("/once");

        crm.reset();

        assertThat(crm.server().getAllServeEvents()).isEmpty();
        assertThat(postScore("/once").statusCode()).isEqualTo(404);
    }

    @Test
    void sharesOnePeerPerJvm() {
        assertThat(HttpTestPeer.shared()).isSameAs(HttpTestPeer.shared());
        assertThat(HttpTestPeer.shared().baseUrl()).startsWith("http://127.0.0.1:");
    }

    private HttpResponse<String> postScore(String path) throws IOException, InterruptedException {
        return this.http.send(HttpRequest.newBuilder(URI.create(crm.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString("{\"score\":9}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

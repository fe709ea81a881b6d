package io.pulseloop.testsupport.http;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A WireMock server on a free loopback port, running as soon as it is returned, so its URL can go into
 * {@code @DynamicPropertySource}. Stub and verify through {@link #server()}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final HttpTestPeer crm = HttpTestPeer.start();
 *
 * @DynamicPropertySource
 * static void crm(DynamicPropertyRegistry registry) {
 *     crm.registerBaseUrl(registry, "pulseloop.crm.base-url");
 * }
 *
 * @Test
 * void writesTheScoreBack() {
 *     crm.server().stubFor(post("/contacts/c-1/scores").willReturn(noContent()));
 *     ...
 *     crm.server().verify(postRequestedFor(urlEqualTo("/contacts/c-1/scores")));
 * }
 * }</pre>
 *
 * <p>Registered as a JUnit extension it removes stubs and recorded requests before each test; a peer from
 * {@link #start()} stops after the test class, the {@link #shared()} one at JVM exit.
 */
public final class HttpTestPeer implements BeforeEachCallback, AfterAllCallback, AutoCloseable {

    private static HttpTestPeer shared;

    private final WireMockServer server;

    private final boolean stopAfterAll;

    private HttpTestPeer(boolean stopAfterAll) {
        this.server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        this.stopAfterAll = stopAfterAll;
        this.server.start();
    }

    /**
     * Starts a peer of its own, e.g. for one test class.
     *
     * @return the running peer
     */
    public static HttpTestPeer start() {
        return new HttpTestPeer(true);
    }

    /**
     * The peer shared by the whole JVM, started on first call and stopped at JVM exit; registering it as an extension
     * resets it before each test but does not stop it. Tests that run in parallel must not share it.
     *
     * @return the running shared peer
     */
    public static synchronized HttpTestPeer shared() {
        if (shared == null) {
            HttpTestPeer peer = new HttpTestPeer(false);
            Runtime.getRuntime().addShutdownHook(new Thread(peer::close, "pulseloop-http-test-peer-shutdown"));
            shared = peer;
        }
        return shared;
    }

    /**
     * The WireMock server, for {@code stubFor(...)}, {@code verify(...)} and the like.
     *
     * @return the running server
     */
    public WireMockServer server() {
        return this.server;
    }

    /**
     * The port the peer listens on.
     *
     * @return the port
     */
    public int port() {
        return this.server.port();
    }

    /**
     * The base URL of the peer, without a trailing slash.
     *
     * @return e.g. {@code http://127.0.0.1:40123}
     */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * Adds {@link #baseUrl()} under the given property name to a {@code @DynamicPropertySource} registry.
     *
     * @param registry the registry
     * @param propertyName the property of the service that holds the peer's base URL
     */
    public void registerBaseUrl(DynamicPropertyRegistry registry, String propertyName) {
        registry.add(propertyName, this::baseUrl);
    }

    /**
     * Removes all stubs and recorded requests.
     */
    public void reset() {
        this.server.resetAll();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (this.stopAfterAll) {
            close();
        }
    }

    /**
     * Stops the server; idempotent.
     */
    @Override
    public void close() {
        if (this.server.isRunning()) {
            this.server.stop();
        }
    }
}

package io.pulseloop.closedloop;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import io.pulseloop.testsupport.http.HttpTestPeer;
import io.pulseloop.testsupport.mail.SmtpTestServer;

/**
 * The peers alerts go to, one per JVM like the shared context: GreenMail for email, WireMock for webhooks (a Slack
 * endpoint at {@code /slack}, a Teams endpoint at {@code /teams}) and a dead endpoint that refuses connections.
 */
public final class AlertPeers implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String SECRET = "test-webhook-secret";
    public static final SmtpTestServer SMTP = SmtpTestServer.start();
    public static final HttpTestPeer WEBHOOKS = HttpTestPeer.shared();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> properties = new LinkedHashMap<>(SMTP.springProperties());
        properties.put("pulseloop.alerts.webhook-url", WEBHOOKS.baseUrl() + "/slack");
        properties.put("pulseloop.alerts.webhook-secret", SECRET);
        properties.put("pulseloop.alerts.webhooks[0].name", "teams");
        properties.put("pulseloop.alerts.webhooks[0].url", WEBHOOKS.baseUrl() + "/teams");
        properties.put("pulseloop.alerts.webhooks[0].format", "teams");
        properties.put("pulseloop.alerts.webhooks[0].secret", SECRET);
        properties.put("pulseloop.alerts.webhooks[1].name", "dead");
        properties.put("pulseloop.alerts.webhooks[1].url", "http://127.0.0.1:9/dead");
        properties.put("pulseloop.alerts.webhooks[1].format", "slack");
        properties.put("pulseloop.alerts.webhooks[1].secret", SECRET);
        properties.put("pulseloop.alerts.inbox-base-url", "https://inbox.example");
        properties.put("pulseloop.alerts.poll-interval", "PT0.1S");
        properties.put("pulseloop.alerts.first-retry", "PT1S");
        properties.put("pulseloop.alerts.request-timeout", "PT2S");
        properties.put("pulseloop.followup.scan-interval", "PT0.2S");
        properties.put("pulseloop.followup.outbox-sweep-interval", "PT0.5S");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("alertPeers", properties));
    }
}

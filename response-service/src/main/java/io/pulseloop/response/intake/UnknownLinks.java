package io.pulseloop.response.intake;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import io.pulseloop.platform.events.KafkaReadiness;

/**
 * Whether a survey link this service does not know may still be a real one. Invitations reach this service over
 * {@code survey.invitations.v1}; while the broker is unreachable, an invitation emailed just before the outage may
 * not have arrived yet, and "unknown link" (404, contract §5) would tell a real customer their link is wrong. Then the
 * answer is {@code 503} with {@code Retry-After} instead: the customer tries again and the link works once the broker
 * is back (found by the broker-SIGKILL fault test: 11 of 16 customers were told their link was unknown).
 * With the broker reachable an unknown link is a {@code 404} as the contract says.
 */
@Component
public class UnknownLinks {

    /** How long a customer is asked to wait before trying the link again. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(30);

    public static final String DETAIL = "This survey link cannot be confirmed while the service catches up; "
            + "try again shortly";

    private final ObjectProvider<KafkaReadiness> readiness;

    public UnknownLinks(ObjectProvider<KafkaReadiness> readiness) {
        this.readiness = readiness;
    }

    /**
     * True while the broker is unreachable from here: two readiness checks in a row failed, 5–10 s into an outage
     * (no readiness check configured: never).
     */
    public boolean mayBeNotYetKnown() {
        KafkaReadiness check = readiness.getIfAvailable();
        return check != null && check.brokerUnreachable();
    }
}

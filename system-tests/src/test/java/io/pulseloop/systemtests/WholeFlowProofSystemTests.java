package io.pulseloop.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import tools.jackson.databind.node.ObjectNode;

import io.pulseloop.events.json.EventJson;

/**
 * The rest of the whole flow (NPS, churn risk, upsell) and the hostile-input sweep, on one start of the five
 * services as separate processes in the production profile ({@link WholePlatform}); each half is its own nested
 * class, written in {@link NpsFlowScenarios} and {@link HostileInputScenarios}.
 *
 * <p>Configuration as an operator would set it, not code: every trigger delay 1 s (as {@link WholeFlowSystemTests}),
 * and — so that one contact can be surveyed twice within a test — the shared platform's global fatigue window of 1 s
 * and no window of {@code relationship-nps} itself (set through the staff API).
 */
class WholeFlowProofSystemTests {

    static final String NPS = "relationship-nps";

    private static WholePlatform platform;
    private static PlatformDriver driver;

    @BeforeAll
    static void startPlatform() throws Exception {
        platform = WholePlatform.shared();
        driver = new PlatformDriver(platform);
        HttpResponse<String> survey = driver.get(platform.survey.baseUrl() + "/api/v1/surveys/" + NPS,
                driver.admin());
        assertThat(survey.statusCode()).as(survey.body()).isEqualTo(200);
        ObjectNode definition = (ObjectNode) EventJson.mapper().readTree(survey.body());
        definition.put("fatigueWindow", "PT0S");
        HttpResponse<String> updated = driver.send(platform.survey.baseUrl() + "/api/v1/surveys/" + NPS, "PUT",
                driver.admin(), "application/json", EventJson.mapper().writeValueAsString(definition));
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    }

    @Nested
    class NpsAfterWonDeals extends NpsFlowScenarios {

        NpsAfterWonDeals() {
            super(driver);
        }
    }

    @Nested
    class HostileInput extends HostileInputScenarios {

        HostileInput() {
            super(driver);
        }
    }
}

package io.pulseloop.testsupport.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

class PulseloopArchitectureRulesTests {

    private static final String FIXTURE = "io.pulseloop.testsupport.architecture.fixture";

    private static final String BILLING = FIXTURE + ".billing";

    private static final String SHIPPING = FIXTURE + ".shipping";

    private static final String EVENTS = FIXTURE + ".events";

    private static final JavaClasses billing = new ClassFileImporter().importPackages(BILLING);

    private static final JavaClasses shipping = new ClassFileImporter().importPackages(SHIPPING);

    private static final ArchRule sharesNothingButEvents = PulseloopArchitectureRules
            .noServiceDependsOnAnotherService(FIXTURE, List.of(BILLING, SHIPPING), List.of(EVENTS));

    @Test
    void serviceUsingOnlyItselfAndTheSharedEventsPasses() {
        sharesNothingButEvents.check(billing);
    }

    @Test
    void serviceReachingIntoAnotherServiceFails() {
        EvaluationResult result = sharesNothingButEvents.evaluate(shipping);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .allSatisfy(detail -> assertThat(detail).startsWith("[" + SHIPPING + " -> " + BILLING))
                .anySatisfy(detail -> assertThat(detail).contains("Dispatcher").contains("Invoice"));
        assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> sharesNothingButEvents.check(shipping))
                .withMessageContaining("services share nothing but events");
    }

    @Test
    void platformUsingOnlyItselfAndTheContractsPasses() {
        PulseloopArchitectureRules.platformHoldsNoBusinessRuleAndKnowsNoService(FIXTURE, FIXTURE + ".platform",
                List.of(EVENTS)).check(new ClassFileImporter().importPackages(FIXTURE + ".platform"));
    }

    @Test
    void platformReachingIntoAServiceFails() {
        EvaluationResult result = PulseloopArchitectureRules.platformHoldsNoBusinessRuleAndKnowsNoService(FIXTURE,
                FIXTURE + ".leakyplatform", List.of(EVENTS))
                .evaluate(new ClassFileImporter().importPackages(FIXTURE + ".leakyplatform"));

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anySatisfy(detail -> assertThat(detail).contains("Invoice"))
                .anySatisfy(detail -> assertThat(detail).contains("is rule code"));
    }

    @Test
    void acyclicFeaturePackagesPass() {
        PulseloopArchitectureRules.noPackageCyclesInside(BILLING).check(billing);
    }

    @Test
    void cycleBetweenFeaturePackagesFails() {
        EvaluationResult result = PulseloopArchitectureRules.noPackageCyclesInside(SHIPPING).evaluate(shipping);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains(SHIPPING + ".dispatch").contains(SHIPPING + ".tracking");
    }

    @Test
    void ruleCodeWithoutSpringPasses() {
        PulseloopArchitectureRules.ruleCodeIsFreeOfSpring(BILLING + ".rules..").check(billing);
    }

    @Test
    void ruleCodeUsingSpringFails() {
        EvaluationResult result = PulseloopArchitectureRules.ruleCodeIsFreeOfSpring(SHIPPING + ".rules..")
                .evaluate(shipping);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("ShippingRule").contains("org.springframework");
    }

    @Test
    void defaultRulesFindTheViolationsInRuleCodePackages() {
        assertThat(PulseloopArchitectureRules.ruleCodeIsFreeOfSpring().evaluate(shipping).hasViolation()).isTrue();
        assertThat(PulseloopArchitectureRules.ruleCodeIsFreeOfSpring().evaluate(billing).hasViolation()).isFalse();
    }

    @Test
    void defaultRulesKnowTheFiveServicesAndTheSharedPackages() {
        assertThat(PulseloopArchitectureRules.SERVICE_ROOT_PACKAGES).containsExactly("io.pulseloop.survey",
                "io.pulseloop.response", "io.pulseloop.crmsync", "io.pulseloop.closedloop", "io.pulseloop.analytics");
        assertThat(PulseloopArchitectureRules.SHARED_PACKAGES).containsExactly("io.pulseloop.events",
                "io.pulseloop.platform", "io.pulseloop.testsupport");
        assertThat(PulseloopArchitectureRules.noPackageCyclesInsideAnyService().evaluate(billing).hasViolation())
                .isFalse();
    }

    @Test
    void everyRuleStatesItsReason() {
        assertThat(List.of(PulseloopArchitectureRules.noServiceDependsOnAnotherService(),
                PulseloopArchitectureRules.noPackageCyclesInside("io.pulseloop.survey"),
                PulseloopArchitectureRules.ruleCodeIsFreeOfSpring(),
                PulseloopArchitectureRules.platformHoldsNoBusinessRuleAndKnowsNoService()))
                .allSatisfy(rule -> assertThat(rule.getDescription()).contains("because"));
    }
}

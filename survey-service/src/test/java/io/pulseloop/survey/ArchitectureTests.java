package io.pulseloop.survey;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import io.pulseloop.testsupport.architecture.PulseloopArchitectureRules;

/** The house rules, applied to survey-service's production code. */
@AnalyzeClasses(packages = "io.pulseloop.survey", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule sharesNothingButEvents = PulseloopArchitectureRules.noServiceDependsOnAnotherService();

    @ArchTest
    static final ArchRule noPackageCycles = PulseloopArchitectureRules.noPackageCyclesInside("io.pulseloop.survey");

    @ArchTest
    static final ArchRule policyIsFreeOfSpring = PulseloopArchitectureRules.ruleCodeIsFreeOfSpring(
            "io.pulseloop.survey.policy..");
}

package io.pulseloop.response;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import io.pulseloop.testsupport.architecture.PulseloopArchitectureRules;

/** The house rules, applied to response-service's production code. */
@AnalyzeClasses(packages = "io.pulseloop.response", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule sharesNothingButEvents = PulseloopArchitectureRules.noServiceDependsOnAnotherService();

    @ArchTest
    static final ArchRule noPackageCycles = PulseloopArchitectureRules.noPackageCyclesInside("io.pulseloop.response");

    @ArchTest
    static final ArchRule rulesFreeOfSpring = PulseloopArchitectureRules.ruleCodeIsFreeOfSpring(
            "io.pulseloop.response.rules..");
}

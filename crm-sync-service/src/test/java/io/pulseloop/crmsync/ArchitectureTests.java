package io.pulseloop.crmsync;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import io.pulseloop.testsupport.architecture.PulseloopArchitectureRules;

@AnalyzeClasses(packages = "io.pulseloop.crmsync", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule sharesNothingButEvents = PulseloopArchitectureRules.noServiceDependsOnAnotherService();

    @ArchTest
    static final ArchRule noPackageCycles = PulseloopArchitectureRules.noPackageCyclesInside("io.pulseloop.crmsync");

    @ArchTest
    static final ArchRule rulesFreeOfSpring = PulseloopArchitectureRules.ruleCodeIsFreeOfSpring(
            "io.pulseloop.crmsync.webhook.rules..", "io.pulseloop.crmsync.writeback.rules..",
            "io.pulseloop.crmsync.cloudevents..");
}

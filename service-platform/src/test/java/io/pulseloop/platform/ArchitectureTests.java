package io.pulseloop.platform;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import io.pulseloop.testsupport.architecture.PulseloopArchitectureRules;

@AnalyzeClasses(packages = "io.pulseloop.platform", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule knowsNoServiceAndHoldsNoRule =
            PulseloopArchitectureRules.platformHoldsNoBusinessRuleAndKnowsNoService();

    @ArchTest
    static final ArchRule noPackageCycles = PulseloopArchitectureRules.noPackageCyclesInside("io.pulseloop.platform");
}

package io.pulseloop.analytics;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import io.pulseloop.testsupport.architecture.PulseloopArchitectureRules;

class ArchitectureTests {

    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.pulseloop.analytics");

    @Test
    void dependsOnNoOtherService() {
        PulseloopArchitectureRules.noServiceDependsOnAnotherService().check(SERVICE);
    }

    @Test
    void hasNoPackageCycles() {
        PulseloopArchitectureRules.noPackageCyclesInside("io.pulseloop.analytics").check(SERVICE);
    }

    @Test
    void keepsRuleCodeFreeOfSpring() {
        PulseloopArchitectureRules.ruleCodeIsFreeOfSpring().allowEmptyShould(true).check(SERVICE);
    }

    @Test
    void keepsStatisticsSignalRulesAndTermAnalysisFreeOfSpring() {
        PulseloopArchitectureRules.ruleCodeIsFreeOfSpring("io.pulseloop.analytics.statistics..",
                "io.pulseloop.analytics.signals.rules..", "io.pulseloop.analytics.themes.analysis..").check(SERVICE);
    }
}

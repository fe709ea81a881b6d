package io.pulseloop.closedloop;

import java.util.ArrayList;
import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import io.pulseloop.testsupport.architecture.PulseloopArchitectureRules;

class ArchitectureTests {

    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.pulseloop.closedloop");

    @Test
    void dependsOnNoOtherService() {
        // service-platform is shared plumbing like common-events (test-support's list does not name it yet)
        List<String> shared = new ArrayList<>(PulseloopArchitectureRules.SHARED_PACKAGES);
        shared.add("io.pulseloop.platform");
        PulseloopArchitectureRules.noServiceDependsOnAnotherService(PulseloopArchitectureRules.NAMESPACE,
                PulseloopArchitectureRules.SERVICE_ROOT_PACKAGES, shared).check(SERVICE);
    }

    @Test
    void hasNoPackageCycles() {
        PulseloopArchitectureRules.noPackageCyclesInside("io.pulseloop.closedloop").check(SERVICE);
    }

    @Test
    void keepsRuleCodeFreeOfSpring() {
        PulseloopArchitectureRules.ruleCodeIsFreeOfSpring().allowEmptyShould(true).check(SERVICE);
    }
}

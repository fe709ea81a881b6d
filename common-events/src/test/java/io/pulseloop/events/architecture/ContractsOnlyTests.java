package io.pulseloop.events.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** common-events is the published language and nothing else: every service depends on it. */
class ContractsOnlyTests {

    private static final JavaClasses EVENTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.pulseloop.events");

    @Test
    void dependsOnNoFrameworkNorPersistence() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "org.bson..", "com.mongodb..", "jakarta.persistence..",
                        "org.apache.kafka..", "io.micrometer..")
                .because("events are contracts shared by every service; a framework or persistence type in them "
                        + "would couple all services to one service's technology choices")
                .check(EVENTS);
    }

    /**
     * Every package of common-events is contracts only (issue 9), except the topic catalogue ({@code topic}: names
     * and the typed catalogue) and the JSON settings ({@code json}: the one mapper configuration every service uses).
     * Behaviour such as reading or validating the CRM's CloudEvents belongs to the service that does it.
     */
    @Test
    void everyPackageButTheTopicCatalogueAndJsonSettingsHoldsOnlyRecordsEnumsAndInterfaces() {
        classes().that().resideInAPackage("io.pulseloop.events..")
                .and().resideOutsideOfPackages("io.pulseloop.events.topic..", "io.pulseloop.events.json..")
                .should().beRecords().orShould().beEnums().orShould().beInterfaces()
                .because("events are immutable data; behaviour belongs to the services that react to them")
                .check(EVENTS);
    }

    @Test
    void dependsOnNoService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.pulseloop.survey..",
                        "io.pulseloop.response..", "io.pulseloop.crmsync..", "io.pulseloop.closedloop..",
                        "io.pulseloop.analytics..")
                .because("the shared language must not know its speakers")
                .check(EVENTS);
    }
}

package io.pulseloop.testsupport.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The architecture rules of the house (ARCHITECTURE.md, CONVENTIONS.md), for every service's
 * {@code ArchitectureTests}:
 *
 * <pre>{@code
 * @AnalyzeClasses(packages = "io.pulseloop.survey", importOptions = ImportOption.DoNotIncludeTests.class)
 * class ArchitectureTests {
 *
 *     @ArchTest
 *     static final ArchRule sharesNothingButEvents = PulseloopArchitectureRules.noServiceDependsOnAnotherService();
 *
 *     @ArchTest
 *     static final ArchRule noPackageCycles = PulseloopArchitectureRules.noPackageCyclesInside("io.pulseloop.survey");
 *
 *     @ArchTest
 *     static final ArchRule rulesFreeOfSpring = PulseloopArchitectureRules.ruleCodeIsFreeOfSpring(
 *             "io.pulseloop.survey.rules..", "io.pulseloop.survey.eligibility..");
 * }
 * }</pre>
 *
 * <p>Every rule says why with {@code because(...)}. The variants with parameters exist so that the rules can be
 * checked against fixtures.
 */
public final class PulseloopArchitectureRules {

    /** The package all Pulseloop code lives in. */
    public static final String NAMESPACE = "io.pulseloop";

    /** The root package of each service. */
    public static final List<String> SERVICE_ROOT_PACKAGES = List.of("io.pulseloop.survey", "io.pulseloop.response",
            "io.pulseloop.crmsync", "io.pulseloop.closedloop", "io.pulseloop.analytics");

    /** The root package of {@code service-platform}: what every service does the same way. */
    public static final String PLATFORM_PACKAGE = "io.pulseloop.platform";

    /**
     * The packages of {@link #NAMESPACE} that every service may use: the published language ({@code common-events}),
     * the {@code service-platform} and, in tests, this module.
     */
    public static final List<String> SHARED_PACKAGES = List.of("io.pulseloop.events", PLATFORM_PACKAGE,
            "io.pulseloop.testsupport");

    /**
     * What the platform may use of {@link #NAMESPACE} besides itself: the wire settings and the topic catalogue of
     * {@code common-events}, and the data-key record that the platform itself publishes ({@code privacy}:
     * crypto-shredding, {@code docs/privacy.md}); never a business event record (reading a family works on any
     * sealed type given to it).
     */
    public static final List<String> PLATFORM_MAY_USE = List.of("io.pulseloop.events.json", "io.pulseloop.events.topic",
            "io.pulseloop.events.privacy");

    /** Where rule code lives, as ArchUnit package identifiers: packages named rules, policy or domain. */
    public static final List<String> RULE_CODE_PACKAGES = List.of("io.pulseloop..rules..", "io.pulseloop..policy..",
            "io.pulseloop..domain..");

    private PulseloopArchitectureRules() {
    }

    /**
     * Code of a service (under one of {@link #SERVICE_ROOT_PACKAGES}) depends, inside {@link #NAMESPACE}, only on its
     * own packages and the {@link #SHARED_PACKAGES}. Fails when the imported classes include no service code.
     *
     * @return the rule
     */
    public static ArchRule noServiceDependsOnAnotherService() {
        return noServiceDependsOnAnotherService(NAMESPACE, SERVICE_ROOT_PACKAGES, SHARED_PACKAGES);
    }

    /**
     * Code under one of the service root packages depends, inside the namespace, only on its own root package and
     * the shared packages; dependencies outside the namespace (the JDK, libraries) are not restricted. Fails when
     * the imported classes include no service code.
     *
     * @param namespace the package all the product's code lives in, e.g. {@code io.pulseloop}
     * @param serviceRootPackages the root package of each service, e.g. {@code io.pulseloop.survey}
     * @param sharedPackages packages every service may depend on, with their sub-packages
     * @return the rule
     */
    public static ArchRule noServiceDependsOnAnotherService(String namespace, Collection<String> serviceRootPackages,
            Collection<String> sharedPackages) {
        List<String> roots = List.copyOf(serviceRootPackages);
        List<String> shared = List.copyOf(sharedPackages);
        ArchCondition<JavaClass> onlyOwnAndShared = new ArchCondition<>(
                "depend, inside " + namespace + ", only on their own service and on " + shared) {

            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String own = owningRoot(origin.getPackageName(), roots).orElseThrow();
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    String target = dependency.getTargetClass().getBaseComponentType().getPackageName();
                    boolean allowed = !isInPackage(target, namespace) || isInPackage(target, own)
                            || shared.stream().anyMatch(sharedPackage -> isInPackage(target, sharedPackage));
                    if (!allowed) {
                        events.add(SimpleConditionEvent.violated(dependency,
                                "[" + own + " -> " + target + "] " + dependency.getDescription()));
                    }
                }
            }
        };
        return classes().that().resideInAnyPackage(roots.stream().map(root -> root + "..").toArray(String[]::new))
                .should(onlyOwnAndShared)
                .because("services share nothing but events: depending on another service's code couples their "
                        + "releases and hides a contract that belongs on a topic");
    }

    /**
     * The {@link #PLATFORM_PACKAGE} depends, inside {@link #NAMESPACE}, only on itself and {@link #PLATFORM_MAY_USE},
     * and has no rule-code package: it holds no business rule and knows no service.
     *
     * @return the rule
     */
    public static ArchRule platformHoldsNoBusinessRuleAndKnowsNoService() {
        return platformHoldsNoBusinessRuleAndKnowsNoService(NAMESPACE, PLATFORM_PACKAGE, PLATFORM_MAY_USE);
    }

    /**
     * Code under the platform package depends, inside the namespace, only on the platform and the given packages, and
     * none of it lives in a package named rules, policy or domain. Fails when no platform class was imported.
     *
     * @param namespace the package all the product's code lives in
     * @param platformPackage the platform's root package
     * @param mayUse the other packages of the namespace the platform may use, with their sub-packages
     * @return the rule
     */
    public static ArchRule platformHoldsNoBusinessRuleAndKnowsNoService(String namespace, String platformPackage,
            Collection<String> mayUse) {
        List<String> allowed = List.copyOf(mayUse);
        ArchCondition<JavaClass> onlyItselfAndContracts = new ArchCondition<>(
                "depend, inside " + namespace + ", only on " + platformPackage + " and " + allowed
                        + ", outside packages named rules, policy or domain") {

            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                if (origin.getPackageName().matches(".*\\.(rules|policy|domain)(\\..*)?")) {
                    events.add(SimpleConditionEvent.violated(origin, origin.getName() + " is rule code"));
                }
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    String target = dependency.getTargetClass().getBaseComponentType().getPackageName();
                    boolean permitted = !isInPackage(target, namespace) || isInPackage(target, platformPackage)
                            || allowed.stream().anyMatch(use -> isInPackage(target, use));
                    if (!permitted) {
                        events.add(SimpleConditionEvent.violated(dependency,
                                "[" + platformPackage + " -> " + target + "] " + dependency.getDescription()));
                    }
                }
            }
        };
        return classes().that().resideInAPackage(platformPackage + "..").should(onlyItselfAndContracts)
                .because("the platform is what every service does the same way: a business rule or a service's "
                        + "name in it would couple every service to one of them");
    }

    /**
     * No cycles between the feature packages of any of the {@link #SERVICE_ROOT_PACKAGES}; services whose classes were
     * not imported are skipped.
     *
     * @return the rule
     */
    public static ArchRule noPackageCyclesInsideAnyService() {
        return CompositeArchRule.of(SERVICE_ROOT_PACKAGES.stream().map(PulseloopArchitectureRules::noPackageCyclesInside)
                .map(rule -> rule.allowEmptyShould(true)).toList());
    }

    /**
     * No cycles between the feature packages of one service: slices are the first sub-packages under the root
     * ({@code io.pulseloop.survey.scheduling..}, {@code io.pulseloop.survey.email..}, ...). Fails when the imported
     * classes include no feature package of that service.
     *
     * @param serviceRootPackage the root package of the service, e.g. {@code io.pulseloop.survey}
     * @return the rule
     */
    public static ArchRule noPackageCyclesInside(String serviceRootPackage) {
        return slices().matching(serviceRootPackage + ".(*)..")
                .namingSlices(serviceRootPackage + ".$1")
                .should().beFreeOfCycles()
                .because("a cycle between feature packages means neither can be understood, tested or moved "
                        + "without the other");
    }

    /**
     * Classes in the {@link #RULE_CODE_PACKAGES} (packages named rules, policy or domain) do not depend on Spring;
     * passes when there are none.
     *
     * @return the rule
     */
    public static ArchRule ruleCodeIsFreeOfSpring() {
        return ruleCodeIsFreeOfSpring(RULE_CODE_PACKAGES.toArray(String[]::new)).allowEmptyShould(true);
    }

    /**
     * Classes in the given packages do not depend on anything in {@code org.springframework..}. Fails when the
     * imported classes include none in those packages, which catches a misspelt package.
     *
     * @param packageIdentifiers ArchUnit package identifiers, e.g. {@code io.pulseloop.survey.rules..}
     * @return the rule
     */
    public static ArchRule ruleCodeIsFreeOfSpring(String... packageIdentifiers) {
        return noClasses().that().resideInAnyPackage(packageIdentifiers)
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .because("rule code (eligibility, routing, mapping) is plain Java, unit-tested without a Spring "
                        + "context; Spring wires it at the edge");
    }

    private static Optional<String> owningRoot(String packageName, List<String> roots) {
        return roots.stream().filter(root -> isInPackage(packageName, root)).findFirst();
    }

    private static boolean isInPackage(String packageName, String parent) {
        return packageName.equals(parent) || packageName.startsWith(parent + ".");
    }
}

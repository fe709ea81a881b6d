package io.pulseloop.testsupport.infrastructure;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Enables a {@link RequiresContainers} test only in {@link InfrastructureMode#CONTAINERS} mode.
 */
final class RequiresContainersCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        SharedInfrastructure.Choice choice = SharedInfrastructure.choice();
        if (choice.mode() == InfrastructureMode.CONTAINERS) {
            return ConditionEvaluationResult.enabled("test infrastructure is CONTAINERS (" + choice.reason() + ")");
        }
        String need = context.getElement()
                .flatMap(element -> AnnotationSupport.findAnnotation(element, RequiresContainers.class))
                .or(() -> context.getTestClass()
                        .flatMap(type -> AnnotationSupport.findAnnotation(type, RequiresContainers.class)))
                .map(RequiresContainers::value)
                .filter(value -> !value.isBlank())
                .map(value -> " for " + value)
                .orElse("");
        return ConditionEvaluationResult.disabled("Needs real Kafka and MongoDB containers" + need
                + ", but the test infrastructure is " + choice.mode() + " (" + choice.reason() + ")");
    }
}

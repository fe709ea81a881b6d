package io.pulseloop.platform.security;

import java.util.List;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when the service declares staff pages ({@code pulseloop.security.page-paths}, list or comma-separated). */
final class OnStaffPagesCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return !Binder.get(context.getEnvironment())
                .bind("pulseloop.security.page-paths", Bindable.listOf(String.class))
                .orElse(List.of()).isEmpty();
    }
}

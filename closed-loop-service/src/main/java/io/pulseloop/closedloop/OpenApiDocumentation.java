package io.pulseloop.closedloop;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The title and description of {@code /v3/api-docs}. */
@Configuration(proxyBeanMethods = false)
class OpenApiDocumentation {

    @Bean
    OpenAPI closedLoopOpenApi() {
        return new OpenAPI().info(new Info().title("Pulseloop closed-loop-service").version("v1")
                .description("Follow-up tasks (contract §6.1): list, read, log attempts, resolve with a root cause. "
                        + "Bearer JWT (roles ADMIN, MANAGER, AGENT); an agent sees only their own tasks."));
    }
}

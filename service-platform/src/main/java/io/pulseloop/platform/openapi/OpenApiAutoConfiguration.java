package io.pulseloop.platform.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import io.pulseloop.platform.security.StaffMember;

/**
 * The OpenAPI document's frame (title from {@code spring.application.name}, the staff bearer-JWT scheme); springdoc
 * fills in the operations. {@link StaffMember} controller arguments are the caller, not request parameters, so the
 * document leaves them out. The platform's security opens {@code /v3/api-docs/**}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SpringDocUtils.class)
public class OpenApiAutoConfiguration {

    /** The name of the staff security scheme in {@code components.securitySchemes}. */
    public static final String STAFF_JWT = "staffJwt";

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(StaffMember.class);
    }

    @Bean
    @ConditionalOnMissingBean
    OpenAPI pulseloopOpenApi(Environment environment) {
        String service = environment.getProperty("spring.application.name", "pulseloop");
        return new OpenAPI()
                .info(new Info().title(service).version("v1")
                        .description("The HTTP API of Pulseloop's " + service + " (errors as application/problem+json)."))
                .components(new Components().addSecuritySchemes(STAFF_JWT, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("A staff access token of PULSELOOP_JWT_ISSUER_URI (roles claim: ADMIN, MANAGER, "
                                + "AGENT); HTTP Basic admin/admin in the local profile")));
    }
}

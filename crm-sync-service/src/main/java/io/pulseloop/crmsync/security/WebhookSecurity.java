package io.pulseloop.crmsync.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.pulseloop.platform.security.StaffAuthorizationCustomizer;

/**
 * The CRM webhook ({@code POST /api/v1/crm/webhooks}) needs no staff login: the CRM authenticates each delivery by
 * its HMAC signature (contract §2.2, §7). Everything else is the platform's staff security.
 */
@Configuration(proxyBeanMethods = false)
class WebhookSecurity {

    @Bean
    StaffAuthorizationCustomizer crmWebhookIsPublic() {
        return StaffAuthorizationCustomizer.publicPaths("POST /api/v1/crm/webhooks");
    }
}

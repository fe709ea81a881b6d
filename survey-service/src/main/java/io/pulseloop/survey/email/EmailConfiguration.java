package io.pulseloop.survey.email;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the plain-Java renderer with the public base URL. */
@Configuration(proxyBeanMethods = false)
class EmailConfiguration {

    @Bean
    InvitationEmailRenderer invitationEmailRenderer(PublicLinkProperties links) {
        return new InvitationEmailRenderer(links.publicBaseUrl());
    }
}

package io.pulseloop.survey.scheduling;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.pulseloop.survey.invitations.InvitationProperties;
import io.pulseloop.survey.invitations.InvitationStateMachine;

/** Wires the plain-Java invitation lifecycle with the scheduler's retry settings and the reminder settings. */
@Configuration(proxyBeanMethods = false)
class LifecycleConfiguration {

    @Bean
    InvitationStateMachine invitationStateMachine(SchedulingProperties scheduling, InvitationProperties invitations) {
        return new InvitationStateMachine(new InvitationStateMachine.Settings(scheduling.retryBackoff(),
                scheduling.maxRetryBackoff(), scheduling.giveUpAfter(), invitations.reminder().enabled(),
                invitations.reminder().after()));
    }
}

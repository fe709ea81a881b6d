/** Invitations from trigger to expiry: the planner applying the policy to triggers, the invitation store with its embedded decisions and outbox, tokens, and the published events. */
package io.pulseloop.survey.invitations;

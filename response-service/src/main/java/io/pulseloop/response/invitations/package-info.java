/**
 * The invitation read model: what response-service knows of each sent invitation (survey snapshot, context,
 * expiry), keyed by the SHA-256 of its token and built from {@code survey.invitations.v1}.
 */
package io.pulseloop.response.invitations;

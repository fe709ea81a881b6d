/**
 * The contact registry: contacts, owners and deal outcomes as the CRM last described them, built from the
 * service's own canonical events; newer news always wins, loss reasons are never deleted, erasure is final.
 */
package io.pulseloop.crmsync.registry;

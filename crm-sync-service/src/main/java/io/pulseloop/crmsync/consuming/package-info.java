/**
 * Reading the event families of the topics this service consumes, tolerantly: a type this version does not know,
 * or a tombstone, is skipped and counted, never retried and dead-lettered (contract §2.1's rule for the CRM's events,
 * applied to the internal topics too, so a producer can add an event type before its consumers know it).
 */
package io.pulseloop.crmsync.consuming;

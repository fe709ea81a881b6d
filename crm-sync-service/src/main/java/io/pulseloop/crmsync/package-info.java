/** crm-sync-service: CRM events in (Kafka and signed webhooks), the contact registry, and the resilient write-back to the CRM. */
package io.pulseloop.crmsync;

/**
 * The front half of Pulseloop — crm-sync, survey and response services — run as separate processes and
 * driven the way a CRM, a customer and a member of staff would drive them.
 */
package io.pulseloop.systemtests;

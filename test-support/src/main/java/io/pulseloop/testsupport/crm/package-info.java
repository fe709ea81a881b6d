/**
 * What a CRM sends Pulseloop, for tests: CloudEvents in JSON structured mode (contract §2.1).
 */
package io.pulseloop.testsupport.crm;

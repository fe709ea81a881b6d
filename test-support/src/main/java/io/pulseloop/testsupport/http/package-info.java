/**
 * A stand-in HTTP peer (a CRM API, an alert webhook) for tests, backed by WireMock.
 */
package io.pulseloop.testsupport.http;

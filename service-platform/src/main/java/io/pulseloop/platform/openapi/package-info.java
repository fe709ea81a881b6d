/** Every service's HTTP API as an OpenAPI 3 document at {@code /v3/api-docs}, open without authentication (contract §6). */
package io.pulseloop.platform.openapi;

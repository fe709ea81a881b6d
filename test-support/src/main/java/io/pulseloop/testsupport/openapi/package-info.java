/** A service's OpenAPI document compared with its committed snapshot ({@link io.pulseloop.testsupport.openapi.OpenApiSnapshot}). */
package io.pulseloop.testsupport.openapi;

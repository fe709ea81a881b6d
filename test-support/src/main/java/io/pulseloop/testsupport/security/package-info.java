/** Staff identities for tests: real signed JWTs from an in-JVM OpenID issuer ({@link io.pulseloop.testsupport.security.JwtTestTokens}). */
package io.pulseloop.testsupport.security;

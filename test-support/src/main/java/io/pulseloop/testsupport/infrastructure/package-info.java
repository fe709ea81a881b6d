/**
 * Kafka and MongoDB for tests, started once per JVM: Testcontainers where a Docker engine answers, in-JVM
 * servers otherwise, wired into Spring contexts by {@link io.pulseloop.testsupport.infrastructure.RealInfrastructure}.
 */
package io.pulseloop.testsupport.infrastructure;

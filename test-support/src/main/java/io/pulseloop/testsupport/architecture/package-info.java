/**
 * The architecture rules every Pulseloop service checks with ArchUnit: services share nothing but events, no package
 * cycles inside a service, rule code free of Spring.
 */
package io.pulseloop.testsupport.architecture;

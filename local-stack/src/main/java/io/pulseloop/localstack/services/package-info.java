/** The five service jars as child JVMs in the {@code local} profile: started, awaited until ready, and stopped. */
package io.pulseloop.localstack.services;

/** {@code --demo}: a simulated CRM publishing owners, contacts, tickets and deals, and simulated respondents. */
package io.pulseloop.localstack.demo;

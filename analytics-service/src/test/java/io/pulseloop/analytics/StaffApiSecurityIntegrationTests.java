package io.pulseloop.analytics;

import io.pulseloop.testsupport.security.StaffApiSecurityContract;

/** The staff API refuses what contract §7 refuses; health and metrics stay open (the checks: the contract class). */
@AnalyticsIntegrationTest
class StaffApiSecurityIntegrationTests extends StaffApiSecurityContract {
}

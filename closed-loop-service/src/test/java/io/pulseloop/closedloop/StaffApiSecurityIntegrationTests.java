package io.pulseloop.closedloop;

import io.pulseloop.testsupport.security.StaffApiSecurityContract;

/** The staff API refuses what contract §7 refuses; health and metrics stay open (the checks: the contract class). */
@ClosedLoopIntegrationTest
class StaffApiSecurityIntegrationTests extends StaffApiSecurityContract {
}

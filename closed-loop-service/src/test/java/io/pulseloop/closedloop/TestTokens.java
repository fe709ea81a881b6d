package io.pulseloop.closedloop;

import io.pulseloop.testsupport.security.JwtTestTokens;

/** Real signed JWTs from test-support's in-JVM OpenID issuer, whose decoder the shared test context trusts. */
public final class TestTokens {

    private TestTokens() {
    }

    /** {@code Authorization} header value for a staff member with the given owner id and roles. */
    public static String bearer(String ownerId, String... roles) {
        return JwtTestTokens.shared().bearer(ownerId, roles);
    }
}

package io.pulseloop.closedloop;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Real signed JWTs for tests: an RSA key pair made once per JVM stands in for the identity provider, whose public key
 * the test {@code JwtDecoder} trusts.
 */
public final class TestTokens {

    static final KeyPair KEYS = generate();

    private TestTokens() {
    }

    /** {@code Authorization} header value for a staff member with the given owner id and roles. */
    public static String bearer(String ownerId, String... roles) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(ownerId).issuer("https://idp.test")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(3600)))
                .claim("roles", List.of(roles)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner((RSAPrivateKey) KEYS.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return "Bearer " + jwt.serialize();
    }

    static RSAPublicKey publicKey() {
        return (RSAPublicKey) KEYS.getPublic();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

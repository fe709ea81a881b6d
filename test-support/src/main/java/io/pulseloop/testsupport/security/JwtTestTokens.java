package io.pulseloop.testsupport.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real OpenID Connect issuer for tests, in this JVM: an RSA key, its JWKS and discovery document served over HTTP
 * on a loopback port, and tokens signed with it. Services decode them exactly as in production (discovery, JWKS,
 * signature, issuer, expiry), so a test exercises the real {@code roles} and owner-id handling instead of a fake
 * decoder.
 *
 * <pre>{@code
 * static final JwtTestTokens tokens = JwtTestTokens.shared();
 *
 * @DynamicPropertySource
 * static void issuer(DynamicPropertyRegistry registry) {
 *     tokens.registerIssuer(registry);          // spring.security.oauth2.resourceserver.jwt.issuer-uri
 * }
 *
 * http.get("/api/v1/tasks", "Authorization", tokens.bearer("owner-7", "AGENT"));
 * }</pre>
 *
 * Or {@code @Import(JwtTestTokens.DecoderConfiguration.class)}: a {@link JwtDecoder} bean of the shared issuer (found
 * through its discovery document), for contexts whose properties a test cannot reach.
 *
 * <p>For staff pages with OAuth2 login it is also the authorization server: {@link #registerLoginClient} configures a
 * client registration, {@link #loginAs} chooses who the next authorization request signs in (no login form: the
 * {@code /authorize} endpoint redirects straight back with a code), and {@code /token} answers with an ID token.
 */
public final class JwtTestTokens implements AutoCloseable {

    /** The registration id {@link #registerLoginClient} uses. */
    public static final String LOGIN_REGISTRATION = "staff";
    /** The client id {@link #registerLoginClient} uses (the audience of the ID tokens). */
    public static final String LOGIN_CLIENT_ID = "pulseloop-test-client";

    private static final Duration LIFETIME = Duration.ofHours(1);
    private static JwtTestTokens shared;

    private final RSAKey key;
    private final RSAKey otherKey;
    private final HttpServer server;
    private final String issuer;
    private final Map<String, Map<String, Object>> codes = new ConcurrentHashMap<>();
    private volatile Identity nextLogin = new Identity("admin", List.of("ADMIN"));

    private JwtTestTokens() {
        this.key = newKey("test-key-" + UUID.randomUUID());
        this.otherKey = newKey("forged-key");
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the test JWT issuer", e);
        }
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/issuer";
        // the documents are written once, here: the server's threads then only copy bytes
        byte[] discovery = jsonBytes(discovery());
        byte[] jwks = jsonBytes(new JWKSet(key.toPublicJWK()).toJSONObject());
        server.createContext("/issuer/.well-known/openid-configuration", exchange -> send(exchange, 200, discovery));
        server.createContext("/issuer/jwks", exchange -> send(exchange, 200, jwks));
        server.createContext("/issuer/authorize", this::authorize);
        server.createContext("/issuer/token", this::token);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "jwt-test-issuer");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    /** The issuer of this JVM, started on first use and shared by every test (its key never changes meanwhile). */
    public static synchronized JwtTestTokens shared() {
        if (shared == null) {
            shared = new JwtTestTokens();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "jwt-test-issuer-stop"));
        }
        return shared;
    }

    /** An issuer of its own, e.g. to show that another issuer's tokens are refused. Close it after the test. */
    public static JwtTestTokens startAnother() {
        return new JwtTestTokens();
    }

    /** The issuer URI, as {@code PULSELOOP_JWT_ISSUER_URI} would name it. */
    public String issuerUri() {
        return issuer;
    }

    /** Points {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} at this issuer. */
    public void registerIssuer(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", this::issuerUri);
    }

    /**
     * Configures the OAuth2 login client registration {@value #LOGIN_REGISTRATION} against this issuer, so staff
     * pages sign in with OAuth2 login; combine with {@link #loginAs}.
     */
    public void registerLoginClient(DynamicPropertyRegistry registry) {
        String prefix = "spring.security.oauth2.client.registration." + LOGIN_REGISTRATION + ".";
        registry.add(prefix + "client-id", () -> LOGIN_CLIENT_ID);
        registry.add(prefix + "client-secret", () -> "test-secret");
        registry.add(prefix + "scope", () -> "openid");
        registry.add(prefix + "provider", () -> LOGIN_REGISTRATION);
        registry.add("spring.security.oauth2.client.provider." + LOGIN_REGISTRATION + ".issuer-uri", this::issuerUri);
    }

    /** The staff member the next OAuth2 login signs in as. */
    public void loginAs(String ownerId, String... roles) {
        this.nextLogin = new Identity(ownerId, List.of(roles));
    }

    /** A valid access token (one hour) for a staff member with these roles ({@code ADMIN}, {@code MANAGER}, {@code AGENT}). */
    public String token(String ownerId, String... roles) {
        return claims().subject(ownerId).roles(roles).sign();
    }

    /** {@code "Bearer " + token(ownerId, roles)}, for an {@code Authorization} header. */
    public String bearer(String ownerId, String... roles) {
        return "Bearer " + token(ownerId, roles);
    }

    /** A token whose lifetime ended a minute ago. */
    public String expiredToken(String ownerId, String... roles) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return claims().subject(ownerId).roles(roles).issuedAt(past).expiresAt(past.plus(LIFETIME)).sign();
    }

    /** A token that looks right but is signed with a key the issuer never published. */
    public String forgedToken(String ownerId, String... roles) {
        return claims().subject(ownerId).roles(roles).signWith(otherKey);
    }

    /** Any other token: set the claims yourself (e.g. an owner id in another claim, or none). */
    public Claims claims() {
        return new Claims();
    }

    /** A decoder of this issuer, found through its discovery document, as Spring Boot builds it from the issuer URI. */
    public JwtDecoder decoder() {
        return JwtDecoders.fromIssuerLocation(issuer);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * A decoder of this issuer's key and issuer, built without a network round trip: signature, issuer and expiry
     * are checked as by the decoder Spring Boot builds from the issuer URI ({@link #decoder()} goes through the
     * discovery document instead).
     */
    public JwtDecoder localDecoder() {
        try {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(key.toRSAPublicKey())
                    .signatureAlgorithm(SignatureAlgorithm.RS256).build();
            decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
            return decoder;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A {@link JwtDecoder} bean of the {@linkplain #shared() shared} issuer, for {@code @Import} into a test context
     * ({@link #localDecoder()}: no HTTP call while the context starts).
     */
    @TestConfiguration(proxyBeanMethods = false)
    public static class DecoderConfiguration {

        @Bean
        JwtDecoder jwtTestTokensDecoder() {
            return shared().localDecoder();
        }
    }

    /** The claims of a token being built; {@code iss}, {@code iat}, {@code exp} and {@code jti} are preset. */
    public final class Claims {

        private final Map<String, Object> claims = new LinkedHashMap<>();
        private Instant issuedAt = Instant.now();
        private Instant expiresAt = issuedAt.plus(LIFETIME);

        private Claims() {
            claims.put("iss", issuer);
        }

        public Claims subject(String subject) {
            return claim("sub", subject);
        }

        public Claims roles(String... roles) {
            return claim("roles", List.of(roles));
        }

        public Claims claim(String name, Object value) {
            if (value == null) {
                claims.remove(name);
            } else {
                claims.put(name, value);
            }
            return this;
        }

        public Claims issuedAt(Instant at) {
            this.issuedAt = at;
            return this;
        }

        public Claims expiresAt(Instant at) {
            this.expiresAt = at;
            return this;
        }

        /** The token, signed with the issuer's key. */
        public String sign() {
            return signWith(key);
        }

        String signWith(RSAKey signingKey) {
            JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString())
                    .issueTime(Date.from(issuedAt)).expirationTime(Date.from(expiresAt));
            claims.forEach(set::claim);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID())
                    .type(JOSEObjectType.JWT).build(), set.build());
            try {
                jwt.sign(new RSASSASigner(signingKey.toRSAPrivateKey()));
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
            return jwt.serialize();
        }
    }

    private Map<String, Object> discovery() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("jwks_uri", issuer + "/jwks");
        document.put("authorization_endpoint", issuer + "/authorize");
        document.put("token_endpoint", issuer + "/token");
        document.put("response_types_supported", List.of("code"));
        document.put("subject_types_supported", List.of("public"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("scopes_supported", List.of("openid"));
        document.put("grant_types_supported", List.of("authorization_code"));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        return document;
    }

    /** Signs in {@link #nextLogin} at once: redirects back with a code remembered with the request's nonce. */
    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        String code = UUID.randomUUID().toString();
        Identity who = nextLogin;
        Map<String, Object> grant = new HashMap<>();
        grant.put("sub", who.ownerId());
        grant.put("roles", who.roles());
        grant.put("aud", query.getOrDefault("client_id", LOGIN_CLIENT_ID));
        if (query.get("nonce") != null) {
            grant.put("nonce", query.get("nonce"));
        }
        codes.put(code, grant);
        String redirect = query.get("redirect_uri") + (query.get("redirect_uri").contains("?") ? "&" : "?")
                + "code=" + code + (query.get("state") != null
                        ? "&state=" + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8) : "");
        exchange.getResponseHeaders().add("Location", URI.create(redirect).toString());
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    /** Exchanges a code for an access token and an ID token of the identity it was issued to. */
    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> body;
        try (InputStream in = exchange.getRequestBody()) {
            body = form(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        Map<String, Object> grant = codes.remove(body.getOrDefault("code", ""));
        if (grant == null) {
            send(exchange, 400, "{\"error\":\"invalid_grant\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        @SuppressWarnings("unchecked")
        List<String> roles = (List<String>) grant.get("roles");
        String ownerId = (String) grant.get("sub");
        Claims idToken = claims().subject(ownerId).claim("roles", roles).claim("aud", grant.get("aud"))
                .claim("nonce", grant.get("nonce"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", token(ownerId, roles.toArray(String[]::new)));
        answer.put("token_type", "Bearer");
        answer.put("expires_in", LIFETIME.toSeconds());
        answer.put("scope", "openid");
        answer.put("id_token", idToken.sign());
        send(exchange, 200, jsonBytes(answer));
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            values.put(name, value);
        }
        return values;
    }

    /** JSON by Nimbus's own writer (no Jackson on the server's threads). */
    private static byte[] jsonBytes(Map<String, Object> body) {
        return JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static RSAKey newKey(String keyId) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(keyId).build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Identity(String ownerId, List<String> roles) {
    }
}

package io.custodian.server.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.dropwizard.testing.ConfigOverride;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * A stand-in identity provider on loopback: serves its JWKS over HTTP and signs tokens with a
 * real RSA key, the way an OIDC issuer would.
 */
public final class TestIssuer implements AutoCloseable {
    public static final String AUDIENCE = "custodian-tests";
    private final RSAKey key;
    private final RSAKey stranger;
    private final HttpServer server;

    public TestIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-key").generate();
            stranger = new RSAKeyGenerator(2048).keyID("test-key").generate();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/jwks.json", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(jwks);
                }
            });
            server.start();
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** The server settings that make a Custodian trust this issuer. */
    public ConfigOverride[] overrides() {
        return new ConfigOverride[] {
            ConfigOverride.config("auth.oidc.issuer", issuer()),
            ConfigOverride.config("auth.oidc.audience", AUDIENCE),
            ConfigOverride.config("auth.oidc.jwksUrl", issuer() + "jwks.json"),
        };
    }

    /** A valid token for {@code subject} with these roles, for the next hour. */
    public String token(String subject, String... roles) {
        return sign(key, claims(subject, issuer(), AUDIENCE, Instant.now().plus(Duration.ofHours(1)), roles));
    }

    public String expiredToken(String subject, String... roles) {
        return sign(key, claims(subject, issuer(), AUDIENCE, Instant.now().minus(Duration.ofHours(1)), roles));
    }

    public String tokenFor(String audience, String subject, String... roles) {
        return sign(key, claims(subject, issuer(), audience, Instant.now().plus(Duration.ofHours(1)), roles));
    }

    public String tokenFromIssuer(String issuer, String subject, String... roles) {
        return sign(key, claims(subject, issuer, AUDIENCE, Instant.now().plus(Duration.ofHours(1)), roles));
    }

    /** Right issuer, key id and claims, signed with a key the issuer never published. */
    public String forgedToken(String subject, String... roles) {
        return sign(stranger, claims(subject, issuer(), AUDIENCE, Instant.now().plus(Duration.ofHours(1)), roles));
    }

    private static JWTClaimsSet claims(String subject, String issuer, String audience, Instant expiry, String... roles) {
        return new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(issuer)
                .audience(audience)
                .issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
                .expirationTime(Date.from(expiry))
                .claim("roles", List.of(roles))
                .build();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

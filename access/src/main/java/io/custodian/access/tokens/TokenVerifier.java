package io.custodian.access.tokens;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.custodian.access.Actor;
import io.custodian.access.Caller;
import io.custodian.access.Role;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks OIDC / JWT bearer tokens: the signature against the issuer's JWKS (fetched and cached),
 * the issuer, the audience, and the expiry and not-before times. Roles come from one claim (a
 * list of names, or one string of names separated by spaces or commas); names that are not
 * Custodian roles are ignored.
 */
public final class TokenVerifier {
    private static final Logger log = LoggerFactory.getLogger(TokenVerifier.class);
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
            JWSAlgorithm.RS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.PS256);

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String rolesClaim;

    /** What to trust: who issues tokens, for whom, where its keys are, and which claim holds roles. */
    public record Settings(String issuer, String audience, URI jwksUrl, String rolesClaim) {
        public Settings {
            requireNonNull(issuer, "issuer is null");
            requireNonNull(audience, "audience is null");
            requireNonNull(jwksUrl, "jwksUrl is null");
            requireNonNull(rolesClaim, "rolesClaim is null");
        }
    }

    public TokenVerifier(Settings settings) {
        requireNonNull(settings, "settings is null");
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.create(settings.jwksUrl().toURL()).retrying(true).build();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a URL: " + settings.jwksUrl(), e);
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                settings.audience(),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
                Set.of("sub", "exp")));
        this.rolesClaim = settings.rolesClaim();
    }

    /** True when the credential has the shape of a JWT (three dot-separated parts). */
    public static boolean looksLikeToken(String credential) {
        return credential != null && credential.chars().filter(c -> c == '.').count() == 2;
    }

    /** The caller a valid token speaks for; empty for an invalid, expired or foreign token. */
    public Optional<Caller> verify(String token) {
        try {
            JWTClaimsSet claims = processor.process(token, null);
            return Optional.of(new Caller(Actor.token(claims.getSubject()), roles(claims.getClaim(rolesClaim))));
        } catch (ParseException | BadJOSEException | JOSEException e) {
            // The reason names the check that failed (expired, audience, signature), never the token.
            log.debug("refused a token: {}", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private static Set<Role> roles(Object claim) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Collection<?> names = claim instanceof Collection<?> list
                ? list
                : claim instanceof String text ? List.of(text.split("[,\\s]+")) : List.of();
        for (Object name : names) {
            try {
                roles.add(Role.valueOf(String.valueOf(name).trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException notOurs) {
                // Identity providers put other groups in the same claim.
            }
        }
        return roles;
    }
}

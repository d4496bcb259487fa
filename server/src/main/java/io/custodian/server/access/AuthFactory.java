package io.custodian.server.access;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Authentication settings. The bootstrap admin key comes from {@code CUSTODIAN_ADMIN_API_KEY};
 * without it, the server makes one on first start and writes it to {@code admin-api-key} in the
 * data directory (readable by its owner only), never to the log.
 */
public final class AuthFactory {
    private String bootstrapAdminKey;
    @jakarta.validation.Valid
    private OidcFactory oidc = new OidcFactory();

    /** Optional OIDC / JWT bearer tokens; off while {@code issuer} is empty. */
    public static final class OidcFactory {
        private String issuer;
        private String audience;
        private String jwksUrl;
        private String rolesClaim = "roles";

        @JsonProperty
        public String getIssuer() {
            return issuer;
        }

        @JsonProperty
        public void setIssuer(String issuer) {
            this.issuer = issuer;
        }

        @JsonProperty
        public String getAudience() {
            return audience;
        }

        @JsonProperty
        public void setAudience(String audience) {
            this.audience = audience;
        }

        @JsonProperty
        public String getJwksUrl() {
            return jwksUrl;
        }

        @JsonProperty
        public void setJwksUrl(String jwksUrl) {
            this.jwksUrl = jwksUrl;
        }

        @JsonProperty
        public String getRolesClaim() {
            return rolesClaim;
        }

        @JsonProperty
        public void setRolesClaim(String rolesClaim) {
            this.rolesClaim = rolesClaim;
        }

        /** The token verifier, when an issuer is configured. */
        public java.util.Optional<io.custodian.access.tokens.TokenVerifier> build() {
            if (issuer == null || issuer.isBlank()) {
                return java.util.Optional.empty();
            }
            if (audience == null || audience.isBlank() || jwksUrl == null || jwksUrl.isBlank()) {
                throw new IllegalArgumentException("auth.oidc needs issuer, audience and jwksUrl together");
            }
            return java.util.Optional.of(new io.custodian.access.tokens.TokenVerifier(
                    new io.custodian.access.tokens.TokenVerifier.Settings(issuer, audience,
                            java.net.URI.create(jwksUrl), rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim)));
        }
    }

    @JsonProperty
    public OidcFactory getOidc() {
        return oidc;
    }

    @JsonProperty
    public void setOidc(OidcFactory oidc) {
        this.oidc = oidc;
    }

    @JsonProperty
    public String getBootstrapAdminKey() {
        return bootstrapAdminKey;
    }

    @JsonProperty
    public void setBootstrapAdminKey(String bootstrapAdminKey) {
        this.bootstrapAdminKey = bootstrapAdminKey;
    }

    @Override
    public String toString() {
        return "AuthFactory[bootstrapAdminKey=" + (bootstrapAdminKey == null || bootstrapAdminKey.isBlank()
                ? "unset" : "***") + "]";
    }
}

package io.custodian.server.access;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Authentication settings. The bootstrap admin key comes from {@code CUSTODIAN_ADMIN_API_KEY};
 * without it, the server makes one on first start and writes it to {@code admin-api-key} in the
 * data directory (readable by its owner only), never to the log.
 */
public final class AuthFactory {
    private String bootstrapAdminKey;

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

package io.custodian.server.demo;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The demo's settings ({@code demo} in config.yml): off unless enabled, which the {@code demo}
 * command does.
 */
public final class DemoFactory {
    private boolean enabled;

    @JsonProperty
    public boolean isEnabled() {
        return enabled;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}

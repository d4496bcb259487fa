package io.custodian.server.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The policy set's settings ({@code policies} in config.yml): the folder of policy files laid over the
 * shipped defaults (none: the defaults alone), and how often it is checked for changes.
 */
public final class PoliciesFactory {
    private String dir;
    @NotNull
    @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
    private Duration reloadInterval = Duration.seconds(2);

    /** The folder, when one is set. */
    public Optional<Path> folder() {
        return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir));
    }

    @JsonProperty
    public String getDir() {
        return dir;
    }

    @JsonProperty
    public void setDir(String dir) {
        this.dir = dir;
    }

    @JsonProperty
    public Duration getReloadInterval() {
        return reloadInterval;
    }

    @JsonProperty
    public void setReloadInterval(Duration reloadInterval) {
        this.reloadInterval = reloadInterval;
    }
}

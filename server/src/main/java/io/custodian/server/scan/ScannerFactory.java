package io.custodian.server.scan;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.custodian.scanner.scan.ScanSource;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

/**
 * The scanner's settings ({@code scanner} in config.yml): the databases it may sample, how many
 * scans run at once, and (deprecated, see {@code policies.dir}) one policy file laid over the shipped
 * policy set.
 */
public final class ScannerFactory {
    @Valid
    @NotNull
    private List<SourceFactory> sources = new ArrayList<>();
    @Min(1)
    @Max(16)
    private int parallelScans = 2;
    private String policyFile;

    /** Deprecated: one file laid over the shipped policy set, under the files of {@code policies.dir}. */
    @JsonProperty
    public String getPolicyFile() {
        return policyFile;
    }

    @JsonProperty
    public void setPolicyFile(String policyFile) {
        this.policyFile = policyFile;
    }

    public List<ScanSource> buildSources() {
        return sources.stream().map(SourceFactory::build).toList();
    }

    @JsonProperty
    public List<SourceFactory> getSources() {
        return sources;
    }

    @JsonProperty
    public void setSources(List<SourceFactory> sources) {
        this.sources = sources;
    }

    @JsonProperty
    public int getParallelScans() {
        return parallelScans;
    }

    @JsonProperty
    public void setParallelScans(int parallelScans) {
        this.parallelScans = parallelScans;
    }

    @Override
    public String toString() {
        return "ScannerFactory[sources=" + sources + ", parallelScans=" + parallelScans + "]";
    }
}

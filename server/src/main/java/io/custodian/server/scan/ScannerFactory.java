package io.custodian.server.scan;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.custodian.scanner.scan.ScanSource;
import io.custodian.sources.SourceSettings;
import io.custodian.sources.Sources;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scanner's settings ({@code scanner} in config.yml): how hard to work on each source (defaults,
 * and overrides per source name under {@code sources}), how many scans run at once, and
 * (deprecated, see {@code policies.dir}) one policy file laid over the shipped policy set. Every
 * configured source may be scanned.
 */
public final class ScannerFactory {
    @Min(1)
    @Max(ScanSource.MAX_SAMPLE_SIZE)
    private int sampleSize = ScanSource.DEFAULT_SAMPLE_SIZE;
    @Min(1)
    @Max(ScanSource.MAX_CONCURRENCY)
    private int concurrency = ScanSource.DEFAULT_CONCURRENCY;
    @NotNull
    private Duration tableTimeout = Duration.seconds(ScanSource.DEFAULT_TABLE_TIMEOUT.toSeconds());
    @Valid
    @NotNull
    private List<ScanSourceFactory> sources = new ArrayList<>();
    @Min(1)
    @Max(16)
    private int parallelScans = 2;
    private String policyFile;

    /** The sources that {@code scanner.sources} entries of the deprecated shape (with a url) define. */
    public List<SourceSettings> legacySources() {
        return sources.stream().filter(ScanSourceFactory::definesSource).map(ScanSourceFactory::buildSource).toList();
    }

    /**
     * Every configured source with its sampling settings: an entry of {@code scanner.sources} where
     * there is one, else the defaults.
     *
     * @throws IllegalArgumentException when an entry names no configured source, or two entries one source
     */
    public List<ScanSource> buildSources(Sources configured) {
        Map<String, ScanSourceFactory> byName = new LinkedHashMap<>();
        for (ScanSourceFactory entry : sources) {
            if (byName.put(entry.getName(), entry) != null) {
                throw new IllegalArgumentException("scanner.sources names source " + entry.getName() + " twice");
            }
            if (configured.find(entry.getName()).isEmpty()) {
                throw new IllegalArgumentException("scanner.sources names source " + entry.getName()
                        + ", which is not in sources; configured: " + configured.names());
            }
        }
        List<ScanSource> built = new ArrayList<>();
        for (SourceSettings source : configured.all()) {
            ScanSourceFactory entry = byName.get(source.name());
            Integer size = entry == null ? null : entry.getSampleSize();
            Integer tables = entry == null ? null : entry.getConcurrency();
            Duration timeout = entry == null || entry.getTableTimeout() == null ? tableTimeout : entry.getTableTimeout();
            built.add(new ScanSource(source, size == null ? sampleSize : size, tables == null ? concurrency : tables,
                    java.time.Duration.ofMillis(timeout.toMilliseconds())));
        }
        return built;
    }

    /** Deprecated: one file laid over the shipped policy set, under the files of {@code policies.dir}. */
    @JsonProperty
    public String getPolicyFile() {
        return policyFile;
    }

    @JsonProperty
    public void setPolicyFile(String policyFile) {
        this.policyFile = policyFile;
    }

    @JsonProperty
    public int getSampleSize() {
        return sampleSize;
    }

    @JsonProperty
    public void setSampleSize(int sampleSize) {
        this.sampleSize = sampleSize;
    }

    @JsonProperty
    public int getConcurrency() {
        return concurrency;
    }

    @JsonProperty
    public void setConcurrency(int concurrency) {
        this.concurrency = concurrency;
    }

    @JsonProperty
    public Duration getTableTimeout() {
        return tableTimeout;
    }

    @JsonProperty
    public void setTableTimeout(Duration tableTimeout) {
        this.tableTimeout = tableTimeout;
    }

    @JsonProperty
    public List<ScanSourceFactory> getSources() {
        return sources;
    }

    @JsonProperty
    public void setSources(List<ScanSourceFactory> sources) {
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
        return "ScannerFactory[sampleSize=" + sampleSize + ", concurrency=" + concurrency + ", tableTimeout="
                + tableTimeout + ", sources=" + sources + ", parallelScans=" + parallelScans + "]";
    }
}

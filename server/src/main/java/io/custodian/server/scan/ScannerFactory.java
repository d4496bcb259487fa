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
 * scans run at once, and the classification types stewards may set by hand (until the policies'
 * taxonomy provides them; types the scanner has put on a field are always accepted there).
 */
public final class ScannerFactory {
    @Valid
    @NotNull
    private List<SourceFactory> sources = new ArrayList<>();
    @Min(1)
    @Max(16)
    private int parallelScans = 2;
    @NotNull
    private List<@jakarta.validation.constraints.Pattern(regexp = "[A-Z][A-Z0-9_]{0,63}") String> classificationTypes =
            new ArrayList<>(List.of("EMAIL_ADDRESS", "PHONE_NUMBER", "PERSON_NAME", "POSTAL_ADDRESS", "IP_ADDRESS",
                    "CREDIT_CARD_NUMBER", "IBAN", "NATIONAL_ID", "DATE_OF_BIRTH", "GEO_LOCATION", "USER_ID",
                    "PASSPORT_NUMBER"));

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

    @JsonProperty
    public List<String> getClassificationTypes() {
        return classificationTypes;
    }

    @JsonProperty
    public void setClassificationTypes(List<String> classificationTypes) {
        this.classificationTypes = classificationTypes;
    }

    @Override
    public String toString() {
        return "ScannerFactory[sources=" + sources + ", parallelScans=" + parallelScans + "]";
    }
}

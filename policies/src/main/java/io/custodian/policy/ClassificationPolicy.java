package io.custodian.policy;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * The classification policy: the taxonomy of personal-data types, the thresholds the scanner
 * reports at, and the rules for carrying classifications along column lineage. Loaded from
 * {@code policies/classification.yml} on the classpath, optionally overridden by a file.
 *
 * @param taxonomy the canonical types and their sensitivities
 * @param thresholds the scanner's reporting thresholds
 * @param propagation which lineage edges carry which classification
 */
public record ClassificationPolicy(Taxonomy taxonomy, ScannerThresholds thresholds, PropagationRules propagation) {
    /** The classpath resource holding the default policy. */
    public static final String DEFAULT_RESOURCE = "policies/classification.yml";

    public ClassificationPolicy {
        requireNonNull(taxonomy, "taxonomy is null");
        requireNonNull(thresholds, "thresholds is null");
        requireNonNull(propagation, "propagation is null");
    }

    /** The default policy shipped with Custodian. */
    public static ClassificationPolicy defaults() {
        return PolicyLoader.loadDefaults();
    }

    /**
     * The default policy with a file's settings laid over it: types it lists are added or replaced,
     * thresholds and propagation rules it sets replace the defaults' for the same key.
     *
     * @throws PolicyException naming the file and line when the file is missing, unreadable or wrong
     */
    public static ClassificationPolicy load(Path file) {
        return PolicyLoader.loadOverriding(requireNonNull(file, "file is null"));
    }

    /**
     * The default policy with policy text laid over it, for policies kept elsewhere than in a file
     * (a configuration value, a request body).
     *
     * @param source names the text in error messages, as a file name would
     * @throws PolicyException naming the source and line when the text is wrong
     */
    public static ClassificationPolicy parse(String source, String yaml) {
        requireNonNull(source, "source is null");
        requireNonNull(yaml, "yaml is null");
        if (yaml.length() > PolicyLoader.MAX_FILE_BYTES) {
            throw new PolicyException(source, 0, "is " + yaml.length() + " characters; a policy is at most "
                    + PolicyLoader.MAX_FILE_BYTES);
        }
        return PolicyLoader.parseOverriding(source, yaml);
    }
}

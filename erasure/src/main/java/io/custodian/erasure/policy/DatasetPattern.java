package io.custodian.erasure.policy;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Which catalog datasets a rule of the erasure policy covers: a dataset name, where {@code *}
 * stands for any run of characters (dots included), and optionally a namespace, matched the same
 * way. Matching is exact otherwise: case matters, as it does for dataset names in the catalog.
 */
public record DatasetPattern(Optional<String> namespace, String dataset) {
    // Globs come from policy files only, so this stays as small as the policy set.
    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    public DatasetPattern {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(dataset, "dataset is null");
        if (dataset.isEmpty()) {
            throw new IllegalArgumentException("a dataset pattern is empty");
        }
    }

    public static DatasetPattern of(String dataset) {
        return new DatasetPattern(Optional.empty(), dataset);
    }

    public boolean matches(String namespaceName, String datasetName) {
        return namespace.map(n -> glob(n, namespaceName)).orElse(true) && glob(dataset, datasetName);
    }

    private static boolean glob(String pattern, String text) {
        if (pattern.indexOf('*') < 0) {
            return pattern.equals(text);
        }
        // A plan matches every rule against every dataset: compile each glob once, not per dataset.
        return COMPILED.computeIfAbsent(pattern, DatasetPattern::compile).matcher(text).matches();
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        String[] parts = glob.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            regex.append(i == 0 ? "" : ".*").append(Pattern.quote(parts[i]));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    @Override
    public String toString() {
        return namespace.map(n -> n + "/").orElse("") + dataset;
    }
}

package io.custodian.masking.policy;

import static java.util.Objects.requireNonNull;

import io.custodian.masking.strategy.MaskingSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A rule: for columns of these classifications ({@code *} for any), principals it matches see them
 * masked by this strategy.
 */
public record MaskingRule(String name, Set<String> classifications, PrincipalMatch who, MaskingSpec spec) {
    public static final String ANY = "*";

    public MaskingRule {
        requireNonNull(name, "name is null");
        classifications = Set.copyOf(classifications);
        requireNonNull(who, "who is null");
        requireNonNull(spec, "spec is null");
    }

    public boolean covers(String classification) {
        return classifications.contains(ANY) || classifications.contains(classification);
    }

    Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("classifications", new TreeSet<>(classifications).stream().toList());
        out.putAll(who.describe());
        out.putAll(spec.describe());
        return out;
    }
}

package io.custodian.scanner.policy;

import io.custodian.policy.PolicySection;
import io.custodian.policy.SectionContext;
import io.custodian.policy.YamlTree.MapNode;
import io.custodian.policy.YamlTree.Node;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code scanner} section: {@code reporting_threshold} (in [0, 1]) and per-type
 * {@code thresholds}. A file's values replace earlier ones key by key: its reporting threshold, and
 * each type's threshold it sets.
 */
public final class ScannerSection implements PolicySection<ScannerThresholds> {
    private static final Set<String> KEYS = Set.of("reporting_threshold", "thresholds");

    @Override
    public String name() {
        return "scanner";
    }

    @Override
    public ScannerThresholds empty() {
        return new ScannerThresholds(0.5, Map.of());
    }

    @Override
    public ScannerThresholds overlay(ScannerThresholds under, Node node, SectionContext context) {
        MapNode section = context.map(node, "scanner");
        context.checkKeys(section, KEYS, "scanner");
        double reporting = under.reportingThreshold();
        Node reportingNode = section.entries().get("reporting_threshold");
        if (reportingNode != null) {
            context.claim("scanner.reporting_threshold", section, "reporting_threshold");
            reporting = context.probability(reportingNode, "scanner.reporting_threshold");
        }
        Map<String, Double> overrides = new LinkedHashMap<>(under.overrides());
        Node perType = section.entries().get("thresholds");
        if (perType != null) {
            MapNode map = context.map(perType, "scanner.thresholds");
            map.entries().forEach((type, value) -> {
                context.knownType(map, type, "scanner.thresholds");
                context.claim("scanner.thresholds." + type, map, type);
                overrides.put(type, context.probability(value, "threshold of " + type));
            });
        }
        return new ScannerThresholds(reporting, overrides);
    }

    @Override
    public Object describe(ScannerThresholds value) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reporting_threshold", value.reportingThreshold());
        out.put("thresholds", new TreeMap<>(value.overrides()));
        return out;
    }
}

package io.custodian.scanner.policy;

import io.custodian.policy.PolicySection;
import io.custodian.policy.SectionContext;
import io.custodian.policy.YamlTree.MapNode;
import io.custodian.policy.YamlTree.Node;
import io.custodian.scanner.policy.PropagationPolicy.EdgeKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code propagation} section: {@code default} rules by edge kind ({@code DIRECT/IDENTITY: true})
 * and rules {@code by_type}. A file's rules replace earlier ones for the same edge kind (and type);
 * rules it does not name stay.
 */
public final class PropagationSection implements PolicySection<PropagationPolicy> {
    private static final Set<String> KEYS = Set.of("default", "by_type");

    @Override
    public String name() {
        return "propagation";
    }

    @Override
    public PropagationPolicy empty() {
        return new PropagationPolicy(Map.of(), Map.of());
    }

    @Override
    public PropagationPolicy overlay(PropagationPolicy under, Node node, SectionContext context) {
        MapNode section = context.map(node, "propagation");
        context.checkKeys(section, KEYS, "propagation");
        Map<EdgeKind, Boolean> defaults = new LinkedHashMap<>(under.defaults());
        Node defaultNode = section.entries().get("default");
        if (defaultNode != null) {
            defaults.putAll(rules(context, context.map(defaultNode, "propagation.default"), "propagation.default"));
        }
        Map<String, Map<EdgeKind, Boolean>> byType = new LinkedHashMap<>();
        under.byClassification().forEach((type, rules) -> byType.put(type, new LinkedHashMap<>(rules)));
        Node byTypeNode = section.entries().get("by_type");
        if (byTypeNode != null) {
            MapNode map = context.map(byTypeNode, "propagation.by_type");
            map.entries().forEach((type, value) -> {
                context.knownType(map, type, "propagation.by_type");
                String where = "propagation.by_type." + type;
                byType.computeIfAbsent(type, t -> new LinkedHashMap<>())
                        .putAll(rules(context, context.map(value, where), where));
            });
        }
        return new PropagationPolicy(defaults, byType);
    }

    private static Map<EdgeKind, Boolean> rules(SectionContext context, MapNode map, String where) {
        Map<EdgeKind, Boolean> rules = new LinkedHashMap<>();
        map.entries().forEach((key, value) -> {
            EdgeKind kind;
            try {
                kind = EdgeKind.parse(key);
            } catch (IllegalArgumentException e) {
                throw context.error(map, key, where + ": " + e.getMessage());
            }
            context.claim(where + "." + kind, map, key);
            rules.put(kind, context.bool(value, where + "." + key));
        });
        return rules;
    }

    @Override
    public Object describe(PropagationPolicy value) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("default", plain(value.defaults()));
        Map<String, Object> byType = new TreeMap<>();
        value.byClassification().forEach((type, rules) -> byType.put(type, plain(rules)));
        out.put("by_type", byType);
        return out;
    }

    private static Map<String, Boolean> plain(Map<EdgeKind, Boolean> rules) {
        Map<String, Boolean> out = new TreeMap<>();
        rules.forEach((kind, carries) -> out.put(kind.toString(), carries));
        return out;
    }
}

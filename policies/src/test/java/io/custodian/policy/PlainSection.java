package io.custodian.policy;

import io.custodian.policy.YamlTree.ListNode;
import io.custodian.policy.YamlTree.MapNode;
import io.custodian.policy.YamlTree.Node;
import io.custodian.policy.YamlTree.Scalar;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A section for tests of the seam: keeps every leaf as {@code path -> text}, lays files over each
 * other by leaf, claims each leaf, and takes keys in upper case for type names that must exist.
 */
final class PlainSection implements PolicySection<Map<String, String>> {
    private final String name;

    PlainSection(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, String> empty() {
        return Map.of();
    }

    @Override
    public Map<String, String> overlay(Map<String, String> under, Node node, SectionContext context) {
        Map<String, String> out = new LinkedHashMap<>(under);
        walk(name, context.map(node, name), context, out);
        return Map.copyOf(out);
    }

    private static void walk(String path, MapNode map, SectionContext context, Map<String, String> out) {
        map.entries().forEach((key, value) -> {
            if (key.matches("[A-Z][A-Z0-9_]*")) {
                context.knownType(map, key, path);
            }
            String at = path + "." + key;
            if (value instanceof MapNode child) {
                walk(at, child, context, out);
            } else if (value instanceof ListNode) {
                throw context.error(value, at + " must not be a list");
            } else {
                context.claim(at, map, key);
                out.put(at, ((Scalar) value).text());
            }
        });
    }

    @Override
    public Object describe(Map<String, String> value) {
        return value;
    }
}

package io.custodian.masking.policy;

import io.custodian.masking.MaskingDialect;
import io.custodian.masking.policy.MaskingPolicy.UnknownTables;
import io.custodian.masking.strategy.MaskingSpec;
import io.custodian.masking.strategy.StrategyKind;
import io.custodian.policy.PolicySection;
import io.custodian.policy.SectionContext;
import io.custodian.policy.YamlTree.ListNode;
import io.custodian.policy.YamlTree.MapNode;
import io.custodian.policy.YamlTree.Node;
import io.custodian.policy.YamlTree.Scalar;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code masking} section of a policy set:
 *
 * <pre>
 * masking:
 *   default: {strategy: REDACT, parameters: {value: "***"}}  # or just: default: NULLIFY
 *   fallback: NULLIFY
 *   unknown_tables: mask            # mask | allow
 *   udfs: {trino: {TOKENIZE: custodian.tokenize}}
 *   rules:
 *     - name: support-phone
 *       classifications: [PHONE_NUMBER]   # or ["*"]: any classification
 *       roles: [support]                  # roles and/or groups; either matches; neither: everyone
 *       groups: []
 *       strategy: PARTIAL
 *       parameters: {keep_last: 4}
 *   overrides:
 *     - dataset: shop.public.customers
 *       namespace: postgres://db:5432    # optional
 *       column: notes                    # optional; without it, every column of the dataset
 *       classifications: [PERSON_NAME]   # optional; only columns of these ("*": any classified)
 *       roles: [...]                     # optional, as for rules
 *       groups: [...]
 *       strategy: REDACT
 * </pre>
 *
 * <p>How a column's strategy is decided, for one principal (first that applies):
 *
 * <ol>
 *   <li>a column override matching the column and principal; among several, the one that reveals
 *       most ({@link StrategyKind}'s order), then the first written;</li>
 *   <li>a dataset override (no {@code column}), chosen the same way;</li>
 *   <li>for a classified column, for each of its classifications the rule matching the principal
 *       that reveals most (then the first written), else {@code default}; the column gets the
 *       result that reveals least across its classifications (fail closed);</li>
 *   <li>an unclassified column of a known dataset is read as it is (NONE);</li>
 *   <li>a column the catalog does not know (unknown or ambiguous table, or a column its schema lacks)
 *       gets {@code default} under {@code unknown_tables: mask} (and always for ambiguous tables),
 *       and is read as it is under {@code allow}.</li>
 * </ol>
 *
 * When the chosen strategy cannot be computed for the column's type or the request's dialect, the
 * {@code fallback} is used, and NULLIFY when the fallback cannot be computed either.
 *
 * <p>How files combine: a file's {@code default}, {@code fallback}, {@code unknown_tables} and each
 * UDF replace earlier layers'; rules replace earlier rules of the same name and add new ones;
 * overrides replace an earlier one for the same target (namespace, dataset, column, roles, groups)
 * and add new ones. Within the policy folder, two files setting the same thing contradict each
 * other and the set is refused. The empty section masks classified columns with REDACT
 * ({@code ***}, NULL for other types), falls back to NULLIFY, and masks unknown tables.
 */
public final class MaskingSection implements PolicySection<MaskingPolicy> {
    private static final Set<String> KEYS = Set.of("default", "fallback", "unknown_tables", "udfs", "rules", "overrides");
    private static final Set<String> RULE_KEYS = Set.of("name", "classifications", "roles", "groups", "strategy",
            "parameters");
    private static final Set<String> OVERRIDE_KEYS = Set.of("dataset", "namespace", "column", "classifications",
            "roles", "groups", "strategy", "parameters");
    private static final Set<String> SPEC_KEYS = Set.of("strategy", "parameters");
    private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern UDF_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}(\\.[A-Za-z_][A-Za-z0-9_]{0,127}){0,2}");
    private static final int MAX_NAME = 512;

    @Override
    public String name() {
        return "masking";
    }

    @Override
    public MaskingPolicy empty() {
        return MaskingPolicy.EMPTY;
    }

    @Override
    public MaskingPolicy overlay(MaskingPolicy under, Node node, SectionContext context) {
        MapNode section = context.map(node, "masking");
        context.checkKeys(section, KEYS, "masking");
        Map<String, Node> entries = section.entries();
        MaskingSpec defaultSpec = under.defaultSpec();
        if (entries.containsKey("default")) {
            context.claim("masking.default", section, "default");
            defaultSpec = spec(context, entries.get("default"), "masking.default");
        }
        MaskingSpec fallback = under.fallback();
        if (entries.containsKey("fallback")) {
            context.claim("masking.fallback", section, "fallback");
            fallback = spec(context, entries.get("fallback"), "masking.fallback");
        }
        UnknownTables unknownTables = under.unknownTables();
        if (entries.containsKey("unknown_tables")) {
            context.claim("masking.unknown_tables", section, "unknown_tables");
            String value = context.text(entries.get("unknown_tables"), "masking.unknown_tables");
            unknownTables = switch (value) {
                case "mask" -> UnknownTables.MASK;
                case "allow" -> UnknownTables.ALLOW;
                default -> throw context.error(entries.get("unknown_tables"), "masking.unknown_tables is '" + value
                        + "'; expected mask or allow");
            };
        }
        Map<MaskingDialect, Map<StrategyKind, String>> udfs = new EnumMap<>(MaskingDialect.class);
        under.udfs().forEach((d, byKind) -> udfs.put(d, new EnumMap<>(byKind)));
        if (entries.containsKey("udfs")) {
            readUdfs(context, context.map(entries.get("udfs"), "masking.udfs"), udfs);
        }
        List<MaskingRule> rules = new ArrayList<>(under.rules());
        if (entries.containsKey("rules")) {
            for (Node item : list(context, entries.get("rules"), "masking.rules")) {
                MaskingRule rule = rule(context, context.map(item, "a rule of masking.rules"));
                int same = indexOf(rules, rule.name());
                if (same >= 0) {
                    rules.set(same, rule);
                } else {
                    rules.add(rule);
                }
            }
        }
        List<MaskingOverride> overrides = new ArrayList<>(under.overrides());
        if (entries.containsKey("overrides")) {
            List<String> seen = new ArrayList<>();
            for (Node item : list(context, entries.get("overrides"), "masking.overrides")) {
                MapNode map = context.map(item, "an override of masking.overrides");
                MaskingOverride override = override(context, map);
                String identity = identity(override);
                context.claim("masking.overrides " + identity, map, "dataset");
                if (seen.contains(identity)) {
                    throw context.error(map, "dataset", "masking.overrides has two overrides for " + identity);
                }
                seen.add(identity);
                overrides.removeIf(o -> identity(o).equals(identity));
                overrides.add(override);
            }
        }
        return new MaskingPolicy(defaultSpec, fallback, unknownTables, udfs, rules, overrides);
    }

    private static int indexOf(List<MaskingRule> rules, String name) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static String identity(MaskingOverride o) {
        return lower(o.label()) + " for roles " + new java.util.TreeSet<>(o.who().roles()) + " groups "
                + new java.util.TreeSet<>(o.who().groups()) + " classifications "
                + new java.util.TreeSet<>(o.classifications());
    }

    private static void readUdfs(SectionContext context, MapNode udfs,
            Map<MaskingDialect, Map<StrategyKind, String>> out) {
        udfs.entries().forEach((dialectName, node) -> {
            MaskingDialect dialect = MaskingDialect.named(dialectName).orElseThrow(() -> context.error(udfs, dialectName,
                    "masking.udfs names unknown dialect '" + dialectName + "'; expected one of "
                            + MaskingDialect.knownNames()));
            String where = "masking.udfs." + dialectName;
            MapNode byKind = context.map(node, where);
            byKind.entries().forEach((kindName, udfNode) -> {
                if (!kindName.equals(StrategyKind.TOKENIZE.name())) {
                    throw context.error(byKind, kindName, where + " names '" + kindName
                            + "'; only TOKENIZE is computed by a UDF");
                }
                context.claim("masking.udfs." + dialect.displayName() + "." + kindName, byKind, kindName);
                String udf = context.text(udfNode, where + "." + kindName);
                if (!UDF_NAME.matcher(udf).matches()) {
                    throw context.error(udfNode, where + "." + kindName + " must be a function name of up to three"
                            + " dotted parts of letters, digits and underscores");
                }
                out.computeIfAbsent(dialect, d -> new EnumMap<>(StrategyKind.class)).put(StrategyKind.TOKENIZE, udf);
            });
        });
    }

    private static MaskingRule rule(SectionContext context, MapNode map) {
        if (!map.entries().containsKey("name")) {
            throw context.error(map, "a rule of masking.rules has no name");
        }
        String name = context.text(map.entries().get("name"), "the name of a rule");
        if (!RULE_NAME.matcher(name).matches()) {
            throw context.error(map.entries().get("name"), "rule name '" + abbreviate(name) + "' must be letters, digits,"
                    + " '.', '_' and '-', at most 64, starting with a letter or digit");
        }
        String where = "masking.rules[" + name + "]";
        context.checkKeys(map, RULE_KEYS, where);
        context.claim("masking.rules." + name, map, "name");
        if (!map.entries().containsKey("classifications")) {
            throw context.error(map, "name", where + " has no classifications (use [\"*\"] for any)");
        }
        Set<String> classifications = classifications(context, map.entries().get("classifications"), where);
        if (classifications.isEmpty()) {
            throw context.error(map.entries().get("classifications"), where + ".classifications is empty");
        }
        return new MaskingRule(name, classifications, who(context, map, where), inlineSpec(context, map, where));
    }

    private static MaskingOverride override(SectionContext context, MapNode map) {
        context.checkKeys(map, OVERRIDE_KEYS, "an override of masking.overrides");
        if (!map.entries().containsKey("dataset")) {
            throw context.error(map, "an override of masking.overrides has no dataset");
        }
        String dataset = name(context, map.entries().get("dataset"), "masking.overrides dataset");
        if (dataset.isEmpty() || java.util.Arrays.stream(dataset.split("\\.", -1)).anyMatch(String::isEmpty)) {
            throw context.error(map.entries().get("dataset"), "masking.overrides dataset '" + abbreviate(dataset)
                    + "' has an empty part");
        }
        Optional<String> namespace = optionalName(context, map, "namespace");
        Optional<String> column = optionalName(context, map, "column");
        String where = "masking.overrides[" + dataset + column.map(c -> "." + c).orElse("") + "]";
        Set<String> classifications = map.entries().containsKey("classifications")
                ? classifications(context, map.entries().get("classifications"), where) : Set.of();
        return new MaskingOverride(namespace, dataset, column, classifications, who(context, map, where),
                inlineSpec(context, map, where));
    }

    private static Optional<String> optionalName(SectionContext context, MapNode map, String key) {
        Node node = map.entries().get(key);
        return node == null ? Optional.empty() : Optional.of(name(context, node, "masking.overrides " + key));
    }

    private static String name(SectionContext context, Node node, String what) {
        String text = context.text(node, what);
        if (text.isEmpty() || text.length() > MAX_NAME || text.indexOf('\0') >= 0) {
            throw context.error(node, what + " must be 1 to " + MAX_NAME + " characters");
        }
        return text;
    }

    private static Set<String> classifications(SectionContext context, Node node, String where) {
        Set<String> out = new LinkedHashSet<>();
        for (Node item : list(context, node, where + ".classifications")) {
            String type = context.text(item, "a classification of " + where);
            if (!type.equals(MaskingRule.ANY) && !context.taxonomy().contains(type)) {
                throw context.error(item, where + " names unknown type '" + type + "'; define it under types, or use"
                        + " one of " + new java.util.TreeSet<>(context.taxonomy().names()) + " or \"*\"");
            }
            out.add(type);
        }
        return out;
    }

    private static PrincipalMatch who(SectionContext context, MapNode map, String where) {
        return new PrincipalMatch(names(context, map.entries().get("roles"), where + ".roles"),
                names(context, map.entries().get("groups"), where + ".groups"));
    }

    private static Set<String> names(SectionContext context, Node node, String where) {
        if (node == null) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (Node item : list(context, node, where)) {
            out.add(name(context, item, "an entry of " + where));
        }
        return out;
    }

    /** The items of a YAML list, or an error saying {@code what} must be one. */
    public static List<Node> list(SectionContext context, Node node, String what) {
        if (node instanceof ListNode list) {
            return list.items();
        }
        throw context.error(node, what + " must be a list");
    }

    /** {@code strategy} and {@code parameters} keys of a rule or override. */
    private static MaskingSpec inlineSpec(SectionContext context, MapNode map, String where) {
        if (!map.entries().containsKey("strategy")) {
            throw context.error(map, where + " has no strategy (one of " + StrategyKind.names() + ")");
        }
        return spec(context, map.entries().get("strategy"), map.entries().get("parameters"), where);
    }

    /**
     * A strategy written alone ({@code NULLIFY}) or as {@code {strategy: ..., parameters: {...}}}:
     * how every section of the policy set names a masking strategy.
     */
    public static MaskingSpec spec(SectionContext context, Node node, String where) {
        if (node instanceof MapNode map) {
            context.checkKeys(map, SPEC_KEYS, where);
            if (!map.entries().containsKey("strategy")) {
                throw context.error(map, where + " has no strategy (one of " + StrategyKind.names() + ")");
            }
            return spec(context, map.entries().get("strategy"), map.entries().get("parameters"), where);
        }
        return spec(context, node, null, where);
    }

    private static MaskingSpec spec(SectionContext context, Node strategyNode, Node parametersNode, String where) {
        String name = context.text(strategyNode, where + ".strategy");
        StrategyKind kind = StrategyKind.named(name).filter(k -> k.name().equals(name)).orElseThrow(() ->
                context.error(strategyNode, where + ".strategy is '" + abbreviate(name) + "', not one of "
                        + StrategyKind.names()));
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (parametersNode != null) {
            MapNode map = context.map(parametersNode, where + ".parameters");
            map.entries().forEach((key, value) -> parameters.put(key, plain(context, value, where + ".parameters." + key)));
        }
        try {
            return MaskingSpec.of(kind, parameters);
        } catch (IllegalArgumentException e) {
            throw context.error(parametersNode == null ? strategyNode : parametersNode, where + ": " + e.getMessage());
        }
    }

    /** A parameter's YAML as plain data: text, whole number, or a mapping of texts (CUSTOM's sql). */
    private static Object plain(SectionContext context, Node node, String where) {
        if (node instanceof MapNode map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.entries().forEach((k, v) -> out.put(k, plain(context, v, where + "." + k)));
            return out;
        }
        Scalar scalar = context.scalar(node, where);
        if (scalar.isNumber()) {
            try {
                return Long.parseLong(scalar.text());
            } catch (NumberFormatException e) {
                throw context.error(node, where + " must be a whole number or text, not " + scalar.text());
            }
        }
        if (scalar.isBoolean()) {
            throw context.error(node, where + " must be a whole number or text, not " + scalar.text());
        }
        return scalar.text();
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }

    @Override
    public Object describe(MaskingPolicy value) {
        return value.describe();
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}

package io.custodian.erasure.policy;

import io.custodian.masking.policy.MaskingSection;
import io.custodian.masking.strategy.MaskingSpec;
import io.custodian.masking.strategy.StrategyKind;
import io.custodian.policy.PolicySection;
import io.custodian.policy.SectionContext;
import io.custodian.policy.YamlTree.MapNode;
import io.custodian.policy.YamlTree.Node;
import io.custodian.policy.YamlTree.Scalar;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code erasure} section of a policy set:
 *
 * <pre>
 * erasure:
 *   case_insensitive: [EMAIL_ADDRESS, USERNAME]  # compared with LOWER() on both sides
 *   system_scoped: [PERSON_ID, USERNAME]         # a resolved value holds in its own namespace only
 *   approval: {distinct_approver: true}          # the approver is never the submitter
 *   resolution: {max_values: 10}                 # per identifier type, before a person must look
 *   anonymize: {default: NULLIFY}                # the replacement ANONYMIZE writes by default
 *   backups: "what happens to backups, as MANUAL steps say it"
 *   keys:                                        # keys the data systems do not declare
 *     - {dataset: shop.public.orders, column: customer_id,
 *        references: {dataset: shop.public.customers, column: id}}
 *   rules:                                       # first match wins; namespace optional; * globs
 *     - dataset: "shop.finance.*"
 *       action: ANONYMIZE                        # DELETE_ROWS ANONYMIZE RETAIN NO_ACTION MANUAL
 *       reason: "payments are kept seven years under tax law"
 *       anonymize: {EMAIL_ADDRESS: {strategy: REDACT, parameters: {value: "erased"}}, column:card: NULLIFY}
 *     - dataset: "shop.legal.*"
 *       action: RETAIN
 *       reason: "litigation hold"
 *       basis: "Case 2026-114, hold order of 2026-03-01"
 *       until: 2027-06-30
 *       auto_approve: false
 * </pre>
 *
 * <p>Anonymization only writes constants (NULLIFY, REDACT, DEFAULT_VALUE): a hash or a token of a
 * value is still personal data. A later file's scalars replace earlier ones; its rules come before
 * the earlier layers' rules (the organisation's rules win over shipped ones) and its keys are
 * added.
 */
public final class ErasureSection implements PolicySection<ErasurePolicy> {
    private static final Set<String> KEYS = Set.of("case_insensitive", "system_scoped", "approval", "resolution", "anonymize",
            "backups", "keys", "rules");
    private static final Set<String> RULE_KEYS = Set.of("dataset", "namespace", "action", "reason", "anonymize",
            "basis", "until", "auto_approve");
    private static final Set<String> KEY_KEYS = Set.of("dataset", "namespace", "column", "references");
    private static final Set<String> REFERENCE_KEYS = Set.of("dataset", "namespace", "column");
    private static final Set<StrategyKind> CONSTANT = Set.of(StrategyKind.NULLIFY, StrategyKind.REDACT,
            StrategyKind.DEFAULT_VALUE);
    /** How an {@code anonymize} key names a column rather than a type: {@code column:NAME}. */
    public static final String COLUMN_PREFIX = "column:";
    private static final int MAX_TEXT = 2000;

    @Override
    public String name() {
        return "erasure";
    }

    @Override
    public ErasurePolicy empty() {
        return ErasurePolicy.EMPTY;
    }

    @Override
    public ErasurePolicy overlay(ErasurePolicy under, Node node, SectionContext context) {
        MapNode section = context.map(node, "erasure");
        context.checkKeys(section, KEYS, "erasure");
        Map<String, Node> entries = section.entries();
        Set<String> caseInsensitive = types(context, section, "case_insensitive", under.caseInsensitive());
        Set<String> systemScoped = types(context, section, "system_scoped", under.systemScoped());
        boolean distinctApprover = under.distinctApprover();
        if (entries.containsKey("approval")) {
            MapNode approval = context.map(entries.get("approval"), "erasure.approval");
            context.checkKeys(approval, Set.of("distinct_approver"), "erasure.approval");
            if (approval.entries().containsKey("distinct_approver")) {
                context.claim("erasure.approval.distinct_approver", approval, "distinct_approver");
                distinctApprover = context.bool(approval.entries().get("distinct_approver"),
                        "erasure.approval.distinct_approver");
            }
        }
        int maxValues = under.maxResolvedValues();
        if (entries.containsKey("resolution")) {
            MapNode resolution = context.map(entries.get("resolution"), "erasure.resolution");
            context.checkKeys(resolution, Set.of("max_values"), "erasure.resolution");
            if (resolution.entries().containsKey("max_values")) {
                context.claim("erasure.resolution.max_values", resolution, "max_values");
                maxValues = positive(context, resolution.entries().get("max_values"), "erasure.resolution.max_values");
            }
        }
        MaskingSpec defaultAnonymize = under.defaultAnonymize();
        if (entries.containsKey("anonymize")) {
            MapNode anonymize = context.map(entries.get("anonymize"), "erasure.anonymize");
            context.checkKeys(anonymize, Set.of("default"), "erasure.anonymize");
            if (anonymize.entries().containsKey("default")) {
                context.claim("erasure.anonymize.default", anonymize, "default");
                defaultAnonymize = constant(context, anonymize.entries().get("default"), "erasure.anonymize.default");
            }
        }
        String backups = under.backups();
        if (entries.containsKey("backups")) {
            context.claim("erasure.backups", section, "backups");
            backups = text(context, entries.get("backups"), "erasure.backups");
        }
        List<DeclaredKey> keys = new ArrayList<>(under.keys());
        if (entries.containsKey("keys")) {
            context.claim("erasure.keys", section, "keys");
            for (Node item : MaskingSection.list(context, entries.get("keys"), "erasure.keys")) {
                keys.add(key(context, context.map(item, "a key of erasure.keys")));
            }
        }
        List<ErasureRule> rules = new ArrayList<>();
        if (entries.containsKey("rules")) {
            context.claim("erasure.rules", section, "rules");
            for (Node item : MaskingSection.list(context, entries.get("rules"), "erasure.rules")) {
                rules.add(rule(context, context.map(item, "a rule of erasure.rules")));
            }
        }
        rules.addAll(under.rules());
        return new ErasurePolicy(caseInsensitive, systemScoped, distinctApprover, maxValues, defaultAnonymize, keys, rules, backups);
    }

    private static ErasureRule rule(SectionContext context, MapNode map) {
        String where = "erasure rule at line " + map.line();
        context.checkKeys(map, RULE_KEYS, where);
        DatasetPattern pattern = pattern(context, map, where);
        Node actionNode = required(context, map, "action", where);
        String actionName = context.text(actionNode, where + ".action");
        ErasureAction action;
        try {
            action = ErasureAction.valueOf(actionName);
        } catch (IllegalArgumentException e) {
            action = null;
        }
        if (action == null || action == ErasureAction.UNRESOLVED) {
            throw context.error(actionNode, where + ".action is '" + abbreviate(actionName)
                    + "'; expected DELETE_ROWS, ANONYMIZE, RETAIN, NO_ACTION or MANUAL");
        }
        String reason = text(context, required(context, map, "reason", where), where + ".reason");
        Map<String, MaskingSpec> anonymize = new LinkedHashMap<>();
        if (map.entries().containsKey("anonymize")) {
            if (action != ErasureAction.ANONYMIZE) {
                throw context.error(map, "anonymize", where + " sets anonymize but its action is " + action);
            }
            anonymize.putAll(anonymize(context, map.entries().get("anonymize"), where + ".anonymize"));
        }
        Optional<String> basis = Optional.empty();
        Optional<LocalDate> until = Optional.empty();
        if (map.entries().containsKey("basis") || map.entries().containsKey("until")) {
            if (action != ErasureAction.RETAIN) {
                throw context.error(map, map.entries().containsKey("basis") ? "basis" : "until",
                        where + " gives a legal hold's basis or end, but its action is " + action);
            }
        }
        if (action == ErasureAction.RETAIN) {
            basis = Optional.of(text(context, required(context, map, "basis", where), where + ".basis"));
            if (map.entries().containsKey("until")) {
                Node untilNode = map.entries().get("until");
                String day = context.scalar(untilNode, where + ".until").text();
                try {
                    until = Optional.of(LocalDate.parse(day));
                } catch (DateTimeParseException e) {
                    throw context.error(untilNode, where + ".until is '" + abbreviate(day)
                            + "'; write a date as YYYY-MM-DD");
                }
            }
        }
        boolean autoApprove = map.entries().containsKey("auto_approve")
                && context.bool(map.entries().get("auto_approve"), where + ".auto_approve");
        return new ErasureRule(pattern, action, reason, anonymize, basis, until, autoApprove);
    }

    /**
     * An {@code anonymize} map of a rule: classification type or {@code column:NAME} to a constant
     * strategy. Shared by every section whose rules anonymize.
     */
    public static Map<String, MaskingSpec> anonymize(SectionContext context, Node node, String where) {
        Map<String, MaskingSpec> anonymize = new LinkedHashMap<>();
        MapNode specs = context.map(node, where);
        specs.entries().forEach((key, value) -> {
            if (key.startsWith(COLUMN_PREFIX)) {
                if (key.length() == COLUMN_PREFIX.length()) {
                    throw context.error(specs, key, where + " names an empty column");
                }
            } else {
                context.knownType(specs, key, where);
            }
            anonymize.put(key, constant(context, value, where + "." + key));
        });
        return anonymize;
    }

    private static DeclaredKey key(SectionContext context, MapNode map) {
        String where = "erasure key at line " + map.line();
        context.checkKeys(map, KEY_KEYS, where);
        DatasetPattern dataset = pattern(context, map, where);
        String column = text(context, required(context, map, "column", where), where + ".column");
        MapNode references = context.map(required(context, map, "references", where), where + ".references");
        context.checkKeys(references, REFERENCE_KEYS, where + ".references");
        DatasetPattern referenced = pattern(context, references, where + ".references");
        String referencedColumn = text(context, required(context, references, "column", where + ".references"),
                where + ".references.column");
        return new DeclaredKey(dataset, column, referenced, referencedColumn);
    }

    /** A rule's {@code dataset} glob and optional {@code namespace}. */
    public static DatasetPattern pattern(SectionContext context, MapNode map, String where) {
        String dataset = text(context, required(context, map, "dataset", where), where + ".dataset");
        Optional<String> namespace = map.entries().containsKey("namespace")
                ? Optional.of(text(context, map.entries().get("namespace"), where + ".namespace"))
                : Optional.empty();
        return new DatasetPattern(namespace, dataset);
    }

    private static MaskingSpec constant(SectionContext context, Node node, String where) {
        MaskingSpec spec = MaskingSection.spec(context, node, where);
        if (!CONSTANT.contains(spec.kind())) {
            throw context.error(node, where + " is " + spec.kind() + "; anonymization writes a constant (NULLIFY, "
                    + "REDACT or DEFAULT_VALUE): a hash or token of a value still identifies the person");
        }
        return spec;
    }

    /** A list of taxonomy types under {@code key}, replacing {@code under}; {@code under} when absent. */
    private static Set<String> types(SectionContext context, MapNode section, String key, Set<String> under) {
        if (!section.entries().containsKey(key)) {
            return under;
        }
        String where = "erasure." + key;
        context.claim(where, section, key);
        Set<String> types = new LinkedHashSet<>();
        for (Node item : MaskingSection.list(context, section.entries().get(key), where)) {
            types.add(type(context, item, where));
        }
        return types;
    }

    private static String type(SectionContext context, Node node, String where) {
        String name = context.text(node, where);
        if (!context.taxonomy().contains(name)) {
            throw context.error(node, where + " names unknown type '" + abbreviate(name) + "'");
        }
        return name;
    }

    /** The node under {@code key}; an error saying {@code where} has none when it is missing. */
    public static Node required(SectionContext context, MapNode map, String key, String where) {
        Node node = map.entries().get(key);
        if (node == null) {
            throw context.error(map, where + " has no " + key);
        }
        return node;
    }

    /** Text that is neither blank nor longer than a policy's free text may be. */
    public static String text(SectionContext context, Node node, String where) {
        String text = context.text(node, where);
        if (text.isBlank()) {
            throw context.error(node, where + " is empty");
        }
        if (text.length() > MAX_TEXT) {
            throw context.error(node, where + " is " + text.length() + " characters; at most " + MAX_TEXT);
        }
        return text;
    }

    private static int positive(SectionContext context, Node node, String where) {
        Scalar scalar = context.scalar(node, where);
        try {
            int value = Integer.parseInt(scalar.text());
            if (value >= 1 && value <= 10_000) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw context.error(node, where + " is '" + abbreviate(scalar.text()) + "'; expected a whole number from 1 to 10000");
    }

    /** At most 80 characters of a value, to quote it in an error. */
    public static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    @Override
    public Object describe(ErasurePolicy value) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("case_insensitive", value.caseInsensitive().stream().sorted().toList());
        out.put("system_scoped", value.systemScoped().stream().sorted().toList());
        out.put("approval", Map.of("distinct_approver", value.distinctApprover()));
        out.put("resolution", Map.of("max_values", value.maxResolvedValues()));
        out.put("anonymize", Map.of("default", value.defaultAnonymize().describe()));
        out.put("backups", value.backups());
        out.put("keys", value.keys().stream().map(key -> Map.of("dataset", key.dataset().toString(), "column",
                key.column(), "references", key.referenced() + "." + key.referencedColumn())).toList());
        List<Object> rules = new ArrayList<>();
        for (ErasureRule rule : value.rules()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("dataset", rule.pattern().toString());
            r.put("action", rule.action().name());
            r.put("reason", rule.reason());
            if (!rule.anonymize().isEmpty()) {
                Map<String, Object> specs = new LinkedHashMap<>();
                rule.anonymize().forEach((k, spec) -> specs.put(k, spec.describe()));
                r.put("anonymize", specs);
            }
            rule.basis().ifPresent(b -> r.put("basis", b));
            rule.until().ifPresent(u -> r.put("until", u.toString()));
            r.put("auto_approve", rule.autoApprove());
            rules.add(r);
        }
        out.put("rules", rules);
        return out;
    }
}

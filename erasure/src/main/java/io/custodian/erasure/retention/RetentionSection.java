package io.custodian.erasure.retention;

import io.custodian.erasure.policy.DatasetPattern;
import io.custodian.erasure.policy.ErasureAction;
import io.custodian.erasure.policy.ErasureSection;
import io.custodian.masking.policy.MaskingSection;
import io.custodian.masking.strategy.MaskingSpec;
import io.custodian.policy.PolicySection;
import io.custodian.policy.SectionContext;
import io.custodian.policy.YamlTree.MapNode;
import io.custodian.policy.YamlTree.Node;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code retention} section of a policy set: how long rows are kept, by the age a time column
 * gives them.
 *
 * <pre>
 * retention:
 *   rules:
 *     - name: clickstream-90d                 # letters, digits, . _ -; unique
 *       dataset: "web.public.clickstream*"    # * globs; namespace optional, as in erasure rules
 *       timestamp_column: occurred_at         # a date or timestamp column
 *       period: P90D                          # ISO-8601: P90D, P18M, P7Y
 *       action: DELETE_ROWS                   # or ANONYMIZE
 *       schedule: daily                       # hourly, daily, or an ISO-8601 duration (PT6H)
 *     - name: orders-7y
 *       dataset: "shop.public.orders"
 *       timestamp_column: created_at
 *       period: P7Y
 *       action: ANONYMIZE                     # rewrites the classified columns, as erasure does
 *       anonymize: {EMAIL_ADDRESS: {strategy: REDACT, parameters: {value: "erased"}}, column:ip: NULLIFY}
 * </pre>
 *
 * <p>A later file's rules come before the earlier layers' and replace a rule of the same name
 * (the organisation's rules win over shipped ones).
 */
public final class RetentionSection implements PolicySection<RetentionPolicy> {
    private static final Set<String> KEYS = Set.of("rules");
    private static final Set<String> RULE_KEYS = Set.of("name", "dataset", "namespace", "timestamp_column", "period",
            "action", "anonymize", "schedule");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Duration SHORTEST = Duration.ofMinutes(1);

    @Override
    public String name() {
        return "retention";
    }

    @Override
    public RetentionPolicy empty() {
        return RetentionPolicy.EMPTY;
    }

    @Override
    public RetentionPolicy overlay(RetentionPolicy under, Node node, SectionContext context) {
        MapNode section = context.map(node, "retention");
        context.checkKeys(section, KEYS, "retention");
        if (!section.entries().containsKey("rules")) {
            return under;
        }
        context.claim("retention.rules", section, "rules");
        List<RetentionRule> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Node item : MaskingSection.list(context, section.entries().get("rules"), "retention.rules")) {
            MapNode map = context.map(item, "a rule of retention.rules");
            RetentionRule rule = rule(context, map);
            if (!names.add(rule.name())) {
                throw context.error(map, "name", "retention rule at line " + map.line() + " is named '"
                        + rule.name() + "', as an earlier rule of this file is");
            }
            rules.add(rule);
        }
        under.rules().stream().filter(rule -> !names.contains(rule.name())).forEach(rules::add);
        return new RetentionPolicy(rules);
    }

    private static RetentionRule rule(SectionContext context, MapNode map) {
        String where = "retention rule at line " + map.line();
        context.checkKeys(map, RULE_KEYS, where);
        Node nameNode = ErasureSection.required(context, map, "name", where);
        String name = context.text(nameNode, where + ".name");
        if (!NAME.matcher(name).matches()) {
            throw context.error(nameNode, where + ".name is '" + ErasureSection.abbreviate(name)
                    + "'; use letters, digits, '.', '_' and '-' (at most 100)");
        }
        where = "retention rule '" + name + "' at line " + map.line();
        DatasetPattern pattern = ErasureSection.pattern(context, map, where);
        String column = ErasureSection.text(context, ErasureSection.required(context, map, "timestamp_column", where),
                where + ".timestamp_column");
        Period period = period(context, ErasureSection.required(context, map, "period", where), where + ".period");
        Node actionNode = ErasureSection.required(context, map, "action", where);
        String actionName = context.text(actionNode, where + ".action");
        ErasureAction action;
        if (actionName.equals("DELETE_ROWS")) {
            action = ErasureAction.DELETE_ROWS;
        } else if (actionName.equals("ANONYMIZE")) {
            action = ErasureAction.ANONYMIZE;
        } else {
            throw context.error(actionNode, where + ".action is '" + ErasureSection.abbreviate(actionName)
                    + "'; expected DELETE_ROWS or ANONYMIZE");
        }
        Map<String, MaskingSpec> anonymize = new LinkedHashMap<>();
        if (map.entries().containsKey("anonymize")) {
            if (action != ErasureAction.ANONYMIZE) {
                throw context.error(map, "anonymize", where + " sets anonymize but its action is " + action);
            }
            anonymize.putAll(ErasureSection.anonymize(context, map.entries().get("anonymize"), where + ".anonymize"));
        }
        Duration every = map.entries().containsKey("schedule")
                ? schedule(context, map.entries().get("schedule"), where + ".schedule") : Duration.ofDays(1);
        return new RetentionRule(name, pattern, column, period, action, anonymize, every);
    }

    private static Period period(SectionContext context, Node node, String where) {
        String text = context.scalar(node, where).text();
        Period period;
        try {
            period = Period.parse(text);
        } catch (DateTimeParseException e) {
            throw context.error(node, where + " is '" + ErasureSection.abbreviate(text)
                    + "'; write an ISO-8601 period such as P90D, P18M or P7Y");
        }
        if (period.isNegative() || period.isZero() || period.getYears() < 0 || period.getMonths() < 0
                || period.getDays() < 0) {
            throw context.error(node, where + " is '" + ErasureSection.abbreviate(text)
                    + "'; a retention period must be positive (a zero period would purge every row)");
        }
        return period;
    }

    private static Duration schedule(SectionContext context, Node node, String where) {
        String text = context.scalar(node, where).text();
        Duration every;
        switch (text) {
            case "daily" -> every = Duration.ofDays(1);
            case "hourly" -> every = Duration.ofHours(1);
            default -> {
                try {
                    every = Duration.parse(text);
                } catch (DateTimeParseException e) {
                    throw context.error(node, where + " is '" + ErasureSection.abbreviate(text)
                            + "'; expected daily, hourly or an ISO-8601 duration such as PT6H");
                }
            }
        }
        if (every.compareTo(SHORTEST) < 0) {
            throw context.error(node, where + " is '" + ErasureSection.abbreviate(text) + "'; run at most every minute");
        }
        return every;
    }

    @Override
    public Object describe(RetentionPolicy value) {
        List<Object> rules = new ArrayList<>();
        for (RetentionRule rule : value.rules()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", rule.name());
            r.put("dataset", rule.pattern().toString());
            r.put("timestamp_column", rule.timestampColumn());
            r.put("period", rule.period().toString());
            r.put("action", rule.action().name());
            if (!rule.anonymize().isEmpty()) {
                Map<String, Object> specs = new LinkedHashMap<>();
                rule.anonymize().forEach((k, spec) -> specs.put(k, spec.describe()));
                r.put("anonymize", specs);
            }
            r.put("schedule", rule.every().equals(Duration.ofDays(1)) ? "daily"
                    : rule.every().equals(Duration.ofHours(1)) ? "hourly" : rule.every().toString());
            rules.add(r);
        }
        return Map.of("rules", rules);
    }
}

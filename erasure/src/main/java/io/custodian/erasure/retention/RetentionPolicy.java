package io.custodian.erasure.retention;

import java.util.List;
import java.util.Optional;

/** The {@code retention} section of a policy set, as loaded ({@link RetentionSection}): its rules by name. */
public record RetentionPolicy(List<RetentionRule> rules) {
    public static final RetentionPolicy EMPTY = new RetentionPolicy(List.of());

    public RetentionPolicy {
        rules = List.copyOf(rules);
        if (rules.stream().map(RetentionRule::name).distinct().count() != rules.size()) {
            throw new IllegalArgumentException("retention rule names must be unique");
        }
    }

    public Optional<RetentionRule> rule(String name) {
        return rules.stream().filter(rule -> rule.name().equals(name)).findFirst();
    }
}

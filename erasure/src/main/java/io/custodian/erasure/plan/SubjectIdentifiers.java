package io.custodian.erasure.plan;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The values that identify one data subject, by identifier type ({@code EMAIL_ADDRESS},
 * {@code PERSON_ID}): given with the request, or resolved from the data. A value of a type that is
 * only meaningful inside one system (a customer id) resolved from a dataset is kept under a scoped
 * key, {@code PERSON_ID@namespace}, and finds rows in that namespace only: customer 42 of the shop
 * is not contact 42 of the CRM. Personal data: {@link #toString()} shows types and counts only,
 * never a value.
 */
public final class SubjectIdentifiers {
    private final Map<String, List<String>> values;

    public SubjectIdentifiers(Map<String, ? extends Collection<String>> values) {
        requireNonNull(values, "values is null");
        Map<String, List<String>> copy = new TreeMap<>();
        values.forEach((type, list) -> {
            requireNonNull(type, "an identifier type is null");
            Set<String> distinct = new LinkedHashSet<>();
            for (String value : list) {
                distinct.add(requireNonNull(value, "an identifier value is null"));
            }
            if (!distinct.isEmpty()) {
                copy.put(type, List.copyOf(distinct));
            }
        });
        this.values = Collections.unmodifiableMap(copy);
    }

    private static final char SCOPE = '@';

    /** The key of values of {@code type} that hold inside {@code namespace} only. */
    public static String scoped(String type, String namespace) {
        return type + SCOPE + namespace;
    }

    /** The identifier type of a key: {@code PERSON_ID} for {@code PERSON_ID@namespace}. */
    public static String baseType(String key) {
        int at = key.indexOf(SCOPE);
        return at < 0 ? key : key.substring(0, at);
    }

    /**
     * The values a locator of {@code identifierType} in a dataset of {@code namespace} looks for:
     * the type's values that hold everywhere, and those scoped to the namespace (or, for a locator
     * whose type is already scoped, to that scope).
     */
    public List<String> forLocator(String identifierType, String namespace) {
        String scope = identifierType.indexOf(SCOPE) >= 0 ? identifierType : scoped(identifierType, namespace);
        Set<String> out = new LinkedHashSet<>(values(baseType(identifierType)));
        out.addAll(values(scope));
        return List.copyOf(out);
    }

    /** The keys with at least one value, sorted: types, and scoped types. */
    public Set<String> types() {
        return values.keySet();
    }

    /** The values of one type, in the order first given; empty when none. */
    public List<String> values(String type) {
        return values.getOrDefault(type, List.of());
    }

    /** Every type's values. */
    public Map<String, List<String>> asMap() {
        return values;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** These values and {@code more}, each type's values kept in order without repeats. */
    public SubjectIdentifiers with(String type, Collection<String> more) {
        Map<String, List<String>> merged = new TreeMap<>(values);
        List<String> list = new ArrayList<>(values(type));
        list.addAll(more);
        merged.put(type, list);
        return new SubjectIdentifiers(merged);
    }

    /** The number of values of all types. */
    public int size() {
        return values.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SubjectIdentifiers that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("SubjectIdentifiers[");
        values.forEach((type, list) -> out.append(out.length() > 19 ? ", " : "").append(type).append(" x")
                .append(list.size()));
        return out.append(']').toString();
    }
}

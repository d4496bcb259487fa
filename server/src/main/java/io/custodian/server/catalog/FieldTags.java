package io.custodian.server.catalog;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How Marquez's field tags map to classifications. A field tag is upper-cased (as Marquez does);
 * when it then names a type of the taxonomy in force ({@code EMAIL_ADDRESS}), or is Marquez's
 * generic {@code PII} tag (the type {@code PERSONAL_DATA}), tagging the field is a steward
 * classifying it and untagging is a steward rejecting the type. Any other tag is kept as a plain
 * tag on the field. In the other direction, every classification of a field shows among its tags.
 */
final class FieldTags {
    /** Marquez's generic tags for personal data, and the type each stands for. */
    static final Map<String, String> ALIASES = Map.of("PII", "PERSONAL_DATA");

    private FieldTags() {}

    /** The tag as Marquez stores a field tag. */
    static String normalized(String tag) {
        return tag.toUpperCase(Locale.ROOT);
    }

    /** The type of personal data a field tag stands for, if any. */
    static Optional<String> classificationType(String tag, Set<String> knownTypes) {
        String name = normalized(tag);
        if (knownTypes.contains(name)) {
            return Optional.of(name);
        }
        String alias = ALIASES.get(name);
        return alias != null && knownTypes.contains(alias) ? Optional.of(alias) : Optional.empty();
    }
}

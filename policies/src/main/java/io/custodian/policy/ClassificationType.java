package io.custodian.policy;

import static java.util.Objects.requireNonNull;

/**
 * One canonical type of personal data in the taxonomy, such as {@code EMAIL_ADDRESS}.
 *
 * @param name the canonical name: upper case letters, digits and underscores
 * @param sensitivity how much harm a leak does
 * @param description one line a steward reads
 * @param identifiesSubject whether one value designates one data subject (an email address, a
 *     customer id, a national id), so that a subject request may name a person by it; a date of
 *     birth or a gender does not
 */
public record ClassificationType(String name, Sensitivity sensitivity, String description, boolean identifiesSubject) {
    public ClassificationType {
        requireNonNull(name, "name is null");
        requireNonNull(sensitivity, "sensitivity is null");
        requireNonNull(description, "description is null");
        if (!isValidName(name)) {
            throw new IllegalArgumentException("a type name is upper case letters, digits and underscores: " + name);
        }
    }

    static boolean isValidName(String name) {
        return name.matches("[A-Z][A-Z0-9_]{0,63}");
    }
}

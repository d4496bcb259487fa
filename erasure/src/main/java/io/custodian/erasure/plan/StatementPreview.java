package io.custodian.erasure.plan;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A statement a step runs, for review: the SQL text in the source's dialect with {@code ?}
 * placeholders, and what each parameter is ({@code EMAIL_ADDRESS 3f9a...}, a replacement), never
 * the value itself.
 *
 * @param purpose COUNT (the estimate and the verification), DELETE, UPDATE or SELECT (an export)
 */
public record StatementPreview(String purpose, String sql, List<String> parameters) {
    public StatementPreview {
        requireNonNull(purpose, "purpose is null");
        requireNonNull(sql, "sql is null");
        parameters = List.copyOf(parameters);
    }
}

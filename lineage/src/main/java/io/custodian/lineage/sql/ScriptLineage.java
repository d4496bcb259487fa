package io.custodian.lineage.sql;

import java.util.List;

/** The lineage of every statement of a script, in order. */
public record ScriptLineage(List<StatementLineage> statements) {
    public ScriptLineage {
        statements = List.copyOf(statements);
    }

    /** Whether any statement failed. */
    public boolean hasErrors() {
        return statements.stream().anyMatch(s -> s.error().isPresent());
    }
}

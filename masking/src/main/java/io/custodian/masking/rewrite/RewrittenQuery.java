package io.custodian.masking.rewrite;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A query as the gateway runs it: the rewritten SQL, the columns read through a mask, and the
 * datasets the query reads (catalog names, each once, in the order first read).
 */
public record RewrittenQuery(String sql, List<MaskedColumn> maskedColumns, List<String> tablesRead) {
    public RewrittenQuery {
        requireNonNull(sql, "sql is null");
        maskedColumns = List.copyOf(maskedColumns);
        tablesRead = List.copyOf(tablesRead);
    }
}

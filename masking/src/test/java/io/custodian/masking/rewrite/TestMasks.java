package io.custodian.masking.rewrite;

import io.custodian.catalog.sql.CatalogTables.CatalogColumn;
import io.custodian.masking.MaskingDialect;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The masks the leak corpus runs with: the one place to swap for the real masking decisions when
 * they land. Realistic, typed SQL per classification, reading the column by its quoted name.
 */
final class TestMasks {
    private TestMasks() {
    }

    /** A principal with no rights: every classified column masked by its first classification. */
    static TableMasks unprivileged(MaskingDialect dialect) {
        return table -> {
            Map<String, String> masks = new LinkedHashMap<>();
            for (CatalogColumn column : table.columns()) {
                if (column.isClassified()) {
                    masks.put(column.name(), mask(column.classifications().get(0), dialect.sql().quote(column.name())));
                }
            }
            return masks;
        };
    }

    /** A principal allowed to see everything. */
    static TableMasks privileged() {
        return table -> Map.of();
    }

    private static String mask(String classification, String column) {
        return switch (classification) {
            // keeps the domain: '***@example.org'
            case "EMAIL_ADDRESS" -> "CAST('***' || SUBSTRING(" + column + " FROM POSITION('@' IN " + column
                    + ")) AS varchar(255))";
            case "PERSON_NAME" -> "CAST('***' AS varchar(100))";
            case "US_SSN" -> "CAST('***-**-****' AS varchar(11))";
            case "DATE_OF_BIRTH" -> "CAST(NULL AS date)";
            default -> "CAST(NULL AS varchar(255))";
        };
    }
}

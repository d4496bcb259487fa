package io.custodian.atlas.export;

import java.util.List;

/**
 * What one export did in Atlas: types created or completed, entities found and missing, and the
 * classifications added, updated, removed, already right, or left alone because Atlas's own.
 *
 * @param leftToAtlas classifications Custodian would push that the entity already carries, attached
 *     by someone else: left as they are
 * @param missing the first qualified names not found in Atlas
 */
public record ExportReport(int typesCreated, int typesUpdated, int tablesMatched, int tablesMissing,
        int columnsMissing, int added, int updated, int removed, int unchanged, int leftToAtlas,
        List<String> missing, List<String> warnings) {
    public ExportReport {
        missing = List.copyOf(missing);
        warnings = List.copyOf(warnings);
    }

    /** The counts, as an audit entry's detail. */
    public String summary() {
        return "types created=" + typesCreated + " updated=" + typesUpdated + "; tables matched=" + tablesMatched
                + " missing=" + tablesMissing + "; columns missing=" + columnsMissing + "; classifications added="
                + added + " updated=" + updated + " removed=" + removed + " unchanged=" + unchanged
                + " leftToAtlas=" + leftToAtlas;
    }
}

package io.custodian.atlas.importing;

import java.util.List;

/**
 * What one import read from Atlas and recorded in the catalog.
 *
 * @param tablesRead tables of mapped namespaces whose names fit their namespace's template
 * @param tablesSkipped tables of the mapped types whose names fit no mapping
 * @param classificationsImported column classifications recorded with provenance ATLAS
 * @param ownSkipped classifications Custodian pushed itself, not read back
 * @param unmapped classifications whose type is not (and has no alias to) a taxonomy type
 * @param tableLevelSkipped classifications on tables: Custodian classifies fields
 * @param conflicts imported classifications a steward rejected (the steward wins), listed in {@code conflictList}
 */
public record ImportReport(int tablesRead, int tablesSkipped, int datasetsSubmitted, int classificationsImported,
        int ownSkipped, int unmapped, int tableLevelSkipped, int conflicts, List<String> unmappedTypes,
        List<String> conflictList) {
    public ImportReport {
        unmappedTypes = List.copyOf(unmappedTypes);
        conflictList = List.copyOf(conflictList);
    }

    /** The counts, as an audit entry's detail. */
    public String summary() {
        return "tables read=" + tablesRead + " skipped=" + tablesSkipped + "; datasets submitted=" + datasetsSubmitted
                + "; classifications imported=" + classificationsImported + " own=" + ownSkipped + " unmapped="
                + unmapped + " onTables=" + tableLevelSkipped + "; conflicts with stewards=" + conflicts;
    }
}

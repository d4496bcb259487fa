package io.custodian.catalog.classification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Folds the stored rows of a field's classifications into what readers see: per field and type,
 * a steward's decision wins (with the scanner's, lineage's, Atlas's or ingest's evidence kept
 * alongside), then the scanner, then propagation (value evidence from upstream), then Atlas (what a
 * person or an Atlas hook attached), then what ingest found from the name and type alone. An Atlas
 * classification a steward rejected stays visible as the view's {@code conflict}; the rejection is
 * in force.
 */
public final class Classifications {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<PathStep>> PATH = new TypeReference<>() {};
    private static final Comparator<Classification> ORDER =
            Comparator.comparing(Classification::field).thenComparing(Classification::type);

    private Classifications() {}

    /** The classifications of the datasets, by dataset id; rejected ones only when asked for. */
    public static Map<UUID, List<Classification>> forDatasets(Handle handle, List<UUID> datasetIds,
            boolean includeRejected) {
        if (datasetIds.isEmpty()) {
            return Map.of();
        }
        Map<UUID, List<ClassificationRow>> rows = new HashMap<>();
        // A plain query rather than the SqlObject: this is on the gateway's read path, and attaching
        // the DAO per call cost more than the query.
        handle.createQuery(ClassificationDao.FOR_DATASETS)
                .bindList("ids", datasetIds)
                .map(ClassificationRowMapper.INSTANCE)
                .forEach(row -> rows.computeIfAbsent(row.datasetId(), k -> new ArrayList<>()).add(row));
        Map<UUID, List<Classification>> views = new HashMap<>();
        rows.forEach((id, list) -> views.put(id, fold(list, includeRejected)));
        return views;
    }

    /** Folds one dataset's rows (any order) into one classification per field and type. */
    static List<Classification> fold(List<ClassificationRow> rows, boolean includeRejected) {
        Map<String, Map<ClassificationSource, ClassificationRow>> byKey = new LinkedHashMap<>();
        for (ClassificationRow row : rows) {
            byKey.computeIfAbsent(row.fieldName() + "\u0000" + row.classification(), k -> new HashMap<>())
                    .put(ClassificationSource.valueOf(row.source()), row);
        }
        List<Classification> out = new ArrayList<>();
        for (Map<ClassificationSource, ClassificationRow> sources : byKey.values()) {
            Classification view = view(sources);
            if (includeRejected || view.active()) {
                out.add(view);
            }
        }
        out.sort(ORDER);
        return out;
    }

    private static Classification view(Map<ClassificationSource, ClassificationRow> sources) {
        ClassificationRow steward = sources.get(ClassificationSource.STEWARD);
        ClassificationRow evidence = sources.containsKey(ClassificationSource.SCANNER)
                ? sources.get(ClassificationSource.SCANNER)
                : sources.containsKey(ClassificationSource.PROPAGATED)
                        ? sources.get(ClassificationSource.PROPAGATED)
                        : sources.containsKey(ClassificationSource.ATLAS)
                                ? sources.get(ClassificationSource.ATLAS)
                                : sources.get(ClassificationSource.INGEST);
        ClassificationRow any = steward != null ? steward : evidence;
        ClassificationSource source = ClassificationSource.valueOf(any.source());
        String conflict = steward != null && Decision.REJECTED.name().equals(steward.decision())
                && sources.containsKey(ClassificationSource.ATLAS)
                ? "Atlas classifies the field as " + any.classification() + "; a steward rejected it, and the "
                        + "steward's decision is in force"
                : null;
        return new Classification(
                any.fieldName(),
                any.classification(),
                source,
                steward == null ? null : Decision.valueOf(steward.decision()),
                evidence == null ? null : evidence.confidence(),
                evidence == null ? null : evidence.explanation(),
                evidence == null ? null : evidence.detectorVersion(),
                evidence == null ? null : evidence.sampleSize(),
                evidence == null ? null : evidence.matchedCount(),
                evidence == null ? null : evidence.scanId(),
                evidence == null ? null : evidence.scannedAt(),
                steward == null ? null : steward.decidedBy(),
                steward == null ? null : steward.decidedAt(),
                steward == null ? null : steward.note(),
                evidence == null ? List.of() : path(evidence.path()),
                evidence == null ? null : evidence.policyVersion(),
                sources.keySet().stream().sorted().toList(),
                conflict);
    }

    static String pathJson(List<PathStep> path) {
        try {
            return JSON.writeValueAsString(path);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a lineage path", e);
        }
    }

    static List<PathStep> path(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, PATH);
        } catch (JsonProcessingException e) {
            // Written by pathJson; a damaged row shows without its path rather than failing the read.
            return List.of();
        }
    }
}

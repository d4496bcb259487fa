package io.custodian.catalog.classification;

import java.time.Instant;
import java.util.UUID;

/** One stored row of {@code field_classification}: one source's view of one type on one field. */
public record ClassificationRow(
        UUID id,
        UUID datasetId,
        String fieldName,
        String classification,
        String source,
        Double confidence,
        String explanation,
        String detectorVersion,
        Integer sampleSize,
        Integer matchedCount,
        UUID scanId,
        Instant scannedAt,
        String decision,
        String note,
        String decidedBy,
        Instant decidedAt,
        String path,
        String policyVersion,
        Instant updatedAt) {}

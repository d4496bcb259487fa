package io.custodian.catalog.classification;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * One item of the privacy review queue.
 *
 * @param field the field a NEW_CLASSIFICATION is on (null for a SCHEMA_CHANGE)
 * @param type the classification a NEW_CLASSIFICATION proposes (null for a SCHEMA_CHANGE)
 * @param sensitivity the type's sensitivity, or the highest of the dataset's types for a SCHEMA_CHANGE
 * @param detail the evidence, or the change with the classifications held and the datasets it feeds
 */
public record ReviewItem(UUID id, String namespace, String dataset, ReviewKind kind, String field, String type,
        String sensitivity, JsonNode detail, ReviewStatus status, Instant createdAt, String decidedBy,
        Instant decidedAt, String note) {

    static ReviewItem of(ReviewDao.ItemRow row) {
        return new ReviewItem(row.id(), row.namespace(), row.dataset(), ReviewKind.valueOf(row.kind()),
                row.fieldName(), row.classification(), row.sensitivity(), ReviewDetails.read(row.detail()),
                ReviewStatus.valueOf(row.status()), row.createdAt(), row.decidedBy(), row.decidedAt(), row.note());
    }
}

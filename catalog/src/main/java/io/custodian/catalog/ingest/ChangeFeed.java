package io.custodian.catalog.ingest;

import io.custodian.catalog.ingest.IngestDao.ChangeRow;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The catalog's change feed on a store that several replicas share: what each applied batch, and
 * each change made outside ingestion, touched and changed, so that the replicas that did not make
 * it update their search index and caches. Rows are appended under an order lock, so ids become
 * visible in order and a follower that read id n missed nothing below it.
 */
final class ChangeFeed {
    static final String ORDER_LOCK = "catalog_change";

    private ChangeFeed() {}

    /** Appends a change; call inside the transaction that made it. */
    static long record(IngestDao dao, String origin, long afterSeq, AppliedBatch batch) {
        dao.takeStoreLock(ORDER_LOCK);
        return dao.recordChange(new ChangeRow(0, origin, afterSeq, batch.throughSeq(), join(batch.datasets()),
                join(batch.jobs()), join(batch.changedDatasets()), join(batch.changedJobs())));
    }

    /**
     * The batch a row describes, as the replicas that follow it see it: without new schemas and new
     * lineage, whose derived work (classification, propagation) the replica that applied it does.
     */
    static AppliedBatch batch(ChangeRow row) {
        return new AppliedBatch(split(row.datasets()), split(row.jobs()), split(row.changedDatasets()),
                split(row.changedJobs()), Set.of(), Set.of(), row.throughSeq());
    }

    private static String join(Set<UUID> ids) {
        StringBuilder text = new StringBuilder(ids.size() * 37);
        for (UUID id : ids) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(id);
        }
        return text.toString();
    }

    private static Set<UUID> split(String text) {
        if (text == null || text.isEmpty()) {
            return Set.of();
        }
        Set<UUID> ids = new HashSet<>();
        for (String id : text.split(",")) {
            ids.add(UUID.fromString(id));
        }
        return ids;
    }
}

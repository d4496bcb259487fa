package io.custodian.server.catalog;

import io.custodian.server.problem.ProblemException;
import jakarta.ws.rs.core.Response;

/**
 * The answer to the write paths of Marquez's older API (PUT namespace, source, dataset and job;
 * POST runs and their state transitions). Custodian's catalog is what the OpenLineage event log
 * says: it is rebuilt by replaying the log, and every write is logged, deduplicated and ordered
 * by event time there. A write that bypassed the log would be lost on the next rebuild and could
 * contradict the events, so these paths point to {@code POST /api/v1/lineage} instead.
 */
final class LegacyWrites {
    private LegacyWrites() {}

    static ProblemException refused(String what) {
        return ProblemException.of(Response.Status.METHOD_NOT_ALLOWED, "write-through-openlineage",
                "Marquez's older API for " + what + " is not served: Custodian's catalog is written only by "
                        + "OpenLineage events (POST /api/v1/lineage, a RunEvent, DatasetEvent or JobEvent), so that "
                        + "replaying the event log rebuilds it exactly");
    }
}

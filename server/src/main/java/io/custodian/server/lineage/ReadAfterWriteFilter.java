package io.custodian.server.lineage;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.ingest.LineageIngestor;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.time.Duration;

/**
 * Makes every request see every event acknowledged before it began: a read (or a steward's
 * decision on a field, a scan, a SQL lineage request) first waits (briefly) until the catalog has
 * applied the event log up to that point. Ingestion itself does not wait. Without it, a producer that
 * posts an event and reads the dataset back could miss its own write, since events are applied
 * a moment after they are logged. If applying is stalled, the read goes ahead after
 * {@code maxWait} rather than hang; the ingestion health check reports the stall.
 */
public final class ReadAfterWriteFilter implements ContainerRequestFilter {
    private final LineageIngestor ingestor;
    private final Duration maxWait;

    public ReadAfterWriteFilter(LineageIngestor ingestor, Duration maxWait) {
        this.ingestor = requireNonNull(ingestor, "ingestor is null");
        this.maxWait = requireNonNull(maxWait, "maxWait is null");
    }

    private static boolean isIngestion(String method, String path) {
        return HttpMethod.POST.equals(method) && (path.equals("api/v1/lineage") || path.equals("api/v1/lineage/batch"));
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("api/") && !isIngestion(request.getMethod(), path)) {
            ingestor.awaitApplied(maxWait);
        }
    }
}

package io.custodian.server.lineage;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.ingest.LineageIngestor;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Response;
import io.custodian.server.problem.Problem;
import io.custodian.server.problem.ProblemException;
import java.time.Duration;
import java.util.List;

/**
 * Makes every request see every event acknowledged before it began: a read (or a steward's
 * decision on a field, a scan, a SQL lineage request) first waits (briefly) until the catalog has
 * applied the event log up to that point. Ingestion itself does not wait. Without it, a producer that
 * posts an event and reads the dataset back could miss its own write, since events are applied
 * a moment after they are logged. If applying is stalled, the read goes ahead after
 * {@code maxWait} rather than hang; the ingestion health check reports the stall.
 *
 * <p>Across replicas of one store: an acknowledgement carries the event's place in the log
 * ({@value #LOG_POSITION}); a read that sends it back in {@value #READ_AFTER}, to any replica,
 * waits the same way until that replica has seen it applied. Every answer says in
 * {@value #APPLIED_THROUGH} how far the log was applied when the read began, as that replica knew.
 */
public final class ReadAfterWriteFilter implements ContainerRequestFilter, ContainerResponseFilter {
    public static final String LOG_POSITION = "Custodian-Log-Position";
    public static final String READ_AFTER = "Custodian-Read-After";
    public static final String APPLIED_THROUGH = "Custodian-Applied-Through";
    private static final String APPLIED_PROPERTY = ReadAfterWriteFilter.class.getName() + ".applied";

    private final LineageIngestor ingestor;
    private final Duration maxWait;

    public ReadAfterWriteFilter(LineageIngestor ingestor, Duration maxWait) {
        this.ingestor = requireNonNull(ingestor, "ingestor is null");
        this.maxWait = requireNonNull(maxWait, "maxWait is null");
    }

    /** Adds an acknowledgement's place in the log, when it has one. */
    static Response.ResponseBuilder logPosition(Response.ResponseBuilder response, long seq) {
        return seq > 0 ? response.header(LOG_POSITION, seq) : response;
    }

    private static boolean isIngestion(String method, String path) {
        return HttpMethod.POST.equals(method) && (path.equals("api/v1/lineage") || path.equals("api/v1/lineage/batch"));
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("api/") && !isIngestion(request.getMethod(), path)) {
            // A malformed position is refused before any waiting.
            long readAfter = readAfter(request.getHeaderString(READ_AFTER));
            long deadline = System.nanoTime() + maxWait.toNanos();
            ingestor.awaitApplied(maxWait);
            if (readAfter > 0) {
                ingestor.awaitApplied(readAfter, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            }
            request.setProperty(APPLIED_PROPERTY, ingestor.appliedSeq());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(APPLIED_PROPERTY) instanceof Long applied) {
            response.getHeaders().putSingle(APPLIED_THROUGH, applied);
        }
    }

    /** A position from the header, 0 when there is none. */
    private static long readAfter(String header) {
        if (header == null) {
            return 0;
        }
        try {
            long seq = header.length() > 19 ? -1 : Long.parseLong(header.strip());
            if (seq >= 0) {
                return seq;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid(400, "invalid-header", "the " + READ_AFTER + " header is not a log position",
                List.of(new Problem.InvalidPart("header " + READ_AFTER,
                        "a log position as the " + LOG_POSITION + " header of an acknowledgement gives it: a whole number")));
    }
}

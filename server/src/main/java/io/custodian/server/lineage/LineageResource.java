package io.custodian.server.lineage;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.custodian.access.Caller;
import io.custodian.catalog.ingest.EventViolation;
import io.custodian.catalog.ingest.IngestReceipt;
import io.custodian.catalog.ingest.InvalidEventException;
import io.custodian.catalog.ingest.LineageEvent;
import io.custodian.catalog.ingest.LineageEventParser;
import io.custodian.catalog.ingest.LineageIngestor;
import io.custodian.server.problem.Problem;
import io.custodian.server.problem.ProblemException;
import io.custodian.access.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import io.dropwizard.auth.Auth;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /api/v1/lineage}: OpenLineage events in, as Marquez takes them. An event is
 * acknowledged (201) only once it is committed; invalid events are refused whole with the
 * problems and where they are.
 */
@Path("/api/v1/lineage")
@Tag(name = "lineage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public final class LineageResource {
    private final LineageEventParser parser;
    private final LineageIngestor ingestor;
    private final long maxBodyBytes;
    private final int maxBatchEvents;
    private final Duration acknowledgeTimeout;
    private final IngestionAudit audit;

    public LineageResource(LineageEventParser parser, LineageIngestor ingestor, IngestionAudit audit, long maxBodyBytes,
            int maxBatchEvents, Duration acknowledgeTimeout) {
        this.audit = requireNonNull(audit, "audit is null");
        this.parser = requireNonNull(parser, "parser is null");
        this.ingestor = requireNonNull(ingestor, "ingestor is null");
        this.maxBodyBytes = maxBodyBytes;
        this.maxBatchEvents = maxBatchEvents;
        this.acknowledgeTimeout = requireNonNull(acknowledgeTimeout, "acknowledgeTimeout is null");
    }

    /** The acknowledgement of one event. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Accepted(String eventKey, boolean duplicate) {}

    @POST
    @RolesAllowed(Role.PRODUCER_NAME)
    @Operation(summary = "Send one OpenLineage event (RunEvent, DatasetEvent or JobEvent)")
    public Response post(@Parameter(hidden = true) @Auth Caller caller,
            @Parameter(hidden = true) @Context HttpServletRequest request, InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength) {
        audit.ensureRecording();
        byte[] bytes = RequestBodies.read(body, encoding, contentLength, maxBodyBytes);
        LineageEvent event;
        try {
            event = parser.parse(bytes);
        } catch (InvalidEventException e) {
            audit.record(caller, request.getRemoteAddr(), 0, 1);
            throw invalid(e);
        }
        IngestReceipt receipt = await(submit(event));
        audit.record(caller, request.getRemoteAddr(), 1, 0);
        return ReadAfterWriteFilter.logPosition(Response.status(Response.Status.CREATED), receipt.seq())
                .entity(new Accepted(receipt.eventKey(), receipt.duplicate()))
                .build();
    }

    /** The outcome of one event of a batch. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record BatchResult(int index, String status, String eventKey, Boolean duplicate,
            List<Problem.InvalidPart> errors) {
        public BatchResult {
            errors = List.copyOf(errors);
        }
    }

    /** The outcome of a batch: counts and one result per event, in order. */
    public record BatchResponse(int accepted, int rejected, List<BatchResult> results) {
        public BatchResponse {
            results = List.copyOf(results);
        }
    }

    @POST
    @RolesAllowed(Role.PRODUCER_NAME)
    @Path("/batch")
    @Operation(summary = "Send a JSON array of OpenLineage events; each is accepted or rejected on its own")
    public Response postBatch(@Parameter(hidden = true) @Auth Caller caller,
            @Parameter(hidden = true) @Context HttpServletRequest request, InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength) {
        audit.ensureRecording();
        byte[] bytes = RequestBodies.read(body, encoding, contentLength, maxBodyBytes);
        JsonNode root;
        try {
            root = parser.readTree(bytes);
        } catch (InvalidEventException e) {
            throw invalid(e);
        }
        if (!root.isArray()) {
            throw ProblemException.invalid(422, "invalid-batch", "expected a JSON array of OpenLineage events",
                    List.of(new Problem.InvalidPart("", "expected an array")));
        }
        if (root.size() > maxBatchEvents) {
            throw ProblemException.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, "batch-too-large",
                    "a batch holds at most " + maxBatchEvents + " events; this one has " + root.size());
        }
        List<BatchResult> results = new ArrayList<>(root.size());
        List<CompletableFuture<IngestReceipt>> pending = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            try {
                pending.add(submit(parser.parse(root.get(i))));
                results.add(null);
            } catch (InvalidEventException e) {
                pending.add(null);
                results.add(new BatchResult(i, "rejected", null, null, parts(e, "/" + i)));
            }
        }
        int accepted = 0;
        long position = 0;
        for (int i = 0; i < pending.size(); i++) {
            if (pending.get(i) != null) {
                IngestReceipt receipt = await(pending.get(i));
                position = Math.max(position, receipt.seq());
                results.set(i, new BatchResult(i, "accepted", receipt.eventKey(), receipt.duplicate(), List.of()));
                accepted++;
            }
        }
        audit.record(caller, request.getRemoteAddr(), accepted, results.size() - accepted);
        return ReadAfterWriteFilter.logPosition(Response.ok(), position)
                .entity(new BatchResponse(accepted, results.size() - accepted, results)).build();
    }

    private CompletableFuture<IngestReceipt> submit(LineageEvent event) {
        try {
            return ingestor.submit(event);
        } catch (RejectedExecutionException e) {
            throw ProblemException.unavailable("ingestion is saturated or shutting down; retry later", 5);
        }
    }

    private IngestReceipt await(CompletableFuture<IngestReceipt> future) {
        try {
            return future.get(acknowledgeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw ProblemException.unavailable(
                    "the event was not committed within " + acknowledgeTimeout.toSeconds() + " s; sending it again is safe", 5);
        } catch (ExecutionException e) {
            throw ProblemException.unavailable("the event could not be stored; sending it again is safe", 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.unavailable("interrupted before the event was committed; sending it again is safe", 5);
        }
    }

    private static ProblemException invalid(InvalidEventException e) {
        if (e.isMalformedJson()) {
            return ProblemException.invalid(400, "malformed-json", e.violations().get(0).message(), parts(e, ""));
        }
        return ProblemException.invalid(422, "invalid-event", "the event is not a valid OpenLineage event: "
                + e.getMessage(), parts(e, ""));
    }

    private static List<Problem.InvalidPart> parts(InvalidEventException e, String prefix) {
        List<Problem.InvalidPart> parts = new ArrayList<>();
        for (EventViolation violation : e.violations()) {
            parts.add(new Problem.InvalidPart(prefix + violation.pointer(), violation.message()));
        }
        return parts;
    }
}

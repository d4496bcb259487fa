package io.custodian.server.scan;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodian.access.Caller;
import io.custodian.access.Role;
import io.custodian.scanner.scan.InvalidScanRequestException;
import io.custodian.scanner.scan.Scan;
import io.custodian.scanner.scan.ScanRequest;
import io.custodian.scanner.scan.ScanService;
import io.custodian.scanner.scan.ScanStatus;
import io.custodian.scanner.scan.TableProgress;
import io.custodian.scanner.scan.TableStatus;
import io.custodian.server.access.Auditor;
import io.custodian.catalog.text.TextRules;
import io.custodian.server.problem.Problem;
import io.custodian.server.problem.ProblemException;
import io.custodian.server.problem.QueryParams;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;

/** Scans of configured sources: started by stewards (202 and a resource to follow), read by stewards and readers. */
@Path("/api/v1/scans")
@Tag(name = "classification")
@Produces(MediaType.APPLICATION_JSON)
public final class ScanResource {
    private static final Set<String> FIELDS = Set.of("source", "schema", "datasets");
    private final ScanService scans;
    private final Auditor auditor;
    private final ObjectMapper mapper;

    public ScanResource(ScanService scans, Auditor auditor, ObjectMapper mapper) {
        this.scans = requireNonNull(scans, "scans is null");
        this.auditor = requireNonNull(auditor, "auditor is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    /** How far a scan is: tables per status. */
    public record Progress(int tables, Map<TableStatus, Integer> byStatus) {
        public Progress {
            byStatus = Collections.unmodifiableMap(new LinkedHashMap<>(byStatus));
        }
    }

    /** A scan with its per-table progress and results (types, confidence, counts; never values). */
    public record ScanView(UUID id, String source, String schema, List<String> datasets, ScanStatus status,
            String requestedBy, Instant createdAt, Instant startedAt, Instant finishedAt, String detectorVersion,
            String policyVersion, String error, Progress progress, List<TableProgress> tables) {
        public ScanView {
            datasets = List.copyOf(datasets);
            tables = List.copyOf(tables);
        }

        static ScanView of(Scan scan) {
            Map<TableStatus, Integer> counts = new EnumMap<>(TableStatus.class);
            scan.tables().forEach(t -> counts.merge(t.status(), 1, Integer::sum));
            return new ScanView(scan.id(), scan.source(), scan.schema(), scan.datasets(), scan.status(),
                    scan.requestedBy(), scan.createdAt(), scan.startedAt(), scan.finishedAt(), scan.detectorVersion(),
                    scan.policyVersion(), scan.error(), new Progress(scan.tables().size(), counts), scan.tables());
        }
    }

    public record ScanList(List<ScanView> scans, long totalCount) {
        public ScanList {
            scans = List.copyOf(scans);
        }
    }

    @POST
    @RolesAllowed(Role.STEWARD_NAME)
    @Operation(summary = "Start a scan of a configured source: all of it, one schema, or a list of datasets")
    public Response start(@Parameter(hidden = true) @Auth Caller caller,
            @Parameter(hidden = true) @Context HttpServletRequest http, String body) {
        ScanRequest request = parse(body);
        Scan scan;
        try {
            scan = scans.submit(request, caller.name());
        } catch (InvalidScanRequestException e) {
            throw ProblemException.invalid(400, "invalid-scan", "the scan cannot start",
                    e.violations().stream().map(v -> new Problem.InvalidPart(v.pointer(), v.detail())).toList());
        } catch (RejectedExecutionException e) {
            throw ProblemException.unavailable("too many scans are waiting; try again later", 30);
        }
        auditor.record(caller, http, "scan.start", scan.source() + " " + scan.id(), "accepted",
                request.schema() != null ? "schema=" + request.schema()
                        : request.datasets().isEmpty() ? "all tables" : request.datasets().size() + " dataset(s)");
        return Response.accepted(ScanView.of(scan)).location(URI.create("/api/v1/scans/" + scan.id())).build();
    }

    @GET
    @RolesAllowed({Role.STEWARD_NAME, Role.READER_NAME})
    @Operation(summary = "Recent scans, newest first")
    public ScanList list(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        int n = (int) QueryParams.wholeNumber("limit", limit, 20, 1, 200);
        long skip = QueryParams.wholeNumber("offset", offset, 0, 0, 10_000_000);
        return new ScanList(scans.recent(n, skip).stream().map(ScanView::of).toList(), scans.count());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Role.STEWARD_NAME, Role.READER_NAME})
    @Operation(summary = "One scan: status, progress per table, results")
    public ScanView get(@PathParam("id") String id) {
        UUID scanId;
        try {
            scanId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(400, "invalid-parameter", "a scan id is a UUID",
                    List.of(new Problem.InvalidPart("id", "not a UUID")));
        }
        return scans.scan(scanId).map(ScanView::of).orElseThrow(() -> ProblemException.notFound("scan", id));
    }

    private ScanRequest parse(String body) {
        if (body == null || body.isBlank()) {
            throw invalid("", "expected {\"source\": ..., \"schema\": ...} or {\"source\": ..., \"datasets\": [...]}");
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw invalid("", "malformed JSON");
        }
        if (root == null || !root.isObject()) {
            throw invalid("", "expected a JSON object");
        }
        List<Problem.InvalidPart> problems = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                problems.add(new Problem.InvalidPart("/" + name, "unknown property; expected one of " + FIELDS));
            }
        }
        String source = text(root, "source", problems);
        String schema = text(root, "schema", problems);
        List<String> datasets = new ArrayList<>();
        JsonNode list = root.get("datasets");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                problems.add(new Problem.InvalidPart("/datasets", "expected an array of dataset names"));
            } else if (list.size() > ScanService.MAX_DATASETS) {
                problems.add(new Problem.InvalidPart("/datasets", "at most " + ScanService.MAX_DATASETS
                        + " datasets per scan; got " + list.size()));
            } else {
                for (int i = 0; i < list.size(); i++) {
                    if (!list.get(i).isTextual()) {
                        problems.add(new Problem.InvalidPart("/datasets/" + i, "expected a dataset name (a string)"));
                    } else if (TextRules.badName(list.get(i).textValue()).isPresent()) {
                        problems.add(new Problem.InvalidPart("/datasets/" + i, "the dataset name "
                                + TextRules.badName(list.get(i).textValue()).get()));
                    } else {
                        datasets.add(list.get(i).textValue());
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(400, "invalid-scan", "the scan request is invalid", problems);
        }
        return new ScanRequest(source, schema, datasets);
    }

    private static String text(JsonNode root, String name, List<Problem.InvalidPart> problems) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            problems.add(new Problem.InvalidPart("/" + name, "expected a string"));
            return null;
        }
        Optional<String> bad = TextRules.badName(node.textValue());
        if (bad.isPresent()) {
            problems.add(new Problem.InvalidPart("/" + name, "the " + name + " " + bad.get()));
            return null;
        }
        return node.textValue();
    }

    private static ProblemException invalid(String pointer, String detail) {
        return ProblemException.invalid(400, "invalid-scan", detail, List.of(new Problem.InvalidPart(pointer, detail)));
    }
}

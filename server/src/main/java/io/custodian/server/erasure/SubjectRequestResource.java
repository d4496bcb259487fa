package io.custodian.server.erasure;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodian.access.Caller;
import io.custodian.access.Role;
import io.custodian.erasure.SubjectRequests;
import io.custodian.erasure.execute.StepRefusedException;
import io.custodian.erasure.execute.StepState;
import io.custodian.erasure.plan.ErasurePlan;
import io.custodian.erasure.plan.PlanSummary;
import io.custodian.erasure.plan.SubjectIdentifiers;
import io.custodian.erasure.report.ErasureReport;
import io.custodian.erasure.request.ApprovalRefusedException;
import io.custodian.erasure.request.IdentifierRules;
import io.custodian.erasure.request.NewSubjectRequest;
import io.custodian.erasure.request.Regulation;
import io.custodian.erasure.request.RequestFilter;
import io.custodian.erasure.request.RequestNotFoundException;
import io.custodian.erasure.request.RequestStateException;
import io.custodian.erasure.request.RequestStatus;
import io.custodian.erasure.request.RequestType;
import io.custodian.erasure.request.Standing;
import io.custodian.erasure.request.SubjectRequest;
import io.custodian.server.access.Auditor;
import io.custodian.server.lineage.RequestBodies;
import io.custodian.server.problem.JsonBody;
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
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code /api/v1/subject-requests}: GDPR and CCPA requests of data subjects (erasure, access),
 * their plans, approval, execution, evidence and exports. Only a PRIVACY_OFFICER reaches them.
 * Identifiers go in once, in the body of a new request; nothing here returns them (plans and
 * reports show keyed hashes), except an access request's export to the privacy officer.
 */
@Path("/api/v1/subject-requests")
@Tag(name = "subject requests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.PRIVACY_OFFICER_NAME)
public final class SubjectRequestResource {
    /** A request body: identifiers and a few words; far less than this. */
    static final long MAX_BODY_BYTES = 64 * 1024;
    private static final Set<String> FIELDS = Set.of("type", "regulation", "subject", "requestedBy", "reference");
    private static final int MAX_TEXT = 500;
    private final SubjectRequests requests;
    private final ObjectMapper json;
    private final Auditor auditor;

    public SubjectRequestResource(SubjectRequests requests, ObjectMapper json, Auditor auditor) {
        this.requests = requireNonNull(requests, "requests is null");
        this.json = requireNonNull(json, "json is null");
        this.auditor = requireNonNull(auditor, "auditor is null");
    }

    /** A request as the API shows it: its record, how it stands against its deadline, its plan and steps. */
    public record RequestView(SubjectRequest request, Standing standing, Optional<ErasurePlan> plan,
            List<StepState> steps) {}

    public record RequestList(List<SubjectRequest> requests, long totalCount) {
        public RequestList {
            requests = List.copyOf(requests);
        }
    }

    @POST
    @Operation(summary = "Submit a subject request (ERASURE or ACCESS, GDPR or CCPA); it is planned at once")
    public Response submit(@Parameter(hidden = true) @Auth Caller caller, InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length) {
        byte[] bytes = RequestBodies.read(body, encoding, length, MAX_BODY_BYTES);
        JsonBody reader = JsonBody.reporting("invalid-subject-request");
        JsonNode root = reader.object(bytes, json, "{type, regulation, subject: {identifiers}, requestedBy, reference}");
        reader.onlyFields(root, "", FIELDS);
        RequestType type = choice(reader, root, "type", RequestType.class);
        Regulation regulation = choice(reader, root, "regulation", Regulation.class);
        String requestedBy = reader.text(root, "", "requestedBy", true, MAX_TEXT);
        String reference = reader.text(root, "", "reference", false, MAX_TEXT);
        Map<String, List<String>> identifiers = identifiers(reader, root);
        reader.check("the subject request is not valid");
        List<IdentifierRules.Violation> problems = IdentifierRules.check(identifiers, requests.identifyingTypes());
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(422, "invalid-subject-request", "the subject's identifiers are not valid",
                    problems.stream().map(p -> new Problem.InvalidPart(p.pointer(), p.detail())).toList());
        }
        SubjectRequest created = call(() -> requests.submit(new NewSubjectRequest(type, regulation,
                new SubjectIdentifiers(identifiers), requestedBy, caller.name(), Optional.ofNullable(reference))));
        return Response.created(URI.create("/api/v1/subject-requests/" + created.id()))
                .entity(view(created)).build();
    }

    @GET
    @Operation(summary = "Subject requests, filtered by status, type, deadline and standing")
    public RequestList list(@QueryParam("status") String status, @QueryParam("type") String type,
            @QueryParam("dueBefore") String dueBefore, @QueryParam("standing") String standing,
            @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        RequestFilter filter = new RequestFilter(choices("status", status, RequestStatus.class),
                choices("type", type, RequestType.class),
                dueBefore == null ? Optional.empty() : Optional.of(QueryParams.dateTime("dueBefore", dueBefore,
                        null, Instant.EPOCH, Instant.parse("9999-12-31T00:00:00Z"))),
                standing == null ? Optional.empty() : Optional.of(one("standing", standing, Standing.class)),
                (int) QueryParams.wholeNumber("limit", limit, 50, 1, RequestFilter.MAX_LIMIT),
                (int) QueryParams.wholeNumber("offset", offset, 0, 0, 10_000_000));
        var page = requests.list(filter);
        return new RequestList(page.items(), page.totalCount());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A subject request with its status, plan and steps")
    public RequestView get(@PathParam("id") String id) {
        return view(request(id(id)));
    }

    @GET
    @Path("/{id}/plan")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Operation(summary = "The plan: JSON, or a readable summary with Accept: text/plain")
    public Response plan(@PathParam("id") String id, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        UUID uuid = id(id);
        request(uuid);
        ErasurePlan plan = requests.plan(uuid).orElseThrow(() -> ProblemException.of(Response.Status.NOT_FOUND,
                "no-plan", "subject request " + uuid + " has no plan yet; it is planned shortly after it arrives"));
        return wantsText(accept) ? Response.ok(PlanSummary.text(plan), MediaType.TEXT_PLAIN_TYPE).build()
                : Response.ok(plan, MediaType.APPLICATION_JSON_TYPE).build();
    }

    @POST
    @Path("/{id}/approve")
    @Operation(summary = "Approve a planned request; execution starts")
    public RequestView approve(@Parameter(hidden = true) @Auth Caller caller, @PathParam("id") String id) {
        UUID uuid = id(id);
        return view(call(() -> requests.approve(uuid, caller.name())));
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a request that is not executing, with a reason")
    public RequestView cancel(@Parameter(hidden = true) @Auth Caller caller, @PathParam("id") String id,
            InputStream body, @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length) {
        UUID uuid = id(id);
        String reason = reason(body, encoding, length);
        return view(call(() -> requests.cancel(uuid, caller.name(), reason)));
    }

    @POST
    @Path("/{id}/hold")
    @Operation(summary = "Put a request that is not approved on hold (a legal hold), with a reason")
    public RequestView hold(@Parameter(hidden = true) @Auth Caller caller, @PathParam("id") String id,
            InputStream body, @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length) {
        UUID uuid = id(id);
        String reason = reason(body, encoding, length);
        return view(call(() -> requests.hold(uuid, caller.name(), reason)));
    }

    @POST
    @Path("/{id}/replan")
    @Operation(summary = "Plan a request on hold, or a planned one, again (the catalog or policy changed)")
    public RequestView replan(@Parameter(hidden = true) @Auth Caller caller, @PathParam("id") String id,
            InputStream body, @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length) {
        UUID uuid = id(id);
        String reason = reason(body, encoding, length);
        return view(call(() -> requests.replan(uuid, caller.name(), reason)));
    }

    @POST
    @Path("/{id}/extend")
    @Operation(summary = "Extend the deadline once, within the regulation's limit: {\"period\": \"P2M\", \"reason\": ...}")
    public RequestView extend(@Parameter(hidden = true) @Auth Caller caller, @PathParam("id") String id,
            InputStream body, @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length) {
        UUID uuid = id(id);
        JsonBody reader = JsonBody.reporting("invalid-extension");
        JsonNode root = reader.object(RequestBodies.read(body, encoding, length, MAX_BODY_BYTES), json,
                "{period, reason}");
        reader.onlyFields(root, "", Set.of("period", "reason"));
        String periodText = reader.text(root, "", "period", true, 32);
        String reason = reader.text(root, "", "reason", true, MAX_TEXT);
        Period period = null;
        if (periodText != null) {
            try {
                period = Period.parse(periodText);
            } catch (java.time.format.DateTimeParseException e) {
                reader.problem("/period", "is not an ISO-8601 period such as P2M or P45D");
            }
        }
        reader.check("the extension is not valid");
        Period asked = period;
        return view(call(() -> {
            try {
                return requests.extend(uuid, asked, reason, caller.name());
            } catch (IllegalArgumentException e) {
                // The one argument the domain judges: a period beyond the regulation's maximum.
                throw ProblemException.invalid(422, "invalid-extension", e.getMessage(),
                        List.of(new Problem.InvalidPart("/period", e.getMessage())));
            }
        }));
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Run a partially completed request's failed steps again")
    public RequestView retry(@Parameter(hidden = true) @Auth Caller caller, @PathParam("id") String id) {
        UUID uuid = id(id);
        return view(call(() -> requests.retry(uuid, caller.name())));
    }

    @POST
    @Path("/{id}/steps/{order}/done")
    @Operation(summary = "Mark a MANUAL or UNRESOLVED step done, with a note of what was done")
    public StepState stepDone(@Parameter(hidden = true) @Auth Caller caller, @PathParam("id") String id,
            @PathParam("order") String order, InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length) {
        UUID uuid = id(id);
        int step = (int) QueryParams.wholeNumber("order", order, 0, 1, 1_000_000);
        JsonBody reader = JsonBody.reporting("invalid-step-note");
        JsonNode root = reader.object(RequestBodies.read(body, encoding, length, MAX_BODY_BYTES), json, "{note}");
        reader.onlyFields(root, "", Set.of("note"));
        String note = reader.text(root, "", "note", true, MAX_TEXT);
        reader.check("the note is not valid");
        return call(() -> {
            try {
                return requests.markStepDone(uuid, step, caller.name(), note);
            } catch (IllegalArgumentException e) {
                // The actor and note are checked above: what is left is a step the request does not have.
                throw ProblemException.of(Response.Status.NOT_FOUND, "not-found", e.getMessage());
            }
        });
    }

    @GET
    @Path("/{id}/report")
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @Operation(summary = "The evidence: per dataset the action, reason, rows, verification, policy version and approver")
    public Response report(@PathParam("id") String id, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        UUID uuid = id(id);
        ErasureReport report = call(() -> requests.report(uuid));
        return wantsText(accept) ? Response.ok(report.summary(), MediaType.TEXT_PLAIN_TYPE).build()
                : Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
    }

    @GET
    @Path("/{id}/export")
    @Operation(summary = "An access request's export of the subject's rows (personal data; every download is audited)")
    public Response export(@Parameter(hidden = true) @Auth Caller caller,
            @Parameter(hidden = true) @Context HttpServletRequest http, @PathParam("id") String id) {
        UUID uuid = id(id);
        SubjectRequest request = request(uuid);
        if (request.type() != RequestType.ACCESS) {
            throw ProblemException.of(Response.Status.CONFLICT, "no-export", "subject request " + uuid
                    + " is an " + request.type() + " request; only ACCESS requests have an export");
        }
        byte[] export = requests.export(uuid).orElseThrow(() -> ProblemException.of(Response.Status.NOT_FOUND,
                "no-export", "subject request " + uuid + " has no export: it is not executed yet, or its export"
                        + " expired"));
        auditor.record(caller, http, "subject-request.export-download", "subject-request/" + uuid, "success",
                export.length + " bytes");
        return Response.ok(export, MediaType.APPLICATION_JSON_TYPE)
                .header("Content-Disposition", "attachment; filename=\"subject-request-" + uuid + ".json\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private RequestView view(SubjectRequest request) {
        return new RequestView(request, requests.standing(request), requests.plan(request.id()),
                requests.steps(request.id()));
    }

    private SubjectRequest request(UUID id) {
        return requests.get(id).orElseThrow(() -> ProblemException.of(Response.Status.NOT_FOUND, "not-found",
                "no subject request " + id));
    }

    /** Runs a domain call, answering its refusals with problems. */
    private static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (RequestNotFoundException e) {
            throw ProblemException.of(Response.Status.NOT_FOUND, "not-found", e.getMessage());
        } catch (RequestStateException | StepRefusedException e) {
            throw ProblemException.of(Response.Status.CONFLICT, "subject-request-state", e.getMessage());
        } catch (ApprovalRefusedException e) {
            throw ProblemException.of(Response.Status.FORBIDDEN, "approval-refused", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(422, "invalid-subject-request", e.getMessage(), List.of());
        }
    }

    private String reason(InputStream body, String encoding, Long length) {
        JsonBody reader = JsonBody.reporting("invalid-reason");
        JsonNode root = reader.object(RequestBodies.read(body, encoding, length, MAX_BODY_BYTES), json, "{reason}");
        reader.onlyFields(root, "", Set.of("reason"));
        String reason = reader.text(root, "", "reason", true, MAX_TEXT);
        if (reason != null && reason.isBlank()) {
            reader.problem("/reason", "is empty");
        }
        reader.check("the reason is not valid");
        return reason;
    }

    private static Map<String, List<String>> identifiers(JsonBody reader, JsonNode root) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        JsonNode subject = root.get("subject");
        if (subject == null || !subject.isObject()) {
            reader.problem("/subject", subject == null ? "is required" : "must be an object {identifiers: {...}}");
            return out;
        }
        reader.onlyFields(subject, "/subject", Set.of("identifiers"));
        JsonNode identifiers = subject.get("identifiers");
        if (identifiers == null || !identifiers.isObject()) {
            reader.problem("/subject/identifiers", identifiers == null ? "is required"
                    : "must be an object of identifier type to value, such as {\"EMAIL_ADDRESS\": \"...\"}");
            return out;
        }
        if (identifiers.size() > IdentifierRules.MAX_VALUES) {
            reader.problem("/subject/identifiers", "names " + identifiers.size() + " types; at most "
                    + IdentifierRules.MAX_VALUES);
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = identifiers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String at = "/subject/identifiers/" + JsonBody.escape(entry.getKey());
            JsonNode value = entry.getValue();
            List<String> values = new ArrayList<>();
            if (value.isTextual()) {
                values.add(value.textValue());
            } else if (value.isArray() && value.size() <= IdentifierRules.MAX_VALUES) {
                for (int i = 0; i < value.size(); i++) {
                    if (value.get(i).isTextual()) {
                        values.add(value.get(i).textValue());
                    } else {
                        reader.problem(at + "/" + i, "must be a string");
                    }
                }
            } else {
                reader.problem(at, "must be a string or an array of at most " + IdentifierRules.MAX_VALUES
                        + " strings");
            }
            out.put(entry.getKey(), values);
        }
        return out;
    }

    private static <E extends Enum<E>> E choice(JsonBody reader, JsonNode root, String field, Class<E> type) {
        String text = reader.text(root, "", field, true, 64);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            reader.problem("/" + field, "is '" + abbreviate(text) + "'; expected one of "
                    + Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }

    private static <E extends Enum<E>> Set<E> choices(String name, String text, Class<E> type) {
        Set<E> out = EnumSet.noneOf(type);
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",")) {
            out.add(one(name, part.strip(), type));
        }
        return out;
    }

    private static <E extends Enum<E>> E one(String name, String text, Class<E> type) {
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw QueryParams.invalid(name, "is '" + abbreviate(text) + "'; expected one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static UUID id(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.of(Response.Status.NOT_FOUND, "not-found", "no subject request "
                    + abbreviate(id) + " (ids are UUIDs)");
        }
    }

    private static boolean wantsText(String accept) {
        return accept != null && accept.contains(MediaType.TEXT_PLAIN) && !accept.contains(MediaType.APPLICATION_JSON);
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}

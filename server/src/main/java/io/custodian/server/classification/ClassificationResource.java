package io.custodian.server.classification;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodian.access.Caller;
import io.custodian.access.Role;
import io.custodian.catalog.classification.Classification;
import io.custodian.catalog.classification.ClassificationStore;
import io.custodian.catalog.classification.Decision;
import io.custodian.server.problem.Problem;
import io.custodian.server.http.OptionalTextBody;
import io.custodian.server.problem.ProblemException;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Classifications of a dataset's fields: listed for readers; confirmed, added (PUT) and rejected
 * (DELETE) by stewards, whose decisions win over later scans and over lineage. Every decision is
 * audited.
 */
// The class shares NamespaceResource's root so that JAX-RS matches both (it picks one root class per request).
@Path("/api/v1/namespaces")
@Tag(name = "classification")
@Produces(MediaType.APPLICATION_JSON)
public final class ClassificationResource {
    private final ClassificationStore store;
    private final StewardDecisions decisions;
    private final ObjectMapper mapper;

    public ClassificationResource(ClassificationStore store, StewardDecisions decisions, ObjectMapper mapper) {
        this.store = requireNonNull(store, "store is null");
        this.decisions = requireNonNull(decisions, "decisions is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    public record ClassificationList(List<Classification> classifications) {
        public ClassificationList {
            classifications = List.copyOf(classifications);
        }
    }

    @GET
    @Path("/{namespace}/datasets/{dataset}/classifications")
    @RolesAllowed(Role.READER_NAME)
    @Operation(summary = "Every classification of the dataset's fields, with its source and evidence; steward rejections included")
    public ClassificationList list(@PathParam("namespace") String namespace, @PathParam("dataset") String dataset) {
        return store.classifications(namespace, dataset)
                .map(ClassificationList::new)
                .orElseThrow(() -> ProblemException.notFound("dataset", namespace + "/" + dataset));
    }

    @PUT
    @Path("/{namespace}/datasets/{dataset}/fields/{field}/classifications/{type}")
    @RolesAllowed(Role.STEWARD_NAME)
    @Operation(summary = "Confirm a field's classification, or add one; an optional {\"note\": ...} says why")
    public Classification confirm(@Parameter(hidden = true) @Auth Caller caller,
            @Parameter(hidden = true) @Context HttpServletRequest http, @PathParam("namespace") String namespace,
            @PathParam("dataset") String dataset, @PathParam("field") String field, @PathParam("type") String type,
            String body) {
        return decide(caller, http, namespace, dataset, field, type, Decision.CONFIRMED, note(body));
    }

    @DELETE
    @Path("/{namespace}/datasets/{dataset}/fields/{field}/classifications/{type}")
    @RolesAllowed(Role.STEWARD_NAME)
    @Operation(summary = "Reject a field's classification: later scans and lineage no longer set it")
    public Classification reject(@Parameter(hidden = true) @Auth Caller caller,
            @Parameter(hidden = true) @Context HttpServletRequest http, @PathParam("namespace") String namespace,
            @PathParam("dataset") String dataset, @PathParam("field") String field, @PathParam("type") String type,
            @QueryParam("note") String note) {
        if (note != null && note.length() > ClassificationStore.MAX_NOTE_LENGTH) {
            throw invalid("note", "a note is at most " + ClassificationStore.MAX_NOTE_LENGTH + " characters");
        }
        return decide(caller, http, namespace, dataset, field, type, Decision.REJECTED, note);
    }

    private Classification decide(Caller caller, HttpServletRequest http, String namespace, String dataset,
            String field, String type, Decision decision, String note) {
        return decisions.decide(caller, http, namespace, dataset, field, type, decision, note, null);
    }

    private String note(String body) {
        return OptionalTextBody.read(mapper, body, "note", ClassificationStore.MAX_NOTE_LENGTH, ClassificationResource::body);
    }

    private static ProblemException body(String pointer, String detail) {
        return ProblemException.invalid(400, "invalid-decision", detail, List.of(new Problem.InvalidPart(pointer, detail)));
    }

    private static ProblemException invalid(String parameter, String detail) {
        return ProblemException.invalid(400, "invalid-parameter", detail,
                List.of(new Problem.InvalidPart(parameter, detail)));
    }
}

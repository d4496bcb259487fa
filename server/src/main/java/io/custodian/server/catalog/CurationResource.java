package io.custodian.server.catalog;

import static java.util.Objects.requireNonNull;

import io.custodian.access.Caller;
import io.custodian.access.Role;
import io.custodian.catalog.classification.Decision;
import io.custodian.catalog.classification.UnknownTargetException;
import io.custodian.catalog.curation.CatalogCuration;
import io.custodian.catalog.read.CatalogReader;
import io.custodian.catalog.read.Views.Dataset;
import io.custodian.catalog.read.Views.Job;
import io.custodian.catalog.read.Views.Namespace;
import io.custodian.server.access.Auditor;
import io.custodian.server.classification.StewardDecisions;
import io.custodian.server.problem.ProblemException;
import io.custodian.server.problem.QueryParams;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What Marquez's clients change in a namespace besides sending events: soft deletes of
 * namespaces, datasets and jobs, and tags on datasets and fields. Stewards curate the catalog, so
 * each of these needs the STEWARD role, as classifying does, and each is audited. A field tag
 * that names a type of personal data is a steward's classification (see {@link FieldTags}).
 * Marquez's older create paths are answered with a problem (see {@link LegacyWrites}).
 */
// Shares NamespaceResource's root so that JAX-RS matches both (it picks one root class per request).
@Path("/api/v1/namespaces")
@Tag(name = "catalog")
@Produces(MediaType.APPLICATION_JSON)
public final class CurationResource {
    private final CatalogReader catalog;
    private final CatalogCuration curation;
    private final StewardDecisions decisions;
    private final Predicate<String> registeredTag;
    private final Auditor auditor;

    public CurationResource(CatalogReader catalog, CatalogCuration curation, StewardDecisions decisions,
            Auditor auditor) {
        this.catalog = requireNonNull(catalog, "catalog is null");
        this.curation = requireNonNull(curation, "curation is null");
        this.decisions = requireNonNull(decisions, "decisions is null");
        this.registeredTag = curation::tagExists;
        this.auditor = requireNonNull(auditor, "auditor is null");
    }

    @DELETE
    @RolesAllowed(Role.STEWARD_NAME)
    @Path("/{namespace}")
    @Operation(summary = "Soft-delete a namespace with its datasets and jobs, until an event mentions them again")
    public Namespace deleteNamespace(@Parameter(hidden = true) @Auth Caller caller,
            @Parameter(hidden = true) @Context HttpServletRequest http, @PathParam("namespace") String namespace) {
        run(() -> curation.deleteNamespace(namespace));
        auditor.record(caller, http, "namespace.delete", namespace, "success", null);
        return catalog.namespace(namespace).orElseThrow(() -> ProblemException.notFound("namespace", namespace));
    }

    @DELETE
    @RolesAllowed(Role.STEWARD_NAME)
    @Path("/{namespace}/datasets/{dataset}")
    @Operation(summary = "Soft-delete a dataset, until an event mentions it again")
    public Dataset deleteDataset(@Parameter(hidden = true) @Auth Caller caller,
            @Parameter(hidden = true) @Context HttpServletRequest http, @PathParam("namespace") String namespace,
            @PathParam("dataset") String dataset) {
        run(() -> curation.deleteDataset(namespace, dataset));
        auditor.record(caller, http, "dataset.delete", namespace + "/" + dataset, "success", null);
        return catalog.dataset(namespace, dataset, true).orElseThrow(() -> notFound(namespace, dataset));
    }

    @DELETE
    @RolesAllowed(Role.STEWARD_NAME)
    @Path("/{namespace}/jobs/{job}")
    @Operation(summary = "Soft-delete a job, until an event mentions it again")
    public Job deleteJob(@Parameter(hidden = true) @Auth Caller caller,
            @Parameter(hidden = true) @Context HttpServletRequest http, @PathParam("namespace") String namespace,
            @PathParam("job") String job) {
        run(() -> curation.deleteJob(namespace, job));
        auditor.record(caller, http, "job.delete", namespace + "/" + job, "success", null);
        return catalog.job(namespace, job, true)
                .orElseThrow(() -> ProblemException.notFound("job", namespace + "/" + job));
    }

    @POST
    @RolesAllowed(Role.STEWARD_NAME)
    @Path("/{namespace}/datasets/{dataset}/tags/{tag}")
    @Operation(summary = "Tag a dataset with a registered tag")
    public Dataset tagDataset(@Parameter(hidden = true) @Auth Caller caller,
            @Parameter(hidden = true) @Context HttpServletRequest http, @PathParam("namespace") String namespace,
            @PathParam("dataset") String dataset, @PathParam("tag") String tag) {
        requireKnownTag(tag);
        run(() -> curation.tagDataset(namespace, dataset, tag, caller.name()));
        auditor.record(caller, http, "dataset.tag", namespace + "/" + dataset + " " + tag, "success", null);
        return read(namespace, dataset);
    }

    @DELETE
    @RolesAllowed(Role.STEWARD_NAME)
    @Path("/{namespace}/datasets/{dataset}/tags/{tag}")
    @Operation(summary = "Take a tag off a dataset")
    public Dataset untagDataset(@Parameter(hidden = true) @Auth Caller caller,
            @Parameter(hidden = true) @Context HttpServletRequest http, @PathParam("namespace") String namespace,
            @PathParam("dataset") String dataset, @PathParam("tag") String tag) {
        boolean had = call(() -> curation.untagDataset(namespace, dataset, tag));
        auditor.record(caller, http, "dataset.untag", namespace + "/" + dataset + " " + tag, "success",
                had ? null : "the dataset did not carry the tag");
        return read(namespace, dataset);
    }

    @POST
    @RolesAllowed(Role.STEWARD_NAME)
    @Path("/{namespace}/datasets/{dataset}/fields/{field}/tags/{tag}")
    @Operation(summary = "Tag a field; a tag naming a type of personal data (or PII) classifies the field")
    public Dataset tagField(@Parameter(hidden = true) @Auth Caller caller,
            @Parameter(hidden = true) @Context HttpServletRequest http, @PathParam("namespace") String namespace,
            @PathParam("dataset") String dataset, @PathParam("field") String field, @PathParam("tag") String tag) {
        requireTagName(tag);
        String normalized = FieldTags.normalized(tag);
        requireVisible(namespace, dataset);
        Optional<String> type = FieldTags.classificationType(normalized, decisions.knownTypes());
        if (type.isPresent()) {
            decisions.decide(caller, http, namespace, dataset, field, type.get(), Decision.CONFIRMED, null,
                    "by the Marquez field tag " + normalized);
        } else {
            requireKnownTag(normalized);
            run(() -> curation.tagField(namespace, dataset, field, normalized, caller.name()));
            auditor.record(caller, http, "field.tag", namespace + "/" + dataset + "/" + field + " " + normalized,
                    "success", null);
        }
        return read(namespace, dataset);
    }

    @DELETE
    @RolesAllowed(Role.STEWARD_NAME)
    @Path("/{namespace}/datasets/{dataset}/fields/{field}/tags/{tag}")
    @Operation(summary = "Take a tag off a field; for a type of personal data, a steward's rejection of the type")
    public Dataset untagField(@Parameter(hidden = true) @Auth Caller caller,
            @Parameter(hidden = true) @Context HttpServletRequest http, @PathParam("namespace") String namespace,
            @PathParam("dataset") String dataset, @PathParam("field") String field, @PathParam("tag") String tag) {
        requireTagName(tag);
        String normalized = FieldTags.normalized(tag);
        requireVisible(namespace, dataset);
        Optional<String> type = FieldTags.classificationType(normalized, decisions.knownTypes());
        if (type.isPresent()) {
            decisions.decide(caller, http, namespace, dataset, field, type.get(), Decision.REJECTED, null,
                    "by removing the Marquez field tag " + normalized);
        } else {
            boolean had = call(() -> curation.untagField(namespace, dataset, field, normalized));
            auditor.record(caller, http, "field.untag", namespace + "/" + dataset + "/" + field + " " + normalized,
                    "success", had ? null : "the field did not carry the tag");
        }
        return read(namespace, dataset);
    }

    @PUT
    @RolesAllowed(Role.PRODUCER_NAME)
    @Path("/{namespace}")
    @Operation(summary = "Marquez's namespace creation is not served: namespaces come from events")
    public Namespace putNamespace(@PathParam("namespace") String namespace) {
        throw LegacyWrites.refused("namespaces");
    }

    @PUT
    @RolesAllowed(Role.PRODUCER_NAME)
    @Path("/{namespace}/datasets/{dataset}")
    @Operation(summary = "Marquez's dataset creation is not served: datasets come from events")
    public Dataset putDataset(@PathParam("namespace") String namespace, @PathParam("dataset") String dataset) {
        throw LegacyWrites.refused("datasets");
    }

    @PUT
    @RolesAllowed(Role.PRODUCER_NAME)
    @Path("/{namespace}/jobs/{job}")
    @Operation(summary = "Marquez's job creation is not served: jobs come from events")
    public Job putJob(@PathParam("namespace") String namespace, @PathParam("job") String job) {
        throw LegacyWrites.refused("jobs");
    }

    @POST
    @RolesAllowed(Role.PRODUCER_NAME)
    @Path("/{namespace}/jobs/{job}/runs")
    @Operation(summary = "Marquez's run creation is not served: runs come from events")
    public Job createRun(@PathParam("namespace") String namespace, @PathParam("job") String job) {
        throw LegacyWrites.refused("runs");
    }

    private void requireVisible(String namespace, String dataset) {
        if (catalog.dataset(namespace, dataset).isEmpty()) {
            throw notFound(namespace, dataset);
        }
    }

    private Dataset read(String namespace, String dataset) {
        return catalog.dataset(namespace, dataset).orElseThrow(() -> notFound(namespace, dataset));
    }

    /** A tag one may put on a dataset or a plain field tag: registered, a type of personal data, or PII. */
    private void requireKnownTag(String tag) {
        requireTagName(tag);
        if (!registeredTag.test(tag) && FieldTags.classificationType(tag, decisions.knownTypes()).isEmpty()) {
            throw ProblemException.notFound("tag", tag + " (register it first: PUT /api/v1/tags/" + tag + ")");
        }
    }

    private static void requireTagName(String tag) {
        if (tag == null || !CatalogCuration.TAG_NAME.matcher(tag).matches()) {
            throw QueryParams.invalid("tag", "a tag is letters, digits, _ - . and :, at most 256 characters");
        }
    }

    private static ProblemException notFound(String namespace, String dataset) {
        return ProblemException.notFound("dataset", namespace + "/" + dataset);
    }

    private static void run(Runnable change) {
        call(() -> {
            change.run();
            return null;
        });
    }

    private static <T> T call(java.util.function.Supplier<T> change) {
        try {
            return change.get();
        } catch (UnknownTargetException e) {
            throw ProblemException.notFound(e.what(), e.name());
        }
    }
}

package io.custodian.server.catalog;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.read.CatalogReader;
import io.custodian.catalog.read.Views.Dataset;
import io.custodian.catalog.read.Views.DatasetVersion;
import io.custodian.catalog.read.Views.Job;
import io.custodian.catalog.read.Views.JobVersion;
import io.custodian.catalog.read.Views.Namespace;
import io.custodian.catalog.read.Views.Page;
import io.custodian.catalog.read.Views.Run;
import io.custodian.server.problem.ProblemException;
import io.custodian.server.problem.QueryParams;
import io.custodian.access.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Namespaces and what they hold, on Marquez's paths: datasets, their versions, jobs and their runs. */
@Path("/api/v1/namespaces")
@Tag(name = "catalog")
@Produces(MediaType.APPLICATION_JSON)
public final class NamespaceResource {
    private final CatalogReader catalog;

    public NamespaceResource(CatalogReader catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    public record NamespaceList(List<Namespace> namespaces, long totalCount) {
        public NamespaceList {
            namespaces = List.copyOf(namespaces);
        }
    }

    public record DatasetList(List<Dataset> datasets, long totalCount) {
        public DatasetList {
            datasets = List.copyOf(datasets);
        }
    }

    public record DatasetVersionList(List<DatasetVersion> versions, long totalCount) {
        public DatasetVersionList {
            versions = List.copyOf(versions);
        }
    }

    public record JobList(List<Job> jobs, long totalCount) {
        public JobList {
            jobs = List.copyOf(jobs);
        }
    }

    public record JobVersionList(List<JobVersion> versions, long totalCount) {
        public JobVersionList {
            versions = List.copyOf(versions);
        }
    }

    public record RunList(List<Run> runs, long totalCount) {
        public RunList {
            runs = List.copyOf(runs);
        }
    }

    @GET
    @RolesAllowed(Role.READER_NAME)
    @Operation(summary = "List namespaces")
    public NamespaceList namespaces(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        Paging paging = Paging.of(limit, offset);
        Page<Namespace> page = catalog.namespaces(paging.limit(), paging.offset());
        return new NamespaceList(page.items(), page.totalCount());
    }

    @GET
    @RolesAllowed(Role.READER_NAME)
    @Path("/{namespace}")
    @Operation(summary = "One namespace")
    public Namespace namespace(@PathParam("namespace") String namespace) {
        return catalog.namespace(namespace).orElseThrow(() -> ProblemException.notFound("namespace", namespace));
    }

    @GET
    @RolesAllowed(Role.READER_NAME)
    @Path("/{namespace}/datasets")
    @Operation(summary = "List the datasets of a namespace")
    public DatasetList datasets(@PathParam("namespace") String namespace, @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        Paging paging = Paging.of(limit, offset);
        requireNamespace(namespace);
        Page<Dataset> page = catalog.datasets(namespace, paging.limit(), paging.offset());
        return new DatasetList(page.items(), page.totalCount());
    }

    @GET
    @RolesAllowed(Role.READER_NAME)
    @Path("/{namespace}/datasets/{dataset}")
    @Operation(summary = "One dataset with its current schema, tags, owners and facets")
    public Dataset dataset(@PathParam("namespace") String namespace, @PathParam("dataset") String dataset) {
        return catalog.dataset(namespace, dataset)
                .orElseThrow(() -> ProblemException.notFound("dataset", namespace + "/" + dataset));
    }

    @GET
    @RolesAllowed(Role.READER_NAME)
    @Path("/{namespace}/datasets/{dataset}/versions")
    @Operation(summary = "The versions (distinct schemas) of a dataset, newest first")
    public DatasetVersionList datasetVersions(@PathParam("namespace") String namespace,
            @PathParam("dataset") String dataset, @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        Paging paging = Paging.of(limit, offset);
        Page<DatasetVersion> page = catalog.datasetVersions(namespace, dataset, paging.limit(), paging.offset())
                .orElseThrow(() -> ProblemException.notFound("dataset", namespace + "/" + dataset));
        return new DatasetVersionList(page.items(), page.totalCount());
    }

    @GET
    @RolesAllowed(Role.READER_NAME)
    @Path("/{namespace}/datasets/{dataset}/versions/{version}")
    @Operation(summary = "One version of a dataset")
    public DatasetVersion datasetVersion(@PathParam("namespace") String namespace,
            @PathParam("dataset") String dataset, @PathParam("version") String version) {
        return catalog.datasetVersion(namespace, dataset, QueryParams.uuid("version", version))
                .orElseThrow(() -> ProblemException.notFound("dataset version",
                        namespace + "/" + dataset + "/" + version));
    }

    @GET
    @RolesAllowed(Role.READER_NAME)
    @Path("/{namespace}/jobs/{job}/versions")
    @Operation(summary = "The versions of a job, newest first, each with its latest run")
    public JobVersionList jobVersions(@PathParam("namespace") String namespace, @PathParam("job") String job,
            @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        Paging paging = Paging.of(limit, offset);
        Page<JobVersion> page = catalog.jobVersions(namespace, job, paging.limit(), paging.offset())
                .orElseThrow(() -> ProblemException.notFound("job", namespace + "/" + job));
        return new JobVersionList(page.items(), page.totalCount());
    }

    @GET
    @RolesAllowed(Role.READER_NAME)
    @Path("/{namespace}/jobs/{job}/versions/{version}")
    @Operation(summary = "One version of a job with its latest run")
    public JobVersion jobVersion(@PathParam("namespace") String namespace, @PathParam("job") String job,
            @PathParam("version") String version) {
        return catalog.jobVersion(namespace, job, QueryParams.uuid("version", version))
                .orElseThrow(() -> ProblemException.notFound("job version", namespace + "/" + job + "/" + version));
    }

    @GET
    @RolesAllowed(Role.READER_NAME)
    @Path("/{namespace}/jobs")
    @Operation(summary = "List the jobs of a namespace")
    public JobList jobs(@PathParam("namespace") String namespace, @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        Paging paging = Paging.of(limit, offset);
        requireNamespace(namespace);
        Page<Job> page = catalog.jobs(namespace, paging.limit(), paging.offset());
        return new JobList(page.items(), page.totalCount());
    }

    @GET
    @RolesAllowed(Role.READER_NAME)
    @Path("/{namespace}/jobs/{job}")
    @Operation(summary = "One job with its current version and latest run")
    public Job job(@PathParam("namespace") String namespace, @PathParam("job") String job) {
        return catalog.job(namespace, job).orElseThrow(() -> ProblemException.notFound("job", namespace + "/" + job));
    }

    @GET
    @RolesAllowed(Role.READER_NAME)
    @Path("/{namespace}/jobs/{job}/runs")
    @Operation(summary = "The runs of a job, newest first")
    public RunList runs(@PathParam("namespace") String namespace, @PathParam("job") String job,
            @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        Paging paging = Paging.of(limit, offset);
        Page<Run> page = catalog.runs(namespace, job, paging.limit(), paging.offset())
                .orElseThrow(() -> ProblemException.notFound("job", namespace + "/" + job));
        return new RunList(page.items(), page.totalCount());
    }

    private void requireNamespace(String namespace) {
        if (catalog.namespace(namespace).isEmpty()) {
            throw ProblemException.notFound("namespace", namespace);
        }
    }
}

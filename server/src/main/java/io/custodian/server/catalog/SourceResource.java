package io.custodian.server.catalog;

import static java.util.Objects.requireNonNull;

import io.custodian.access.Role;
import io.custodian.catalog.read.CatalogReader;
import io.custodian.catalog.read.Views.Page;
import io.custodian.catalog.read.Views.Source;
import io.custodian.server.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Sources, from the {@code dataSource} facets of datasets. */
@Path("/api/v1/sources")
@Tag(name = "catalog")
@Produces(MediaType.APPLICATION_JSON)
public final class SourceResource {
    private final CatalogReader catalog;

    public SourceResource(CatalogReader catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    public record SourceList(List<Source> sources, long totalCount) {
        public SourceList {
            sources = List.copyOf(sources);
        }
    }

    @GET
    @RolesAllowed(Role.READER_NAME)
    @Operation(summary = "List sources")
    public SourceList sources(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        Paging paging = Paging.of(limit, offset);
        Page<Source> page = catalog.sources(paging.limit(), paging.offset());
        return new SourceList(page.items(), page.totalCount());
    }

    @GET
    @RolesAllowed(Role.READER_NAME)
    @Path("/{source}")
    @Operation(summary = "One source")
    public Source source(@PathParam("source") String source) {
        return catalog.source(source).orElseThrow(() -> ProblemException.notFound("source", source));
    }

    @PUT
    @RolesAllowed(Role.PRODUCER_NAME)
    @Path("/{source}")
    @Operation(summary = "Marquez's source creation is not served: sources come from dataSource facets of events")
    public Source put(@PathParam("source") String source) {
        throw LegacyWrites.refused("sources");
    }
}

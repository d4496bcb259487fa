package io.custodian.server.catalog;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.custodian.catalog.ingest.LineageEventParser;
import io.custodian.catalog.read.CatalogReader;
import io.custodian.catalog.read.Views.Page;
import io.custodian.catalog.read.Views.RawEvent;
import io.custodian.server.problem.QueryParams;
import io.custodian.access.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/** The raw event log, newest first, on Marquez's path. */
@Path("/api/v1/events/lineage")
@Tag(name = "lineage")
@Produces(MediaType.APPLICATION_JSON)
public final class EventResource {
    // Every event time the parser accepts: events before 1970 were left out of the default listing.
    private static final Instant EARLIEST = LineageEventParser.EARLIEST_TIME;
    private static final Instant LATEST = LineageEventParser.LATEST_TIME;
    private final CatalogReader catalog;

    public EventResource(CatalogReader catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    /**
     * A page of events as received (Marquez's shape) and, beside them, how events outside the spec
     * were read (absent when every event of the page is spec-complete).
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record EventList(List<JsonNode> events, long totalCount, List<ReadAs> readAs) {
        public EventList {
            events = List.copyOf(events);
            readAs = List.copyOf(readAs);
        }
    }

    /** How the event at {@code index} of the page was read. */
    public record ReadAs(int index, List<String> notes) {}

    @GET
    @RolesAllowed(Role.READER_NAME)
    @Operation(summary = "Raw OpenLineage events as received, newest eventTime first (sortDirection=asc: oldest first)")
    public EventList events(@QueryParam("after") String after, @QueryParam("before") String before,
            @QueryParam("sortDirection") String sortDirection, @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        Paging paging = Paging.of(limit, offset);
        Instant from = QueryParams.dateTime("after", after, EARLIEST, EARLIEST, LATEST);
        Instant to = QueryParams.dateTime("before", before, LATEST, EARLIEST, LATEST);
        boolean oldestFirst = QueryParams.oneOf("sortDirection", sortDirection, "desc", List.of("asc", "desc"))
                .equals("asc");
        Page<RawEvent> page = catalog.events(from, to, oldestFirst, paging.limit(), paging.offset());
        List<ReadAs> readAs = new java.util.ArrayList<>();
        for (int i = 0; i < page.items().size(); i++) {
            if (!page.items().get(i).readAs().isEmpty()) {
                readAs.add(new ReadAs(i, page.items().get(i).readAs()));
            }
        }
        return new EventList(page.items().stream().map(RawEvent::event).toList(), page.totalCount(), readAs);
    }
}

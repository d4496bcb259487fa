package io.custodian.server.catalog;

import static java.util.Objects.requireNonNull;

import io.custodian.access.Role;
import io.custodian.catalog.read.CatalogStats;
import io.custodian.catalog.read.CatalogStats.Counted;
import io.custodian.catalog.read.CatalogStats.EventCounts;
import io.custodian.catalog.read.CatalogStats.IntervalCount;
import io.custodian.catalog.read.CatalogStats.Period;
import io.custodian.server.problem.QueryParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Marquez's statistics: {@code period=DAY} is the last 24 hours by hour; {@code period=WEEK} the
 * last 7 days by day in {@code timezone} (an IANA zone such as Europe/Madrid, required).
 */
@Path("/api/v1/stats")
@Tag(name = "catalog")
@Produces(MediaType.APPLICATION_JSON)
public final class StatsResource {
    private final CatalogStats stats;

    public StatsResource(CatalogStats stats) {
        this.stats = requireNonNull(stats, "stats is null");
    }

    @GET
    @RolesAllowed(Role.READER_NAME)
    @Path("/lineage-events")
    @Operation(summary = "OpenLineage events per interval, by type (START, COMPLETE, FAIL, ABORT)")
    public List<EventCounts> lineageEvents(@QueryParam("period") String period, @QueryParam("timezone") String timezone) {
        Period p = period(period);
        return stats.events(p, zone(p, timezone));
    }

    @GET
    @RolesAllowed(Role.READER_NAME)
    @Path("/jobs")
    @Operation(summary = "How many jobs the catalog held at the end of each interval")
    public List<IntervalCount> jobs(@QueryParam("period") String period, @QueryParam("timezone") String timezone) {
        return counts(Counted.JOBS, period, timezone);
    }

    @GET
    @RolesAllowed(Role.READER_NAME)
    @Path("/datasets")
    @Operation(summary = "How many datasets the catalog held at the end of each interval")
    public List<IntervalCount> datasets(@QueryParam("period") String period, @QueryParam("timezone") String timezone) {
        return counts(Counted.DATASETS, period, timezone);
    }

    @GET
    @RolesAllowed(Role.READER_NAME)
    @Path("/sources")
    @Operation(summary = "How many sources the catalog held at the end of each interval")
    public List<IntervalCount> sources(@QueryParam("period") String period, @QueryParam("timezone") String timezone) {
        return counts(Counted.SOURCES, period, timezone);
    }

    private List<IntervalCount> counts(Counted what, String period, String timezone) {
        Period p = period(period);
        return stats.counts(what, p, zone(p, timezone));
    }

    private static Period period(String value) {
        if (value == null || value.isBlank()) {
            throw QueryParams.invalid("period", "period is required: DAY or WEEK");
        }
        return Period.valueOf(QueryParams.oneOf("period", value, null, List.of("DAY", "WEEK")));
    }

    private static ZoneId zone(Period period, String timezone) {
        if (timezone == null || timezone.isBlank()) {
            if (period == Period.WEEK) {
                throw QueryParams.invalid("timezone", "timezone is required for period WEEK, such as Europe/Madrid");
            }
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timezone.strip());
        } catch (DateTimeException e) {
            throw QueryParams.invalid("timezone", "timezone is a time zone id, such as Europe/Madrid or UTC");
        }
    }
}

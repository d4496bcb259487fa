package io.custodian.catalog.read;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Marquez's statistics: lineage events per interval by type, and how many jobs, datasets and
 * sources the catalog held at the end of each interval. A day is the last 24 hours, an hour an
 * interval, the current hour last; a week the last 7 days of a time zone, a day an interval.
 */
public final class CatalogStats {
    private final Jdbi jdbi;
    private final Clock clock;

    public CatalogStats(Jdbi jdbi, Clock clock) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    /** DAY or WEEK. */
    public enum Period { DAY, WEEK }

    /** Events of one interval, by OpenLineage eventType. */
    public record EventCounts(Instant startInterval, Instant endInterval, int fail, int start, int complete,
            int abort) {}

    /** How many of something existed at the end of one interval. */
    public record IntervalCount(Instant startInterval, Instant endInterval, int count) {}

    /** What is counted at the end of each interval. */
    public enum Counted { JOBS, DATASETS, SOURCES }

    interface StatsDao {
        record TypeCount(String eventType, int count) {}

        @SqlQuery("""
            SELECT event_type, COUNT(*) AS count FROM lineage_event
            WHERE event_time >= :start AND event_time < :end AND event_type IS NOT NULL
            GROUP BY event_type
            """)
        @org.jdbi.v3.sqlobject.config.RegisterConstructorMapper(TypeCount.class)
        List<TypeCount> events(@Bind("start") Instant start, @Bind("end") Instant end);

        @SqlQuery("SELECT COUNT(*) FROM job WHERE created_at < :end")
        int jobs(@Bind("end") Instant end);

        @SqlQuery("SELECT COUNT(*) FROM dataset WHERE created_at < :end")
        int datasets(@Bind("end") Instant end);

        @SqlQuery("SELECT COUNT(*) FROM source WHERE created_at < :end")
        int sources(@Bind("end") Instant end);
    }

    /** The intervals of a period ending now, oldest first. */
    public List<Instant[]> intervals(Period period, ZoneId zone) {
        Instant now = clock.instant();
        List<Instant[]> intervals = new ArrayList<>();
        if (period == Period.DAY) {
            Instant first = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(23));
            for (int i = 0; i < 24; i++) {
                Instant start = first.plus(Duration.ofHours(i));
                intervals.add(new Instant[] {start, start.plus(Duration.ofHours(1))});
            }
        } else {
            ZonedDateTime today = now.atZone(zone).truncatedTo(ChronoUnit.DAYS);
            for (int i = 6; i >= 0; i--) {
                ZonedDateTime start = today.minusDays(i);
                intervals.add(new Instant[] {start.toInstant(), start.plusDays(1).toInstant()});
            }
        }
        return intervals;
    }

    public List<EventCounts> events(Period period, ZoneId zone) {
        return jdbi.inTransaction(handle -> {
            StatsDao dao = handle.attach(StatsDao.class);
            List<EventCounts> counts = new ArrayList<>();
            for (Instant[] i : intervals(period, zone)) {
                java.util.Map<String, Integer> byType = new java.util.HashMap<>();
                dao.events(i[0], i[1]).forEach(c -> byType.put(c.eventType(), c.count()));
                counts.add(new EventCounts(i[0], i[1], byType.getOrDefault("FAIL", 0), byType.getOrDefault("START", 0),
                        byType.getOrDefault("COMPLETE", 0), byType.getOrDefault("ABORT", 0)));
            }
            return counts;
        });
    }

    public List<IntervalCount> counts(Counted what, Period period, ZoneId zone) {
        return jdbi.inTransaction(handle -> {
            StatsDao dao = handle.attach(StatsDao.class);
            List<IntervalCount> counts = new ArrayList<>();
            for (Instant[] i : intervals(period, zone)) {
                int count = switch (what) {
                    case JOBS -> dao.jobs(i[1]);
                    case DATASETS -> dao.datasets(i[1]);
                    case SOURCES -> dao.sources(i[1]);
                };
                counts.add(new IntervalCount(i[0], i[1], count));
            }
            return counts;
        });
    }
}

package io.custodian.catalog.lineage;

import static java.util.Objects.requireNonNull;

import io.custodian.catalog.read.CatalogReader;
import io.custodian.catalog.read.Views.Run;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Marquez's run lineage: from one run, the runs that produced the dataset versions it read, and
 * theirs, up to a depth; the run itself first, then by distance.
 */
public final class UpstreamRuns {
    private final Jdbi jdbi;

    public UpstreamRuns(Jdbi jdbi) {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    /** The job version a run ran. */
    public record JobVersionRef(String namespace, String name, UUID version) {}

    /** A run's identity, times and Marquez state. */
    public record RunSummary(UUID id, Instant start, Instant end, String status) {}

    /** A dataset version a run read, and the run that wrote that version, if known. */
    public record InputVersion(String namespace, String name, UUID version, UUID producedByRunId) {}

    /** One run of the lineage. */
    public record UpstreamRun(JobVersionRef job, RunSummary run, List<InputVersion> inputs) {
        public UpstreamRun {
            inputs = List.copyOf(inputs);
        }
    }

    /** The lineage, in Marquez's shape. */
    public record Lineage(List<UpstreamRun> runs) {
        public Lineage {
            runs = List.copyOf(runs);
        }
    }

    interface Dao {
        record RunRow(UUID id, String namespace, String name, UUID jobVersionId, Instant startedAt, Instant endedAt,
                String state, Instant createdAt) {}

        record InputRow(UUID datasetId, String namespace, String name, UUID datasetVersionId) {}

        @SqlQuery("""
            SELECT r.id, n.name AS namespace, j.name, r.job_version_id, r.started_at, r.ended_at, r.state, r.created_at
            FROM run r JOIN job j ON j.id = r.job_id JOIN namespace n ON n.id = j.namespace_id
            WHERE r.id = :id
            """)
        @RegisterConstructorMapper(RunRow.class)
        Optional<RunRow> run(@Bind("id") UUID id);

        @SqlQuery("""
            SELECT io.dataset_id, n.name AS namespace, d.name, io.dataset_version_id
            FROM run_io io JOIN dataset d ON d.id = io.dataset_id JOIN namespace n ON n.id = d.namespace_id
            WHERE io.run_id = :runId AND io.io_type = 'INPUT'
            ORDER BY n.name, d.name
            """)
        @RegisterConstructorMapper(InputRow.class)
        List<InputRow> inputs(@Bind("runId") UUID runId);

        /** The first run that wrote a version (as a dataset version's createdByRun). */
        @SqlQuery("""
            SELECT run_id FROM run_io WHERE dataset_version_id = :versionId AND io_type = 'OUTPUT'
            ORDER BY version_time, run_id FETCH FIRST 1 ROW ONLY
            """)
        Optional<UUID> writer(@Bind("versionId") UUID versionId);

        /** For a dataset read without a schema: the latest run created before the reader that wrote it without one. */
        @SqlQuery("""
            SELECT r.id FROM run_io io JOIN run r ON r.id = io.run_id
            WHERE io.dataset_id = :datasetId AND io.io_type = 'OUTPUT' AND io.dataset_version_id IS NULL
              AND r.created_at <= :before AND r.id <> :reader
            ORDER BY r.created_at DESC, r.id FETCH FIRST 1 ROW ONLY
            """)
        Optional<UUID> schemalessWriter(@Bind("datasetId") UUID datasetId, @Bind("before") Instant before,
                @Bind("reader") UUID reader);
    }

    /** The lineage upstream of a run, {@code depth} runs deep at most; empty when there is no such run. */
    public Optional<Lineage> upstream(UUID runId, int depth) {
        return jdbi.inTransaction(handle -> {
            Dao dao = handle.attach(Dao.class);
            if (dao.run(runId).isEmpty()) {
                return Optional.empty();
            }
            List<UpstreamRun> runs = new ArrayList<>();
            Set<UUID> seen = new HashSet<>(List.of(runId));
            record Pending(UUID id, int distance) {}
            Deque<Pending> queue = new ArrayDeque<>(List.of(new Pending(runId, 0)));
            while (!queue.isEmpty()) {
                Pending next = queue.poll();
                UUID id = next.id();
                int distance = next.distance();
                Dao.RunRow row = dao.run(id).orElseThrow();
                List<InputVersion> inputs = new ArrayList<>();
                for (Dao.InputRow input : dao.inputs(id)) {
                    UUID version = input.datasetVersionId() == null
                            ? CatalogReader.schemalessVersion(input.datasetId())
                            : input.datasetVersionId();
                    Optional<UUID> writer = input.datasetVersionId() == null
                            ? dao.schemalessWriter(input.datasetId(), row.createdAt(), id)
                            : dao.writer(input.datasetVersionId());
                    inputs.add(new InputVersion(input.namespace(), input.name(), version, writer.orElse(null)));
                    if (writer.isPresent() && distance < depth && seen.add(writer.get())) {
                        queue.add(new Pending(writer.get(), distance + 1));
                    }
                }
                String eventType = row.state() == null || row.state().equals("OTHER") ? null : row.state();
                runs.add(new UpstreamRun(new JobVersionRef(row.namespace(), row.name(), row.jobVersionId()),
                        new RunSummary(row.id(), row.startedAt(), row.endedAt(), Run.marquezState(eventType)),
                        inputs));
            }
            return Optional.of(new Lineage(runs));
        });
    }
}

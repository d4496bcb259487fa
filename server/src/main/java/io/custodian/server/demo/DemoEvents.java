package io.custodian.server.demo;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The OpenLineage events the demo warehouse's jobs would send: one completed run per job, with its
 * SQL for silver and gold, and the schema of every dataset as the database reports it. The same
 * bytes every time (fixed run ids and times), so sending them again is a duplicate the event log
 * keeps once.
 */
final class DemoEvents {
    static final String PRODUCER = "https://custodian.io/demo";
    private static final String RUN_EVENT = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
    private static final String SQL_FACET = "https://openlineage.io/spec/facets/1-1-0/SQLJobFacet.json";
    private static final String SCHEMA_FACET = "https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json";
    private static final Instant FIRST_RUN = Instant.parse("2026-01-05T02:00:00Z");

    private final ObjectMapper mapper = new ObjectMapper();
    private final String jobNamespace;
    private final String datasetNamespace;
    private final String datasetPrefix;

    DemoEvents(String jobNamespace, String datasetNamespace, String datasetPrefix) {
        this.jobNamespace = requireNonNull(jobNamespace, "jobNamespace is null");
        this.datasetNamespace = requireNonNull(datasetNamespace, "datasetNamespace is null");
        this.datasetPrefix = requireNonNull(datasetPrefix, "datasetPrefix is null");
    }

    /** One event per job, in the order the jobs run; {@code columns} maps {@code schema.table} to its columns. */
    List<byte[]> events(List<DemoShop.Job> jobs, Map<String, List<String[]>> columns) {
        List<byte[]> events = new ArrayList<>(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            DemoShop.Job job = jobs.get(i);
            ObjectNode event = mapper.createObjectNode();
            event.put("eventType", "COMPLETE");
            event.put("eventTime", FIRST_RUN.plusSeconds(60L * i).toString());
            event.put("producer", PRODUCER);
            event.put("schemaURL", RUN_EVENT);
            event.putObject("run").put("runId",
                    UUID.nameUUIDFromBytes(("custodian-demo:" + job.name()).getBytes(StandardCharsets.UTF_8)).toString());
            ObjectNode jobNode = event.putObject("job");
            jobNode.put("namespace", jobNamespace);
            jobNode.put("name", job.name());
            if (job.sql() != null) {
                ObjectNode sql = jobNode.putObject("facets").putObject("sql");
                sql.put("_producer", PRODUCER);
                sql.put("_schemaURL", SQL_FACET);
                sql.put("query", job.sql());
            }
            ArrayNode inputs = event.putArray("inputs");
            job.inputs().forEach(table -> inputs.add(dataset(table, columns)));
            event.putArray("outputs").add(dataset(job.output(), columns));
            try {
                events.add(mapper.writeValueAsBytes(event));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return events;
    }

    private ObjectNode dataset(String table, Map<String, List<String[]>> columns) {
        List<String[]> fields = columns.get(table);
        if (fields == null) {
            throw new IllegalStateException("the demo database has no table " + table);
        }
        ObjectNode dataset = mapper.createObjectNode();
        dataset.put("namespace", datasetNamespace);
        dataset.put("name", datasetPrefix + "." + table);
        ObjectNode schema = dataset.putObject("facets").putObject("schema");
        schema.put("_producer", PRODUCER);
        schema.put("_schemaURL", SCHEMA_FACET);
        ArrayNode list = schema.putArray("fields");
        for (String[] field : fields) {
            list.addObject().put("name", field[0]).put("type", field[1]);
        }
        return dataset;
    }
}

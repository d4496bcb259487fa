package io.custodian.catalog.ingest;

import static io.custodian.catalog.testing.Events.dataset;
import static io.custodian.catalog.testing.Events.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodian.catalog.ingest.LineageEvent.EventKind;
import io.custodian.catalog.ingest.RunSpec.ParentSpec;
import io.custodian.catalog.testing.Events;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link LineageEventParser} on its own: what it reads from valid events, and where it says invalid ones are wrong. */
class LineageEventParserTest {
    private static final Instant T0 = Instant.parse("2025-06-01T08:15:00Z");
    private static final String NS = "postgres://db:5432";
    private static final ObjectMapper mapper = new ObjectMapper();
    private final LineageEventParser parser = new LineageEventParser();

    private static ObjectNode tree(String json) {
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode validRun() {
        return run("COMPLETE", UUID.randomUUID(), T0)
                .job("etl", "load_customers")
                .input(dataset(NS, "shop.raw.users").schema("id:bigint"))
                .input(dataset(NS, "shop.raw.orders"))
                .output(dataset(NS, "shop.analytics.customers").schema("customer_id:bigint"))
                .build();
    }

    /** An event whose only run facet is the given JSON text, spliced in so no mapper rewrites it first. */
    private static String withRunFacet(String name, String facetJson) {
        ObjectNode event = validRun();
        ((ObjectNode) event.at("/run/facets")).put(name, "@facet@");
        return event.toString().replace("\"@facet@\"", facetJson);
    }

    private InvalidEventException refused(byte[] body) {
        InvalidEventException e = catchThrowableOfType(InvalidEventException.class, () -> parser.parse(body));
        assertThat(e).as("refused").isNotNull();
        return e;
    }

    private InvalidEventException refused(JsonNode event) {
        return refused(Events.bytes((ObjectNode) event));
    }

    private static List<String> pointers(InvalidEventException e) {
        return e.violations().stream().map(EventViolation::pointer).toList();
    }

    // --- what a valid event gives -----------------------------------------------------------

    @Test
    void validRunEventGivesItsRunJobInputsAndOutputs() {
        UUID runId = UUID.randomUUID();
        byte[] body = run("complete", runId, T0)
                .job("etl", "load_customers")
                .sql("INSERT INTO analytics.customers SELECT id FROM raw.users")
                .input(dataset(NS, "shop.raw.users").schema("id:bigint", "email:text"))
                .input(dataset(NS, "shop.raw.orders"))
                .output(dataset(NS, "shop.analytics.customers").schema("customer_id:bigint"))
                .bytes();

        LineageEvent event = parser.parse(body);

        assertThat(event.kind()).isEqualTo(EventKind.RUN);
        assertThat(event.eventType()).contains(RunState.COMPLETE);
        assertThat(event.eventTime()).isEqualTo(T0);
        assertThat(event.producer()).isEqualTo(Events.PRODUCER);
        assertThat(event.run()).get().extracting(RunSpec::runId).isEqualTo(runId);
        JobSpec job = event.job().orElseThrow();
        assertThat(job.namespace()).isEqualTo("etl");
        assertThat(job.name()).isEqualTo("load_customers");
        assertThat(job.version().sql()).isEqualTo("INSERT INTO analytics.customers SELECT id FROM raw.users");
        assertThat(event.inputs()).extracting(DatasetSpec::namespace, DatasetSpec::name)
                .containsExactly(tuple(NS, "shop.raw.users"), tuple(NS, "shop.raw.orders"));
        assertThat(event.inputs().get(0).schema()).get().extracting(SchemaSpec::fields)
                .isEqualTo(List.of(new FieldSpec("id", "bigint", null), new FieldSpec("email", "text", null)));
        // A dataset without a schema facet has no schema, rather than an empty one.
        assertThat(event.inputs().get(1).schema()).isEmpty();
        assertThat(event.outputs()).extracting(DatasetSpec::name).containsExactly("shop.analytics.customers");
        assertThat(event.dataset()).isEmpty();
        assertThat(event.json()).isEqualTo(new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void nestedSchemaFieldsAreFlattenedToDottedPaths() {
        ObjectNode event = validRun();
        ArrayNode fields = (ArrayNode) event.at("/outputs/0/facets/schema/fields");
        fields.add(tree("""
                {"name": "user", "type": "struct", "description": "who ordered",
                 "fields": [{"name": "id", "type": "bigint"},
                            {"name": "address", "type": "struct",
                             "fields": [{"name": "street", "type": "text"}]}]}
                """));

        SchemaSpec schema = parser.parse(Events.bytes(event)).outputs().get(0).schema().orElseThrow();

        assertThat(schema.fields()).containsExactly(
                new FieldSpec("customer_id", "bigint", null),
                new FieldSpec("user", "struct", "who ordered"),
                new FieldSpec("user.id", "bigint", null),
                new FieldSpec("user.address", "struct", null),
                new FieldSpec("user.address.street", "text", null));
    }

    @Test
    void schemaHashDiffersWhenAFieldTypeChangesAndNotOtherwise() {
        SchemaSpec a = parser.parse(run("START", UUID.randomUUID(), T0)
                .output(dataset(NS, "t").schema("id:int")).bytes()).outputs().get(0).schema().orElseThrow();
        SchemaSpec same = parser.parse(run("COMPLETE", UUID.randomUUID(), T0.plusSeconds(1))
                .output(dataset(NS, "t").schema("id:int")).bytes()).outputs().get(0).schema().orElseThrow();
        SchemaSpec changed = parser.parse(run("START", UUID.randomUUID(), T0)
                .output(dataset(NS, "t").schema("id:bigint")).bytes()).outputs().get(0).schema().orElseThrow();

        assertThat(same.hash()).isEqualTo(a.hash());
        assertThat(changed.hash()).isNotEqualTo(a.hash());
    }

    @Test
    void columnLineageInFacetsGivesOneEdgePerInputField() {
        byte[] body = run("COMPLETE", UUID.randomUUID(), T0)
                .output(dataset(NS, "shop.analytics.customers").schema("customer_id:bigint", "email:text")
                        .lineage("customer_id", NS, "shop.raw.users", "id", "IDENTITY")
                        .lineage("email", NS, "shop.raw.users", "email", "TRANSFORMATION"))
                .bytes();

        ColumnLineageSpec lineage = parser.parse(body).outputs().get(0).columnLineage().orElseThrow();

        assertThat(lineage.edges()).containsExactly(
                new ColumnEdgeSpec("customer_id", NS, "shop.raw.users", "id", "DIRECT", "IDENTITY", "", false),
                new ColumnEdgeSpec("email", NS, "shop.raw.users", "email", "DIRECT", "TRANSFORMATION", "", false));
        assertThat(lineage.hash()).hasSize(64);
    }

    @Test
    void columnLineageInOutputFacetsIsReadToo() {
        byte[] body = run("COMPLETE", UUID.randomUUID(), T0)
                .output(dataset(NS, "shop.analytics.customers")
                        .lineage("customer_id", NS, "shop.raw.users", "id", "IDENTITY")
                        .lineageInOutputFacets())
                .bytes();

        DatasetSpec output = parser.parse(body).outputs().get(0);

        assertThat(output.columnLineage().orElseThrow().edges()).containsExactly(
                new ColumnEdgeSpec("customer_id", NS, "shop.raw.users", "id", "DIRECT", "IDENTITY", "", false));
        assertThat(output.ioFacets()).extracting(Facet::name).containsExactly("columnLineage");
        assertThat(output.facets()).extracting(Facet::name).doesNotContain("columnLineage");
    }

    @Test
    void legacyFieldLevelTransformationTypeBecomesADirectEdgeWithThatSubtype() {
        ObjectNode lineage = tree("""
                {"_producer": "p", "_schemaURL": "s",
                 "fields": {"email": {"inputFields": [{"namespace": "%s", "name": "shop.raw.users", "field": "mail"}],
                                      "transformationType": "IDENTITY",
                                      "transformationDescription": "copied as is"}},
                 "dataset": [{"namespace": "%s", "name": "shop.raw.users", "field": "country",
                              "transformations": [{"type": "INDIRECT", "subtype": "FILTER"}]}]}
                """.formatted(NS, NS));
        byte[] body = run("COMPLETE", UUID.randomUUID(), T0)
                .output(dataset(NS, "shop.analytics.customers").facet("columnLineage", lineage))
                .bytes();

        List<ColumnEdgeSpec> edges = parser.parse(body).outputs().get(0).columnLineage().orElseThrow().edges();

        assertThat(edges).containsExactly(
                new ColumnEdgeSpec("email", NS, "shop.raw.users", "mail", "DIRECT", "IDENTITY", "copied as is", null),
                // A dataset-level dependency has no output field.
                new ColumnEdgeSpec(null, NS, "shop.raw.users", "country", "INDIRECT", "FILTER", null, null));
    }

    @Test
    void dataSourceFacetGivesTheSource() {
        byte[] body = run("COMPLETE", UUID.randomUUID(), T0)
                .output(dataset(NS, "shop.analytics.customers").dataSource("warehouse", "postgres://db:5432/shop"))
                .bytes();

        assertThat(parser.parse(body).outputs().get(0).source())
                .contains(new DatasetSpec.SourceSpec("warehouse", "postgres://db:5432/shop"));
    }

    @Test
    void jobTypeSourceCodeNominalTimeAndParentFacetsAreRead() {
        UUID parentRun = UUID.randomUUID();
        ObjectNode jobType = tree("""
                {"_producer": "p", "_schemaURL": "s", "processingType": "BATCH", "integration": "AIRFLOW",
                 "jobType": "TASK"}""");
        ObjectNode code = tree("""
                {"_producer": "p", "_schemaURL": "s", "type": "git", "repoUrl": "https://git.example/etl",
                 "path": "dags/load.py", "version": "abc123"}""");
        ObjectNode nominal = tree("""
                {"_producer": "p", "_schemaURL": "s", "nominalStartTime": "2025-06-01T00:00:00Z",
                 "nominalEndTime": "2025-06-02T00:00:00+02:00"}""");
        byte[] body = run("START", UUID.randomUUID(), T0)
                .jobFacet("jobType", jobType)
                .jobFacet("sourceCodeLocation", code)
                .runFacet("nominalTime", nominal)
                .parent(parentRun, "airflow", "daily_dag")
                .bytes();

        LineageEvent event = parser.parse(body);

        JobSpec.JobVersionSpec version = event.job().orElseThrow().version();
        assertThat(version.processingType()).isEqualTo("BATCH");
        assertThat(version.integration()).isEqualTo("AIRFLOW");
        assertThat(version.jobType()).isEqualTo("TASK");
        assertThat(version.sourceCodeType()).isEqualTo("git");
        // repoUrl stands in for url when url is absent.
        assertThat(version.sourceCodeUrl()).isEqualTo("https://git.example/etl");
        assertThat(version.sourceCodePath()).isEqualTo("dags/load.py");
        assertThat(version.sourceCodeVersion()).isEqualTo("abc123");
        RunSpec run = event.run().orElseThrow();
        assertThat(run.nominalStartTime()).contains(Instant.parse("2025-06-01T00:00:00Z"));
        assertThat(run.nominalEndTime()).contains(Instant.parse("2025-06-01T22:00:00Z"));
        assertThat(run.parent()).contains(new ParentSpec(parentRun, "airflow", "daily_dag"));
    }

    @Test
    void datasetEventIsRecognisedWithItsDataset() {
        String body = """
                {"eventTime": "2025-06-01T08:15:00Z", "producer": "p",
                 "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent",
                 "dataset": {"namespace": "%s", "name": "shop.raw.users",
                             "facets": {"schema": {"_producer": "p", "_schemaURL": "s",
                                                   "fields": [{"name": "id", "type": "bigint"}]}}}}
                """.formatted(NS);

        LineageEvent event = parser.parse(utf8(body));

        assertThat(event.kind()).isEqualTo(EventKind.DATASET);
        assertThat(event.eventType()).isEmpty();
        assertThat(event.run()).isEmpty();
        assertThat(event.job()).isEmpty();
        DatasetSpec dataset = event.dataset().orElseThrow();
        assertThat(dataset.namespace()).isEqualTo(NS);
        assertThat(dataset.name()).isEqualTo("shop.raw.users");
        assertThat(dataset.schema()).get().extracting(SchemaSpec::fields)
                .isEqualTo(List.of(new FieldSpec("id", "bigint", null)));
    }

    @Test
    void jobEventIsRecognisedWithItsJobAndDatasets() {
        String body = """
                {"eventTime": "2025-06-01T08:15:00Z", "producer": "p",
                 "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent",
                 "job": {"namespace": "etl", "name": "load_customers",
                         "facets": {"sql": {"_producer": "p", "_schemaURL": "s", "query": "SELECT 1"}}},
                 "inputs": [{"namespace": "%s", "name": "shop.raw.users"}],
                 "outputs": [{"namespace": "%s", "name": "shop.analytics.customers"}]}
                """.formatted(NS, NS);

        LineageEvent event = parser.parse(utf8(body));

        assertThat(event.kind()).isEqualTo(EventKind.JOB);
        assertThat(event.eventType()).isEmpty();
        assertThat(event.run()).isEmpty();
        assertThat(event.dataset()).isEmpty();
        assertThat(event.job()).get().extracting(j -> j.version().sql()).isEqualTo("SELECT 1");
        assertThat(event.inputs()).extracting(DatasetSpec::name).containsExactly("shop.raw.users");
        assertThat(event.outputs()).extracting(DatasetSpec::name).containsExactly("shop.analytics.customers");
    }

    @Test
    void runEventWithoutEventTypeIsOther() {
        ObjectNode event = validRun();
        event.remove("eventType");

        assertThat(parser.parse(Events.bytes(event)).eventType()).contains(RunState.OTHER);
    }

    @Test
    void unknownFacetsAreKeptVerbatim() {
        String custom = "{\"_producer\":\"https://acme.example\",\"_schemaURL\":\"https://acme.example/q.json\","
                + "\"score\":0.97,\"rows\":12345678901234567890,\"checks\":[{\"name\":\"not_null\",\"ok\":true,"
                + "\"note\":null}],\"unicode\":\"caf\u00e9 \u2603\",\"nested\":{\"deeper\":{\"x\":[]}}}";
        ObjectNode event = validRun();
        ((ObjectNode) event.at("/outputs/0/facets")).set("acme_quality", tree(custom));
        ((ObjectNode) event.at("/run/facets")).set("acme_run", tree(custom));
        ((ObjectNode) event.at("/job/facets")).set("acme_job", tree(custom));

        LineageEvent parsed = parser.parse(Events.bytes(event));

        assertThat(parsed.outputs().get(0).facets()).filteredOn(f -> f.name().equals("acme_quality"))
                .singleElement().extracting(Facet::json).isEqualTo(custom);
        assertThat(parsed.run().orElseThrow().facets()).filteredOn(f -> f.name().equals("acme_run"))
                .singleElement().extracting(Facet::json).isEqualTo(custom);
        assertThat(parsed.job().orElseThrow().facets()).filteredOn(f -> f.name().equals("acme_job"))
                .singleElement().extracting(Facet::json).isEqualTo(custom);
    }

    @Test
    void decimalsInFacetsKeepEveryDigit() {
        String custom = "{\"_producer\":\"p\",\"sum\":12345678901234.56789,\"ratio\":0.10}";

        Facet facet = parser.parse(utf8(withRunFacet("acme_totals", custom))).run().orElseThrow().facets().get(0);

        assertThat(facet.json()).isEqualTo(custom);
    }

    @Test
    void numbersBeyondWhatADoubleHoldsKeepTheirExactValue() throws Exception {
        // Their notation may change (1e400 is written 1E+400), their value and their being numbers may not.
        String custom = "{\"_producer\":\"p\",\"huge\":1e400,"
                + "\"tiny\":0.000000000000000000012345678901234567890123}";

        Facet facet = parser.parse(utf8(withRunFacet("acme_totals", custom))).run().orElseThrow().facets().get(0);

        JsonNode read = mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(facet.json());
        assertThat(read.get("huge").isNumber()).as(facet.json()).isTrue();
        assertThat(read.get("huge").decimalValue()).isEqualByComparingTo(new BigDecimal("1e400"));
        assertThat(read.get("tiny").decimalValue())
                .isEqualByComparingTo(new BigDecimal("0.000000000000000000012345678901234567890123"));
    }

    @Test
    void unknownTopLevelFieldsDoNotFailAnEvent() {
        ObjectNode event = validRun();
        event.put("x-vendor", "anything");
        ((ObjectNode) event.get("run")).putArray("extra").add(1);

        assertThat(parser.parse(Events.bytes(event)).json()).contains("\"x-vendor\":\"anything\"");
    }

    @Test
    void nullFacetsAreDropped() {
        ObjectNode event = validRun();
        ((ObjectNode) event.at("/outputs/0/facets")).putNull("documentation");

        assertThat(parser.parse(Events.bytes(event)).outputs().get(0).facets()).extracting(Facet::name)
                .containsExactly("schema");
    }

    @Test
    void sameEventBytesGiveTheSameKey() {
        byte[] body = run("START", UUID.randomUUID(), T0).output(dataset(NS, "t").schema("id:int")).bytes();

        String first = parser.parse(body).key();
        String second = parser.parse(body.clone()).key();

        assertThat(first).hasSize(64).isEqualTo(second);
    }

    @Test
    void differentEventsGiveDifferentKeys() {
        UUID runId = UUID.randomUUID();
        String start = parser.parse(run("START", runId, T0).bytes()).key();
        String complete = parser.parse(run("COMPLETE", runId, T0).bytes()).key();
        String later = parser.parse(run("START", runId, T0.plusMillis(1)).bytes()).key();
        String otherRun = parser.parse(run("START", UUID.randomUUID(), T0).bytes()).key();

        assertThat(List.of(start, complete, later, otherRun)).doesNotHaveDuplicates();
    }

    // --- where invalid events are wrong -------------------------------------------------------

    @Test
    void inputWithoutNameIsPointedAtByIndex() {
        ObjectNode event = validRun();
        ((ObjectNode) event.at("/inputs/1")).remove("name");

        InvalidEventException e = refused(event);

        assertThat(e.isMalformedJson()).isFalse();
        assertThat(pointers(e)).containsExactly("/inputs/1/name");
        assertThat(e.violations().get(0).message()).contains("missing required field name");
    }

    @Test
    void sqlFacetWithoutQueryIsPointedAt() {
        ObjectNode event = validRun();
        ((ObjectNode) event.at("/job/facets")).set("sql", tree("{\"_producer\": \"p\", \"dialect\": \"postgres\"}"));

        assertThat(pointers(refused(event))).containsExactly("/job/facets/sql/query");
    }

    @Test
    void parentFacetWithBadRunIdIsPointedAt() {
        ObjectNode event = run("START", UUID.randomUUID(), T0).parent(UUID.randomUUID(), "airflow", "dag").build();
        ((ObjectNode) event.at("/run/facets/parent/run")).put("runId", "not-a-uuid");

        InvalidEventException e = refused(event);

        assertThat(pointers(e)).containsExactly("/run/facets/parent/run/runId");
        assertThat(e.violations().get(0).message()).contains("expected a UUID").contains("not-a-uuid");
    }

    @Test
    void runIdThatIsAUuidOnlyByJavasLenientReadingIsRefused() {
        // UUID.fromString accepts "1-1-1-1-1"; an OpenLineage runId is the canonical 36-character form.
        ObjectNode event = validRun();
        ((ObjectNode) event.get("run")).put("runId", "1-1-1-1-1");

        assertThat(pointers(refused(event))).containsExactly("/run/runId");
    }

    @Test
    void facetNameWithSlashAndTildeIsEscapedInThePointer() {
        String name = "acme~corp/" + "x".repeat(LineageEventParser.MAX_FACET_NAME_LENGTH);
        ObjectNode event = validRun();
        ((ObjectNode) event.at("/run/facets")).set(name, tree("{\"_producer\": \"p\"}"));

        assertThat(pointers(refused(event)))
                .containsExactly("/run/facets/acme~0corp~1" + "x".repeat(LineageEventParser.MAX_FACET_NAME_LENGTH));
    }

    @Test
    void columnLineageOutputFieldWithSlashIsEscapedInThePointer() {
        ObjectNode lineage = tree("""
                {"_producer": "p", "fields": {"a/b": {"transformationType": "IDENTITY"}}}""");
        ObjectNode event = run("COMPLETE", UUID.randomUUID(), T0)
                .output(dataset(NS, "t").facet("columnLineage", lineage)).build();

        assertThat(pointers(refused(event))).containsExactly("/outputs/0/facets/columnLineage/fields/a~1b/inputFields");
    }

    @Test
    void severalProblemsAreReportedTogether() {
        ObjectNode event = validRun();
        event.put("eventTime", "yesterday");
        event.put("eventType", "FINISHED");
        ((ObjectNode) event.get("run")).put("runId", 42);
        ((ObjectNode) event.get("job")).remove("name");
        ((ObjectNode) event.at("/inputs/1")).put("namespace", "");
        ((ObjectNode) event.at("/outputs/0/facets/schema/fields/0")).remove("name");

        InvalidEventException e = refused(event);

        assertThat(pointers(e)).containsExactlyInAnyOrder("/eventTime", "/eventType", "/run/runId", "/job/name",
                "/inputs/1/namespace", "/outputs/0/facets/schema/fields/0/name");
        assertThat(e.getMessage()).startsWith("6 problems");
    }

    @Test
    void violationsAreCappedAtTwenty() {
        // A pathological event must not produce an unbounded error response.
        ObjectNode event = validRun();
        ArrayNode inputs = event.putArray("inputs");
        for (int i = 0; i < 50; i++) {
            inputs.add(42);
        }

        InvalidEventException e = refused(event);

        assertThat(e.violations()).hasSize(20);
        assertThat(pointers(e)).startsWith("/inputs/0", "/inputs/1");
    }

    @Test
    void wrongJsonTypesAreNamedInTheMessage() {
        ObjectNode event = validRun();
        event.putArray("outputs").add("shop.analytics.customers");
        ((ObjectNode) event.get("job")).put("facets", "none");

        InvalidEventException e = refused(event);

        assertThat(e.violations()).extracting(EventViolation::pointer, EventViolation::message)
                .containsExactlyInAnyOrder(
                        tuple("/job/facets", "expected an object of facets by name, got a string"),
                        tuple("/outputs/0", "expected a dataset object with namespace and name, got a string"));
    }

    @Test
    void nulCharacterInANameIsRefused() {
        ObjectNode event = validRun();
        ((ObjectNode) event.get("job")).put("name", "load\u0000customers");
        ((ObjectNode) event.at("/outputs/0/facets/schema/fields/0")).put("name", "id\u0000");

        InvalidEventException e = refused(event);

        assertThat(pointers(e)).containsExactlyInAnyOrder("/job/name", "/outputs/0/facets/schema/fields/0/name");
        assertThat(e.violations()).allSatisfy(v -> assertThat(v.message()).contains("NUL"));
    }

    @Test
    void malformedUtf8IsRefusedAtItsByteAndWellFormedTextIsKeptExactly() {
        byte[] good = Events.bytes(validRun());
        String json = new String(good, StandardCharsets.UTF_8).replace("\"load_customers\"", "\"load_kunden_zürich_日本\"");
        byte[] multiByte = json.getBytes(StandardCharsets.UTF_8);
        LineageEvent parsed = parser.parse(multiByte);
        assertThat(parsed.json().getBytes(StandardCharsets.UTF_8)).isEqualTo(multiByte);

        // An overlong "/" (C0 AF) inside the job's name: one decoder reads "/", another two U+FFFD.
        int at = json.indexOf("load_kunden");
        byte[] overlong = new byte[multiByte.length + 2];
        byte[] prefix = json.substring(0, at).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(prefix, 0, overlong, 0, prefix.length);
        overlong[prefix.length] = (byte) 0xC0;
        overlong[prefix.length + 1] = (byte) 0xAF;
        System.arraycopy(multiByte, prefix.length, overlong, prefix.length + 2, multiByte.length - prefix.length);
        InvalidEventException e = refused(overlong);
        assertThat(e.getMessage()).contains("not valid UTF-8 at byte " + prefix.length);
    }

    @Test
    void whatNoStoreCanHoldIsRefusedWhereverItIsAndNamesHoldNoControlCharacters() {
        ObjectNode event = validRun();
        ((ObjectNode) event.at("/outputs/0/facets")).putObject("custom").put("_producer", "p").put("_schemaURL", "s")
                .put("note\u0000", "x").put("text", "nul \u0000 inside").put("fine", "tab\tand\nnewline");
        ((ObjectNode) event.get("job")).put("name", "load\u0007customers");
        ((ObjectNode) event.at("/outputs/0")).put("namespace", "   ");

        InvalidEventException e = refused(event);

        assertThat(e.violations()).extracting(EventViolation::pointer).containsExactlyInAnyOrder(
                "/outputs/0/facets/custom/note\u0000", "/outputs/0/facets/custom/text", "/job/name",
                "/outputs/0/namespace");
        assertThat(e.violations()).filteredOn(v -> v.pointer().equals("/job/name")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("control character"));
        assertThat(e.violations()).filteredOn(v -> v.pointer().equals("/outputs/0/facets/custom/text")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("NUL"));
    }

    @Test
    void anUnpairedSurrogateIsRefusedEvenWhenEscaped() {
        for (String lone : List.of("\uD800", "\uDC00")) {
            ObjectNode event = validRun();
            ((ObjectNode) event.at("/outputs/0/facets/schema/fields/0")).put("description", "half " + lone + " a pair");
            byte[] body;
            try {
                // As JSON escapes: a raw lone surrogate is not UTF-8 at all, and is refused as such.
                body = mapper.writer().with(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
                        .writeValueAsBytes(event);
            } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                throw new IllegalStateException(ex);
            }
            assertThat(new String(body, StandardCharsets.US_ASCII)).contains("\\u");
            InvalidEventException e = refused(body);
            assertThat(e.getMessage()).containsIgnoringCase("surrogate");
        }
    }

    @Test
    void anEventNamesAtMostAThousandInputsAndAThousandOutputs() {
        ObjectNode atLimit = validRun();
        com.fasterxml.jackson.databind.node.ArrayNode inputs = atLimit.putArray("inputs");
        for (int i = 0; i < LineageEventParser.MAX_DATASETS_PER_LIST; i++) {
            inputs.addObject().put("namespace", NS).put("name", "shop.raw.t" + i);
        }
        assertThat(parser.parse(Events.bytes(atLimit)).inputs()).hasSize(LineageEventParser.MAX_DATASETS_PER_LIST);

        inputs.addObject().put("namespace", NS).put("name", "shop.raw.one_more");
        InvalidEventException e = refused(atLimit);
        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.pointer()).isEqualTo("/inputs");
            assertThat(v.message()).contains("names 1001 datasets").contains("at most 1000 inputs");
        });
    }

    @Test
    void namesUpToTheLimitAreAcceptedAndLongerOnesRefused() {
        ObjectNode atLimit = validRun();
        ((ObjectNode) atLimit.at("/outputs/0")).put("name", "n".repeat(LineageEventParser.MAX_NAME_LENGTH));
        ((ObjectNode) atLimit.get("job")).put("namespace", "s".repeat(LineageEventParser.MAX_NAMESPACE_LENGTH));
        assertThat(parser.parse(Events.bytes(atLimit)).outputs().get(0).name())
                .hasSize(LineageEventParser.MAX_NAME_LENGTH);

        ObjectNode over = validRun();
        ((ObjectNode) over.at("/outputs/0")).put("name", "n".repeat(LineageEventParser.MAX_NAME_LENGTH + 1));
        ((ObjectNode) over.get("job")).put("namespace", "s".repeat(LineageEventParser.MAX_NAMESPACE_LENGTH + 1));

        InvalidEventException e = refused(over);

        assertThat(pointers(e)).containsExactlyInAnyOrder("/outputs/0/name", "/job/namespace");
        assertThat(e.violations()).allSatisfy(v -> assertThat(v.message()).startsWith("longer than"));
    }

    @Test
    void nestedFieldPathLongerThanTheLimitIsRefused() {
        // Each name fits, but the flattened path "a.b" would not fit the column it is stored in.
        String half = "f".repeat(LineageEventParser.MAX_NAME_LENGTH / 2 + 1);
        ObjectNode event = validRun();
        ((ArrayNode) event.at("/outputs/0/facets/schema/fields")).add(tree(
                "{\"name\": \"" + half + "\", \"fields\": [{\"name\": \"" + half + "\"}]}"));

        assertThat(pointers(refused(event))).containsExactly("/outputs/0/facets/schema/fields/1/fields/0/name");
    }

    @Test
    void blankNameIsRefused() {
        ObjectNode event = validRun();
        ((ObjectNode) event.at("/outputs/0")).put("name", "   ");

        assertThat(pointers(refused(event))).containsExactly("/outputs/0/name");
    }

    @Test
    void dateTimesOutsideYearsOneTo9999AreRefused() {
        // PostgreSQL cannot store some of them (H2 can): refusing them up front keeps both stores alike,
        // instead of a 503 on PostgreSQL that says sending the event again is safe.
        ObjectNode event = run("START", UUID.randomUUID(), T0).runFacet("nominalTime", tree("""
                {"_producer": "p", "nominalStartTime": "-0001-12-31T00:00:00Z",
                 "nominalEndTime": "9999-12-31T23:59:59-01:00"}""")).build();
        event.put("eventTime", "+999999999-12-31T23:59:59Z");

        InvalidEventException e = refused(event);

        assertThat(pointers(e)).containsExactlyInAnyOrder("/eventTime", "/run/facets/nominalTime/nominalStartTime",
                "/run/facets/nominalTime/nominalEndTime");
        assertThat(e.violations()).allSatisfy(v -> assertThat(v.message()).contains("between"));
    }

    @Test
    void dateTimesAtTheEndsOfYearsOneTo9999AreAccepted() {
        ObjectNode event = run("START", UUID.randomUUID(), T0).runFacet("nominalTime", tree("""
                {"_producer": "p", "nominalStartTime": "0001-01-01T00:00:00Z",
                 "nominalEndTime": "9999-12-31T23:59:59.999999999Z"}""")).build();
        event.put("eventTime", "0001-01-01T01:00:00+01:00");

        LineageEvent parsed = parser.parse(Events.bytes(event));

        assertThat(parsed.eventTime()).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
        assertThat(parsed.run().orElseThrow().nominalEndTime())
                .contains(Instant.parse("9999-12-31T23:59:59.999999999Z"));
    }

    @Test
    void eventWithNeitherRunJobNorDatasetIsRefusedAsAWhole() {
        InvalidEventException e = refused(utf8(
                "{\"eventTime\": \"2025-06-01T08:15:00Z\", \"producer\": \"p\", \"schemaURL\": \"s\"}"));

        assertThat(pointers(e)).containsExactly("");
        assertThat(e.isMalformedJson()).isFalse();
    }

    @Test
    void jsonThatIsNotAnObjectIsRefusedButIsNotMalformed() {
        InvalidEventException e = refused(utf8("[1, 2, 3]"));

        assertThat(e.isMalformedJson()).isFalse();
        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.pointer()).isEmpty();
            assertThat(v.message()).contains("got an array");
        });
    }

    @Test
    void malformedJsonReportsLineAndColumn() {
        InvalidEventException e = refused(utf8("{\n  \"eventType\": \"START\",\n  \"eventTime\": }"));

        assertThat(e.isMalformedJson()).isTrue();
        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.pointer()).isEmpty();
            assertThat(v.message()).startsWith("malformed JSON at line 3, column ");
        });
    }

    @Test
    void malformedJsonIsLocatedNeverQuoted() {
        InvalidEventException e = refused(utf8("{\"eventTime\": alice.liddell@example.com}"));

        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.message()).isEqualTo("malformed JSON at line 1, column 15; expected an OpenLineage event as JSON");
            assertThat(v.message()).doesNotContain("alice");
        });
    }

    @Test
    void emptyBodyAndTrailingGarbageAreMalformed() {
        assertThat(refused(new byte[0]).isMalformedJson()).isTrue();
        assertThat(refused(utf8("   ")).isMalformedJson()).isTrue();
        assertThat(refused(utf8(validRun() + " {}")).isMalformedJson()).isTrue();
    }

    @Test
    void nonNumericNumbersAreMalformed() {
        String body = validRun().toString().replace("\"_producer\"", "\"score\":NaN,\"_producer\"");

        assertThat(refused(utf8(body)).isMalformedJson()).isTrue();
    }

    @Test
    void duplicateKeysInAnObjectAreRefused() {
        // Two readers could disagree on which value counts; an event must say one thing.
        String body = validRun().toString().replaceFirst("\\{", "{\"eventType\":\"START\",");

        InvalidEventException e = refused(utf8(body));

        assertThat(e.isMalformedJson()).isTrue();
        assertThat(e.violations()).singleElement().extracting(EventViolation::message).asString()
                .startsWith("duplicate key \"eventType\" at line 1, column ");
    }

    @Test
    void duplicateKeysInsideAFacetAreRefused() {
        String body = validRun().toString().replace("\"name\":\"customer_id\"",
                "\"name\":\"customer_id\",\"name\":\"other\"");

        assertThat(refused(utf8(body)).isMalformedJson()).isTrue();
    }

    @Test
    void nestingDeeperThanTwoHundredLevelsIsMalformed() {
        // Below Jackson's own default of 1,000 levels: the parser's tighter limit must be the one in force.
        String deep = "[".repeat(300) + "]".repeat(300);
        String body = validRun().toString().replace("\"_producer\"", "\"deep\":" + deep + ",\"_producer\"");

        assertThat(refused(utf8(body)).isMalformedJson()).isTrue();
    }

    // --- what Marquez accepts beyond the spec, read leniently and said so --------------------

    @Test
    void eachKindWithoutSchemaUrlIsDecidedByItsStructure() {
        ObjectNode run = validRun();
        run.remove("schemaURL");
        String job = """
                {"eventTime": "2025-06-01T08:15:00Z", "producer": "p",
                 "job": {"namespace": "etl", "name": "load_customers"},
                 "outputs": [{"namespace": "%s", "name": "shop.analytics.customers"}]}
                """.formatted(NS);
        String dataset = """
                {"eventTime": "2025-06-01T08:15:00Z", "producer": "p", "schemaURL": null,
                 "dataset": {"namespace": "%s", "name": "shop.raw.users"}}
                """.formatted(NS);

        LineageEvent runEvent = parser.parse(Events.bytes(run));
        LineageEvent jobEvent = parser.parse(utf8(job));
        LineageEvent datasetEvent = parser.parse(utf8(dataset));

        assertThat(List.of(runEvent.kind(), jobEvent.kind(), datasetEvent.kind()))
                .containsExactly(EventKind.RUN, EventKind.JOB, EventKind.DATASET);
        assertThat(List.of(runEvent, jobEvent, datasetEvent)).allSatisfy(e ->
                assertThat(e.readAs()).containsExactly("kind from structure: no schemaURL"));
        assertThat(runEvent.outputs()).extracting(DatasetSpec::name).containsExactly("shop.analytics.customers");
    }

    @Test
    void aSchemaUrlNamingAnotherKindIsOverruledByTheStructure() {
        ObjectNode run = validRun();
        run.put("schemaURL", "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent");
        String dataset = """
                {"eventTime": "2025-06-01T08:15:00Z", "producer": "p",
                 "schemaURL": "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent",
                 "dataset": {"namespace": "%s", "name": "shop.raw.users"}}
                """.formatted(NS);

        LineageEvent runEvent = parser.parse(Events.bytes(run));
        LineageEvent datasetEvent = parser.parse(utf8(dataset));

        assertThat(runEvent.kind()).isEqualTo(EventKind.RUN);
        assertThat(runEvent.readAs()).containsExactly("kind from structure: schemaURL names a JobEvent");
        assertThat(datasetEvent.kind()).isEqualTo(EventKind.DATASET);
        assertThat(datasetEvent.readAs()).containsExactly("kind from structure: schemaURL names a RunEvent");
        // A schemaURL naming no kind (a facet schema, a private one) says nothing against the structure.
        ObjectNode other = validRun();
        other.put("schemaURL", "https://acme.example/lineage.json");
        assertThat(parser.parse(Events.bytes(other)).readAs()).isEmpty();
    }

    @Test
    void anEventTimeWithoutOffsetIsReadAsUtcAndSaidSo() {
        ObjectNode plain = validRun();
        plain.put("eventTime", "2025-06-01T08:15:00");
        ObjectNode fraction = validRun();
        fraction.put("eventTime", "2025-06-01T08:15:00.123456");
        fraction.remove("schemaURL");

        LineageEvent first = parser.parse(Events.bytes(plain));
        LineageEvent second = parser.parse(Events.bytes(fraction));

        assertThat(first.eventTime()).isEqualTo(T0);
        assertThat(first.readAs()).containsExactly("eventTime without offset read as UTC");
        assertThat(second.eventTime()).isEqualTo(T0.plusNanos(123_456_000));
        assertThat(second.readAs()).containsExactly("eventTime without offset read as UTC",
                "kind from structure: no schemaURL");
    }

    @Test
    void aSpecCompleteEventIsReadAsItIsAndTheRestStaysStrict() {
        assertThat(parser.parse(Events.bytes(validRun())).readAs()).isEmpty();

        ObjectNode numberUrl = validRun();
        numberUrl.put("schemaURL", 2);
        ObjectNode badTime = validRun();
        badTime.put("eventTime", "2025-06-01 08:15");
        ObjectNode noProducer = validRun();
        noProducer.remove("schemaURL");
        noProducer.remove("producer");
        ObjectNode otherTime = validRun();
        ((ObjectNode) otherTime.at("/run/facets")).putObject("nominalTime").put("_producer", "p")
                .put("_schemaURL", "s").put("nominalStartTime", "2025-06-01T00:00:00");

        assertThat(pointers(refused(numberUrl))).containsExactly("/schemaURL");
        assertThat(pointers(refused(badTime))).containsExactly("/eventTime");
        assertThat(pointers(refused(noProducer))).containsExactly("/producer");
        assertThat(pointers(refused(otherTime))).containsExactly("/run/facets/nominalTime/nominalStartTime");
    }

    @Test
    void aNameOverTheUtf8ByteCapIsRefusedThoughItsCharactersFit() {
        ObjectNode event = validRun();
        // 1,200 UTF-16 characters, 2,400 bytes: PostgreSQL could not index it, so it is refused before the 201.
        ((ObjectNode) event.at("/outputs/0")).put("name", "\ud83d\ude00".repeat(600));

        InvalidEventException e = refused(event);

        assertThat(pointers(e)).containsExactly("/outputs/0/name");
        assertThat(e.violations().get(0).message())
                .isEqualTo("name is 2400 bytes in UTF-8, more than the 2048 a name may have");
    }
}

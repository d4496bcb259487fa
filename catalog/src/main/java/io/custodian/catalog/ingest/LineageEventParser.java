package io.custodian.catalog.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.custodian.catalog.ingest.DatasetSpec.SourceSpec;
import io.custodian.catalog.ingest.JobSpec.JobVersionSpec;
import io.custodian.catalog.ingest.LineageEvent.EventKind;
import io.custodian.catalog.ingest.RunSpec.ParentSpec;
import java.io.IOException;
import io.custodian.catalog.text.TextRules;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads OpenLineage events (spec 2-0-x: RunEvent, DatasetEvent, JobEvent) and checks them before
 * anything is written. Every problem is reported with a JSON pointer to where it is.
 *
 * <p>Strict about what Custodian interprets (names, times, ids, the facets it reads: schema,
 * columnLineage, dataSource, sql, jobType, sourceCodeLocation, nominalTime, parent); lenient
 * about everything else: unknown fields and facets are kept as received and never fail an event.
 */
public final class LineageEventParser {
    /** Longest namespace Custodian stores. */
    public static final int MAX_NAMESPACE_LENGTH = 1024;
    /** Longest dataset, job or field name Custodian stores. */
    public static final int MAX_NAME_LENGTH = 2048;
    static final int MAX_FACET_NAME_LENGTH = 256;
    static final int MAX_TYPE_LENGTH = 1024;
    static final int MAX_DESCRIPTION_LENGTH = 4000;
    static final int MAX_SHORT_LENGTH = 256;
    static final int MAX_NESTING_DEPTH = 64;
    /**
     * The most inputs, and the most outputs, one event may name. Each is a row of the run's inputs
     * and outputs and of the job's, written before the event counts as applied: an event naming
     * tens of thousands held the applier, and every read waiting on it, for minutes.
     */
    public static final int MAX_DATASETS_PER_LIST = 1000;
    private static final int MAX_VIOLATIONS = 20;
    /** Earliest date-time accepted: the first instant of year 1. */
    public static final Instant EARLIEST_TIME = Instant.parse("0001-01-01T00:00:00Z");
    /** Latest date-time accepted: the last instant of year 9999. */
    public static final Instant LATEST_TIME = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private final ObjectMapper mapper;

    public LineageEventParser() {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(200)
                .maxNumberLength(100)
                .build();
        this.mapper = JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                // Keep decimals exact: as doubles, 0.10 became 0.1, long decimals lost digits and 1e400
                // became the string "Infinity", in facets and in the event log alike.
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build();
        this.mapper.getFactory().setStreamReadConstraints(constraints);
    }

    /** Parses a body of JSON into a tree, or explains where it is not JSON. */
    public JsonNode readTree(byte[] body) {
        OptionalInt malformed = TextRules.invalidUtf8(body);
        if (malformed.isPresent()) {
            // Decoders differ on malformed bytes (an overlong "/" is "/" to one, two U+FFFD to another):
            // what is acknowledged must read back exactly as it was checked.
            throw InvalidEventException.malformedJson("", "the body is not valid UTF-8 at byte " + malformed.getAsInt()
                    + "; send the event as UTF-8");
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw InvalidEventException.malformedJson("", "the body is empty; expected an OpenLineage event");
            }
            return node;
        } catch (JsonProcessingException e) {
            // Where, never Jackson's words: they quote the body's values, which may be personal data.
            // A duplicate key is named: a key is the event's structure, not its data.
            String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            Matcher duplicate = DUPLICATE_KEY.matcher(message);
            throw InvalidEventException.malformedJson("", duplicate.matches()
                    ? "duplicate key \"" + abbreviate(duplicate.group(1)) + "\"" + location(e.getLocation())
                    : "malformed JSON" + location(e.getLocation()) + "; expected an OpenLineage event as JSON");
        } catch (IOException e) {
            throw InvalidEventException.malformedJson("", "unreadable body (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Parses and validates one event from its JSON bytes. The event is kept exactly as received
     * (UTF-8, as JSON requires); serializing the tree again would cost as much as parsing it.
     */
    public LineageEvent parse(byte[] body) {
        JsonNode root = readTree(body);
        return new Reader().event(root, isUtf8Object(body) ? new String(body, StandardCharsets.UTF_8) : null);
    }

    /** Validates one event already read as a tree (an element of a batch, say). */
    public LineageEvent parse(JsonNode root) {
        return new Reader().event(root, null);
    }

    /** True when the body is plain UTF-8 text starting with an object (no byte-order mark, not UTF-16). */
    private static boolean isUtf8Object(byte[] body) {
        for (byte b : body) {
            if (b == ' ' || b == '\t' || b == '\n' || b == '\r') {
                continue;
            }
            return b == '{';
        }
        return false;
    }

    private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);

    private static String location(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Escapes a key for use in a JSON pointer (RFC 6901). */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** Walks one event, collecting violations; throws them all at the end. */
    private final class Reader {
        private final List<EventViolation> violations = new ArrayList<>();
        private final List<String> readAs = new ArrayList<>();
        /** Each facet object's JSON and hash, made once: columnLineage is hashed as a facet too. */
        private final Map<JsonNode, Facet> serialized = new java.util.IdentityHashMap<>();

        LineageEvent event(JsonNode root, String asReceived) {
            if (!root.isObject()) {
                throw InvalidEventException.of(List.of(
                        new EventViolation("", "expected a JSON object (an OpenLineage event), got " + kindOf(root))));
            }
            storable(root, "");
            Instant eventTime = eventTime(root);
            String producer = requiredString(root, "producer", "", MAX_NAME_LENGTH);
            String schemaUrl = optionalString(root, "schemaURL", "", MAX_NAME_LENGTH);

            EventKind kind;
            if (root.has("run")) {
                kind = EventKind.RUN;
            } else if (root.has("dataset")) {
                kind = EventKind.DATASET;
            } else if (root.has("job")) {
                kind = EventKind.JOB;
            } else {
                violation("", "not an OpenLineage event: a RunEvent has \"run\" and \"job\", a JobEvent has \"job\", "
                        + "a DatasetEvent has \"dataset\"");
                throw InvalidEventException.of(violations);
            }
            // Marquez accepts events without schemaURL, as the spec's oneOf decides by structure:
            // so does Custodian, and says so on the stored event.
            if (!root.hasNonNull("schemaURL")) {
                readAs.add("kind from structure: no schemaURL");
            } else if (schemaUrl != null) {
                namedKind(schemaUrl).filter(named -> named != kind).ifPresent(named -> readAs.add(
                        "kind from structure: schemaURL names a " + eventName(named)));
            }

            Optional<RunState> eventType = Optional.empty();
            Optional<RunSpec> run = Optional.empty();
            Optional<JobSpec> job = Optional.empty();
            Optional<DatasetSpec> dataset = Optional.empty();
            List<DatasetSpec> inputs = List.of();
            List<DatasetSpec> outputs = List.of();
            switch (kind) {
                case RUN -> {
                    eventType = Optional.of(eventType(root));
                    run = run(root.get("run"));
                    job = job(root, "job");
                    inputs = datasets(root, "inputs", "inputFacets");
                    outputs = datasets(root, "outputs", "outputFacets");
                }
                case JOB -> {
                    job = job(root, "job");
                    inputs = datasets(root, "inputs", "inputFacets");
                    outputs = datasets(root, "outputs", "outputFacets");
                }
                case DATASET -> dataset = requiredObject(root, "dataset", "").flatMap(d -> dataset(d, "/dataset", null));
            }
            if (!violations.isEmpty()) {
                throw InvalidEventException.of(violations);
            }
            // The key hashes the event as received: a producer that sends an event again sends the
            // same bytes. (A re-serialized copy would only make a second, harmless row in the log.)
            String json = asReceived != null ? asReceived : root.toString();
            return new LineageEvent(kind, Hashing.of(json), eventType, eventTime, producer, run, job, inputs, outputs,
                    dataset, json, readAs);
        }

        /** The event kind a schemaURL's fragment names ({@code ...#/$defs/RunEvent}), if it names one. */
        private Optional<EventKind> namedKind(String schemaUrl) {
            int hash = schemaUrl.lastIndexOf('#');
            String fragment = hash < 0 ? "" : schemaUrl.substring(hash + 1);
            for (EventKind kind : EventKind.values()) {
                if (fragment.endsWith("/" + eventName(kind))) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }

        private String eventName(EventKind kind) {
            return switch (kind) {
                case RUN -> "RunEvent";
                case JOB -> "JobEvent";
                case DATASET -> "DatasetEvent";
            };
        }

        /**
         * The event time; one without an offset (as some producers write it, and Marquez accepts)
         * is read as UTC, and the event says so. Every other time stays strict.
         */
        private Instant eventTime(JsonNode root) {
            String value = requiredString(root, "eventTime", "", 64);
            if (value == null) {
                return null;
            }
            try {
                LocalDateTime local = LocalDateTime.parse(value, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
                readAs.add("eventTime without offset read as UTC");
                return time(local.atOffset(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME), "/eventTime");
            } catch (DateTimeParseException e) {
                return time(value, "/eventTime");
            }
        }

        private RunState eventType(JsonNode root) {
            JsonNode node = root.get("eventType");
            if (node == null || node.isNull()) {
                // The spec lets a RunEvent omit eventType; it then carries facets but no transition.
                return RunState.OTHER;
            }
            if (!node.isTextual()) {
                violation("/eventType", "expected one of START, RUNNING, COMPLETE, ABORT, FAIL, OTHER; got " + kindOf(node));
                return RunState.OTHER;
            }
            try {
                return RunState.valueOf(node.textValue().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                violation("/eventType", "unknown eventType \"" + abbreviate(node.textValue())
                        + "\"; expected one of START, RUNNING, COMPLETE, ABORT, FAIL, OTHER");
                return RunState.OTHER;
            }
        }

        private Optional<RunSpec> run(JsonNode node) {
            if (!node.isObject()) {
                violation("/run", "expected an object with runId, got " + kindOf(node));
                return Optional.empty();
            }
            Optional<UUID> runId = requiredUuid(node, "runId", "/run");
            Map<String, JsonNode> facetNodes = facetNodes(node, "facets", "/run");
            Optional<Instant> nominalStart = Optional.empty();
            Optional<Instant> nominalEnd = Optional.empty();
            JsonNode nominal = facetNodes.get("nominalTime");
            if (nominal != null && isObject(nominal, "/run/facets/nominalTime")) {
                nominalStart = Optional.ofNullable(requiredTime(nominal, "nominalStartTime", "/run/facets/nominalTime"));
                nominalEnd = optionalTime(nominal, "nominalEndTime", "/run/facets/nominalTime");
            }
            Optional<ParentSpec> parent = Optional.empty();
            JsonNode parentFacet = facetNodes.get("parent");
            if (parentFacet != null && isObject(parentFacet, "/run/facets/parent")) {
                parent = parent(parentFacet, "/run/facets/parent");
            }
            List<Facet> facets = facets(facetNodes);
            if (runId.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new RunSpec(runId.get(), facets, nominalStart, nominalEnd, parent));
        }

        private Optional<ParentSpec> parent(JsonNode facet, String pointer) {
            Optional<UUID> runId = requiredObject(facet, "run", pointer)
                    .flatMap(run -> requiredUuid(run, "runId", pointer + "/run"));
            Optional<JsonNode> job = requiredObject(facet, "job", pointer);
            String namespace = job.map(j -> requiredName(j, "namespace", pointer + "/job", MAX_NAMESPACE_LENGTH))
                    .orElse(null);
            String name = job.map(j -> requiredName(j, "name", pointer + "/job", MAX_NAME_LENGTH)).orElse(null);
            if (runId.isEmpty() || namespace == null || name == null) {
                return Optional.empty();
            }
            return Optional.of(new ParentSpec(runId.get(), namespace, name));
        }

        private Optional<JobSpec> job(JsonNode root, String field) {
            Optional<JsonNode> node = requiredObject(root, field, "");
            if (node.isEmpty()) {
                return Optional.empty();
            }
            String pointer = "/" + field;
            JsonNode job = node.get();
            String namespace = requiredName(job, "namespace", pointer, MAX_NAMESPACE_LENGTH);
            String name = requiredName(job, "name", pointer, MAX_NAME_LENGTH);
            Map<String, JsonNode> facetNodes = facetNodes(job, "facets", pointer);
            String facets = pointer + "/facets";

            String jobType = null;
            String processingType = null;
            String integration = null;
            JsonNode typeFacet = facetNodes.get("jobType");
            if (typeFacet != null && isObject(typeFacet, facets + "/jobType")) {
                jobType = optionalString(typeFacet, "jobType", facets + "/jobType", MAX_SHORT_LENGTH);
                processingType = optionalString(typeFacet, "processingType", facets + "/jobType", MAX_SHORT_LENGTH);
                integration = optionalString(typeFacet, "integration", facets + "/jobType", MAX_SHORT_LENGTH);
            }
            String sql = null;
            String dialect = null;
            JsonNode sqlFacet = facetNodes.get("sql");
            if (sqlFacet != null && isObject(sqlFacet, facets + "/sql")) {
                sql = requiredString(sqlFacet, "query", facets + "/sql", Integer.MAX_VALUE);
                dialect = optionalString(sqlFacet, "dialect", facets + "/sql", MAX_SHORT_LENGTH);
            }
            String codeType = null;
            String codeUrl = null;
            String codePath = null;
            String codeVersion = null;
            JsonNode code = facetNodes.get("sourceCodeLocation");
            if (code != null && isObject(code, facets + "/sourceCodeLocation")) {
                String at = facets + "/sourceCodeLocation";
                codeType = optionalString(code, "type", at, MAX_SHORT_LENGTH);
                codeUrl = optionalString(code, "url", at, MAX_NAME_LENGTH);
                if (codeUrl == null) {
                    codeUrl = optionalString(code, "repoUrl", at, MAX_NAME_LENGTH);
                }
                codePath = optionalString(code, "path", at, MAX_NAME_LENGTH);
                codeVersion = optionalString(code, "version", at, MAX_SHORT_LENGTH);
            }
            List<Facet> facetList = facets(facetNodes);
            if (namespace == null || name == null) {
                return Optional.empty();
            }
            return Optional.of(new JobSpec(namespace, name, facetList, new JobVersionSpec(
                    jobType, processingType, integration, sql, dialect, codeType, codeUrl, codePath, codeVersion)));
        }

        private List<DatasetSpec> datasets(JsonNode root, String field, String ioFacetsField) {
            JsonNode node = root.get(field);
            if (node == null || node.isNull()) {
                return List.of();
            }
            String pointer = "/" + field;
            if (!node.isArray()) {
                violation(pointer, "expected an array of datasets, got " + kindOf(node));
                return List.of();
            }
            if (node.size() > MAX_DATASETS_PER_LIST) {
                violation(pointer, "names " + node.size() + " datasets; an event names at most " + MAX_DATASETS_PER_LIST
                        + " " + field + " (split the run's events, or describe the datasets with DatasetEvents)");
                return List.of();
            }
            List<DatasetSpec> datasets = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                JsonNode element = node.get(i);
                String at = pointer + "/" + i;
                if (!element.isObject()) {
                    violation(at, "expected a dataset object with namespace and name, got " + kindOf(element));
                    continue;
                }
                dataset(element, at, ioFacetsField).ifPresent(datasets::add);
            }
            return datasets;
        }

        private Optional<DatasetSpec> dataset(JsonNode node, String pointer, String ioFacetsField) {
            String namespace = requiredName(node, "namespace", pointer, MAX_NAMESPACE_LENGTH);
            String name = requiredName(node, "name", pointer, MAX_NAME_LENGTH);
            Map<String, JsonNode> facetNodes = facetNodes(node, "facets", pointer);
            Map<String, JsonNode> ioFacetNodes = ioFacetsField == null
                    ? Map.of()
                    : facetNodes(node, ioFacetsField, pointer);

            Optional<SchemaSpec> schema = Optional.empty();
            JsonNode schemaFacet = facetNodes.get("schema");
            if (schemaFacet != null && isObject(schemaFacet, pointer + "/facets/schema")) {
                schema = schema(schemaFacet, pointer + "/facets/schema");
            }
            Optional<SourceSpec> source = Optional.empty();
            JsonNode sourceFacet = facetNodes.get("dataSource");
            if (sourceFacet != null && isObject(sourceFacet, pointer + "/facets/dataSource")) {
                String at = pointer + "/facets/dataSource";
                String sourceName = optionalString(sourceFacet, "name", at, MAX_NAMESPACE_LENGTH);
                String uri = optionalString(sourceFacet, "uri", at, MAX_NAME_LENGTH);
                if (sourceName != null) {
                    source = Optional.of(new SourceSpec(sourceName, uri));
                }
            }
            // Producers put columnLineage in facets (the spec) or in outputFacets (some integrations).
            Optional<ColumnLineageSpec> lineage = Optional.empty();
            JsonNode lineageFacet = facetNodes.get(ColumnLineageSpec.FACET);
            String lineagePointer = pointer + "/facets/columnLineage";
            if (lineageFacet == null && "outputFacets".equals(ioFacetsField)) {
                lineageFacet = ioFacetNodes.get(ColumnLineageSpec.FACET);
                lineagePointer = pointer + "/outputFacets/columnLineage";
            }
            if (lineageFacet != null && isObject(lineageFacet, lineagePointer)) {
                lineage = columnLineage(lineageFacet, lineagePointer);
            }
            List<Facet> facets = facets(facetNodes);
            List<Facet> ioFacets = facets(ioFacetNodes);
            if (namespace == null || name == null) {
                return Optional.empty();
            }
            return Optional.of(new DatasetSpec(namespace, name, facets, ioFacets, schema, lineage, source));
        }

        private Optional<SchemaSpec> schema(JsonNode facet, String pointer) {
            List<FieldSpec> fields = new ArrayList<>();
            JsonNode list = facet.get("fields");
            if (list == null || list.isNull()) {
                return Optional.of(new SchemaSpec(List.of(), schemaHash(fields)));
            }
            fields(list, pointer + "/fields", "", 0, fields);
            return Optional.of(new SchemaSpec(fields, schemaHash(fields)));
        }

        private void fields(JsonNode list, String pointer, String prefix, int depth, List<FieldSpec> into) {
            if (!list.isArray()) {
                violation(pointer, "expected an array of fields, got " + kindOf(list));
                return;
            }
            if (depth > MAX_NESTING_DEPTH) {
                violation(pointer, "fields are nested deeper than " + MAX_NESTING_DEPTH + " levels");
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode field = list.get(i);
                String at = pointer + "/" + i;
                if (!field.isObject()) {
                    violation(at, "expected a field object with a name, got " + kindOf(field));
                    continue;
                }
                String name = requiredName(field, "name", at, MAX_NAME_LENGTH);
                String type = optionalString(field, "type", at, MAX_TYPE_LENGTH);
                String description = optionalString(field, "description", at, MAX_DESCRIPTION_LENGTH);
                if (name == null) {
                    continue;
                }
                String path = prefix.isEmpty() ? name : prefix + "." + name;
                if (path.length() > MAX_NAME_LENGTH || TextRules.utf8Length(path) > TextRules.MAX_NAME_BYTES) {
                    violation(at + "/name", "the field path is longer than " + MAX_NAME_LENGTH + " characters or "
                            + TextRules.MAX_NAME_BYTES + " bytes in UTF-8");
                    continue;
                }
                into.add(new FieldSpec(path, type, description));
                JsonNode nested = field.get("fields");
                if (nested != null && !nested.isNull()) {
                    fields(nested, at + "/fields", path, depth + 1, into);
                }
            }
        }

        private String schemaHash(List<FieldSpec> fields) {
            Hashing hash = Hashing.sha256();
            for (FieldSpec field : fields) {
                hash.add(field.name()).add(field.type()).add(field.description());
            }
            return hash.hex();
        }

        private Optional<ColumnLineageSpec> columnLineage(JsonNode facet, String pointer) {
            List<ColumnEdgeSpec> edges = new ArrayList<>();
            JsonNode fields = facet.get("fields");
            if (fields != null && !fields.isNull()) {
                if (!fields.isObject()) {
                    violation(pointer + "/fields", "expected an object of output fields, got " + kindOf(fields));
                } else {
                    for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> entry = it.next();
                        String outputField = entry.getKey();
                        String at = pointer + "/fields/" + escape(outputField);
                        if (outputField.isEmpty() || outputField.length() > MAX_NAME_LENGTH) {
                            violation(at, "an output field name must have 1 to " + MAX_NAME_LENGTH + " characters");
                            continue;
                        }
                        if (TextRules.unstorable(outputField).isEmpty() && TextRules.badName(outputField).isPresent()) {
                            violation(at, "the output field name " + TextRules.badName(outputField).get());
                            continue;
                        }
                        JsonNode output = entry.getValue();
                        if (!output.isObject()) {
                            violation(at, "expected an object with inputFields, got " + kindOf(output));
                            continue;
                        }
                        // Before spec 1.x the transformation sat on the output field itself.
                        String legacyType = optionalString(output, "transformationType", at, MAX_SHORT_LENGTH);
                        String legacyDescription = optionalString(output, "transformationDescription", at,
                                MAX_DESCRIPTION_LENGTH);
                        JsonNode inputs = output.get("inputFields");
                        if (inputs == null || !inputs.isArray()) {
                            violation(at + "/inputFields", inputs == null
                                    ? "missing inputFields"
                                    : "expected an array of input fields, got " + kindOf(inputs));
                            continue;
                        }
                        for (int i = 0; i < inputs.size(); i++) {
                            inputField(inputs.get(i), at + "/inputFields/" + i, outputField, legacyType,
                                    legacyDescription, edges);
                        }
                    }
                }
            }
            JsonNode datasetLevel = facet.get("dataset");
            if (datasetLevel != null && !datasetLevel.isNull()) {
                if (!datasetLevel.isArray()) {
                    violation(pointer + "/dataset", "expected an array of input fields, got " + kindOf(datasetLevel));
                } else {
                    for (int i = 0; i < datasetLevel.size(); i++) {
                        inputField(datasetLevel.get(i), pointer + "/dataset/" + i, null, null, null, edges);
                    }
                }
            }
            return Optional.of(new ColumnLineageSpec(edges, serialized(ColumnLineageSpec.FACET, facet).hash()));
        }

        private void inputField(JsonNode input, String at, String outputField, String legacyType,
                String legacyDescription, List<ColumnEdgeSpec> edges) {
            if (!input.isObject()) {
                violation(at, "expected an input field object with namespace, name and field, got " + kindOf(input));
                return;
            }
            String namespace = requiredName(input, "namespace", at, MAX_NAMESPACE_LENGTH);
            String name = requiredName(input, "name", at, MAX_NAME_LENGTH);
            String field = requiredName(input, "field", at, MAX_NAME_LENGTH);
            // Transformations are checked even when the input is incomplete, to report every problem.
            boolean complete = namespace != null && name != null && field != null;
            JsonNode transformations = input.get("transformations");
            List<ColumnEdgeSpec> found = new ArrayList<>();
            if (transformations != null && !transformations.isNull()) {
                if (!transformations.isArray()) {
                    violation(at + "/transformations", "expected an array, got " + kindOf(transformations));
                    return;
                }
                for (int t = 0; t < transformations.size(); t++) {
                    JsonNode transformation = transformations.get(t);
                    String tat = at + "/transformations/" + t;
                    if (!transformation.isObject()) {
                        violation(tat, "expected a transformation object, got " + kindOf(transformation));
                        continue;
                    }
                    String type = optionalString(transformation, "type", tat, MAX_SHORT_LENGTH);
                    String subtype = optionalString(transformation, "subtype", tat, MAX_SHORT_LENGTH);
                    String description = optionalString(transformation, "description", tat, MAX_DESCRIPTION_LENGTH);
                    Boolean masking = optionalBoolean(transformation, "masking", tat);
                    if (complete) {
                        found.add(new ColumnEdgeSpec(outputField, namespace, name, field, type, subtype, description,
                                masking));
                    }
                }
            }
            if (complete && found.isEmpty()) {
                found.add(new ColumnEdgeSpec(outputField, namespace, name, field,
                        legacyType == null ? null : "DIRECT", legacyType, legacyDescription, null));
            }
            edges.addAll(found);
        }

        private Map<String, JsonNode> facetNodes(JsonNode parent, String field, String pointer) {
            JsonNode node = parent.get(field);
            if (node == null || node.isNull()) {
                return Map.of();
            }
            String at = pointer + "/" + field;
            if (!node.isObject()) {
                violation(at, "expected an object of facets by name, got " + kindOf(node));
                return Map.of();
            }
            Map<String, JsonNode> facets = new java.util.LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String name = entry.getKey();
                if (name.isEmpty() || name.length() > MAX_FACET_NAME_LENGTH) {
                    violation(at + "/" + escape(name), "a facet name must have 1 to " + MAX_FACET_NAME_LENGTH
                            + " characters");
                    continue;
                }
                // A null facet is how some producers say "none"; there is nothing to keep.
                if (!entry.getValue().isNull()) {
                    facets.put(name, entry.getValue());
                }
            }
            return facets;
        }

        private List<Facet> facets(Map<String, JsonNode> nodes) {
            List<Facet> facets = new ArrayList<>(nodes.size());
            for (Map.Entry<String, JsonNode> entry : nodes.entrySet()) {
                facets.add(serialized(entry.getKey(), entry.getValue()));
            }
            return facets;
        }

        private Facet serialized(String name, JsonNode node) {
            Facet known = serialized.get(node);
            if (known != null && known.name().equals(name)) {
                return known;
            }
            String json = node.toString();
            Facet facet = new Facet(name, json, Hashing.of(json));
            serialized.put(node, facet);
            return facet;
        }

        private boolean isObject(JsonNode node, String pointer) {
            if (node.isObject()) {
                return true;
            }
            violation(pointer, "expected a facet object, got " + kindOf(node));
            return false;
        }

        private Optional<JsonNode> requiredObject(JsonNode parent, String field, String pointer) {
            JsonNode node = parent.get(field);
            String at = pointer + "/" + field;
            if (node == null || node.isNull()) {
                violation(at, "missing required object " + field);
                return Optional.empty();
            }
            if (!node.isObject()) {
                violation(at, "expected an object, got " + kindOf(node));
                return Optional.empty();
            }
            return Optional.of(node);
        }

        private String requiredString(JsonNode parent, String field, String pointer, int maxLength) {
            JsonNode node = parent.get(field);
            String at = pointer + "/" + field;
            if (node == null || node.isNull()) {
                violation(at, "missing required field " + field);
                return null;
            }
            String value = string(node, at, maxLength);
            if (value != null && value.isBlank()) {
                violation(at, field + " must not be blank");
                return null;
            }
            return value;
        }

        private String optionalString(JsonNode parent, String field, String pointer, int maxLength) {
            JsonNode node = parent.get(field);
            if (node == null || node.isNull()) {
                return null;
            }
            return string(node, pointer + "/" + field, maxLength);
        }

        private String string(JsonNode node, String at, int maxLength) {
            if (!node.isTextual()) {
                violation(at, "expected a string, got " + kindOf(node));
                return null;
            }
            String value = node.textValue();
            if (value.length() > maxLength) {
                violation(at, "longer than " + maxLength + " characters (" + value.length() + ")");
                return null;
            }
            return value;
        }

        /** Every key and string of the event, facets included, must be storable as it is, on any store. */
        private void storable(JsonNode node, String at) {
            if (node.isTextual()) {
                TextRules.unstorable(node.textValue()).ifPresent(problem -> violation(at, problem));
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    String child = at + "/" + escape(entry.getKey());
                    TextRules.unstorable(entry.getKey()).ifPresent(problem -> violation(child, "the key " + problem));
                    storable(entry.getValue(), child);
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    storable(node.get(i), at + "/" + i);
                }
            }
        }

        /** A required name: a namespace, dataset, job or field name. */
        private String requiredName(JsonNode parent, String field, String pointer, int maxLength) {
            String value = requiredString(parent, field, pointer, maxLength);
            if (value != null && TextRules.unstorable(value).isEmpty()) {
                Optional<String> bad = TextRules.badName(value);
                if (bad.isPresent()) {
                    violation(pointer + "/" + field, field + " " + bad.get());
                    return null;
                }
            }
            return value;
        }

        private Boolean optionalBoolean(JsonNode parent, String field, String pointer) {
            JsonNode node = parent.get(field);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isBoolean()) {
                violation(pointer + "/" + field, "expected true or false, got " + kindOf(node));
                return null;
            }
            return node.booleanValue();
        }

        private Optional<UUID> requiredUuid(JsonNode parent, String field, String pointer) {
            String value = requiredString(parent, field, pointer, 36);
            if (value == null) {
                return Optional.empty();
            }
            try {
                if (value.length() != 36) {
                    throw new IllegalArgumentException();
                }
                return Optional.of(UUID.fromString(value));
            } catch (IllegalArgumentException e) {
                violation(pointer + "/" + field, "expected a UUID such as 0176a8c2-fe01-7439-87e6-56a1a1b4029f, got \""
                        + abbreviate(value) + "\"");
                return Optional.empty();
            }
        }

        private Instant requiredTime(JsonNode parent, String field, String pointer) {
            String value = requiredString(parent, field, pointer, 64);
            return value == null ? null : time(value, pointer + "/" + field);
        }

        private Optional<Instant> optionalTime(JsonNode parent, String field, String pointer) {
            String value = optionalString(parent, field, pointer, 64);
            return value == null ? Optional.empty() : Optional.ofNullable(time(value, pointer + "/" + field));
        }

        private Instant time(String value, String at) {
            try {
                Instant time = OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
                // PostgreSQL refuses years past 294276 (H2 takes them); years 1 to 9999 both stores keep.
                if (time.isBefore(EARLIEST_TIME) || time.isAfter(LATEST_TIME)) {
                    violation(at, "expected a date-time between " + EARLIEST_TIME + " and " + LATEST_TIME + ", got \""
                            + abbreviate(value) + "\"");
                    return null;
                }
                return time;
            } catch (DateTimeParseException e) {
                violation(at, "expected an ISO-8601 date-time with offset such as 2025-01-01T12:00:00.000Z, got \""
                        + abbreviate(value) + "\"");
                return null;
            }
        }

        private void violation(String pointer, String message) {
            if (violations.size() < MAX_VIOLATIONS) {
                violations.add(new EventViolation(pointer, message));
            }
        }
    }

    private static String kindOf(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "nothing";
        };
    }

    private static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 61) + "...";
    }
}

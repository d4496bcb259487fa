package io.custodian.server.lineage.sql;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodian.access.Role;
import io.custodian.catalog.ingest.LineageIngestor;
import io.custodian.catalog.sql.SqlLineageService;
import io.custodian.lineage.sql.ColumnLineage;
import io.custodian.lineage.sql.LineageEdge;
import io.custodian.lineage.sql.LineageError;
import io.custodian.lineage.sql.ScriptLineage;
import io.custodian.lineage.sql.StatementLineage;
import io.custodian.lineage.sql.TableName;
import io.custodian.lineage.sql.dialect.SqlDialect;
import io.custodian.server.access.RateLimited;
import io.custodian.server.lineage.RequestBodies;
import io.custodian.server.problem.JsonBody;
import io.custodian.server.problem.Problem;
import io.custodian.server.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code POST /api/v1/lineage/sql}: the column lineage of SQL against the catalog's schemas, the
 * SQL's tables being datasets of {@code defaultNamespace}. A script where some statements fail is a
 * 200 with each failed statement's error and position; SQL of which no statement can be read is a
 * 422 problem whose errors say where (line and column) each statement failed.
 */
@Path("/api/v1/lineage/sql")
@Tag(name = "lineage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public final class SqlLineageResource {
    /** Largest request body: SQL is text, and a megabyte of it is already a very large script. */
    public static final long MAX_BODY_BYTES = 1024 * 1024;

    private final SqlLineageService service;
    private final LineageIngestor ingestor;
    private final Duration maxWaitForApplied;
    private final ObjectMapper json;

    public SqlLineageResource(SqlLineageService service, LineageIngestor ingestor, Duration maxWaitForApplied,
            ObjectMapper json) {
        this.service = requireNonNull(service, "service is null");
        this.ingestor = requireNonNull(ingestor, "ingestor is null");
        this.maxWaitForApplied = requireNonNull(maxWaitForApplied, "maxWaitForApplied is null");
        this.json = requireNonNull(json, "json is null");
    }

    /**
     * A column read by a statement: the catalog dataset it belongs to (namespace null when the table
     * is not a dataset of the namespace with a schema; name is then the SQL's table name) and field.
     */
    public record SourceView(String namespace, String name, String field, String type, String subtype) {}

    /** One output column with its DIRECT sources. */
    public record ColumnView(String target, List<SourceView> sources) {
        public ColumnView {
            sources = List.copyOf(sources);
        }
    }

    /** Where and why a statement failed. */
    public record ErrorView(String message, int line, int column) {}

    /** One statement's lineage. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StatementView(int index, int line, String kind, String target, List<ColumnView> columns,
            List<SourceView> indirect, List<String> warnings, ErrorView error) {
        public StatementView {
            columns = List.copyOf(columns);
            indirect = List.copyOf(indirect);
            warnings = List.copyOf(warnings);
        }
    }

    /** The lineage of a script. */
    public record LineageView(String dialect, String namespace, List<String> warnings,
            List<StatementView> statements) {
        public LineageView {
            warnings = List.copyOf(warnings);
            statements = List.copyOf(statements);
        }
    }

    @POST
    @RolesAllowed(Role.READER_NAME)
    // Parsing is CPU work a caller controls (up to a megabyte of SQL a request): bounded per caller.
    @RateLimited(perSecond = 10, burst = 50)
    @Operation(summary = "Column lineage of SQL against the catalog's schemas")
    public LineageView post(InputStream body, @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength) {
        byte[] bytes = RequestBodies.read(body, encoding, contentLength, MAX_BODY_BYTES);
        JsonNode request;
        try {
            request = json.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ProblemException.invalid(400, "malformed-json", "the body is not valid JSON"
                    + JsonBody.where(e), List.of(new Problem.InvalidPart("", "not valid JSON")));
        } catch (IOException e) {
            throw ProblemException.invalid(400, "malformed-json", "the body could not be read",
                    List.of(new Problem.InvalidPart("", "unreadable body")));
        }
        if (request == null || !request.isObject()) {
            throw invalid("", "expected a JSON object {sql, dialect, defaultNamespace, defaultDatabase, defaultSchema}");
        }
        String sql = text(request, "sql", true);
        String dialectName = text(request, "dialect", true);
        String namespace = text(request, "defaultNamespace", true);
        String schema = text(request, "defaultSchema", false);
        String database = text(request, "defaultDatabase", false);
        if (sql.isBlank()) {
            throw invalid("/sql", "must hold at least one SQL statement");
        }
        // An unknown dialect is read with the most permissive grammar, and the answer says so.
        SqlDialect dialect = SqlDialect.orGeneric(dialectName);
        // A POST that reads the catalog: see every event acknowledged before it, as GETs do.
        ingestor.awaitApplied(maxWaitForApplied);
        SqlLineageService.Analysis analysis = service.analyse(sql, dialect, namespace, database, schema);
        ScriptLineage lineage = analysis.lineage();
        if (lineage.statements().isEmpty()) {
            throw invalid("/sql", "must hold at least one SQL statement");
        }
        if (lineage.statements().stream().allMatch(s -> s.error().isPresent())) {
            List<Problem.InvalidPart> parts = new ArrayList<>();
            for (StatementLineage s : lineage.statements()) {
                parts.add(new Problem.InvalidPart("/sql", s.error().orElseThrow().toString()));
            }
            throw ProblemException.invalid(422, "invalid-sql", "no statement of the SQL could be analysed", parts);
        }
        List<String> warnings = SqlDialect.isKnown(dialectName) ? List.of() : List.of("unknown dialect \""
                + dialectName + "\": read as " + dialect.displayName() + "; known: " + SqlDialect.knownNames());
        return view(analysis, dialect, namespace, warnings);
    }

    private static LineageView view(SqlLineageService.Analysis analysis, SqlDialect dialect, String namespace,
            List<String> warnings) {
        Function<LineageEdge, SourceView> source = edge -> new SourceView(
                analysis.isDataset().test(edge.source().table()) ? namespace : null,
                edge.source().table().toString(), edge.source().column(), edge.type().name(), edge.subtype().name());
        List<StatementView> statements = new ArrayList<>();
        for (StatementLineage s : analysis.lineage().statements()) {
            List<ColumnView> columns = new ArrayList<>();
            for (ColumnLineage c : s.columns()) {
                columns.add(new ColumnView(c.target().column(),
                        c.sources().stream().map(source).toList()));
            }
            List<SourceView> indirect = s.indirect().stream().map(source).toList();
            ErrorView error = s.error().map(SqlLineageResource::error).orElse(null);
            statements.add(new StatementView(s.index(), s.line(), s.kind().name(),
                    s.target().map(TableName::toString).orElse(null), columns, indirect, s.warnings(), error));
        }
        return new LineageView(dialect.displayName(), namespace, warnings, statements);
    }

    private static ErrorView error(LineageError e) {
        return new ErrorView(e.message(), e.line(), e.column());
    }

    private static String text(JsonNode request, String field, boolean required) {
        JsonNode value = request.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw invalid("/" + field, "is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw invalid("/" + field, "must be a string");
        }
        return value.asText();
    }

    private static ProblemException invalid(String pointer, String detail) {
        return ProblemException.invalid(422, "invalid-request", "the request is not valid: " + pointer + " " + detail,
                List.of(new Problem.InvalidPart(pointer, detail)));
    }
}

package io.custodian.server.masking;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodian.access.Caller;
import io.custodian.access.Role;
import io.custodian.lineage.sql.SqlDefaults;
import io.custodian.masking.MaskingDialect;
import io.custodian.masking.decision.ColumnDecision;
import io.custodian.masking.decision.DecisionRequest;
import io.custodian.masking.decision.DecisionRequestException;
import io.custodian.masking.decision.DecisionResponse;
import io.custodian.masking.decision.DecisionTableMasks;
import io.custodian.masking.decision.DecisionTally;
import io.custodian.masking.decision.GatewayDecisions;
import io.custodian.masking.decision.Principal;
import io.custodian.masking.keys.UnknownPurposeException;
import io.custodian.masking.rewrite.MaskedColumn;
import io.custodian.masking.rewrite.QueryRewriter;
import io.custodian.masking.rewrite.RewriteException;
import io.custodian.masking.rewrite.RewrittenQuery;
import io.custodian.server.lineage.RequestBodies;
import io.custodian.server.problem.JsonBody;
import io.custodian.server.problem.Problem;
import io.custodian.server.problem.ProblemException;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code /api/v1/gateway}: what a query gateway needs to enforce masking for one of its users (the
 * principal, with the roles and groups the gateway knows): every column of the tables a query
 * reads, decided in one call; or the query itself rewritten so each masked column is replaced
 * where it is read. Only GATEWAY calls; answers are audited per gateway, principal and window.
 */
@Path("/api/v1/gateway")
@Tag(name = "gateway")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public final class GatewayResource {
    private static final Set<String> DECISION_FIELDS = Set.of("principal", "roles", "groups", "dialect",
            "defaultNamespace", "defaultDatabase", "defaultSchema", "tables");
    private static final Set<String> REWRITE_FIELDS = Set.of("sql", "principal", "roles", "groups", "dialect",
            "defaultNamespace", "defaultDatabase", "defaultSchema");
    private static final Set<String> TABLE_FIELDS = Set.of("name", "columns");
    private static final Set<String> COLUMN_FIELDS = Set.of("name", "type");
    /** Names, roles and types are short; the domain applies its own tighter limits and says where. */
    private static final int MAX_TEXT = 1024;
    private static final int MAX_ENTRIES = 100_000;

    private final GatewayDecisions decisions;
    private final QueryRewriter rewriter;
    private final DecisionTally tally;
    private final long maxDecisionBody;
    private final long maxRewriteBody;
    private final ObjectMapper json;

    public GatewayResource(GatewayDecisions decisions, QueryRewriter rewriter, DecisionTally tally,
            long maxDecisionBody, long maxRewriteBody, ObjectMapper json) {
        this.decisions = requireNonNull(decisions, "decisions is null");
        this.rewriter = requireNonNull(rewriter, "rewriter is null");
        this.tally = requireNonNull(tally, "tally is null");
        this.maxDecisionBody = maxDecisionBody;
        this.maxRewriteBody = maxRewriteBody;
        this.json = requireNonNull(json, "json is null");
    }

    /** A rewritten query: run {@code sql} instead of the query sent. */
    public record Rewrite(String sql, String dialect, String policyVersion, List<MaskedColumn> maskedColumns,
            List<String> tablesRead) {
        public Rewrite {
            maskedColumns = List.copyOf(maskedColumns);
            tablesRead = List.copyOf(tablesRead);
        }
    }

    @POST
    @Path("/decisions")
    @RolesAllowed(Role.GATEWAY_NAME)
    @Operation(summary = "Masking decisions for every column of the tables a query reads, for one principal:"
            + " strategy, SQL expression of the column's declared type, classification, rule, policy version")
    public DecisionResponse decide(@Parameter(hidden = true) @Auth Caller caller, InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length) {
        byte[] bytes = RequestBodies.read(body, encoding, length, maxDecisionBody);
        JsonBody reader = JsonBody.reporting("invalid-decision-request");
        JsonNode root = reader.object(bytes, json,
                "{principal, roles, groups, dialect, defaultNamespace, defaultDatabase, defaultSchema, tables}");
        reader.onlyFields(root, "", DECISION_FIELDS);
        PrincipalFields who = principal(reader, root);
        List<DecisionRequest.TableRequest> tables = tables(reader, root);
        reader.check("the decision request is invalid");
        DecisionResponse response;
        try {
            response = decisions.decide(new DecisionRequest(who.name(), who.roles(), who.groups(),
                    who.dialect().displayName(),
                    who.namespace(), who.database(), who.schema(), tables));
        } catch (DecisionRequestException e) {
            throw invalid("invalid-decision-request", pointer(e.path()), e.getMessage());
        } catch (UnknownPurposeException e) {
            throw unconfiguredPurpose(e);
        }
        int columns = 0;
        int masked = 0;
        for (DecisionResponse.TableDecision table : response.tables()) {
            columns += table.columns().size();
            masked += (int) table.columns().stream().filter(ColumnDecision::masked).count();
        }
        tally.record(caller.name(), who.name(), DecisionTally.Kind.DECISIONS, response.tables().size(), columns, masked);
        return response;
    }

    @POST
    @Path("/rewrite")
    @RolesAllowed(Role.GATEWAY_NAME)
    @Operation(summary = "A query rewritten for one principal: each masked column replaced where its table is read,"
            + " before any projection, join, aggregate or subquery sees it; refused (400) when it cannot be proven safe")
    public Rewrite rewrite(@Parameter(hidden = true) @Auth Caller caller, InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length) {
        byte[] bytes = RequestBodies.read(body, encoding, length, maxRewriteBody);
        JsonBody reader = JsonBody.reporting("invalid-rewrite-request");
        JsonNode root = reader.object(bytes, json,
                "{sql, principal, roles, groups, dialect, defaultNamespace, defaultDatabase, defaultSchema}");
        reader.onlyFields(root, "", REWRITE_FIELDS);
        String sql = reader.text(root, "", "sql", true, Integer.MAX_VALUE);
        PrincipalFields who = principal(reader, root);
        reader.check("the rewrite request is invalid");
        if (sql.isBlank()) {
            throw invalid("invalid-rewrite-request", "/sql", "holds no SQL");
        }
        MaskingDialect dialect = who.dialect();
        DecisionTableMasks masks = decisions.tableMasks(
                new Principal(who.name(), new HashSet<>(who.roles()), new HashSet<>(who.groups())), dialect);
        RewrittenQuery rewritten;
        try {
            rewritten = rewriter.rewrite(sql, dialect, who.namespace(), SqlDefaults.of(who.database(), who.schema()),
                    masks);
        } catch (UnknownPurposeException e) {
            throw unconfiguredPurpose(e);
        } catch (RewriteException e) {
            String where = e.line() > 0 ? " (line " + e.line() + ", column " + e.column() + ")" : "";
            throw ProblemException.invalid(400, "sql-not-rewritten", "the query cannot be rewritten safely: "
                    + e.getMessage() + where, List.of(new Problem.InvalidPart("/sql", e.getMessage() + where)));
        }
        tally.record(caller.name(), who.name(), DecisionTally.Kind.REWRITE, rewritten.tablesRead().size(),
                rewritten.maskedColumns().size(), rewritten.maskedColumns().size());
        return new Rewrite(rewritten.sql(), dialect.displayName(), masks.policyVersion(), rewritten.maskedColumns(),
                rewritten.tablesRead());
    }

    /** Who the gateway asks for, in which dialect, and where unqualified names belong. */
    private record PrincipalFields(String name, List<String> roles, List<String> groups, MaskingDialect dialect,
            String namespace, String database, String schema) {}

    private static PrincipalFields principal(JsonBody reader, JsonNode root) {
        String name = reader.text(root, "", "principal", true, MAX_TEXT);
        List<String> roles = reader.strings(root, "", "roles", false, MAX_ENTRIES, MAX_TEXT);
        List<String> groups = reader.strings(root, "", "groups", false, MAX_ENTRIES, MAX_TEXT);
        String dialectName = reader.text(root, "", "dialect", true, MAX_TEXT);
        String namespace = reader.text(root, "", "defaultNamespace", true, MAX_TEXT);
        String database = reader.text(root, "", "defaultDatabase", false, MAX_TEXT);
        String schema = reader.text(root, "", "defaultSchema", false, MAX_TEXT);
        MaskingDialect dialect = MaskingDialect.named(dialectName).orElse(null);
        if (dialectName != null && dialect == null) {
            reader.problem("/dialect", "unknown dialect '" + abbreviate(dialectName) + "'; known: "
                    + MaskingDialect.knownNames());
        }
        return new PrincipalFields(name, roles, groups, dialect, namespace, database, schema);
    }

    private static List<DecisionRequest.TableRequest> tables(JsonBody reader, JsonNode root) {
        JsonNode array = reader.array(root, "", "tables", true, MAX_ENTRIES);
        List<DecisionRequest.TableRequest> tables = new ArrayList<>();
        if (array == null) {
            return tables;
        }
        for (int t = 0; t < array.size(); t++) {
            String at = "/tables/" + t;
            JsonNode table = array.get(t);
            if (!table.isObject()) {
                reader.problem(at, "must be an object {name, columns}");
                continue;
            }
            reader.onlyFields(table, at, TABLE_FIELDS);
            String name = reader.text(table, at, "name", true, MAX_TEXT);
            JsonNode columnArray = reader.array(table, at, "columns", true, MAX_ENTRIES);
            List<DecisionRequest.ColumnRequest> columns = new ArrayList<>();
            if (columnArray != null) {
                for (int c = 0; c < columnArray.size(); c++) {
                    String columnAt = at + "/columns/" + c;
                    JsonNode column = columnArray.get(c);
                    if (!column.isObject()) {
                        reader.problem(columnAt, "must be an object {name, type}");
                        continue;
                    }
                    reader.onlyFields(column, columnAt, COLUMN_FIELDS);
                    columns.add(new DecisionRequest.ColumnRequest(reader.text(column, columnAt, "name", true, MAX_TEXT),
                            reader.text(column, columnAt, "type", true, MAX_TEXT)));
                }
            }
            tables.add(new DecisionRequest.TableRequest(name, columns));
        }
        return tables;
    }

    /** {@code tables[3].columns[17].type} as a JSON pointer: {@code /tables/3/columns/17/type}. */
    static String pointer(String path) {
        if (path == null || path.isEmpty() || path.equals("request")) {
            return "";
        }
        return "/" + path.replaceAll("\\[(\\d+)\\]", "/$1").replace('.', '/');
    }

    /** The policy names keys the service was not given: its operator's mistake, and nothing is answered. */
    private static ProblemException unconfiguredPurpose(UnknownPurposeException e) {
        return ProblemException.of(jakarta.ws.rs.core.Response.Status.INTERNAL_SERVER_ERROR, "masking-misconfigured",
                "the masking policy names purpose '" + e.purpose() + "', which masking.keys.purposes does not"
                        + " configure; no decision is given until it does");
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }

    private static ProblemException invalid(String slug, String pointer, String detail) {
        return ProblemException.invalid(400, slug, detail, List.of(new Problem.InvalidPart(pointer, detail)));
    }
}

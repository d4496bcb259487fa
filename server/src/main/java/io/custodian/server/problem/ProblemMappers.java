package io.custodian.server.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import io.custodian.catalog.Failures;
import io.custodian.catalog.audit.AuditException;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders every failure as {@code application/problem+json}. Unexpected failures are logged with
 * an id that the response repeats; their messages never reach the client, since they can carry
 * SQL or values from the request.
 */
public final class ProblemMappers {
    private static final Logger log = LoggerFactory.getLogger(ProblemMappers.class);

    private ProblemMappers() {}

    public static List<Object> all() {
        return List.of(new WebApplication(), new JsonProcessing(), new ConstraintViolation(), new AuditUnavailable(),
                new Unexpected());
    }

    /** Whether the pool timed out waiting for a connection (HikariCP's SQLTransientConnectionException). */
    static boolean poolExhausted(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    static Response respond(Problem problem) {
        return respond(problem, null);
    }

    static Response respond(Problem problem, Integer retryAfterSeconds) {
        Response.ResponseBuilder response = Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem);
        if (retryAfterSeconds != null) {
            response.header("Retry-After", retryAfterSeconds);
        }
        return response.build();
    }

    /** Problems thrown on purpose, and Jersey's own 404, 405, 406, 415 and friends. */
    public static final class WebApplication implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException exception) {
            if (exception instanceof ProblemException problem) {
                return respond(problem.problem(), problem.retryAfterSeconds());
            }
            int status = exception.getResponse().getStatus();
            if (status >= 500) {
                return new Unexpected().toResponse(exception);
            }
            return respond(StatusProblems.of(status));
        }
    }

    /**
     * An action that could not be audited did not happen: 503, to be retried once the audit log
     * takes entries again. The detail names the failure's kind, never the entry.
     */
    public static final class AuditUnavailable implements ExceptionMapper<AuditException> {
        @Override
        public Response toResponse(AuditException exception) {
            log.error("action refused, its audit entry could not be written: {}", Failures.describe(exception));
            return respond(new Problem(ProblemException.type("audit-unavailable"), "Service Unavailable", 503,
                    "the audit log cannot record this action now, so it was not carried out; retry later",
                    List.of()), 10);
        }
    }

    /** Bodies that Jersey's Jackson provider could not read. */
    public static final class JsonProcessing implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException exception) {
            String where = exception.getLocation() == null
                    ? ""
                    : " at line " + exception.getLocation().getLineNr() + ", column "
                            + exception.getLocation().getColumnNr();
            return respond(new Problem(ProblemException.type("malformed-json"), "Bad Request", 400,
                    "malformed JSON" + where, List.of()));
        }
    }

    /** Bean validation of parameters. */
    public static final class ConstraintViolation implements ExceptionMapper<ConstraintViolationException> {
        @Override
        public Response toResponse(ConstraintViolationException exception) {
            List<Problem.InvalidPart> parts = exception.getConstraintViolations().stream()
                    .map(v -> new Problem.InvalidPart(v.getPropertyPath().toString(), v.getMessage()))
                    .toList();
            return respond(new Problem(ProblemException.type("invalid-parameter"), "Bad Request", 400,
                    "invalid request parameters", parts));
        }
    }

    /**
     * Anything else: a 500 with an id to find the log entry by; except a store whose connections are
     * all in use, which is busy, not broken: 503 with Retry-After, so callers back off.
     */
    public static final class Unexpected implements ExceptionMapper<Throwable> {
        /** Seconds a caller is asked to wait when the store has no free connection. */
        static final int BUSY_RETRY_SECONDS = 2;

        @Override
        public Response toResponse(Throwable exception) {
            if (poolExhausted(exception)) {
                log.warn("the store had no free connection: {}", Failures.describe(exception));
                return respond(new Problem(ProblemException.type("store-busy"), "Service Unavailable", 503,
                        "every connection to the store is in use; retry shortly", List.of()), BUSY_RETRY_SECONDS);
            }
            String id = UUID.randomUUID().toString();
            log.error("unexpected failure {}: {}", id, Failures.describe(exception));
            return respond(new Problem(ProblemException.type("internal"), "Internal Server Error", 500,
                    "an unexpected error occurred; it was logged as " + id, List.of()));
        }
    }
}

package io.custodian.server.problem;

import static java.util.Objects.requireNonNull;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Ends a request with a problem response; thrown by resources, rendered by {@link ProblemMappers}. */
public final class ProblemException extends WebApplicationException {
    private static final long serialVersionUID = 1L;
    private final transient Problem problem;
    private final transient Integer retryAfterSeconds;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    private ProblemException(Problem problem, Integer retryAfterSeconds) {
        super(problem.detail(), null, problem.status());
        this.problem = requireNonNull(problem, "problem is null");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Problem problem() {
        return problem;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ProblemException of(Response.Status status, String slug, String detail) {
        return new ProblemException(new Problem(type(slug), status.getReasonPhrase(), status.getStatusCode(), detail,
                List.of()));
    }

    public static ProblemException invalid(int status, String slug, String detail, List<Problem.InvalidPart> errors) {
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "Unprocessable Content" : known.getReasonPhrase();
        return new ProblemException(new Problem(type(slug), title, status, detail, errors));
    }

    public static ProblemException notFound(String what, String name) {
        return of(Response.Status.NOT_FOUND, "not-found", "no " + what + " named " + name);
    }

    public static ProblemException unavailable(String detail, int retryAfterSeconds) {
        Response.Status status = Response.Status.SERVICE_UNAVAILABLE;
        return new ProblemException(new Problem(type("unavailable"), status.getReasonPhrase(), status.getStatusCode(),
                detail, List.of()), retryAfterSeconds);
    }

    static String type(String slug) {
        return "https://custodian.io/problems/" + slug;
    }
}

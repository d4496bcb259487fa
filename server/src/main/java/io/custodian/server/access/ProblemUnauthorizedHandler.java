package io.custodian.server.access;

import io.custodian.server.problem.Problem;
import io.dropwizard.auth.UnauthorizedHandler;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** A 401 as problem+json, with the scheme the client should use. */
public final class ProblemUnauthorizedHandler implements UnauthorizedHandler {
    @Override
    public Response buildResponse(String prefix, String realm) {
        Problem problem = new Problem("https://custodian.io/problems/unauthorized", "Unauthorized", 401,
                "send a valid API key or token as 'Authorization: Bearer <key>'", List.of());
        return Response.status(Response.Status.UNAUTHORIZED)
                .header("WWW-Authenticate", "Bearer realm=\"" + realm + "\"")
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }
}

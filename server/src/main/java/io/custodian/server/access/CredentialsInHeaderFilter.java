package io.custodian.server.access;

import io.custodian.server.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;

/**
 * Credentials travel in the {@code Authorization} header only. A key in the query string ends up in
 * request logs, proxies' logs and browser history, so a request carrying {@code access_token} (the
 * OAuth filter would otherwise accept it) is refused before anyone looks at the key.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class CredentialsInHeaderFilter implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        for (String name : request.getUriInfo().getQueryParameters(false).keySet()) {
            if (name.toLowerCase(Locale.ROOT).equals("access_token")) {
                Problem problem = new Problem("https://custodian.io/problems/credentials-in-query", "Bad Request", 400,
                        "credentials are accepted only in the Authorization header (Bearer), never in the query"
                                + " string; the key sent should be treated as exposed", List.of());
                request.abortWith(Response.status(400).type(Problem.MEDIA_TYPE).entity(problem).build());
                return;
            }
        }
    }
}

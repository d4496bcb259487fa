package io.custodian.server.http;

import io.custodian.catalog.text.TextRules;
import io.custodian.server.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Paths and query parameters hold text every store can compare (the one rule of
 * {@link TextRules}): a NUL or an unpaired surrogate in a dataset name or a filter would reach
 * PostgreSQL as a query it refuses, a 500 instead of the 400 it is. Checked before any resource runs.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 50)
public final class StorableTextFilter implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath(true);
        Optional<String> problem = TextRules.unstorable(path).map(p -> "the path " + p);
        String pointer = "";
        if (problem.isEmpty()) {
            for (Map.Entry<String, List<String>> parameter : request.getUriInfo().getQueryParameters(true).entrySet()) {
                String name = parameter.getKey();
                problem = TextRules.unstorable(name).map(p -> "a query parameter's name " + p);
                for (String value : parameter.getValue()) {
                    if (problem.isEmpty()) {
                        problem = TextRules.unstorable(value).map(p -> "query parameter " + abbreviate(name) + " " + p);
                    }
                }
                if (problem.isPresent()) {
                    pointer = abbreviate(name);
                    break;
                }
            }
        }
        String at = pointer;
        // The pointer names the parameter, as every other refusal of a query parameter does.
        problem.ifPresent(detail -> request.abortWith(Response.status(400).type(Problem.MEDIA_TYPE)
                .entity(new Problem("https://custodian.io/problems/unstorable-text", "Bad Request", 400, detail,
                        List.of(new Problem.InvalidPart(at, detail)))).build()));
    }

    private static String abbreviate(String text) {
        String clean = text.replaceAll("[\\p{Cntrl}\\p{Cs}]", "?");
        return clean.length() <= 64 ? clean : clean.substring(0, 64) + "...";
    }
}

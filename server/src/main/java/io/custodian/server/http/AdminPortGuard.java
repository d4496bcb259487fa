package io.custodian.server.http;

import io.custodian.server.problem.ProblemException;
import io.custodian.server.problem.ProblemResponses;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Set;

/**
 * The admin port reads, it does not act: health checks, metrics, threads and ping answer GET, and
 * everything that changes the running service (Dropwizard's tasks: log levels, garbage collection)
 * is refused, as is any request a browser sends on behalf of a web page (it carries an
 * {@code Origin}). Log levels are configuration, changed with a restart; a log level is how an
 * operator's shell could otherwise be made to print every request's credentials.
 */
public final class AdminPortGuard implements Filter {
    private static final Set<String> READS = Set.of("GET", "HEAD");

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String path = request.getRequestURI() == null ? "" : request.getRequestURI();
        if (request.getHeader("Origin") != null) {
            refuse(response, "the admin port answers no request sent from a web page (it carries an Origin)");
            return;
        }
        if (path.equals("/tasks") || path.startsWith("/tasks/")) {
            refuse(response, "the admin port runs no tasks; log levels and other settings are configuration");
            return;
        }
        if (!READS.contains(request.getMethod())) {
            refuse(response, "the admin port only answers GET and HEAD");
            return;
        }
        chain.doFilter(req, res);
    }

    private static void refuse(HttpServletResponse response, String detail) throws IOException {
        ProblemResponses.write(response, ProblemException.of(Response.Status.FORBIDDEN, "forbidden", detail).problem());
    }
}

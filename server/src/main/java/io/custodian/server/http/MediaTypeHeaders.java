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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.text.ParseException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.glassfish.jersey.message.internal.HttpHeaderReader;

/**
 * A {@code Content-Type} or {@code Accept} header that Jersey cannot parse (empty, not a media
 * type, {@code Content-Type} given twice) is refused with a 400 naming the header. Left to Jersey,
 * it fails before any of Jersey's filters run, as a bare 400 that says nothing. Parsed with
 * Jersey's own readers, so that what passes here is what Jersey accepts; the value is never
 * quoted back.
 */
public final class MediaTypeHeaders implements Filter {
    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<String> malformed = request instanceof HttpServletRequest http ? malformed(http) : Optional.empty();
        if (malformed.isPresent()) {
            ProblemResponses.write((HttpServletResponse) response,
                    ProblemException.of(Response.Status.BAD_REQUEST, "malformed-header", malformed.get()).problem());
            return;
        }
        chain.doFilter(request, response);
    }

    static Optional<String> malformed(HttpServletRequest request) {
        List<String> contentTypes = Collections.list(request.getHeaders("Content-Type"));
        if (contentTypes.size() > 1 || contentTypes.size() == 1 && !isMediaType(contentTypes.get(0))) {
            return Optional.of("the Content-Type header is not one media type; send Content-Type: application/json");
        }
        // As Jersey reads it: every Accept header joined, and none or an empty one meaning anything.
        String accept = String.join(",", Collections.list(request.getHeaders("Accept")));
        if (!accept.isEmpty() && !isAcceptList(accept)) {
            return Optional.of("the Accept header is not a list of media types; send Accept: application/json or"
                    + " leave it out");
        }
        return Optional.empty();
    }

    private static boolean isMediaType(String value) {
        try {
            MediaType.valueOf(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isAcceptList(String value) {
        try {
            HttpHeaderReader.readAcceptMediaType(value);
            return true;
        } catch (ParseException | IllegalArgumentException e) {
            return false;
        }
    }
}

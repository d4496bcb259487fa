package io.custodian.server.access;

import io.custodian.server.http.SecurityHeaders;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

/** Puts {@link SecurityHeaders} on every answer Jersey writes (Jetty's own get them from the error handler). */
public final class SecurityHeadersFilter implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        SecurityHeaders.ALL.forEach(response.getHeaders()::putSingle);
    }
}

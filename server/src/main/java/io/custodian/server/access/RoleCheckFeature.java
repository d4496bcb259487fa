package io.custodian.server.access;

import io.custodian.server.problem.ProblemException;
import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

/**
 * Enforces {@code @RolesAllowed}, {@code @PermitAll} and {@code @DenyAll} as Jersey's own feature
 * does (the method's annotation over its class's), but a refusal says which roles would have been
 * allowed: a bare "Forbidden" leaves a caller guessing which key to ask an admin for.
 */
public final class RoleCheckFeature implements DynamicFeature {
    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method method = resource.getResourceMethod();
        if (method.isAnnotationPresent(DenyAll.class)) {
            context.register(new RoleFilter(List.of()));
        } else if (method.isAnnotationPresent(RolesAllowed.class)) {
            context.register(new RoleFilter(List.of(method.getAnnotation(RolesAllowed.class).value())));
        } else if (method.isAnnotationPresent(PermitAll.class)) {
            return;
        } else if (resource.getResourceClass().isAnnotationPresent(DenyAll.class)) {
            context.register(new RoleFilter(List.of()));
        } else if (resource.getResourceClass().isAnnotationPresent(RolesAllowed.class)) {
            context.register(new RoleFilter(List.of(resource.getResourceClass().getAnnotation(RolesAllowed.class).value())));
        }
    }

    /** Lets a request through when its caller holds one of {@code allowed}; none: nobody. */
    @Priority(Priorities.AUTHORIZATION)
    static final class RoleFilter implements ContainerRequestFilter {
        private final List<String> allowed;

        RoleFilter(List<String> allowed) {
            this.allowed = List.copyOf(allowed);
        }

        @Override
        public void filter(ContainerRequestContext request) {
            var security = request.getSecurityContext();
            if (security.getUserPrincipal() != null && allowed.stream().anyMatch(security::isUserInRole)) {
                return;
            }
            throw ProblemException.of(Response.Status.FORBIDDEN, "forbidden", detail(allowed));
        }

        static String detail(List<String> allowed) {
            if (allowed.isEmpty()) {
                return "this endpoint is not open to any caller";
            }
            String[] sorted = allowed.toArray(String[]::new);
            Arrays.sort(sorted);
            return sorted.length == 1
                    ? "this needs a key or token with the role " + sorted[0]
                    : "this needs a key or token with one of the roles " + String.join(", ", sorted);
        }
    }
}

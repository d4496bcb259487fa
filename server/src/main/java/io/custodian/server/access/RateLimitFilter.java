package io.custodian.server.access;

import io.custodian.server.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces {@link RateLimited} per caller and endpoint. Runs after authentication, so the bucket
 * belongs to the authenticated caller, not to an address that a proxy may share.
 */
@RateLimited(perSecond = 0, burst = 0)
@Priority(Priorities.AUTHORIZATION + 10)
public final class RateLimitFilter implements ContainerRequestFilter {
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Context
    private ResourceInfo resource;

    /** Tokens refill continuously; a call takes one. */
    private static final class Bucket {
        private final double perSecond;
        private final int burst;
        private double tokens;
        private long last = System.nanoTime();

        Bucket(double perSecond, int burst) {
            this.perSecond = perSecond;
            this.burst = burst;
            this.tokens = burst;
        }

        synchronized long take() {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / perSecond);
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resource.getResourceMethod();
        RateLimited limit = method.getAnnotation(RateLimited.class) != null
                ? method.getAnnotation(RateLimited.class)
                : resource.getResourceClass().getAnnotation(RateLimited.class);
        if (limit == null) {
            return;
        }
        Principal caller = request.getSecurityContext().getUserPrincipal();
        String key = (caller == null ? "anonymous" : caller.getName()) + " " + method.getDeclaringClass().getName()
                + "#" + method.getName();
        long waitSeconds = buckets.computeIfAbsent(key, k -> new Bucket(limit.perSecond(), limit.burst())).take();
        if (waitSeconds > 0) {
            Problem problem = new Problem("https://custodian.io/problems/rate-limited", "Too Many Requests", 429,
                    "too many calls to this endpoint; retry in " + waitSeconds + " s", List.of());
            request.abortWith(Response.status(429)
                    .header("Retry-After", Math.max(1, waitSeconds))
                    .type(Problem.MEDIA_TYPE)
                    .entity(problem)
                    .build());
        }
    }
}

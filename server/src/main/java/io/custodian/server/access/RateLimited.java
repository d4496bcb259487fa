package io.custodian.server.access;

import jakarta.ws.rs.NameBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Limits how often one caller may call an endpoint: a token bucket per caller that refills at
 * {@link #perSecond()} and holds at most {@link #burst()}. Beyond it, 429 with Retry-After.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface RateLimited {
    double perSecond();

    int burst();
}

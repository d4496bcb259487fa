package io.custodian.server.problem;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every error response. For bad input, {@code errors}
 * says where each problem is, as a JSON pointer into the request body. It also carries
 * {@code code} and {@code message}, the status and detail again under the names Marquez's error
 * body uses (RFC 9457 allows extension members), so Marquez's clients read the error too.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonIgnoreProperties(value = {"code", "message"}, allowGetters = true)
public record Problem(String type, String title, int status, String detail, List<InvalidPart> errors) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** The status, as Marquez's clients read it. */
    @JsonProperty("code")
    public int code() {
        return status;
    }

    /** The detail, as Marquez's clients read it. */
    @JsonProperty("message")
    public String message() {
        return detail;
    }

    /** One problem with one part of the input. */
    public record InvalidPart(String pointer, String detail) {}
}

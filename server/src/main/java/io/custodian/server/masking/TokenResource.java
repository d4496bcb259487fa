package io.custodian.server.masking;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodian.access.Caller;
import io.custodian.access.Role;
import io.custodian.masking.keys.KeyKind;
import io.custodian.masking.keys.Keyring;
import io.custodian.masking.keys.UnknownPurposeException;
import io.custodian.masking.tokens.BatchTooLargeException;
import io.custodian.masking.tokens.InvalidReasonException;
import io.custodian.masking.tokens.InvalidTokenException;
import io.custodian.masking.tokens.InvalidValueException;
import io.custodian.masking.tokens.TokenException;
import io.custodian.masking.tokens.TokenService;
import io.custodian.server.access.Auditor;
import io.custodian.server.access.RateLimited;
import io.custodian.server.lineage.RequestBodies;
import io.custodian.server.problem.JsonBody;
import io.custodian.server.problem.Problem;
import io.custodian.server.problem.ProblemException;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code /api/v1/tokens}: tokens, ciphertexts and pseudonyms of batches of values, by purpose (or by
 * the classification a purpose is configured for). TOKENIZER makes them; only DETOKENIZER turns
 * them back into values, and must say why. Every call is audited by the token service (counts and
 * purpose, never values); each caller is rate-limited.
 */
@Path("/api/v1/tokens")
@Tag(name = "tokens")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public final class TokenResource {
    private static final Set<String> FIELDS = Set.of("purpose", "classification", "values");
    private static final Set<String> FIELDS_WITH_REASON = Set.of("purpose", "classification", "values", "reason");
    private final TokenService tokens;
    private final Keyring keyring;
    private final Map<String, String> purposeOfClassification;
    private final long maxBodyBytes;
    private final ObjectMapper json;
    private final Auditor auditor;

    public TokenResource(TokenService tokens, Keyring keyring, Map<String, String> purposeOfClassification,
            long maxBodyBytes, ObjectMapper json, Auditor auditor) {
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.keyring = requireNonNull(keyring, "keyring is null");
        this.purposeOfClassification = Map.copyOf(purposeOfClassification);
        this.maxBodyBytes = maxBodyBytes;
        this.json = requireNonNull(json, "json is null");
        this.auditor = requireNonNull(auditor, "auditor is null");
    }

    /** A batch's result: one output per input, in order, nulls kept. */
    public record TokenBatch(String purpose, int count, List<String> values) {
        public TokenBatch {
            values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
        }
    }

    /** What a key rotation did. */
    public record Rotation(String purpose, String kind) {}

    private record Request(String purpose, List<String> values, String reason) {}

    @POST
    @Path("/tokenize")
    @RolesAllowed(Role.TOKENIZER_NAME)
    @RateLimited(perSecond = 50, burst = 100)
    @Operation(summary = "Deterministic tokens (tk1_…) of values: equal values, equal tokens, so tokenized columns still join")
    public TokenBatch tokenize(@Parameter(hidden = true) @Auth Caller caller, InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length) {
        Request request = read(body, encoding, length, false);
        return call(request, () -> tokens.tokenize(caller.name(), request.purpose(), request.values()));
    }

    @POST
    @Path("/detokenize")
    @RolesAllowed(Role.DETOKENIZER_NAME)
    @RateLimited(perSecond = 10, burst = 20)
    @Operation(summary = "The values of tokens, for a stated reason (audited)")
    public TokenBatch detokenize(@Parameter(hidden = true) @Auth Caller caller, InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length) {
        Request request = read(body, encoding, length, true);
        return call(request, () -> tokens.detokenize(caller.name(), request.purpose(), request.values(),
                request.reason()));
    }

    @POST
    @Path("/retokenize")
    @RolesAllowed(Role.TOKENIZER_NAME)
    @RateLimited(perSecond = 10, burst = 20)
    @Operation(summary = "Tokens remade under the purpose's current key, after a rotation; no value is returned")
    public TokenBatch retokenize(@Parameter(hidden = true) @Auth Caller caller, InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length) {
        Request request = read(body, encoding, length, false);
        return call(request, () -> tokens.retokenize(caller.name(), request.purpose(), request.values()));
    }

    @POST
    @Path("/encrypt")
    @RolesAllowed(Role.TOKENIZER_NAME)
    @RateLimited(perSecond = 50, burst = 100)
    @Operation(summary = "Randomized ciphertexts (ec1_…, AES-GCM) of values, for columns encrypted before they are written")
    public TokenBatch encrypt(@Parameter(hidden = true) @Auth Caller caller, InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length) {
        Request request = read(body, encoding, length, false);
        return call(request, () -> tokens.encrypt(caller.name(), request.purpose(), request.values()));
    }

    @POST
    @Path("/decrypt")
    @RolesAllowed(Role.DETOKENIZER_NAME)
    @RateLimited(perSecond = 10, burst = 20)
    @Operation(summary = "The values of ciphertexts, for a stated reason (audited)")
    public TokenBatch decrypt(@Parameter(hidden = true) @Auth Caller caller, InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length) {
        Request request = read(body, encoding, length, true);
        return call(request, () -> tokens.decrypt(caller.name(), request.purpose(), request.values(),
                request.reason()));
    }

    @POST
    @Path("/pseudonymize")
    @RolesAllowed(Role.TOKENIZER_NAME)
    @RateLimited(perSecond = 50, burst = 100)
    @Operation(summary = "Keyed one-way pseudonyms (ps1_…, HMAC-SHA256) of values")
    public TokenBatch pseudonymize(@Parameter(hidden = true) @Auth Caller caller, InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String encoding,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length) {
        Request request = read(body, encoding, length, false);
        return call(request, () -> tokens.pseudonymize(caller.name(), request.purpose(), request.values()));
    }

    @POST
    @Path("/keys/{purpose}/{kind}/rotate")
    @RolesAllowed(Role.ADMIN_NAME)
    @RateLimited(perSecond = 1, burst = 5)
    @Operation(summary = "Adds a new primary key to a purpose's keyset (tokenize, encrypt or pseudonymize); older keys still open what they made")
    public Rotation rotate(@Parameter(hidden = true) @Auth Caller caller,
            @Parameter(hidden = true) @Context HttpServletRequest http,
            @PathParam("purpose") String purpose, @PathParam("kind") String kind) {
        KeyKind keyKind;
        try {
            keyKind = KeyKind.ofLabel(kind.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(400, "invalid-parameter", "unknown key kind",
                    List.of(new Problem.InvalidPart("kind", "expected tokenize, encrypt or pseudonymize")));
        }
        try {
            keyring.rotate(purpose, keyKind);
        } catch (UnknownPurposeException e) {
            throw ProblemException.notFound("purpose", purpose);
        }
        auditor.record(caller, http, "masking.key.rotate", purpose + " " + keyKind.label(), "success", null);
        return new Rotation(purpose, keyKind.label());
    }

    private interface Batch {
        List<String> run();
    }

    private TokenBatch call(Request request, Batch batch) {
        try {
            List<String> out = batch.run();
            return new TokenBatch(request.purpose(), out.size(), out);
        } catch (UnknownPurposeException e) {
            throw invalid("/purpose", "no purpose named '" + request.purpose() + "' is configured; configured: "
                    + new java.util.TreeSet<>(keyring.purposes()));
        } catch (BatchTooLargeException e) {
            throw invalid("/values", e.getMessage());
        } catch (InvalidTokenException e) {
            throw invalid("/values/" + e.index(), e.getMessage());
        } catch (InvalidValueException e) {
            throw invalid("/values/" + e.index(), e.getMessage());
        } catch (InvalidReasonException e) {
            throw invalid("/reason", e.getMessage());
        } catch (TokenException e) {
            throw invalid("", e.getMessage());
        }
    }

    private Request read(InputStream body, String encoding, Long length, boolean needsReason) {
        byte[] bytes = RequestBodies.read(body, encoding, length, maxBodyBytes);
        JsonBody reader = JsonBody.reporting("invalid-token-request");
        JsonNode root = reader.object(bytes, json, needsReason
                ? "{purpose or classification, values, reason}" : "{purpose or classification, values}");
        reader.onlyFields(root, "", needsReason ? FIELDS_WITH_REASON : FIELDS);
        String purpose = reader.text(root, "", "purpose", false, 64);
        String classification = reader.text(root, "", "classification", false, 64);
        if (purpose == null && classification == null && !root.has("purpose") && !root.has("classification")) {
            reader.problem("/purpose", "name a purpose, or a classification a purpose is configured for");
        } else if (purpose != null && classification != null) {
            reader.problem("/classification", "name a purpose or a classification, not both");
        } else if (classification != null) {
            purpose = purposeOfClassification.get(classification);
            if (purpose == null) {
                reader.problem("/classification", "no purpose is configured for classification '" + classification
                        + "'; configured: " + new java.util.TreeSet<>(purposeOfClassification.keySet()));
            }
        }
        String reason = needsReason ? reader.text(root, "", "reason", true, 1000) : null;
        List<String> values = new ArrayList<>();
        JsonNode array = root.get("values");
        if (array == null || array.isNull()) {
            reader.problem("/values", "is required");
        } else if (!array.isArray()) {
            reader.problem("/values", "must be an array of strings (or nulls)");
        } else {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isNull()) {
                    values.add(null);
                } else if (value.isTextual()) {
                    values.add(value.textValue());
                } else {
                    reader.problem("/values/" + i, "must be a string or null");
                    break;
                }
            }
        }
        reader.check("the token request is invalid");
        return new Request(purpose, values, reason);
    }

    private static ProblemException invalid(String pointer, String detail) {
        return ProblemException.invalid(400, "invalid-token-request", detail,
                List.of(new Problem.InvalidPart(pointer, detail)));
    }
}

package io.custodian.server.problem;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import io.custodian.catalog.text.TextRules;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a JSON request body field by field, gathering every problem with its JSON pointer, so one
 * 400 answer says everything that is wrong and where. Call {@link #check} before using what was read.
 */
public final class JsonBody {
    private final String slug;
    private final List<Problem.InvalidPart> problems = new ArrayList<>();

    private JsonBody(String slug) {
        this.slug = requireNonNull(slug, "slug is null");
    }

    /** A reader whose problems are reported with the problem type {@code slug}. */
    public static JsonBody reporting(String slug) {
        return new JsonBody(slug);
    }

    /** The body as a JSON object; anything else ends the request with a 400 saying what was expected. */
    public JsonNode object(byte[] bytes, ObjectMapper json, String expected) {
        JsonNode root;
        try {
            root = json.readTree(bytes);
        } catch (JsonProcessingException e) {
            // Where, never Jackson's message: it quotes the body, and bodies carry personal data.
            throw ProblemException.invalid(400, "malformed-json", "the body is not valid JSON" + where(e),
                    List.of(new Problem.InvalidPart("", "not valid JSON")));
        } catch (IOException e) {
            throw ProblemException.invalid(400, "malformed-json", "the body could not be read",
                    List.of(new Problem.InvalidPart("", "unreadable body")));
        }
        if (root == null || !root.isObject()) {
            throw ProblemException.invalid(400, slug, "expected a JSON object " + expected,
                    List.of(new Problem.InvalidPart("", "expected a JSON object " + expected)));
        }
        return root;
    }

    /**
     * Where a JSON error is, as {@code " (line L, column C)"}, or nothing when unknown: what a
     * caller is told instead of Jackson's message, which quotes the body.
     */
    public static String where(JsonProcessingException e) {
        var location = e.getLocation();
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** Records a problem at {@code pointer}. */
    public void problem(String pointer, String detail) {
        problems.add(new Problem.InvalidPart(pointer, detail));
    }

    /** Records each property of {@code object} (at {@code pointer}) that is not one of {@code allowed}. */
    public void onlyFields(JsonNode object, String pointer, Set<String> allowed) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                problem(pointer + "/" + escape(name), "unknown property; expected one of " + new TreeSet<>(allowed));
            }
        }
    }

    /** A string property; null when absent (a problem when required) or not a string (a problem). */
    public String text(JsonNode object, String pointer, String field, boolean required, int maxLength) {
        JsonNode value = object.get(field);
        String at = pointer + "/" + field;
        if (value == null || value.isNull()) {
            if (required) {
                problem(at, "is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            problem(at, "must be a string");
            return null;
        }
        String text = value.textValue();
        if (text.length() > maxLength) {
            problem(at, "is longer than " + maxLength + " characters");
            return null;
        }
        Optional<String> unstorable = TextRules.unstorable(text);
        if (unstorable.isPresent()) {
            problem(at, unstorable.get());
            return null;
        }
        return text;
    }

    /** An array property, or null when absent (a problem when required) or not an array (a problem). */
    public JsonNode array(JsonNode object, String pointer, String field, boolean required, int maxSize) {
        JsonNode value = object.get(field);
        String at = pointer + "/" + field;
        if (value == null || value.isNull()) {
            if (required) {
                problem(at, "is required");
            }
            return null;
        }
        if (!value.isArray()) {
            problem(at, "must be an array");
            return null;
        }
        if (value.size() > maxSize) {
            problem(at, "holds " + value.size() + " entries; at most " + maxSize + " are accepted");
            return null;
        }
        return value;
    }

    /** An array of strings (each at most {@code maxLength}); empty when absent and not required. */
    public List<String> strings(JsonNode object, String pointer, String field, boolean required, int maxSize,
            int maxLength) {
        JsonNode array = array(object, pointer, field, required, maxSize);
        List<String> out = new ArrayList<>();
        if (array == null) {
            return out;
        }
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            String at = pointer + "/" + field + "/" + i;
            if (!item.isTextual()) {
                problem(at, "must be a string");
            } else if (item.textValue().length() > maxLength) {
                problem(at, "is longer than " + maxLength + " characters");
            } else {
                out.add(item.textValue());
            }
        }
        return out;
    }

    /** Ends the request with one 400 naming every problem found, if there is any. */
    public void check(String detail) {
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(400, slug, detail, problems);
        }
    }

    /** A JSON pointer segment (RFC 6901). */
    public static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}

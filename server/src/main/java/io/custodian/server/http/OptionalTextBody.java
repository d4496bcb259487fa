package io.custodian.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodian.catalog.text.TextRules;
import io.custodian.server.problem.ProblemException;
import java.util.Iterator;
import java.util.function.BiFunction;

/**
 * A request body that is empty or a JSON object with one optional text property, such as a
 * steward's {@code {"note": "..."}} or a tag's {@code {"description": "..."}}: its text or null,
 * refused with a pointer when it is anything else, too long or not storable.
 */
public final class OptionalTextBody {
    private OptionalTextBody() {
    }

    /**
     * @param problem the problem for a JSON pointer and a detail, of the caller's problem type
     */
    public static String read(ObjectMapper mapper, String body, String property, int maxLength,
            BiFunction<String, String, ProblemException> problem) {
        if (body == null || body.isBlank()) {
            return null;
        }
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw problem.apply("", "malformed JSON; expected {\"" + property + "\": \"...\"}");
        }
        if (root == null || !root.isObject()) {
            throw problem.apply("", "expected a JSON object such as {\"" + property + "\": \"...\"}");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals(property)) {
                throw problem.apply("/" + name, "unknown property; the only one is " + property);
            }
        }
        JsonNode value = root.get(property);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw problem.apply("/" + property, "expected a string");
        }
        if (value.textValue().length() > maxLength) {
            throw problem.apply("/" + property, "a " + property + " is at most " + maxLength + " characters");
        }
        TextRules.unstorable(value.textValue()).ifPresent(unstorable -> {
            throw problem.apply("/" + property, "the " + property + " " + unstorable);
        });
        return value.textValue();
    }
}

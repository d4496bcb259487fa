package io.custodian.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document read into maps, lists and scalars that remember their line, so that a policy
 * error can say where it is. Jackson's own trees forget locations.
 */
final class YamlTree {
    private static final int MAX_DEPTH = 20;
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private YamlTree() {}

    /** A node of the document and the line it starts on. */
    sealed interface Node permits MapNode, ListNode, Scalar {
        int line();
    }

    /** A mapping; keys in document order, each with the line of the key. */
    record MapNode(int line, Map<String, Node> entries, Map<String, Integer> keyLines) implements Node {}

    record ListNode(int line, List<Node> items) implements Node {}

    /** A scalar, with the token Jackson read it as (so a quoted "0.5" is a string, not a number). */
    record Scalar(int line, String text, JsonToken token) implements Node {
        boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }

        boolean isNumber() {
            return token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
        }

        boolean isBoolean() {
            return token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE;
        }
    }

    /** Reads one document; an empty document is an empty map at line 1. */
    static Node parse(String source, Reader reader) {
        try (JsonParser parser = FACTORY.createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new MapNode(1, Map.of(), Map.of());
            }
            Node root = read(source, parser, 0);
            if (parser.nextToken() != null) {
                throw new PolicyException(source, line(parser), "more than one YAML document; a policy is one");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new PolicyException(source, where == null ? 0 : where.getLineNr(),
                    "not valid YAML: " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new PolicyException(source, 0, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static Node read(String source, JsonParser parser, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new PolicyException(source, line(parser), "nested deeper than " + MAX_DEPTH + " levels");
        }
        int line = line(parser);
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Node> entries = new LinkedHashMap<>();
                Map<String, Integer> keyLines = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = line(parser);
                    if (entries.containsKey(key)) {
                        throw new PolicyException(source, keyLine, "key '" + key + "' appears twice"
                                + " (first on line " + keyLines.get(key) + ")");
                    }
                    parser.nextToken();
                    entries.put(key, read(source, parser, depth + 1));
                    keyLines.put(key, keyLine);
                }
                return new MapNode(line, Collections.unmodifiableMap(entries), Collections.unmodifiableMap(keyLines));
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(source, parser, depth + 1));
                }
                return new ListNode(line, List.copyOf(items));
            }
            default -> {
                return new Scalar(line, token == JsonToken.VALUE_NULL ? null : parser.getText(), token);
            }
        }
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

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
 * A YAML document read into maps, lists and scalars that remember their line and column, so that a
 * policy error can say exactly where it is. Jackson's own trees forget locations.
 */
public final class YamlTree {
    private static final int MAX_DEPTH = 20;
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private YamlTree() {}

    /** A node of the document and where it starts (1-based line and column). */
    public sealed interface Node permits MapNode, ListNode, Scalar {
        int line();

        int column();
    }

    /** Where a key of a mapping is written. */
    public record KeyPosition(int line, int column) {}

    /** A mapping; keys in document order, each with the position of the key. */
    public record MapNode(int line, int column, Map<String, Node> entries, Map<String, KeyPosition> keys)
            implements Node {
        public MapNode {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        }

        /** The position of a key this mapping holds. */
        public KeyPosition keyPosition(String key) {
            KeyPosition position = keys.get(key);
            if (position == null) {
                throw new IllegalArgumentException("no key " + key);
            }
            return position;
        }
    }

    /** A sequence. */
    public record ListNode(int line, int column, List<Node> items) implements Node {
        public ListNode {
            items = List.copyOf(items);
        }
    }

    /** A scalar, with the token Jackson read it as (so a quoted "0.5" is a string, not a number). */
    public record Scalar(int line, int column, String text, JsonToken token) implements Node {
        public boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }

        public boolean isNumber() {
            return token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT;
        }

        public boolean isBoolean() {
            return token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE;
        }

        public boolean isString() {
            return token == JsonToken.VALUE_STRING;
        }
    }

    /** Reads one document; an empty document is an empty map at line 1, column 1. */
    static Node parse(String source, Reader reader) {
        try (JsonParser parser = FACTORY.createParser(reader)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new MapNode(1, 1, Map.of(), Map.of());
            }
            Node root = read(source, parser, 0);
            if (parser.nextToken() != null) {
                throw new PolicyException(source, line(parser), column(parser),
                        "more than one YAML document; a policy file is one");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new PolicyException(source, where == null ? 0 : where.getLineNr(),
                    where == null ? 0 : where.getColumnNr(), "not valid YAML: " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new PolicyException(source, 0, 0, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static Node read(String source, JsonParser parser, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new PolicyException(source, line(parser), column(parser), "nested deeper than " + MAX_DEPTH + " levels");
        }
        int line = line(parser);
        int column = column(parser);
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Node> entries = new LinkedHashMap<>();
                Map<String, KeyPosition> keys = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    KeyPosition at = new KeyPosition(line(parser), column(parser));
                    KeyPosition first = keys.get(key);
                    if (first != null) {
                        throw new PolicyException(source, at.line(), at.column(), "key '" + key + "' appears twice"
                                + " (first at " + first.line() + ":" + first.column() + ")");
                    }
                    parser.nextToken();
                    entries.put(key, read(source, parser, depth + 1));
                    keys.put(key, at);
                }
                return new MapNode(line, column, entries, keys);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(source, parser, depth + 1));
                }
                return new ListNode(line, column, items);
            }
            default -> {
                return new Scalar(line, column, token == JsonToken.VALUE_NULL ? null : parser.getText(), token);
            }
        }
    }

    private static int line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }

    private static int column(JsonParser parser) {
        return parser.currentTokenLocation().getColumnNr();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}

package io.custodian.catalog.classification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** The JSON detail of review items: evidence and changes in words and names, never values. */
final class ReviewDetails {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReviewDetails() {}

    static String newClassification(Finding finding, String detectorVersion) {
        ObjectNode node = JSON.createObjectNode();
        node.put("confidence", finding.confidence());
        node.put("explanation", finding.explanation());
        node.put("detectorVersion", detectorVersion);
        return write(node);
    }

    static String schemaChange(SchemaChange change, Collection<String> types, List<ReviewDao.DatasetName> feeds) {
        ObjectNode node = JSON.valueToTree(change);
        node.set("classifications", JSON.valueToTree(new TreeSet<>(types)));
        node.set("feeds", JSON.valueToTree(feeds));
        return write(node);
    }

    static JsonNode read(String json) {
        if (json == null) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return JSON.nullNode(); // written by this class; a damaged row shows without detail
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a review item's detail", e);
        }
    }
}

package io.custodian.erasure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.custodian.erasure.execute.ExportDocument;

/** An access request's export as the JSON the subject receives: per dataset its columns and the subject's rows. */
final class ExportJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ExportJson() {}

    static byte[] bytes(ExportDocument document) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an export could not be written as JSON", e);
        }
    }
}

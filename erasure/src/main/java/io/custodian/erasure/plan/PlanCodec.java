package io.custodian.erasure.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** A plan as the JSON text the store keeps and the API shows; the same text reads back to the same plan. */
public final class PlanCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private PlanCodec() {}

    public static String toJson(ErasurePlan plan) {
        try {
            return MAPPER.writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a plan could not be written as JSON", e);
        }
    }

    public static ErasurePlan fromJson(String json) {
        try {
            return MAPPER.readValue(json, ErasurePlan.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored plan could not be read: " + e.getOriginalMessage(), e);
        }
    }
}

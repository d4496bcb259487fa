package io.custodian.server.lineage.kafka;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The optional Kafka consumer of OpenLineage events ({@code kafka:} in config.yml), off by default.
 * Passwords come from the environment through {@code ${VAR}} in config.yml; the Kafka client never
 * logs them.
 */
public final class KafkaFactory {
    private boolean enabled;
    private String bootstrapServers = "";
    @NotEmpty
    private List<@NotEmpty String> topics = new ArrayList<>(List.of("openlineage"));
    @NotEmpty
    private String groupId = "custodian";
    @NotEmpty
    private String deadLetterTopic = "openlineage.dead-letter";
    @NotEmpty
    private String autoOffsetReset = "earliest";
    @Min(1)
    @Max(10_000)
    private int maxPollRecords = 500;
    @NotNull
    private Duration pollTimeout = Duration.seconds(1);
    @NotNull
    private Duration retryBackoff = Duration.seconds(5);
    /** PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL. */
    @NotEmpty
    private String securityProtocol = "PLAINTEXT";
    /** PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512, with {@link #saslUsername} and {@link #saslPassword}; empty for none. */
    private String saslMechanism = "";
    private String saslUsername = "";
    private String saslPassword = "";
    private String sslTruststoreLocation = "";
    private String sslTruststorePassword = "";
    private String sslKeystoreLocation = "";
    private String sslKeystorePassword = "";
    private String sslKeyPassword = "";
    /** Any other Kafka client setting, given to the consumer and the dead-letter producer as is. */
    @NotNull
    private Map<String, String> properties = new LinkedHashMap<>();

    @JsonIgnore
    @AssertTrue(message = "kafka.bootstrapServers is required when kafka.enabled is true")
    public boolean isBootstrapServersSetWhenEnabled() {
        return !enabled || !bootstrapServers.isBlank();
    }

    @JsonIgnore
    @AssertTrue(message = "kafka.saslMechanism must be PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512")
    public boolean isSaslMechanismKnown() {
        return saslMechanism.isEmpty() || loginModule() != null;
    }

    @JsonIgnore
    @AssertTrue(message = "kafka.deadLetterTopic must not be one of kafka.topics")
    public boolean isDeadLetterTopicApart() {
        return !topics.contains(deadLetterTopic);
    }

    /** Settings both clients share: the servers and the security. */
    public Map<String, Object> commonConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("security.protocol", securityProtocol);
        if (!saslMechanism.isEmpty()) {
            config.put("sasl.mechanism", saslMechanism);
            config.put("sasl.jaas.config", loginModule() + " required username=\"" + jaasQuoted(saslUsername)
                    + "\" password=\"" + jaasQuoted(saslPassword) + "\";");
        }
        putIfSet(config, "ssl.truststore.location", sslTruststoreLocation);
        putIfSet(config, "ssl.truststore.password", sslTruststorePassword);
        putIfSet(config, "ssl.keystore.location", sslKeystoreLocation);
        putIfSet(config, "ssl.keystore.password", sslKeystorePassword);
        putIfSet(config, "ssl.key.password", sslKeyPassword);
        config.putAll(properties);
        return config;
    }

    public Map<String, Object> consumerConfig() {
        Map<String, Object> config = commonConfig();
        config.put("group.id", groupId);
        config.put("client.id", "custodian-lineage-" + groupId);
        config.put("auto.offset.reset", autoOffsetReset);
        config.put("max.poll.records", maxPollRecords);
        config.put("isolation.level", "read_committed");
        return config;
    }

    public Map<String, Object> producerConfig() {
        Map<String, Object> config = commonConfig();
        config.put("client.id", "custodian-dead-letters-" + groupId);
        return config;
    }

    private String loginModule() {
        return switch (saslMechanism.toUpperCase(Locale.ROOT)) {
            case "PLAIN" -> "org.apache.kafka.common.security.plain.PlainLoginModule";
            case "SCRAM-SHA-256", "SCRAM-SHA-512" -> "org.apache.kafka.common.security.scram.ScramLoginModule";
            default -> null;
        };
    }

    private static String jaasQuoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void putIfSet(Map<String, Object> config, String key, String value) {
        if (value != null && !value.isEmpty()) {
            config.put(key, value);
        }
    }

    @JsonProperty
    public boolean isEnabled() {
        return enabled;
    }

    @JsonProperty
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @JsonProperty
    public String getBootstrapServers() {
        return bootstrapServers;
    }

    @JsonProperty
    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers == null ? "" : bootstrapServers;
    }

    @JsonProperty
    public List<String> getTopics() {
        return topics;
    }

    @JsonProperty
    public void setTopics(List<String> topics) {
        this.topics = topics;
    }

    @JsonProperty
    public String getGroupId() {
        return groupId;
    }

    @JsonProperty
    public void setGroupId(String groupId) {
        this.groupId = groupId;
    }

    @JsonProperty
    public String getDeadLetterTopic() {
        return deadLetterTopic;
    }

    @JsonProperty
    public void setDeadLetterTopic(String deadLetterTopic) {
        this.deadLetterTopic = deadLetterTopic;
    }

    @JsonProperty
    public String getAutoOffsetReset() {
        return autoOffsetReset;
    }

    @JsonProperty
    public void setAutoOffsetReset(String autoOffsetReset) {
        this.autoOffsetReset = autoOffsetReset;
    }

    @JsonProperty
    public int getMaxPollRecords() {
        return maxPollRecords;
    }

    @JsonProperty
    public void setMaxPollRecords(int maxPollRecords) {
        this.maxPollRecords = maxPollRecords;
    }

    @JsonProperty
    public Duration getPollTimeout() {
        return pollTimeout;
    }

    @JsonProperty
    public void setPollTimeout(Duration pollTimeout) {
        this.pollTimeout = pollTimeout;
    }

    @JsonProperty
    public Duration getRetryBackoff() {
        return retryBackoff;
    }

    @JsonProperty
    public void setRetryBackoff(Duration retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    @JsonProperty
    public String getSecurityProtocol() {
        return securityProtocol;
    }

    @JsonProperty
    public void setSecurityProtocol(String securityProtocol) {
        this.securityProtocol = securityProtocol;
    }

    @JsonProperty
    public String getSaslMechanism() {
        return saslMechanism;
    }

    @JsonProperty
    public void setSaslMechanism(String saslMechanism) {
        this.saslMechanism = saslMechanism == null ? "" : saslMechanism;
    }

    @JsonProperty
    public String getSaslUsername() {
        return saslUsername;
    }

    @JsonProperty
    public void setSaslUsername(String saslUsername) {
        this.saslUsername = saslUsername == null ? "" : saslUsername;
    }

    @JsonProperty
    public void setSaslPassword(String saslPassword) {
        this.saslPassword = saslPassword == null ? "" : saslPassword;
    }

    @JsonProperty
    public String getSslTruststoreLocation() {
        return sslTruststoreLocation;
    }

    @JsonProperty
    public void setSslTruststoreLocation(String sslTruststoreLocation) {
        this.sslTruststoreLocation = sslTruststoreLocation == null ? "" : sslTruststoreLocation;
    }

    @JsonProperty
    public void setSslTruststorePassword(String sslTruststorePassword) {
        this.sslTruststorePassword = sslTruststorePassword == null ? "" : sslTruststorePassword;
    }

    @JsonProperty
    public String getSslKeystoreLocation() {
        return sslKeystoreLocation;
    }

    @JsonProperty
    public void setSslKeystoreLocation(String sslKeystoreLocation) {
        this.sslKeystoreLocation = sslKeystoreLocation == null ? "" : sslKeystoreLocation;
    }

    @JsonProperty
    public void setSslKeystorePassword(String sslKeystorePassword) {
        this.sslKeystorePassword = sslKeystorePassword == null ? "" : sslKeystorePassword;
    }

    @JsonProperty
    public void setSslKeyPassword(String sslKeyPassword) {
        this.sslKeyPassword = sslKeyPassword == null ? "" : sslKeyPassword;
    }

    @JsonProperty
    public Map<String, String> getProperties() {
        return properties;
    }

    @JsonProperty
    public void setProperties(Map<String, String> properties) {
        this.properties = properties;
    }
}

package io.custodian.server.lineage.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.server.CustodianConfiguration;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** config.yml's {@code kafka:} section: off by default, validated when on, and what it gives the Kafka clients. */
class KafkaConfigTest {
    private static CustodianConfiguration parse(String yaml) throws Exception {
        return new YamlConfigurationFactory<>(CustodianConfiguration.class, Validators.newValidator(),
                Jackson.newObjectMapper(), "dw")
                .build(path -> new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "config.yml");
    }

    @Test
    void offByDefault() throws Exception {
        assertThat(parse("dataDir: ./data\n").getKafka().isEnabled()).isFalse();
    }

    @Test
    void enabledWithoutServersOrWithTheDeadLetterTopicConsumedIsRefused() {
        assertThatThrownBy(() -> parse("kafka:\n  enabled: true\n"))
                .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("bootstrapServers is required");
        assertThatThrownBy(() -> parse("kafka:\n  bootstrapServers: k:9092\n  topics: [a, dl]\n  deadLetterTopic: dl\n"))
                .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("deadLetterTopic");
        assertThatThrownBy(() -> parse("kafka:\n  saslMechanism: GSSAPI\n"))
                .isInstanceOf(ConfigurationValidationException.class).hasMessageContaining("saslMechanism");
    }

    @Test
    void saslAndTlsSettingsBecomeClientProperties() throws Exception {
        KafkaFactory kafka = parse("""
                kafka:
                  enabled: true
                  bootstrapServers: k1:9093,k2:9093
                  groupId: lineage
                  securityProtocol: SASL_SSL
                  saslMechanism: SCRAM-SHA-512
                  saslUsername: custodian
                  saslPassword: 'p"w'
                  sslTruststoreLocation: /etc/kafka/truststore.p12
                  properties:
                    ssl.endpoint.identification.algorithm: https
                """).getKafka();
        assertThat(kafka.consumerConfig())
                .containsEntry("bootstrap.servers", "k1:9093,k2:9093")
                .containsEntry("group.id", "lineage")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"custodian\" password=\"p\\\"w\";")
                .containsEntry("ssl.truststore.location", "/etc/kafka/truststore.p12")
                .containsEntry("ssl.endpoint.identification.algorithm", "https")
                .doesNotContainKey("ssl.truststore.password");
        assertThat(kafka.producerConfig()).containsEntry("security.protocol", "SASL_SSL").doesNotContainKey("group.id");
    }
}

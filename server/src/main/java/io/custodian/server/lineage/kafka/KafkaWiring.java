package io.custodian.server.lineage.kafka;

import com.codahale.metrics.Gauge;
import io.custodian.server.lineage.IngestFactory;
import io.custodian.server.lineage.IngestionWiring;
import io.dropwizard.core.setup.Environment;
import java.time.Duration;

/**
 * The Kafka transport of OpenLineage, when {@code kafka.enabled}: a consumer managed after
 * ingestion, so that it stops before it and everything it handed over is logged.
 */
public final class KafkaWiring {
    private KafkaWiring() {
    }

    public static void register(KafkaFactory config, IngestFactory ingest, IngestionWiring ingestion,
            Environment environment) {
        if (!config.isEnabled()) {
            return;
        }
        KafkaLineageConsumer consumer = new KafkaLineageConsumer(config.consumerConfig(), config.producerConfig(),
                ingestion.parser(), ingestion.ingestor(), ingestion.audit(),
                new KafkaLineageConsumer.Settings(config.getTopics(), config.getDeadLetterTopic(),
                        ingest.getMaxBodySize().toBytes(), Duration.ofMillis(config.getPollTimeout().toMilliseconds()),
                        Duration.ofMillis(ingest.getAcknowledgeTimeout().toMilliseconds()),
                        Duration.ofMillis(config.getRetryBackoff().toMilliseconds())));
        environment.lifecycle().manage(consumer);
        environment.metrics().register("custodian.kafka.records-logged", (Gauge<Long>) consumer::loggedRecords);
        environment.metrics().register("custodian.kafka.records-dead-lettered",
                (Gauge<Long>) consumer::deadLetteredRecords);
        environment.metrics().register("custodian.kafka.batches-retried", (Gauge<Long>) consumer::retriedBatches);
    }
}

package io.custodian.server.lineage.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.access.audit.AuditLog;
import io.custodian.catalog.ingest.LineageEventParser;
import io.custodian.catalog.testing.TestCatalog;
import io.custodian.server.lineage.IngestionAudit;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Throughput of the Kafka consumer into the event log and catalog (H2), with the shared load
 * generator's events ({@code --out} files). Not part of the test suite: its name is not a test's,
 * and it runs only when given the files, e.g.
 * {@code mvn -q -o test -pl server -am -Dtest=KafkaConsumerThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * -Dcustodian.bench.kafka.events=/tmp/events-42.jsonl -Dcustodian.bench.kafka.warmup=/tmp/events-warm.jsonl}.
 * The topics are filled first; the clock runs from the consumer's start until every record is
 * committed and every event applied. {@code -Dcustodian.bench.kafka.maxPollRecords=N} sets the
 * consumer's batch (default 500, as {@code kafka.maxPollRecords}).
 */
@EnabledIfSystemProperty(named = "custodian.bench.kafka.events", matches = ".+")
class KafkaConsumerThroughputBenchmark {

    @Test
    void consumeIntoTheLogAndCatalog() throws Exception {
        Path events = Path.of(System.getProperty("custodian.bench.kafka.events"));
        String warmup = System.getProperty("custodian.bench.kafka.warmup", "");
        try (KafkaClusterTestKit cluster = InProcessKafka.start(); Admin admin = cluster.admin();
                TestCatalog store = TestCatalog.open("h2")) {
            // As the service opens its embedded store: every commit written before it is acknowledged.
            store.jdbi().useHandle(h -> h.execute("SET WRITE_DELAY 0"));
            IngestionAudit audit = new IngestionAudit(new AuditLog(store.jdbi(), Clock.systemUTC()), Duration.ofSeconds(10));
            audit.start();
            if (!warmup.isEmpty()) {
                long count = fill(cluster, admin, "warmup", Path.of(warmup));
                run(cluster, admin, store, audit, "warmup", count);
            }
            long count = fill(cluster, admin, "measured", events);
            long began = System.nanoTime();
            double committedSeconds = run(cluster, admin, store, audit, "measured", count);
            assertThat(store.ingestor().awaitApplied(Duration.ofMinutes(10))).isTrue();
            double appliedSeconds = (System.nanoTime() - began) / 1e9;
            System.out.printf("kafka consumer: %d events, committed after %.1f s (%.0f events/s), applied after %.1f s"
                    + " (%.0f events/s)%n", count, committedSeconds, count / committedSeconds, appliedSeconds,
                    count / appliedSeconds);
            audit.stop();
        }
    }

    private static long fill(KafkaClusterTestKit cluster, Admin admin, String topic, Path file) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1), new NewTopic(topic + ".dead-letter", 1, (short) 1)))
                .all().get();
        long count = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                cluster.bootstrapServers(), "acks", "all", "linger.ms", "20", "batch.size", "1048576",
                "max.request.size", "8388608"), new ByteArraySerializer(), new ByteArraySerializer());
                BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                producer.send(new ProducerRecord<>(topic, line.getBytes(StandardCharsets.UTF_8)));
                count++;
            }
            producer.flush();
        }
        return count;
    }

    /** Consumes the topic until all of it is committed; seconds from the consumer's start. */
    private static double run(KafkaClusterTestKit cluster, Admin admin, TestCatalog store, IngestionAudit audit,
            String topic, long count) throws Exception {
        Map<String, Object> consumerConfig = new HashMap<>(Map.of("bootstrap.servers", cluster.bootstrapServers(),
                "group.id", "bench-" + topic, "auto.offset.reset", "earliest"));
        consumerConfig.put("max.poll.records", Integer.getInteger("custodian.bench.kafka.maxPollRecords", 500));
        KafkaLineageConsumer consumer = new KafkaLineageConsumer(consumerConfig,
                Map.of("bootstrap.servers", cluster.bootstrapServers()), new LineageEventParser(), store.ingestor(),
                audit, new KafkaLineageConsumer.Settings(List.of(topic), topic + ".dead-letter", 5L << 20,
                        Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(1)));
        long began = System.nanoTime();
        consumer.start();
        try {
            while (committed(admin, "bench-" + topic, topic) < count) {
                Thread.sleep(20);
            }
            return (System.nanoTime() - began) / 1e9;
        } finally {
            consumer.stop();
            assertThat(consumer.deadLetteredRecords()).isZero();
        }
    }

    private static long committed(Admin admin, String group, String topic) throws Exception {
        OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                .get(new TopicPartition(topic, 0));
        return offset == null ? 0 : offset.offset();
    }
}

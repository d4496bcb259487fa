package io.custodian.server.lineage.kafka;

import static io.custodian.catalog.testing.Events.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.custodian.access.Actor;
import io.custodian.access.audit.AuditEntry;
import io.custodian.access.audit.AuditLog;
import io.custodian.catalog.ingest.LineageEventParser;
import io.custodian.catalog.testing.Events;
import io.custodian.catalog.testing.TestCatalog;
import io.custodian.server.lineage.IngestionAudit;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kafka transport end to end: an in-process KRaft broker, the consumer, and a real H2 store
 * with the same ingestor as the HTTP endpoint. One broker for the class; each test its own topics
 * and consumer group.
 */
class KafkaLineageConsumerTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper mapper = new ObjectMapper();
    private static KafkaClusterTestKit cluster;
    private static Admin admin;
    private static KafkaProducer<byte[], byte[]> producer;

    @BeforeAll
    static void startBroker() throws Exception {
        cluster = InProcessKafka.start();
        admin = cluster.admin();
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", cluster.bootstrapServers(), "acks", "all"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (producer != null) {
            producer.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void validEventsAreLoggedAppliedCommittedAndAudited() throws Exception {
        String topic = topics("valid");
        UUID runId = UUID.randomUUID();
        send(topic, run("START", runId, T0).job("airflow", "load_orders").bytes());
        send(topic, run("COMPLETE", runId, T0.plusSeconds(60)).job("airflow", "load_orders").bytes());

        try (TestCatalog store = TestCatalog.open("h2")) {
            AuditLog auditLog = new AuditLog(store.jdbi(), Clock.systemUTC());
            IngestionAudit audit = new IngestionAudit(auditLog, Duration.ofMinutes(1));
            KafkaLineageConsumer consumer = consumer(store, audit, topic, "valid-group");
            consumer.start();
            try {
                awaitTrue(() -> committed("valid-group", topic) == 2, "offsets committed");
                store.awaitApplied();
                assertThat(store.reader().run(runId)).hasValueSatisfying(r -> assertThat(r.state()).isEqualTo("COMPLETED"));
                assertThat(loggedEvents(store)).isEqualTo(2);
                assertThat(consumer.loggedRecords()).isEqualTo(2);
            } finally {
                consumer.stop();
            }
            audit.stop();
            List<AuditEntry> entries = auditLog.find(new AuditLog.Filter(null, Actor.Kind.SERVICE, "custodian-kafka",
                    "lineage.ingest", T0, Instant.now().plusSeconds(60)), 10);
            assertThat(entries).singleElement().satisfies(entry -> {
                assertThat(entry.target()).isEqualTo("kafka:" + topic);
                assertThat(entry.detail()).startsWith("accepted=2 rejected=0");
            });
        }
    }

    @Test
    void aRedeliveredEventIsStoredOnce() throws Exception {
        String topic = topics("redelivered");
        byte[] event = run("START", UUID.randomUUID(), T0).job("airflow", "once").bytes();
        // The producer retried: the same event twice on the topic.
        send(topic, event);
        send(topic, event);

        try (TestCatalog store = TestCatalog.open("h2")) {
            IngestionAudit audit = new IngestionAudit(new AuditLog(store.jdbi(), Clock.systemUTC()), Duration.ofMinutes(1));
            KafkaLineageConsumer first = consumer(store, audit, topic, "redelivered-a");
            first.start();
            try {
                awaitTrue(() -> committed("redelivered-a", topic) == 2, "first group's offsets committed");
            } finally {
                first.stop();
            }
            // Everything read again from the start, as after lost offsets or a new group.
            KafkaLineageConsumer second = consumer(store, audit, topic, "redelivered-b");
            second.start();
            try {
                awaitTrue(() -> committed("redelivered-b", topic) == 2, "second group's offsets committed");
            } finally {
                second.stop();
            }
            assertThat(first.loggedRecords() + second.loggedRecords()).isEqualTo(4);
            assertThat(loggedEvents(store)).isEqualTo(1);
        }
    }

    @Test
    void invalidRecordsGoToTheDeadLetterTopicWithTheirReason() throws Exception {
        String topic = topics("invalid");
        String deadLetters = topic + ".dead-letter";
        ObjectNode noTime = run("START", UUID.randomUUID(), T0).job("airflow", "invalid").build();
        noTime.remove("eventTime");
        byte[] invalid = Events.bytes(noTime);
        byte[] malformed = "{\"eventType\": \"START\", ".getBytes(StandardCharsets.UTF_8);
        UUID validRun = UUID.randomUUID();
        ProducerRecord<byte[], byte[]> withHeader = new ProducerRecord<>(topic, "key-1".getBytes(StandardCharsets.UTF_8),
                invalid);
        withHeader.headers().add("traceparent", "00-abc-01".getBytes(StandardCharsets.UTF_8));
        producer.send(withHeader).get();
        send(topic, malformed);
        send(topic, run("START", validRun, T0).job("airflow", "after_invalid").bytes());

        try (TestCatalog store = TestCatalog.open("h2")) {
            IngestionAudit audit = new IngestionAudit(new AuditLog(store.jdbi(), Clock.systemUTC()), Duration.ofMinutes(1));
            KafkaLineageConsumer consumer = consumer(store, audit, topic, "invalid-group");
            consumer.start();
            try {
                awaitTrue(() -> committed("invalid-group", topic) == 3, "offsets committed past the dead letters");
            } finally {
                consumer.stop();
            }
            store.awaitApplied();
            assertThat(store.reader().run(validRun)).isPresent();
            assertThat(loggedEvents(store)).isEqualTo(1);
            assertThat(consumer.deadLetteredRecords()).isEqualTo(2);
        }

        List<ConsumerRecord<byte[], byte[]>> letters = read(deadLetters, 2);
        ConsumerRecord<byte[], byte[]> first = letters.get(0);
        assertThat(first.key()).isEqualTo("key-1".getBytes(StandardCharsets.UTF_8));
        assertThat(first.value()).isEqualTo(invalid);
        assertThat(header(first, "traceparent")).isEqualTo("00-abc-01");
        assertThat(header(first, KafkaLineageConsumer.REASON_HEADER)).startsWith("invalid-event: ").contains("/eventTime");
        assertThat(header(first, KafkaLineageConsumer.ORIGIN_HEADER)).isEqualTo(topic + "/0@0");
        ConsumerRecord<byte[], byte[]> second = letters.get(1);
        assertThat(second.value()).isEqualTo(malformed);
        assertThat(header(second, KafkaLineageConsumer.REASON_HEADER)).startsWith("malformed-json: ");
        assertThat(header(second, KafkaLineageConsumer.ORIGIN_HEADER)).isEqualTo(topic + "/0@1");
    }

    @Test
    void offsetsAreNotCommittedWhileLoggingFailsAndTheRecordIsReadAgainAfterARestart() throws Exception {
        String topic = topics("failing");
        UUID runId = UUID.randomUUID();
        send(topic, run("START", runId, T0).job("airflow", "failing").bytes());

        try (TestCatalog store = TestCatalog.open("h2")) {
            IngestionAudit audit = new IngestionAudit(new AuditLog(store.jdbi(), Clock.systemUTC()), Duration.ofMinutes(1));
            // The event log cannot be written: every commit of the ingestor fails.
            store.jdbi().useHandle(h -> h.execute("ALTER TABLE lineage_event RENAME TO lineage_event_away"));
            KafkaLineageConsumer failing = consumer(store, audit, topic, "failing-group");
            failing.start();
            try {
                awaitTrue(() -> failing.retriedBatches() >= 2, "the batch failed and was read again");
                assertThat(committed("failing-group", topic)).isEqualTo(-1);
            } finally {
                failing.stop();
            }
            assertThat(committed("failing-group", topic)).isEqualTo(-1);
            assertThat(failing.loggedRecords()).isZero();

            // The store is back; a restarted consumer in the same group reads the record again.
            store.jdbi().useHandle(h -> h.execute("ALTER TABLE lineage_event_away RENAME TO lineage_event"));
            KafkaLineageConsumer restarted = consumer(store, audit, topic, "failing-group");
            restarted.start();
            try {
                awaitTrue(() -> committed("failing-group", topic) == 1, "offset committed after the restart");
            } finally {
                restarted.stop();
            }
            store.awaitApplied();
            assertThat(loggedEvents(store)).isEqualTo(1);
            assertThat(store.reader().run(runId)).isPresent();
        }
    }

    private static KafkaLineageConsumer consumer(TestCatalog store, IngestionAudit audit, String topic, String group) {
        Map<String, Object> common = Map.of("bootstrap.servers", cluster.bootstrapServers());
        Map<String, Object> consumerConfig = new HashMap<>(common);
        consumerConfig.put("group.id", group);
        consumerConfig.put("auto.offset.reset", "earliest");
        return new KafkaLineageConsumer(consumerConfig, common, new LineageEventParser(), store.ingestor(), audit,
                new KafkaLineageConsumer.Settings(List.of(topic), topic + ".dead-letter", 5L << 20,
                        Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofMillis(200)));
    }

    /** A topic and its dead-letter topic, one partition each. */
    private static String topics(String name) throws Exception {
        String topic = "lineage-" + name;
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1), new NewTopic(topic + ".dead-letter", 1, (short) 1)))
                .all().get();
        return topic;
    }

    private static void send(String topic, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, value)).get();
    }

    /** The group's committed offset on partition 0, or -1 without one. */
    private static long committed(String group, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            OffsetAndMetadata offset = offsets.get(new TopicPartition(topic, 0));
            return offset == null ? -1 : offset.offset();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long loggedEvents(TestCatalog store) {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM lineage_event").mapTo(Long.class).one());
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(String topic, int count) {
        Map<String, Object> config = Map.of("bootstrap.servers", cluster.bootstrapServers(), "group.id",
                "reader-" + UUID.randomUUID(), "auto.offset.reset", "earliest");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            reader.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                reader.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertThat(records).hasSize(count);
        return records;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as(name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}

package io.custodian.server.lineage.kafka;

import static java.util.Objects.requireNonNull;

import io.custodian.access.Actor;
import io.custodian.access.Caller;
import io.custodian.catalog.Failures;
import io.custodian.catalog.ingest.EventViolation;
import io.custodian.catalog.ingest.InvalidEventException;
import io.custodian.catalog.ingest.LineageEvent;
import io.custodian.catalog.ingest.LineageEventParser;
import io.custodian.catalog.ingest.LineageIngestor;
import io.custodian.server.lineage.IngestionAudit;
import io.dropwizard.lifecycle.Managed;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenLineage events from Kafka topics (the {@code kafka} transport of the OpenLineage clients),
 * into the same parser and durable event log as {@code POST /api/v1/lineage}.
 *
 * <p>Delivery is at least once: a polled batch's offsets are committed only after every one of its
 * records is either in the event log (the ingestor's future completed) or in the dead-letter topic
 * (the broker acknowledged it). When anything fails the consumer goes back to the batch's first
 * offsets and tries again later; records logged the first time are then recognised by their key
 * (the SHA-256 of their bytes) and stored once.
 *
 * <p>A record that is not a valid event goes to the dead-letter topic with its key, value and
 * headers, plus {@value #REASON_HEADER} (what is wrong, with JSON pointers) and
 * {@value #ORIGIN_HEADER} (topic, partition and offset). Record values never reach the log.
 */
public final class KafkaLineageConsumer implements Managed {
    /** Header of a dead letter saying why the record was not taken. */
    public static final String REASON_HEADER = "custodian.dead-letter.reason";
    /** Header of a dead letter saying where the record came from: {@code topic/partition@offset}. */
    public static final String ORIGIN_HEADER = "custodian.dead-letter.origin";
    /** The audit log's actor for events that came from Kafka. */
    public static final Actor ACTOR = Actor.service("custodian-kafka");
    private static final Caller CALLER = new Caller(ACTOR, Set.of());
    /** Reasons are cut to this many characters: a header, not a report. */
    private static final int MAX_REASON = 4_000;
    private static final Logger log = LoggerFactory.getLogger(KafkaLineageConsumer.class);

    /**
     * What the consumer reads and how it waits.
     *
     * @param topics the topics OpenLineage producers write to
     * @param deadLetterTopic where records that are not valid events go
     * @param maxRecordBytes a larger record value is a dead letter, as a larger body is refused over HTTP
     * @param pollTimeout how long one poll waits for records
     * @param acknowledgeTimeout how long a batch may take to be logged before it is tried again
     * @param retryBackoff how long to wait after a batch failed, before reading it again
     */
    public record Settings(List<String> topics, String deadLetterTopic, long maxRecordBytes, Duration pollTimeout,
            Duration acknowledgeTimeout, Duration retryBackoff) {
        public Settings {
            topics = List.copyOf(topics);
            if (topics.isEmpty()) {
                throw new IllegalArgumentException("no topic to consume");
            }
            requireNonNull(deadLetterTopic, "deadLetterTopic is null");
            if (topics.contains(deadLetterTopic)) {
                throw new IllegalArgumentException("the dead-letter topic is also consumed: " + deadLetterTopic);
            }
            requireNonNull(pollTimeout, "pollTimeout is null");
            requireNonNull(acknowledgeTimeout, "acknowledgeTimeout is null");
            requireNonNull(retryBackoff, "retryBackoff is null");
        }
    }

    private final Map<String, Object> consumerConfig;
    private final Map<String, Object> producerConfig;
    private final LineageEventParser parser;
    private final LineageIngestor ingestor;
    private final IngestionAudit audit;
    private final Settings settings;
    private final String auditTarget;
    private final AtomicLong logged = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running;
    private volatile Consumer<byte[], byte[]> consumer;
    private Thread thread;

    /**
     * @param consumerConfig Kafka client settings for the consumer (servers, group, security); offsets are always
     *     committed by this class, never automatically
     * @param producerConfig Kafka client settings for the dead-letter producer
     */
    public KafkaLineageConsumer(Map<String, Object> consumerConfig, Map<String, Object> producerConfig,
            LineageEventParser parser, LineageIngestor ingestor, IngestionAudit audit, Settings settings) {
        this.consumerConfig = new HashMap<>(consumerConfig);
        this.consumerConfig.put("enable.auto.commit", "false");
        this.producerConfig = new HashMap<>(producerConfig);
        this.producerConfig.put("acks", "all");
        this.parser = requireNonNull(parser, "parser is null");
        this.ingestor = requireNonNull(ingestor, "ingestor is null");
        this.audit = requireNonNull(audit, "audit is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.auditTarget = "kafka:" + String.join(",", settings.topics());
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
        thread = new Thread(this::run, "custodian-kafka-lineage");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops after the batch in hand is logged (or given up), without committing anything not logged. */
    @Override
    public synchronized void stop() throws InterruptedException {
        if (thread == null) {
            return;
        }
        running = false;
        stopping.countDown();
        // The batch in hand is logged and committed first; the poll after it ends within its timeout.
        thread.join(settings.pollTimeout().plus(settings.acknowledgeTimeout()).plusSeconds(5).toMillis());
        Consumer<byte[], byte[]> current = consumer;
        if (thread.isAlive() && current != null) {
            current.wakeup();
            thread.join(10_000);
        }
        if (thread.isAlive()) {
            log.warn("the Kafka lineage consumer did not stop in time; its uncommitted records are read again on the next start");
        }
    }

    /** Records taken into the event log since the start (a redelivered record counts again). */
    public long loggedRecords() {
        return logged.get();
    }

    /** Records sent to the dead-letter topic since the start. */
    public long deadLetteredRecords() {
        return deadLettered.get();
    }

    /** Batches that failed and were read again. */
    public long retriedBatches() {
        return retries.get();
    }

    private void run() {
        try (Consumer<byte[], byte[]> kafka = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
                Producer<byte[], byte[]> deadLetters = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
                        new ByteArraySerializer())) {
            consumer = kafka;
            kafka.subscribe(settings.topics());
            log.info("consuming OpenLineage events from {}", settings.topics());
            while (running) {
                try {
                    pollOnce(kafka, deadLetters);
                } catch (WakeupException e) {
                    // stop() asked; the loop ends
                } catch (RuntimeException e) {
                    log.warn("reading lineage events from Kafka failed ({}); retrying in {}", Failures.describe(e),
                            settings.retryBackoff());
                    backOff();
                }
            }
        } catch (WakeupException e) {
            // stopped while closing
        } catch (RuntimeException e) {
            log.error("the Kafka lineage consumer stopped: {}", Failures.describe(e), e);
        } finally {
            consumer = null;
        }
    }

    private void pollOnce(Consumer<byte[], byte[]> kafka, Producer<byte[], byte[]> deadLetters) {
        // While the audit log takes no entries, ingestion pauses, as over HTTP: the consumer stays in
        // its group (polls) but reads nothing.
        boolean recording = audit.recording();
        if (!recording) {
            kafka.pause(kafka.assignment());
        } else if (!kafka.paused().isEmpty()) {
            kafka.resume(kafka.paused());
        }
        ConsumerRecords<byte[], byte[]> records = kafka.poll(settings.pollTimeout());
        if (records.isEmpty()) {
            return;
        }
        if (!recording) {
            // Partitions assigned after the pause: read them again once the audit log is back.
            rewind(kafka, records);
            return;
        }
        try {
            take(kafka, deadLetters, records);
        } catch (RuntimeException e) {
            rewind(kafka, records);
            throw e;
        }
    }

    /** Logs or dead-letters every record of the batch, then commits its offsets; on failure, reads it again later. */
    private void take(Consumer<byte[], byte[]> kafka, Producer<byte[], byte[]> deadLetters,
            ConsumerRecords<byte[], byte[]> records) {
        List<CompletableFuture<?>> pending = new ArrayList<>(records.count());
        int events = 0;
        int invalid = 0;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            String reason = null;
            LineageEvent event = null;
            if (record.value() == null) {
                reason = "empty-record: the record has no value";
            } else if (record.value().length > settings.maxRecordBytes()) {
                reason = "record-too-large: the value is " + record.value().length + " bytes; at most "
                        + settings.maxRecordBytes() + " are taken";
            } else {
                try {
                    event = parser.parse(record.value());
                } catch (InvalidEventException e) {
                    reason = reason(e);
                }
            }
            if (event != null) {
                pending.add(ingestor.submit(event));
                events++;
            } else {
                pending.add(deadLetter(deadLetters, record, reason));
                invalid++;
            }
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(settings.acknowledgeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            retries.incrementAndGet();
            log.warn("a batch of {} Kafka records could not be logged ({}); it is read again in {}", records.count(),
                    Failures.describe(cause), settings.retryBackoff());
            rewind(kafka, records);
            backOff();
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
        kafka.commitSync(nextOffsets(records));
        logged.addAndGet(events);
        deadLettered.addAndGet(invalid);
        audit.record(CALLER, auditTarget, null, events, invalid);
    }

    private CompletableFuture<Void> deadLetter(Producer<byte[], byte[]> deadLetters, ConsumerRecord<byte[], byte[]> record,
            String reason) {
        String origin = record.topic() + "/" + record.partition() + "@" + record.offset();
        // The reason may quote the event; the log says only where the record was.
        log.info("Kafka record {} is not a valid OpenLineage event; it goes to {}", origin, settings.deadLetterTopic());
        Headers headers = new RecordHeaders(record.headers().toArray());
        headers.add(REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(ORIGIN_HEADER, origin.getBytes(StandardCharsets.UTF_8));
        CompletableFuture<Void> sent = new CompletableFuture<>();
        deadLetters.send(new ProducerRecord<>(settings.deadLetterTopic(), null, record.key(), record.value(), headers),
                (metadata, failure) -> {
                    if (failure == null) {
                        sent.complete(null);
                    } else {
                        sent.completeExceptionally(failure);
                    }
                });
        return sent;
    }

    /** What is wrong with an event, as the HTTP endpoint's problem says it: a type and each pointer with its message. */
    static String reason(InvalidEventException e) {
        String type = e.isMalformedJson() ? "malformed-json" : "invalid-event";
        String violations = e.violations().stream().map(EventViolation::toString).collect(Collectors.joining("; "));
        String reason = type + ": " + violations;
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON - 1) + "…";
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> taken = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(taken.get(taken.size() - 1).offset() + 1));
        }
        return offsets;
    }

    /** Back to the batch's first offsets, so that nothing after them is skipped. */
    private static void rewind(Consumer<byte[], byte[]> kafka, ConsumerRecords<byte[], byte[]> records) {
        Set<TopicPartition> assigned = kafka.assignment();
        for (TopicPartition partition : records.partitions()) {
            if (assigned.contains(partition)) {
                kafka.seek(partition, records.records(partition).get(0).offset());
            }
        }
    }

    private void backOff() {
        try {
            stopping.await(settings.retryBackoff().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}

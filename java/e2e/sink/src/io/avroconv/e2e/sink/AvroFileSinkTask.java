package io.avroconv.e2e.sink;

import io.confluent.connect.avro.AvroData;
import io.confluent.kafka.serializers.NonRecordContainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaProjector;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.SchemaProjectorException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes records as the S3 sink's {@code TopicPartitionWriter} with {@code AvroFormat} does, to local files:
 * <ul>
 *   <li>per topic partition, one open file; it is committed (closed, renamed from its temporary name) after
 *       {@code flush.size} records, when {@code rotate.schedule.interval.ms} passed since it was opened, or when a
 *       record's schema requires a new file. Files are named after the offset of their first record, so records
 *       redelivered after a restart rewrite the same file;</li>
 *   <li>the file's writer schema is {@code AvroData.fromConnectSchema} of the current Connect value schema, and
 *       each value goes through {@code AvroData.fromConnectData} (values only, as the S3 sink by default);</li>
 *   <li>{@code schema.compatibility=BACKWARD}: a record whose schema version is higher than the current one
 *       commits the open file and makes its schema current; one with a lower (or equal) version is projected to
 *       the current schema with Connect's {@code SchemaProjector}. The current schema outlives file commits, as in
 *       the S3 sink; a version is required. {@code NONE}: any different schema starts a new file;</li>
 *   <li>offsets are committed only up to the last committed file, so whatever was in an open file at a crash or a
 *       rebalance is delivered again;</li>
 *   <li>records with a null value are skipped (the S3 sink's {@code behavior.on.null.values=ignore}).</li>
 * </ul>
 */
public final class AvroFileSinkTask extends SinkTask {
    private static final Logger log = LoggerFactory.getLogger(AvroFileSinkTask.class);

    private Path dir;
    private int flushSize;
    private long rotateMs;
    private boolean backward;
    private final AvroData avroData = new AvroData(1000);
    private final Map<TopicPartition, PartitionWriter> writers = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> toCommit = new HashMap<>();

    @Override
    public void start(Map<String, String> props) {
        AbstractConfig config = new AbstractConfig(AvroFileSinkConnector.CONFIG, props);
        dir = Path.of(config.getString("output.dir"));
        flushSize = config.getInt("flush.size");
        rotateMs = config.getLong("rotate.schedule.interval.ms");
        backward = config.getString("schema.compatibility").equals("BACKWARD");
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        for (SinkRecord r : records) {
            TopicPartition tp = new TopicPartition(r.topic(), r.kafkaPartition());
            writers.computeIfAbsent(tp, PartitionWriter::new).write(r);
        }
        // Connect calls put() at least once per offset.flush.interval.ms, also with no records: rotate on time here.
        long now = System.currentTimeMillis();
        for (PartitionWriter w : writers.values()) {
            if (w.file != null && rotateMs >= 0 && now - w.openedAt >= rotateMs) {
                w.commit();
            }
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> current) {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>(toCommit);
        toCommit.clear();
        return out;
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        for (TopicPartition tp : partitions) {
            PartitionWriter w = writers.remove(tp);
            if (w != null) {
                w.abort();
            }
        }
    }

    @Override
    public void stop() {
        close(new java.util.ArrayList<>(writers.keySet()));
    }

    @Override
    public String version() {
        return "e2e";
    }

    /** The S3 sink's TopicPartitionWriter, reduced to what the test needs. */
    private final class PartitionWriter {
        final TopicPartition tp;
        final Path folder;
        Schema currentSchema; // kept across files, as the S3 sink's currentValueSchema
        DataFileWriter<Object> file;
        Path tmp;
        long startOffset;
        long lastOffset;
        int count;
        long openedAt;

        PartitionWriter(TopicPartition tp) {
            this.tp = tp;
            this.folder = dir.resolve(tp.topic()).resolve("partition=" + tp.partition());
        }

        void write(SinkRecord r) {
            if (r.value() == null) {
                log.info("{}: skipping the null value at offset {}", tp, r.kafkaOffset());
                return;
            }
            Schema schema = r.valueSchema();
            if (schema == null) {
                throw new ConnectException("a record without a value schema at " + tp + "@" + r.kafkaOffset());
            }
            Object value = r.value();
            if (currentSchema == null || shouldChangeSchema(schema)) {
                if (file != null) {
                    commit();
                }
                currentSchema = schema;
            } else if (!schema.equals(currentSchema)) {
                value = SchemaProjector.project(schema, value, currentSchema);
                log.info("{}@{}: projected from schema version {} to {}", tp, r.kafkaOffset(), schema.version(),
                        currentSchema.version());
            }
            if (file == null) {
                open(r.kafkaOffset());
            }
            Object avro = avroData.fromConnectData(currentSchema, value);
            if (avro instanceof NonRecordContainer) {
                avro = ((NonRecordContainer) avro).getValue();
            }
            try {
                file.append(avro);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            lastOffset = r.kafkaOffset();
            if (++count >= flushSize) {
                commit();
            }
        }

        // StorageSchemaCompatibility: BACKWARD changes on a higher version only; NONE on any other schema.
        boolean shouldChangeSchema(Schema schema) {
            if (!backward) {
                return !schema.equals(currentSchema);
            }
            if (schema.version() == null || currentSchema.version() == null) {
                throw new SchemaProjectorException("Schema version required for BACKWARD compatibility");
            }
            return schema.version() > currentSchema.version();
        }

        void open(long offset) {
            startOffset = offset;
            count = 0;
            openedAt = System.currentTimeMillis();
            try {
                Files.createDirectories(folder);
                tmp = folder.resolve("." + fileName() + ".tmp");
                file = new DataFileWriter<>(new GenericDatumWriter<>());
                file.setCodec(CodecFactory.nullCodec()); // the S3 sink's default avro.codec
                file.create(avroData.fromConnectSchema(currentSchema), tmp.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void commit() {
            try {
                file.close();
                Path target = folder.resolve(fileName());
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                log.info("{}: committed {} ({} records, schema version {})", tp, target.getFileName(), count,
                        currentSchema.version());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            toCommit.put(tp, new OffsetAndMetadata(lastOffset + 1));
            file = null;
        }

        void abort() {
            if (file == null) {
                return;
            }
            try {
                file.close();
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                log.warn("{}: could not remove {}", tp, tmp, e);
            }
            file = null;
        }

        String fileName() {
            return String.format("%s+%d+%010d.avro", tp.topic(), tp.partition(), startOffset);
        }
    }
}

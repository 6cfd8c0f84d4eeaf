package io.parley.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails any test after which Netty reports a leaked resource (a {@link ByteBuf} garbage-collected
 * without being released), so a leak is a red build rather than a log line nobody reads (the
 * OkHttp habit of a rule that fails a test that leaks a connection; see
 * {@code shared/conventions.md}).
 *
 * <p>How: a {@link ResourceLeakDetectorFactory} whose detectors record what they report. Netty
 * creates the {@code ByteBuf} detector once, when the buffer classes load, so the factory must be
 * installed before any test touches Netty: this class is registered by JUnit's extension
 * auto-detection ({@code META-INF/services} and {@code junit-platform.properties} in each module's
 * test resources), which loads it before any test class runs. If Netty got there first, the check
 * says so rather than passing silently.
 *
 * <p>A leak is only reported once the garbage collector has found the buffer, and only when a
 * later allocation polls the detector; {@link #assertNoLeaks} forces both. A leak is charged to the
 * test after which it was found, which may be a later test than the one that caused it.
 *
 * <p>Thread-safe: detectors report from any thread.
 */
public final class LeakFailingExtension implements AfterEachCallback {

    /** Collections and polls before a test is declared clean. */
    private static final int CLEAN_ROUNDS = 3;
    /** Buffers allocated per round: each allocation polls the detector's queue of collected leaks. */
    private static final int POLLS_PER_ROUND = 16;

    private static final Queue<String> leaks = new ConcurrentLinkedQueue<>();
    private static final Set<Class<?>> detectedTypes = ConcurrentHashMap.newKeySet();

    static {
        // The build sets -Dio.netty.leakDetection.level=paranoid; set it here too so that a test
        // started from an IDE tracks every buffer as well.
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        assertNoLeaks();
    }

    /** Fails with every leak reported since the last check (and forgets them). */
    public static void assertNoLeaks() {
        assertNoLeaks(CLEAN_ROUNDS);
    }

    /**
     * Like {@link #assertNoLeaks()}, collecting and polling up to {@code rounds} times, stopping
     * early at the first leak found.
     */
    public static void assertNoLeaks(int rounds) {
        for (int round = 0; round < rounds && leaks.isEmpty(); round++) {
            System.gc();
            pollDetectors();
        }
        if (!detectedTypes.contains(ByteBuf.class)) {
            throw new AssertionError("LeakFailingExtension was installed after Netty created its ByteBuf "
                    + "leak detector, so leaks cannot be seen: is extension auto-detection enabled?");
        }
        List<String> found = new ArrayList<>();
        for (String leak; (leak = leaks.poll()) != null; ) {
            found.add(leak);
        }
        if (!found.isEmpty()) {
            throw new AssertionError(found.size() + " Netty resource leak(s):\n" + String.join("\n\n", found));
        }
    }

    /** Allocations make the ByteBuf detector poll its queue of collected, unreleased buffers. */
    private static void pollDetectors() {
        for (int i = 0; i < POLLS_PER_ROUND; i++) {
            ByteBufAllocator.DEFAULT.directBuffer(1).release();
            ByteBufAllocator.DEFAULT.heapBuffer(1).release();
        }
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                long maxActive) {
            detectedTypes.add(resource);
            return new RecordingDetector<>(resource, samplingInterval);
        }
    }

    private static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
        RecordingDetector(Class<T> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        /** Report whatever the logging level, so a quiet logger cannot hide a leak. */
        @Override
        protected boolean needReport() {
            return true;
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            leaks.add("LEAK: " + resourceType + " was garbage-collected without release()." + records);
            super.reportTracedLeak(resourceType, records);
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            leaks.add("LEAK: " + resourceType + " was garbage-collected without release() (no records).");
            super.reportUntracedLeak(resourceType);
        }
    }
}

package io.avroconv.connect;

import java.lang.ref.Cleaner;

/**
 * Owns one native handle (a session or a plan) and frees it with {@link Native#free} once this object is
 * unreachable. Callers keep the owner reachable across a native call ({@code Reference.reachabilityFence}), so a
 * handle is never freed while a record uses it. Nothing else frees it, {@code AvroConverter.close()} included
 * (bindings/jni/BOUNDARY.md, "Lifetimes and close()"): no lock or counter is needed on the record path.
 */
final class NativeHandle {
    /** One daemon thread for every handle of this class loader. */
    private static final Cleaner CLEANER = Cleaner.create();

    final long value;

    NativeHandle(long value) {
        this.value = value;
        CLEANER.register(this, new Free(value));
    }

    /** Must not refer to the handle object, or it would never become unreachable. */
    private static final class Free implements Runnable {
        private final long handle;

        Free(long handle) {
            this.handle = handle;
        }

        @Override
        public void run() {
            Native.free(handle);
        }
    }
}

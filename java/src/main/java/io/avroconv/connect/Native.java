package io.avroconv.connect;

/**
 * The methods implemented in Rust by {@code libavroconv_jni.so} (bindings/jni/src/entry.rs). Call them only after
 * {@link NativeLoader#load} returned: it loads this class loader's copy of the library and calls {@link #init()}.
 *
 * <p>Every method throws {@link org.apache.kafka.connect.errors.DataException} for bad input and
 * {@link org.apache.kafka.connect.errors.ConnectException} for anything else, including a Rust panic, with the Rust
 * message. Control-plane methods (once per schema) take and return objects; the per-record methods to come will
 * take caller-owned, reused {@code byte[]}/{@code long[]} buffers and cross JNI once per record.
 */
final class Native {
    private Native() {}

    /**
     * Caches the exception classes the library throws (it must not look classes up later, from threads that cannot
     * see this plugin's class loader) and returns facts about the build as {@link java.util.Properties} text:
     * {@code version}, {@code target}, {@code profile}, {@code rustc}, {@code build.glibc}, and {@code libc}, the C
     * library the process runs on.
     */
    static native String init();

    /**
     * Validates Avro schema text with Java Avro 1.11's rules and returns its canonical text.
     * PLACEHOLDER: until the core can print Java's {@code Schema.toString()} text, this returns the validated input
     * as compact JSON (equal to Java's text only when the input lists attributes in Java's order).
     */
    static native String canonicalSchema(String text);

    /** Panics in Rust with {@code message}; for the tests that prove a panic becomes an exception. */
    static native void panicForTest(String message);
}

package io.avroconv.connect;

/**
 * The methods implemented in Rust by {@code libavroconv_jni.so} (bindings/jni/src/entry.rs). Call them only after
 * {@link NativeLoader#load} returned: it loads this class loader's copy of the library and calls {@link #init()}.
 *
 * <p>Every method throws {@link org.apache.kafka.connect.errors.DataException} for bad input and
 * {@link org.apache.kafka.connect.errors.ConnectException} for anything else, including a Rust panic, with the Rust
 * message. Control-plane methods (once per schema) take and return objects; the per-record methods ({@link #encode},
 * {@link #decode}) take caller-owned, reused {@code byte[]}/{@code long[]} buffers and cross JNI once per record.
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

    // ---- The record path (bindings/jni/BOUNDARY.md) ---------------------------------------------------------

    /** A session: the converter's settings as flattened key, value pairs; freed with {@link #free}. */
    static native long open(String[] keyValues, boolean isKey);

    /** A writer plan for a Connect schema description on a topic (translates, registers, compiles). */
    static native long writer(long session, String topic, String description);

    /** The writer plan's ops, one per Connect schema node in pre-order. */
    static native int[] writerOps(long plan);

    /**
     * Encodes one record from the tape {@code buf[0, tapeLength)} into {@code buf} right after it: the length, or
     * {@code -n} when the {@code n} bytes needed do not fit after the tape.
     */
    static native int encode(long plan, byte[] buf, int tapeLength);

    /** A reader plan for the writer schema {@code id} read on {@code topic}. */
    static native long reader(long session, String topic, int id);

    /** The reader plan's Connect schema description (with its version). */
    static native String readerSchema(long plan);

    /** The reader plan's ops. */
    static native int[] readerOps(long plan);

    /** The enum symbols the reader plan's ENUM slots index. */
    static native String[] readerSymbols(long plan);

    /** Decodes one framed record into {@code table}: the slots used, or {@code -n} when it is too short. */
    static native int decode(long plan, byte[] input, long[] table);

    /** Throws the DataException that says why {@code input} is not a Confluent frame. */
    static native void frameError(String topic, byte[] input);

    /** Frees a session or a plan (called once, by {@link NativeHandle}'s cleaner). */
    static native void free(long handle);

    /**
     * Diagnostics as {@link java.util.Properties} text: live native handles ({@code handles.sessions},
     * {@code handles.writers}, {@code handles.readers}) and the entry counts of the session's registry client
     * caches with their bound ({@code registry.*}). For tests and soaks; not on the record path.
     */
    static native String stats(long session);
}

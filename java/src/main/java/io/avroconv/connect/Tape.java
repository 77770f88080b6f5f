package io.avroconv.connect;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The encode input (bindings/jni/BOUNDARY.md): little-endian, growable, reused per thread. */
final class Tape {
    private static final VarHandle I32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle I64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    byte[] buf = new byte[1024];
    int len;

    void reset() {
        len = 0;
    }

    private void ensure(long more) {
        if (buf.length - len < more) {
            grow(more);
        }
    }

    private void grow(long more) {
        long need = (long) len + more;
        if (need > Integer.MAX_VALUE - 16) {
            throw new org.apache.kafka.connect.errors.DataException("record too large to encode (" + need + " bytes)");
        }
        buf = Arrays.copyOf(buf, (int) Math.max(need, Math.min(Integer.MAX_VALUE - 16L, buf.length * 2L)));
    }

    /** Makes room for {@code n} bytes after the tape (where {@code Native.encode} writes the record). */
    void reserve(int n) {
        ensure(n);
    }

    void u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
    }

    void i32(int v) {
        ensure(4);
        I32.set(buf, len, v);
        len += 4;
    }

    void i64(long v) {
        ensure(8);
        I64.set(buf, len, v);
        len += 8;
    }

    /** Overwrites the i32 at {@code at} (a count written before its items were). */
    void patchI32(int at, int v) {
        I32.set(buf, at, v);
    }

    /** Strings up to this many chars are encoded by {@link #string}'s own loop, longer ones by {@link #utf8}. */
    static final int SHORT_STRING = 32;

    /** The chars of the string being encoded, and views of them and of {@link #buf} for {@link #utf8}. */
    private char[] chars = new char[256];
    private CharBuffer charView = CharBuffer.wrap(chars);
    private ByteBuffer bufView = ByteBuffer.wrap(buf);
    private final CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);

    /**
     * i32 length, then the UTF-8 of {@code s}, exactly as {@code s.getBytes(UTF_8)} (an unpaired surrogate is
     * '?'), written straight into the tape: {@code getBytes} allocates an array per string (two for non-ASCII
     * text) that is then copied again. The chars are copied out with {@code getChars} (an intrinsic); short
     * strings are encoded by the loop below, long ones by the JDK's UTF-8 encoder, whose ASCII prefix is an
     * intrinsic too.
     */
    void string(String s) {
        int n = s.length();
        char[] cs = chars;
        if (cs.length < n) {
            cs = chars = new char[Math.max(n, cs.length * 2)];
            charView = CharBuffer.wrap(cs);
        }
        s.getChars(0, n, cs, 0);
        if (n > SHORT_STRING) {
            utf8(n);
            return;
        }
        ensure(4 + 3 * (long) n); // at most 3 bytes per UTF-16 unit (a surrogate pair: 4 bytes for 2 units)
        byte[] b = buf;
        int start = len + 4;
        int p = start;
        int i = 0;
        for (; i < n; i++) { // ASCII run
            char c = cs[i];
            if (c >= 0x80) {
                break;
            }
            b[p++] = (byte) c;
        }
        for (; i < n; i++) {
            char c = cs[i];
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xc0 | c >> 6);
                b[p++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isSurrogate(c)) {
                char d;
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(d = cs[i + 1])) {
                    int cp = Character.toCodePoint(c, d);
                    b[p++] = (byte) (0xf0 | cp >> 18);
                    b[p++] = (byte) (0x80 | cp >> 12 & 0x3f);
                    b[p++] = (byte) (0x80 | cp >> 6 & 0x3f);
                    b[p++] = (byte) (0x80 | cp & 0x3f);
                    i++;
                } else {
                    b[p++] = '?';
                }
            } else {
                b[p++] = (byte) (0xe0 | c >> 12);
                b[p++] = (byte) (0x80 | c >> 6 & 0x3f);
                b[p++] = (byte) (0x80 | c & 0x3f);
            }
        }
        I32.set(b, len, p - start);
        len = p;
    }

    /** The first {@code n} of {@link #chars} through the encoder (REPLACE gives getBytes' '?'). */
    private void utf8(int n) {
        ensure(4 + 3 * (long) n);
        if (bufView.array() != buf) {
            bufView = ByteBuffer.wrap(buf);
        }
        CharBuffer in = charView;
        in.clear().limit(n);
        ByteBuffer out = bufView;
        out.clear().position(len + 4);
        utf8.reset();
        CoderResult r = utf8.encode(in, out, true);
        if (r.isUnderflow()) {
            r = utf8.flush(out);
        }
        if (!r.isUnderflow() || in.hasRemaining()) { // cannot happen: 3 bytes per char are reserved
            throw new IllegalStateException("avroconv: UTF-8 encoder stopped with " + r);
        }
        I32.set(buf, len, out.position() - len - 4);
        len = out.position();
    }

    /** i32 length, then the bytes. */
    void bytes(byte[] b, int off, int n) {
        ensure(4 + n);
        I32.set(buf, len, n);
        System.arraycopy(b, off, buf, len + 4, n);
        len += 4 + n;
    }
}

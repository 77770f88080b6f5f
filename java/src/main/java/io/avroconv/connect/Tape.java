package io.avroconv.connect;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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

    private void ensure(int more) {
        if (buf.length - len < more) {
            grow(more);
        }
    }

    private void grow(int more) {
        long need = (long) len + more;
        if (need > Integer.MAX_VALUE - 16) {
            throw new org.apache.kafka.connect.errors.DataException("record too large to encode (" + need + " bytes)");
        }
        buf = Arrays.copyOf(buf, (int) Math.max(need, Math.min(Integer.MAX_VALUE - 16L, buf.length * 2L)));
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

    /** i32 length, then the bytes. */
    void bytes(byte[] b, int off, int n) {
        ensure(4 + n);
        I32.set(buf, len, n);
        System.arraycopy(b, off, buf, len + 4, n);
        len += 4 + n;
    }
}

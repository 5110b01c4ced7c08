package io.natter.wamp.serialization;

import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes values of the shared value model through the primitives of one wire format. The type
 * dispatch lives here once, so both serializers accept exactly the same values and refuse the
 * same ones.
 */
abstract class ValueWriter {

    private static final BigInteger MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    abstract void writeNull() throws IOException;

    abstract void writeBoolean(boolean value) throws IOException;

    abstract void writeLong(long value) throws IOException;

    /** Called only for values beyond {@code long} but within 64 unsigned bits. */
    abstract void writeBigInteger(BigInteger value) throws IOException;

    abstract void writeDouble(double value) throws IOException;

    abstract void writeString(String value) throws IOException;

    abstract void writeBinary(byte[] value) throws IOException;

    abstract void startArray(int size) throws IOException;

    abstract void endArray() throws IOException;

    abstract void startMap(int size) throws IOException;

    abstract void writeKey(String key) throws IOException;

    abstract void endMap() throws IOException;

    /** Writes a payload value nested at {@code depth} (the frame array is depth 1). */
    final void writeValue(Object value, int depth) throws IOException {
        if (value == null) {
            writeNull();
        } else if (value instanceof String s) {
            writeString(s);
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            writeLong(((Number) value).longValue());
        } else if (value instanceof Map<?, ?> map) {
            writeMap(map, depth);
        } else if (value instanceof List<?> list) {
            writeList(list, depth);
        } else if (value instanceof Boolean b) {
            writeBoolean(b);
        } else if (value instanceof Double || value instanceof Float) {
            writeDouble(((Number) value).doubleValue());
        } else if (value instanceof byte[] bytes) {
            writeBinary(bytes);
        } else if (value instanceof BigInteger big) {
            writeInteger(big);
        } else {
            throw new IllegalArgumentException("cannot serialize a value of type " + value.getClass().getName());
        }
    }

    /** Writes a message's arguments list (a writer may copy the bytes it was received as). */
    void writeArguments(List<?> args, int depth) throws IOException {
        writeList(args, depth);
    }

    final void writeList(List<?> list, int depth) throws IOException {
        checkDepth(depth);
        startArray(list.size());
        for (Object element : list) {
            writeValue(element, depth + 1);
        }
        endArray();
    }

    final void writeMap(Map<?, ?> map, int depth) throws IOException {
        checkDepth(depth);
        startMap(map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getKey() instanceof String key)) {
                throw new IllegalArgumentException("dict keys must be strings, not " + entry.getKey());
            }
            writeKey(key);
            writeValue(entry.getValue(), depth + 1);
        }
        endMap();
    }

    private void writeInteger(BigInteger value) throws IOException {
        if (value.bitLength() < 64) {
            writeLong(value.longValue());
        } else if (value.compareTo(MIN) < 0 || value.compareTo(MAX) > 0) {
            // JSON could carry it, but MessagePack cannot, and a router must be able to forward
            // any value it accepted from one peer to a peer of the other format.
            throw new IllegalArgumentException("integer " + value + " is beyond 64 bits");
        } else {
            writeBigInteger(value);
        }
    }

    private static void checkDepth(int depth) {
        if (depth > Serializers.MAX_DEPTH) {
            throw new IllegalArgumentException("values nest deeper than " + Serializers.MAX_DEPTH + " levels (or contain themselves)");
        }
    }
}

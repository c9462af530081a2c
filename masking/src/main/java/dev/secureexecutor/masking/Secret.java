package dev.secureexecutor.masking;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A secret value held as bytes (UTF-8) that never prints itself and can be wiped.
 *
 * <p>{@link #toString()} returns a fixed placeholder, so a secret that ends up in a record, a log line or an
 * exception message reveals nothing. {@link #wipe()} zeroes the backing array; a wiped secret refuses further use.
 */
public final class Secret implements AutoCloseable {
    private final byte[] value;
    private final String name;
    private volatile boolean wiped;

    private Secret(String name, byte[] value) {
        this.name = name;
        this.value = value;
    }

    /** Takes ownership of {@code value}: the caller must not keep or reuse the array. */
    public static Secret ofBytes(String name, byte[] value) {
        return new Secret(name, value);
    }

    /** Copies a string's UTF-8 bytes; the string itself cannot be wiped, so keep it short-lived. */
    public static Secret of(String name, String value) {
        return new Secret(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Encodes chars to UTF-8 without an intermediate String. */
    @SuppressWarnings("ByteBufferBackingArray") // zeroes the whole backing array, wherever the content starts in it
    public static Secret ofChars(String name, char[] value) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(value));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return new Secret(name, bytes);
    }

    /** Where the secret came from, for example a variable name. Never the value. */
    public String name() {
        return name;
    }

    public int length() {
        return value.length;
    }

    /** A copy of the bytes; the caller wipes it when done. */
    public byte[] bytes() {
        ensureLive();
        return value.clone();
    }

    /** Runs {@code use} on the backing array without copying; {@code use} must not keep a reference. */
    public <T> T withBytes(java.util.function.Function<byte[], T> use) {
        ensureLive();
        return use.apply(value);
    }

    public boolean isWiped() {
        return wiped;
    }

    /** Zeroes the value. Idempotent. */
    public void wipe() {
        Arrays.fill(value, (byte) 0);
        wiped = true;
    }

    @Override
    public void close() {
        wipe();
    }

    private void ensureLive() {
        if (wiped) {
            throw new IllegalStateException("secret '" + name + "' was already wiped");
        }
    }

    @Override
    public String toString() {
        return "Secret[" + name + "=****]";
    }
}

package dev.secureexecutor.masking;

import java.util.Arrays;
import java.util.Base64;
import java.util.function.Consumer;

/**
 * The parts of a base64 encoding that a value determines on its own, wherever it sits in the encoded data.
 *
 * <p>For each alphabet (standard and URL-safe) and each alignment k = 0, 1, 2 (the value starts k bytes after a
 * 3-byte group boundary, as in {@code base64("gitlab-ci-token:" + token)}): the characters whose six bits all come
 * from the value (the stable middle, which is what appears whatever bytes surround it), that middle plus the final
 * partial character when the value ends the data (unpadded ending), and the same with its {@code =} padding.
 */
final class Base64Forms {
    private Base64Forms() {}

    /** Passes each form to {@code out}; the arrays are zeroed after {@code out} returns, so it must copy them. */
    static void forEach(byte[] value, Consumer<byte[]> out) {
        int n = value.length;
        for (Base64.Encoder encoder : new Base64.Encoder[] {Base64.getEncoder(), Base64.getUrlEncoder()}) {
            for (int k = 0; k < 3; k++) {
                byte[] input = new byte[k + n];
                System.arraycopy(value, 0, input, k, n);
                byte[] encoded = encoder.encode(input);
                int firstChar = (8 * k + 5) / 6;
                int stableEnd = (8 * (k + n)) / 6;
                int dataEnd = (8 * (k + n) + 5) / 6;
                emit(encoded, firstChar, stableEnd, out);
                emit(encoded, firstChar, dataEnd, out);
                emit(encoded, firstChar, encoded.length, out);
                Arrays.fill(input, (byte) 0);
                Arrays.fill(encoded, (byte) 0);
            }
        }
    }

    private static void emit(byte[] encoded, int from, int to, Consumer<byte[]> out) {
        if (to > from) {
            byte[] form = Arrays.copyOfRange(encoded, from, to);
            out.accept(form);
            Arrays.fill(form, (byte) 0);
        }
    }
}

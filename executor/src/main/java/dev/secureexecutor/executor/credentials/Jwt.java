package dev.secureexecutor.executor.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secureexecutor.masking.Secret;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A JSON Web Token split into its parts: the header and claims as JSON (not secret on their own), the signing input
 * and the signature. Parsing works on the secret's bytes; the caller {@link #wipe() wipes} the copies.
 */
public final class Jwt {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Why a value is not a well-formed JWT; never contains the value. */
    public static final class MalformedException extends Exception {
        MalformedException(String reason) {
            super(reason, null, false, false);
        }
    }

    private final JsonNode header;
    private final JsonNode claims;
    private final byte[] signingInput;
    private final byte[] signature;

    private Jwt(JsonNode header, JsonNode claims, byte[] signingInput, byte[] signature) {
        this.header = header;
        this.claims = claims;
        this.signingInput = signingInput;
        this.signature = signature;
    }

    /** True for values shaped like a JWT at all: a base64url JSON object ({@code eyJ}) first. */
    public static boolean looksLikeJwt(Secret value) {
        return value.length() > 3 && value.withBytes(b -> b[0] == 'e' && b[1] == 'y' && b[2] == 'J');
    }

    public static Jwt parse(Secret token) throws MalformedException {
        byte[] bytes = token.bytes();
        try {
            int first = indexOf(bytes, 0);
            int second = first < 0 ? -1 : indexOf(bytes, first + 1);
            if (first < 0 || second < 0 || indexOf(bytes, second + 1) >= 0) {
                throw new MalformedException("it does not have three dot-separated parts");
            }
            JsonNode header = json(decode(bytes, 0, first, "header"), "header");
            JsonNode claims = json(decode(bytes, first + 1, second, "claims"), "claims");
            byte[] signature = decode(bytes, second + 1, bytes.length, "signature");
            if (!header.path("alg").isTextual() || header.path("alg").asText().isEmpty()) {
                throw new MalformedException("its header names no algorithm (alg)");
            }
            if (signature.length == 0) {
                throw new MalformedException("it has no signature");
            }
            return new Jwt(header, claims, Arrays.copyOf(bytes, second), signature);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    public String algorithm() {
        return header.path("alg").asText();
    }

    /** The header's {@code kid}, or empty. */
    public String keyId() {
        return header.path("kid").asText("");
    }

    public JsonNode claims() {
        return claims;
    }

    /** {@code base64url(header) + "." + base64url(claims)}: what the signature covers. */
    byte[] signingInput() {
        return signingInput;
    }

    byte[] signature() {
        return signature;
    }

    public void wipe() {
        Arrays.fill(signingInput, (byte) 0);
        Arrays.fill(signature, (byte) 0);
    }

    private static byte[] decode(byte[] bytes, int from, int to, String part) throws MalformedException {
        if (to <= from) {
            throw new MalformedException("its " + part + " part is empty");
        }
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            boolean ok =
                    (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '_';
            if (!ok) {
                throw new MalformedException("its " + part + " part is not base64url");
            }
        }
        try {
            return Base64.getUrlDecoder().decode(Arrays.copyOfRange(bytes, from, to));
        } catch (IllegalArgumentException e) {
            throw new MalformedException("its " + part + " part is not base64url");
        }
    }

    private static JsonNode json(byte[] decoded, String part) throws MalformedException {
        try {
            JsonNode node = JSON.readTree(decoded);
            if (node == null || !node.isObject()) {
                throw new MalformedException("its " + part + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new MalformedException("its " + part + " is not valid JSON");
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '.') {
                return i;
            }
        }
        return -1;
    }
}

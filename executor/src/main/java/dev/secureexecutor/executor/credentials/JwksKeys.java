package dev.secureexecutor.executor.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secureexecutor.sandbox.DriverFailure;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The public keys of a JWKS file (GitLab serves its own at {@code /oauth/discovery/keys}) and JWS signature
 * verification with them: RS256 ({@code SHA256withRSA}) and ES256 (P-256; JWS carries the raw {@code R||S}, which
 * the JDK's {@code SHA256withECDSAinP1363Format} takes as is). Keys of other types are ignored.
 */
public final class JwksKeys {
    /** One usable key. */
    record Key(String kid, String alg, PublicKey publicKey) {}

    private final Path source;
    private final List<Key> keys;

    private JwksKeys(Path source, List<Key> keys) {
        this.source = source;
        this.keys = List.copyOf(keys);
    }

    public static JwksKeys load(Path file) throws DriverFailure {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw refuse(
                    "the policy's jwks_file " + file + " cannot be read as JSON ("
                            + e.getClass().getSimpleName() + ")",
                    "save GitLab's https://<gitlab>/oauth/discovery/keys there,"
                            + " readable by the gitlab-runner user, or set jwks_file = \"\"");
        }
        List<Key> keys = new ArrayList<>();
        for (JsonNode k : root.path("keys")) {
            try {
                Key key = key(k);
                if (key != null) {
                    keys.add(key);
                }
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // a key this driver cannot use is skipped; a JWKS without any usable key is reported below
            }
        }
        if (keys.isEmpty()) {
            throw refuse(
                    "the policy's jwks_file " + file + " holds no RSA or P-256 signing key",
                    "save GitLab's https://<gitlab>/oauth/discovery/keys there, or set jwks_file = \"\"");
        }
        return new JwksKeys(file, keys);
    }

    /** An unusable JWKS refuses every job of the host: its id_tokens could not be verified as the policy says. */
    private static DriverFailure refuse(String problem, String remedy) {
        return DriverFailure.refusal(DriverFailure.Kind.SYSTEM, DriverFailure.Refusal.HOST_SETUP, problem, remedy);
    }

    public Path source() {
        return source;
    }

    /** Null when the signature verifies; otherwise why not (no secret in it). */
    String verify(Jwt jwt) {
        String alg = jwt.algorithm();
        String javaAlg;
        String kty;
        if (alg.equals("RS256")) {
            javaAlg = "SHA256withRSA";
            kty = "RSA";
        } else if (alg.equals("ES256")) {
            javaAlg = "SHA256withECDSAinP1363Format";
            kty = "EC";
        } else {
            return "it is signed with " + (alg.length() > 16 ? alg.substring(0, 16) : alg)
                    + ", and this runner accepts only RS256 and ES256";
        }
        String kid = jwt.keyId();
        boolean anyKey = false;
        for (Key key : keys) {
            if (!key.publicKey().getAlgorithm().equals(kty)
                    || (!kid.isEmpty() && !kid.equals(key.kid()))
                    || (!key.alg().isEmpty() && !key.alg().equals(alg))) {
                continue;
            }
            anyKey = true;
            try {
                Signature s = Signature.getInstance(javaAlg);
                s.initVerify(key.publicKey());
                s.update(jwt.signingInput());
                if (s.verify(jwt.signature())) {
                    return null;
                }
            } catch (GeneralSecurityException e) {
                // a signature of the wrong shape does not verify
            }
        }
        if (!anyKey) {
            return "no " + alg + " key" + (kid.isEmpty() ? "" : " with kid '" + kid + "'") + " is in " + source;
        }
        return "its signature does not verify against the keys in " + source;
    }

    private static Key key(JsonNode k) throws GeneralSecurityException {
        String kid = k.path("kid").asText("");
        String alg = k.path("alg").asText("");
        if (!k.path("use").asText("sig").equals("sig")) {
            return null;
        }
        switch (k.path("kty").asText("")) {
            case "RSA": {
                RSAPublicKeySpec spec = new RSAPublicKeySpec(unsigned(k, "n"), unsigned(k, "e"));
                return new Key(kid, alg, KeyFactory.getInstance("RSA").generatePublic(spec));
            }
            case "EC": {
                if (!k.path("crv").asText("").equals("P-256")) {
                    return null;
                }
                AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
                params.init(new ECGenParameterSpec("secp256r1"));
                ECParameterSpec curve = params.getParameterSpec(ECParameterSpec.class);
                ECPoint point = new ECPoint(unsigned(k, "x"), unsigned(k, "y"));
                return new Key(
                        kid, alg, KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, curve)));
            }
            default:
                return null;
        }
    }

    private static BigInteger unsigned(JsonNode k, String field) {
        String text = k.path(field).asText("");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return new BigInteger(1, Base64.getUrlDecoder().decode(text));
    }
}

package dev.secureexecutor.executor.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * Signs id_tokens the way GitLab does (RS256, or ES256 with the raw {@code R||S} signature JWS uses), with keys made
 * in the test, and writes the matching JWKS. For tests of the driver's id_token checks.
 */
public final class JwtSigner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final String alg;
    private final String kid;
    private final KeyPair keys;

    private JwtSigner(String alg, String kid, KeyPair keys) {
        this.alg = alg;
        this.kid = kid;
        this.keys = keys;
    }

    public static JwtSigner rs256(String kid) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return new JwtSigner("RS256", kid, g.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JwtSigner es256(String kid) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return new JwtSigner("ES256", kid, g.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims GitLab puts in an id_token, valid for an hour from now. */
    public static ObjectNode claims(String issuer, String audience) {
        long now = System.currentTimeMillis() / 1000;
        ObjectNode c = JSON.createObjectNode();
        c.put("iss", issuer);
        c.put("aud", audience);
        c.put("sub", "project_path:group/project:ref_type:branch:ref:main");
        c.put("jti", java.util.UUID.randomUUID().toString());
        c.put("iat", now);
        c.put("nbf", now - 5);
        c.put("exp", now + 3600);
        return c;
    }

    public String sign(ObjectNode claims) {
        ObjectNode header = JSON.createObjectNode();
        header.put("alg", alg);
        header.put("typ", "JWT");
        header.put("kid", kid);
        String input = part(header) + "." + part(claims);
        try {
            Signature s = Signature.getInstance(alg.equals("RS256") ? "SHA256withRSA" : "SHA256withECDSAinP1363Format");
            s.initSign(privateKey());
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64URL.encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A JWKS document holding the public keys of {@code signers}. */
    public static String jwks(JwtSigner... signers) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode keys = root.putArray("keys");
        for (JwtSigner s : signers) {
            ObjectNode k = keys.addObject();
            k.put("kid", s.kid);
            k.put("use", "sig");
            k.put("alg", s.alg);
            PublicKey pub = s.keys.getPublic();
            if (pub instanceof RSAPublicKey rsa) {
                k.put("kty", "RSA");
                k.put("n", unsigned(rsa.getModulus(), 0));
                k.put("e", unsigned(rsa.getPublicExponent(), 0));
            } else {
                ECPublicKey ec = (ECPublicKey) pub;
                k.put("kty", "EC");
                k.put("crv", "P-256");
                k.put("x", unsigned(ec.getW().getAffineX(), 32));
                k.put("y", unsigned(ec.getW().getAffineY(), 32));
            }
        }
        return root.toString();
    }

    private PrivateKey privateKey() {
        return keys.getPrivate();
    }

    private static String part(ObjectNode node) {
        return B64URL.encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String unsigned(BigInteger n, int length) {
        byte[] b = n.toByteArray();
        if (b.length > 1 && b[0] == 0) {
            b = Arrays.copyOfRange(b, 1, b.length);
        }
        if (length > b.length) {
            byte[] padded = new byte[length];
            System.arraycopy(b, 0, padded, length - b.length, b.length);
            b = padded;
        }
        return B64URL.encodeToString(b);
    }
}

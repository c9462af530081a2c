package dev.secureexecutor.sandbox.pool;

import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.policy.EngineSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * An engine's CA, client certificate and client key, read from the paths in the policy. The key file must not be
 * readable by anyone but its owner (0600 or 0400): whoever reads it can drive that engine, which is root there.
 * Messages name files and problems, never key material.
 */
record EngineCredentials(List<X509Certificate> ca, List<X509Certificate> chain, PrivateKey key) {
    private static final Set<PosixFilePermission> GROUP_OR_OTHER = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    static EngineCredentials load(EngineSpec engine) throws DriverFailure {
        java.util.Optional<String> keyProblem = keyFileProblem(Path.of(engine.key()));
        if (keyProblem.isPresent()) {
            throw DriverFailure.system(
                    "engine " + engine.describe() + ": " + keyProblem.get(),
                    "chmod 0600 the key, owned by the gitlab-runner user");
        }
        return new EngineCredentials(
                certificates(engine, engine.ca(), "CA"),
                certificates(engine, engine.cert(), "client certificate"),
                privateKey(engine));
    }

    /** Why the key file may not be used: missing, not a regular file, or readable beyond its owner. */
    static java.util.Optional<String> keyFileProblem(Path key) {
        try {
            if (!Files.isRegularFile(key)) {
                return java.util.Optional.of("the client key " + key + " is not a regular file");
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(key);
            perms.retainAll(GROUP_OR_OTHER);
            if (!perms.isEmpty()) {
                return java.util.Optional.of("the client key " + key + " is accessible to its group or to others ("
                        + java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(key))
                        + "): whoever reads it is root on that engine; chmod 0600 it");
            }
            return java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.of("the client key " + key + " cannot be checked ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    static List<X509Certificate> certificates(EngineSpec engine, String path, String what) throws DriverFailure {
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            List<X509Certificate> certs = new ArrayList<>();
            for (java.security.cert.Certificate c :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certs.add((X509Certificate) c);
            }
            if (certs.isEmpty()) {
                throw new CertificateException("no certificate");
            }
            return certs;
        } catch (IOException | CertificateException e) {
            throw DriverFailure.system(
                    "engine " + engine.describe() + ": the " + what + " " + path
                            + " cannot be read as PEM certificates ("
                            + e.getClass().getSimpleName() + ")",
                    "point engines." + (what.equals("CA") ? "ca" : "cert") + " at a readable PEM file");
        }
    }

    private static PrivateKey privateKey(EngineSpec engine) throws DriverFailure {
        try (Reader r = Files.newBufferedReader(Path.of(engine.key()), StandardCharsets.US_ASCII);
                PEMParser pem = new PEMParser(r)) {
            Object o = pem.readObject();
            JcaPEMKeyConverter convert = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair pair) {
                return convert.getKeyPair(pair).getPrivate();
            }
            if (o instanceof PrivateKeyInfo info) {
                return convert.getPrivateKey(info);
            }
            throw DriverFailure.system(
                    "engine " + engine.describe() + ": the client key " + engine.key()
                            + " is not an unencrypted PEM private key ("
                            + (o == null ? "empty" : o.getClass().getSimpleName())
                            + ")",
                    "use the PEM key dockerd's client certificate was made for, without a passphrase");
        } catch (IOException e) {
            throw DriverFailure.system(
                    "engine " + engine.describe() + ": the client key " + engine.key() + " cannot be read ("
                            + e.getClass().getSimpleName() + ")",
                    "make it readable by the gitlab-runner user only (chmod 0600)");
        }
    }
}

package dev.secureexecutor.executor.sim;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away certificate authority for tests of remote engines over mutual TLS, made with Bouncy Castle (no
 * openssl): EC P-256 keys, a CA, server certificates with IP/DNS subject alternative names, client certificates
 * with any validity window. Keys are written 0600.
 */
public final class TestPki {
    /** A certificate and its key pair. */
    public record Issued(X509Certificate cert, KeyPair keys) {
        public void write(Path certFile, Path keyFile) throws IOException {
            pem(certFile, cert);
            Files.deleteIfExists(keyFile);
            Files.createFile(
                    keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                pem(keyFile, new JcaPKCS8Generator(keys.getPrivate(), null).generate()); // "PRIVATE KEY"
            } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
                throw new IOException(e);
            }
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Issued ca;

    private TestPki(Issued ca) {
        this.ca = ca;
    }

    public static TestPki newCa(String name) {
        KeyPair keys = keyPair();
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=" + name);
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                subject,
                serial(),
                Date.from(now.minus(Duration.ofHours(1))),
                Date.from(now.plus(Duration.ofDays(30))),
                subject,
                keys.getPublic());
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new TestPki(new Issued(sign(b, keys), keys));
    }

    public X509Certificate caCert() {
        return ca.cert();
    }

    public void writeCa(Path file) throws IOException {
        pem(file, ca.cert());
    }

    /** A server certificate for dockerd, valid for the given IP addresses and DNS names. */
    public Issued server(String name, List<String> ips, List<String> dnsNames) {
        List<GeneralName> sans = new ArrayList<>();
        for (String ip : ips) {
            sans.add(new GeneralName(GeneralName.iPAddress, ip));
        }
        for (String dns : dnsNames) {
            sans.add(new GeneralName(GeneralName.dNSName, dns));
        }
        Instant now = Instant.now();
        return issue(
                name,
                now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(10)),
                KeyPurposeId.id_kp_serverAuth,
                sans);
    }

    /** A client certificate for the driver, valid from {@code notBefore} to {@code notAfter}. */
    public Issued client(String name, Instant notBefore, Instant notAfter) {
        return issue(name, notBefore, notAfter, KeyPurposeId.id_kp_clientAuth, List.of());
    }

    private Issued issue(
            String name, Instant notBefore, Instant notAfter, KeyPurposeId purpose, List<GeneralName> sans) {
        KeyPair keys = keyPair();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                ca.cert(),
                serial(),
                Date.from(notBefore),
                Date.from(notAfter),
                new X500Name("CN=" + name),
                keys.getPublic());
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(
                    Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            if (!sans.isEmpty()) {
                b.addExtension(
                        Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(new GeneralName[0])));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new Issued(sign(b, ca.keys()), keys);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer) {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a test certificate", e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).add(BigInteger.ONE);
    }

    private static void pem(Path file, Object o) throws IOException {
        try (Writer w = Files.newBufferedWriter(file);
                JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(o);
        }
    }
}

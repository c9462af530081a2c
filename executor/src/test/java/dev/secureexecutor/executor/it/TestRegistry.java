package dev.secureexecutor.executor.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import dev.secureexecutor.executor.sim.HostAddress;
import dev.secureexecutor.sandbox.docker.DockerConnection;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.util.Comparator;
import java.util.Date;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Debian's {@code docker-registry} on this host's eth0 address (so Docker does not treat it as an insecure loopback
 * registry) with htpasswd auth and TLS from a test CA made here with Bouncy Castle. The daemon trusts that CA for
 * this registry only, through {@code /etc/docker/certs.d/<host:port>/ca.crt} (read per pull: no restart). Images are
 * pushed with an in-memory docker-java AuthConfig, so no {@code docker login} writes a credential to disk.
 */
final class TestRegistry implements AutoCloseable {
    final String host;
    private final Path dir;
    private final Path certsDir;
    private final Process process;

    private TestRegistry(String host, Path dir, Path certsDir, Process process) {
        this.host = host;
        this.dir = dir;
        this.certsDir = certsDir;
        this.process = process;
    }

    static TestRegistry start(String user, String password) throws Exception {
        String ip = HostAddress.eth0();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(ip))) {
            port = s.getLocalPort();
        }
        String host = ip + ":" + port;
        Path dir = Files.createTempDirectory("test-registry");
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(256);
        KeyPair caKey = gen.generateKeyPair();
        KeyPair serverKey = gen.generateKeyPair();
        X500Name caName = new X500Name("CN=secure-executor test CA");
        X509Certificate ca = sign(caName, caName, caKey, caKey, true, null);
        X509Certificate server = sign(caName, new X500Name("CN=" + ip), serverKey, caKey, false, ip);
        Files.writeString(dir.resolve("ca.crt"), pem(ca));
        Files.writeString(dir.resolve("server.crt"), pem(server) + pem(ca));
        Files.writeString(dir.resolve("server.key"), pem(new JcaPKCS8Generator(serverKey.getPrivate(), null)));
        htpasswd(dir.resolve("htpasswd"), user, password);
        Files.writeString(
                dir.resolve("config.yml"),
                "version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n"
                        + "    rootdirectory: " + dir.resolve("data") + "\nhttp:\n  addr: " + host + "\n  tls:\n"
                        + "    certificate: " + dir.resolve("server.crt") + "\n    key: " + dir.resolve("server.key")
                        + "\n"
                        + "auth:\n  htpasswd:\n    realm: test\n    path: " + dir.resolve("htpasswd") + "\n");
        Path certsDir = Path.of("/etc/docker/certs.d", host);
        Files.createDirectories(certsDir);
        Files.copy(dir.resolve("ca.crt"), certsDir.resolve("ca.crt"));
        Process p = new ProcessBuilder(
                        "docker-registry", "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("registry.log").toFile())
                .start();
        TestRegistry registry = new TestRegistry(host, dir, certsDir, p);
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(ip, port), 200);
                return registry;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        String log = Files.readString(dir.resolve("registry.log"));
        registry.close();
        throw new IllegalStateException("docker-registry did not listen on " + host + ": " + log);
    }

    /** Pushes {@code image} (already tagged {@code host/...}) with in-memory credentials. */
    void push(String image, String user, String password) throws Exception {
        try (DockerClient docker = DockerConnection.open(DockerConnection.DEFAULT_HOST)) {
            AuthConfig auth = new AuthConfig()
                    .withRegistryAddress(host)
                    .withUsername(user)
                    .withPassword(password);
            ResultCallback.Adapter<PushResponseItem> done = docker.pushImageCmd(image)
                    .withAuthConfig(auth)
                    .exec(new ResultCallback.Adapter<>() {
                        @Override
                        public void onNext(PushResponseItem item) {
                            if (item.getErrorDetail() != null) {
                                onError(new IllegalStateException(
                                        "push failed: " + item.getErrorDetail().getMessage()));
                            }
                        }
                    });
            done.awaitCompletion(5, TimeUnit.MINUTES);
        }
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        Files.deleteIfExists(certsDir.resolve("ca.crt"));
        Files.deleteIfExists(certsDir);
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static X509Certificate sign(
            X500Name issuer, X500Name subject, KeyPair subjectKey, KeyPair issuerKey, boolean isCa, String ip)
            throws Exception {
        long now = System.currentTimeMillis();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                issuer,
                BigInteger.valueOf(now),
                new Date(now - 60_000),
                new Date(now + 86_400_000L),
                subject,
                subjectKey.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (isCa) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(
                    Extension.subjectAlternativeName,
                    false,
                    new GeneralNames(new GeneralName(GeneralName.iPAddress, ip)));
        }
        return new JcaX509CertificateConverter()
                .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey.getPrivate())));
    }

    private static String pem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(o);
        }
        return w.toString();
    }

    /** {@code htpasswd -iBn user}: the password goes on stdin, never in an argument. */
    private static void htpasswd(Path file, String user, String password) throws Exception {
        Process p = new ProcessBuilder("htpasswd", "-iBn", user)
                .redirectOutput(file.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (OutputStream in = p.getOutputStream()) {
            in.write(password.getBytes(StandardCharsets.UTF_8));
        }
        if (p.waitFor() != 0) {
            throw new IllegalStateException("htpasswd failed");
        }
    }
}

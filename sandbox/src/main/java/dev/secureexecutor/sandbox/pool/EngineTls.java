package dev.secureexecutor.sandbox.pool;

import com.github.dockerjava.transport.SSLConfig;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Mutual TLS to one engine: the engine's certificate must chain to the pool's CA alone (not the JVM's public CAs)
 * and name the endpoint's host; the client certificate and key prove the driver; TLS 1.2+ only
 * ({@link StrictTlsContext}). The in-memory key store's password is random and never leaves this object.
 */
final class EngineTls implements SSLConfig {
    private final EngineCredentials credentials;

    EngineTls(EngineCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public SSLContext getSSLContext()
            throws java.security.KeyManagementException, UnrecoverableKeyException, NoSuchAlgorithmException,
                    KeyStoreException {
        char[] password = new char[24];
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < password.length; i++) {
            password[i] = (char) ('a' + random.nextInt(26));
        }
        try {
            KeyStore trust = emptyStore();
            int n = 0;
            for (X509Certificate ca : credentials.ca()) {
                trust.setCertificateEntry("ca-" + n++, ca);
            }
            KeyStore keys = emptyStore();
            keys.setKeyEntry(
                    "client", credentials.key(), password, credentials.chain().toArray(new X509Certificate[0]));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), random);
            return new StrictTlsContext(context);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    private static KeyStore emptyStore() throws KeyStoreException, NoSuchAlgorithmException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (java.io.IOException | java.security.cert.CertificateException e) {
            throw new KeyStoreException("cannot create an in-memory key store", e);
        }
        return store;
    }
}

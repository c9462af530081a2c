package dev.secureexecutor.sandbox.pool;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An {@link SSLContext} whose every socket and engine speaks TLS 1.2 or 1.3 only and checks the server's host name
 * against its certificate ({@code HTTPS} endpoint identification), whatever the JVM's {@code java.security} or the
 * HTTP client would otherwise allow. The remote engine's API carries stage scripts holding the job token.
 */
final class StrictTlsContext extends SSLContext {
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    StrictTlsContext(SSLContext delegate) {
        super(new Spi(delegate), delegate.getProvider(), delegate.getProtocol());
    }

    static SSLParameters restrict(SSLParameters p) {
        p.setProtocols(Arrays.stream(p.getProtocols() == null ? PROTOCOLS : p.getProtocols())
                .filter(x -> Arrays.asList(PROTOCOLS).contains(x))
                .toArray(String[]::new));
        p.setEndpointIdentificationAlgorithm("HTTPS");
        return p;
    }

    private static final class Spi extends SSLContextSpi {
        private final SSLContext delegate;

        Spi(SSLContext delegate) {
            this.delegate = delegate;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
            delegate.init(km, tm, sr);
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return new Factory(delegate.getSocketFactory());
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw new UnsupportedOperationException("a client context");
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            SSLEngine e = delegate.createSSLEngine();
            e.setSSLParameters(restrict(e.getSSLParameters()));
            return e;
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            SSLEngine e = delegate.createSSLEngine(host, port);
            e.setSSLParameters(restrict(e.getSSLParameters()));
            return e;
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return delegate.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return delegate.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return restrict(delegate.getDefaultSSLParameters());
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return restrict(delegate.getSupportedSSLParameters());
        }
    }

    private static final class Factory extends SSLSocketFactory {
        private final SSLSocketFactory delegate;

        Factory(SSLSocketFactory delegate) {
            this.delegate = delegate;
        }

        private static Socket strict(Socket s) {
            SSLSocket ssl = (SSLSocket) s;
            ssl.setSSLParameters(restrict(ssl.getSSLParameters()));
            return ssl;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return strict(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return strict(delegate.createSocket(s, host, port, autoClose));
        }

        @Override
        public Socket createSocket(Socket s, InputStream consumed, boolean autoClose) throws IOException {
            return strict(delegate.createSocket(s, consumed, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return strict(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return strict(delegate.createSocket(host, port, local, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return strict(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            return strict(delegate.createSocket(host, port, local, localPort));
        }
    }
}

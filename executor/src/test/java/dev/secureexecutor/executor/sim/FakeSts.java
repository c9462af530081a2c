package dev.secureexecutor.executor.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * A stand-in for AWS STS {@code AssumeRoleWithWebIdentity} on this machine: a POST whose form body carries a
 * JWT-shaped {@code WebIdentityToken} gets fresh random temporary credentials (obviously test data: the secret and
 * the session token start with {@code TESTONLY}) in the JSON shape {@code aws sts} prints. Every issued value is
 * recorded, so a test can search the log and the host for them.
 */
public final class FakeSts implements AutoCloseable {
    private static final Pattern WEB_IDENTITY =
            Pattern.compile("(^|&)WebIdentityToken=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+(&|$)");
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private final SecureRandom random = new SecureRandom();
    private final HttpServer server;
    private final String host;
    private final List<String> issued = new CopyOnWriteArrayList<>();

    private FakeSts(HttpServer server, String host) {
        this.server = server;
        this.host = host;
    }

    public static FakeSts start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("0.0.0.0", 0), 4);
        FakeSts sts = new FakeSts(server, HostAddress.eth0());
        server.createContext("/", sts::handle);
        server.start();
        return sts;
    }

    /** {@code host:port} as a job container reaches it. */
    public String address() {
        return host + ":" + server.getAddress().getPort();
    }

    /** Every credential value issued so far (key ids, secrets, session tokens). */
    public List<String> issued() {
        return List.copyOf(issued);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        byte[] response;
        int status;
        if (exchange.getRequestMethod().equals("POST")
                && WEB_IDENTITY.matcher(body).find()) {
            String id = "ASIA" + random(BASE32, 16);
            String secret = "TESTONLY" + random(BASE64, 32);
            String session = "TESTONLY" + random(BASE64, 300);
            issued.addAll(List.of(id, secret, session));
            response = ("{\"Credentials\": {\"AccessKeyId\": \"" + id + "\", \"SecretAccessKey\": \"" + secret
                            + "\", \"SessionToken\": \"" + session + "\", \"Expiration\": \"2026-12-04T18:00:00Z\"},"
                            + " \"Audience\": \"sts.amazonaws.com\"}")
                    .getBytes(StandardCharsets.UTF_8);
            status = 200;
        } else {
            response = "{\"Error\": \"InvalidIdentityToken\"}".getBytes(StandardCharsets.UTF_8);
            status = 400;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Connection", "close");
        exchange.sendResponseHeaders(status, response.length);
        exchange.getResponseBody().write(response);
        exchange.close();
    }

    private String random(String alphabet, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

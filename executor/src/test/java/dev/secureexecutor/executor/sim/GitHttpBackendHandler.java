package dev.secureexecutor.executor.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Smart-HTTP git, GitLab style: every request must carry Basic {@code gitlab-ci-token:<token>} with a token valid for
 * the project (else 401 with {@code WWW-Authenticate: Basic realm="GitLab"}); accepted requests go to
 * {@code git http-backend} as a CGI (read-only: receive-pack is switched off).
 */
final class GitHttpBackendHandler implements HttpHandler {
    private static final Pattern REPO_PATH = Pattern.compile("^/([A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+)\\.git(/.*)?$");
    private static final int MAX_REQUEST_BODY = 32 * 1024 * 1024;
    private static final long CGI_TIMEOUT_SECONDS = 60;

    private final Path projectRoot;
    private final GitLabTokens tokens;
    private final Function<String, Boolean> projectExists;

    GitHttpBackendHandler(Path projectRoot, GitLabTokens tokens, Function<String, Boolean> projectExists) {
        this.projectRoot = projectRoot;
        this.tokens = tokens;
        this.projectExists = projectExists;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Matcher m = REPO_PATH.matcher(path);
            if (!m.matches() || path.contains("..") || !projectExists.apply(m.group(1))) {
                send(exchange, 404, "The page could not be found.\n");
                return;
            }
            Optional<BasicCredentials> credentials =
                    BasicCredentials.parse(exchange.getRequestHeaders().getFirst("Authorization"));
            if (!tokens.authenticate(credentials, m.group(1), path)) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"GitLab\"");
                send(exchange, 401, "HTTP Basic: Access denied\n");
                return;
            }
            runCgi(exchange, path);
        } catch (RuntimeException e) {
            // keep the server alive; the client sees a 500
            send(exchange, 500, "internal error\n");
        }
    }

    private void runCgi(HttpExchange exchange, String path) throws IOException {
        byte[] body = readBounded(exchange.getRequestBody());
        ProcessBuilder pb = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", projectRoot.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("GIT_CONFIG_COUNT", "1");
        env.put("GIT_CONFIG_KEY_0", "http.receivepack");
        env.put("GIT_CONFIG_VALUE_0", "false");
        env.put("GIT_PROJECT_ROOT", projectRoot.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("GATEWAY_INTERFACE", "CGI/1.1");
        env.put("SERVER_PROTOCOL", "HTTP/1.1");
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put("PATH_INFO", path);
        env.put(
                "QUERY_STRING",
                Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""));
        env.put("REMOTE_USER", "gitlab-ci-token");
        env.put("AUTH_TYPE", "Basic");
        env.put("REMOTE_ADDR", exchange.getRemoteAddress().getAddress().getHostAddress());
        env.put("CONTENT_LENGTH", Integer.toString(body.length));
        copyHeader(exchange, "Content-Type", env, "CONTENT_TYPE");
        copyHeader(exchange, "Content-Encoding", env, "HTTP_CONTENT_ENCODING");
        copyHeader(exchange, "Git-Protocol", env, "HTTP_GIT_PROTOCOL");
        copyHeader(exchange, "Git-Protocol", env, "GIT_PROTOCOL");
        Process cgi = pb.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Thread feeder = new Thread(
                () -> {
                    try (OutputStream in = cgi.getOutputStream()) {
                        in.write(body);
                    } catch (IOException e) {
                        // the backend stopped reading; its response tells why
                    }
                },
                "fake-gitlab-cgi-stdin");
        feeder.setDaemon(true);
        feeder.start();
        try (InputStream out = cgi.getInputStream()) {
            CgiResponse.relay(out, exchange);
            if (!cgi.waitFor(CGI_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                cgi.destroyForcibly();
            }
        } catch (InterruptedException e) {
            cgi.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            if (cgi.isAlive()) {
                cgi.destroyForcibly();
            }
        }
    }

    private static void copyHeader(HttpExchange exchange, String header, Map<String, String> env, String var) {
        String value = exchange.getRequestHeaders().getFirst(header);
        if (value != null) {
            env.put(var, value);
        }
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[16384];
        int n;
        while ((n = in.read(chunk)) > 0) {
            if (buf.size() + n > MAX_REQUEST_BODY) {
                throw new IOException("request body over " + MAX_REQUEST_BODY + " bytes");
            }
            buf.write(chunk, 0, n);
        }
        return buf.toByteArray();
    }

    static void send(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}

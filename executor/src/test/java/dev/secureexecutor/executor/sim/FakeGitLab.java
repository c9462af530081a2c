package dev.secureexecutor.executor.sim;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A GitLab that only serves git over smart HTTP, for job containers: binds 0.0.0.0 on an ephemeral port, is reached
 * at the host's eth0 address, accepts only {@code gitlab-ci-token:<token>} for tokens of currently running jobs, and
 * remembers which tokens authenticated. At most {@value #THREADS} requests at a time; {@link #close()} stops it.
 */
public final class FakeGitLab implements AutoCloseable {
    private static final int THREADS = 8;

    private final Path root;
    private final String host;
    private final HttpServer server;
    private final ExecutorService pool;
    private final GitLabTokens tokens = new GitLabTokens();
    private final Map<String, String> shaByProject = new ConcurrentHashMap<>();

    private FakeGitLab(Path root, String host, HttpServer server, ExecutorService pool) {
        this.root = root;
        this.host = host;
        this.server = server;
        this.pool = pool;
    }

    /** Starts on the host's eth0 address (what containers can reach). */
    public static FakeGitLab start() throws IOException {
        return start(HostAddress.eth0());
    }

    /** Starts listening on all interfaces; {@code advertisedHost} is the address put into URLs. */
    public static FakeGitLab start(String advertisedHost) throws IOException {
        Path root = Files.createTempDirectory("fake-gitlab");
        HttpServer server = HttpServer.create(new InetSocketAddress("0.0.0.0", 0), 16);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "fake-gitlab-http");
            t.setDaemon(true);
            return t;
        });
        FakeGitLab gitlab = new FakeGitLab(root, advertisedHost, server, pool);
        server.createContext("/", new GitHttpBackendHandler(root, gitlab.tokens, gitlab.shaByProject::containsKey));
        server.setExecutor(pool);
        server.start();
        return gitlab;
    }

    /** Creates {@code group/project} with the default README and build.sh; returns the sha of {@code main}. */
    public String addProject(String projectPath) throws IOException {
        return addProject(projectPath, BareRepository.DEFAULT_FILES);
    }

    public String addProject(String projectPath, Map<String, String> files) throws IOException {
        String sha = BareRepository.create(root, projectPath, files);
        shaByProject.put(projectPath, sha);
        return sha;
    }

    /** {@code http://<host>:<port>}: CI_SERVER_URL for jobs. */
    public URI url() {
        return URI.create("http://" + host + ":" + server.getAddress().getPort());
    }

    /** The job's token is valid (for its project) while the job runs. */
    public void registerJob(JobSpec job) {
        tokens.register(job.token(), job.projectPath());
    }

    public void unregisterJob(JobSpec job) {
        tokens.unregister(job.token());
    }

    public void registerToken(String token, String projectPath) {
        tokens.register(token, projectPath);
    }

    public Set<String> authenticatedTokens() {
        return tokens.authenticatedTokens();
    }

    /** How many requests this token authenticated successfully. */
    public int successfulRequests(String token) {
        return tokens.successesFor(token);
    }

    /** How many requests carried credentials that were refused. */
    public int rejectedRequests() {
        return tokens.rejected().size();
    }

    @Override
    public void close() throws IOException {
        server.stop(0);
        pool.shutdownNow();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RunnerTempDir.delete(root);
    }
}

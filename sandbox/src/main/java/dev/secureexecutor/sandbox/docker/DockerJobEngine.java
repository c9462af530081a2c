package dev.secureexecutor.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AuthConfig;
import dev.secureexecutor.masking.Secret;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.JobIdentity;
import dev.secureexecutor.sandbox.checks.DaemonFacts;
import dev.secureexecutor.sandbox.engine.ContainerSpec;
import dev.secureexecutor.sandbox.engine.ExecResult;
import dev.secureexecutor.sandbox.engine.ExecSpec;
import dev.secureexecutor.sandbox.engine.ImageRef;
import dev.secureexecutor.sandbox.engine.JobEngine;
import dev.secureexecutor.sandbox.engine.ManagedResource;
import dev.secureexecutor.sandbox.engine.PullRequest;
import dev.secureexecutor.sandbox.engine.Removal;
import dev.secureexecutor.sandbox.policy.JobAddressPool;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@link JobEngine} on docker-java: each operation is one step class of this package over one {@link DockerClient}
 * (one connection pool), which this engine owns and closes.
 */
public final class DockerJobEngine implements JobEngine {
    private final DockerClient docker;

    public DockerJobEngine(DockerClient docker) {
        this.docker = docker;
    }

    /** The daemon at {@code endpoint}; a TCP endpoint without verified TLS is refused before any byte is sent. */
    public static DockerJobEngine open(DockerEndpoint endpoint) throws DriverFailure {
        return new DockerJobEngine(DockerConnection.open(endpoint));
    }

    @Override
    public DaemonFacts daemonFacts() throws DriverFailure {
        return new ReadDaemonFactsStep(docker).call();
    }

    @Override
    public ImageRef ensureImage(String image, String pullPolicy) throws DriverFailure {
        return new EnsureImageStep(docker, image, pullPolicy).call();
    }

    @Override
    public ImageRef ensureImage(String image, PullRequest request) throws DriverFailure {
        PullRequest.RegistryLogin login = request.login();
        AuthConfig auth = login == null
                ? null
                : new AuthConfig()
                        .withRegistryAddress(login.registry())
                        .withUsername(login.username())
                        .withPassword(login.password());
        return new EnsureImageStep(
                        docker, image, request.pullPolicies(), auth, request.verifyAccess(), request.progress())
                .call();
    }

    @Override
    public String createJobNetwork(JobIdentity job, Map<String, String> labels, JobAddressPool pool)
            throws DriverFailure {
        return new CreateJobNetworkStep(docker, job, labels, pool).call().subnet();
    }

    @Override
    public String startContainer(ContainerSpec spec) throws DriverFailure {
        return new CreateJobContainerStep(docker, spec).call();
    }

    @Override
    public ExecResult exec(ExecSpec spec, InputStream stdin, OutputStream out, OutputStream err) throws DriverFailure {
        return new DockerExec(docker).run(spec, stdin, out, err);
    }

    @Override
    public int runScript(
            String container, String user, String workingDir, byte[] script, OutputStream out, OutputStream err)
            throws DriverFailure {
        return new ExecScriptStep(docker, container, user, workingDir).call(script, out, err);
    }

    @Override
    public int runScript(
            String container,
            String user,
            String workingDir,
            List<String> entrypoint,
            byte[] script,
            OutputStream out,
            OutputStream err)
            throws DriverFailure {
        return new ExecScriptStep(docker, container, user, workingDir, entrypoint).call(script, out, err);
    }

    @Override
    public void writeSecretFiles(String container, String user, String directory, List<Secret> secrets)
            throws DriverFailure {
        new WriteSecretFilesStep(docker, container, user, directory).call(secrets);
    }

    @Override
    public boolean stopProcesses(String container, String user, Duration grace) {
        return new StopScriptProcessesStep(docker, container, user).call((int) Math.max(1, grace.toSeconds()));
    }

    @Override
    public boolean oomKilledSince(String container, Instant since) {
        return new OomCheckStep(docker, container).call(since);
    }

    @Override
    public List<ManagedResource> listManaged(Map<String, String> labels) throws DriverFailure {
        return new ListManagedStep(docker, labels).call();
    }

    @Override
    public Removal removeJob(JobIdentity job) throws DriverFailure {
        return new RemoveJobResourcesStep(docker, job).call();
    }

    @Override
    public void close() {
        try {
            docker.close();
        } catch (IOException e) {
            // nothing is left to release: the connection pool is gone either way
        }
    }
}

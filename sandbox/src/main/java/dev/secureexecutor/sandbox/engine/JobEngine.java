package dev.secureexecutor.sandbox.engine;

import dev.secureexecutor.masking.Secret;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.JobIdentity;
import dev.secureexecutor.sandbox.checks.DaemonFacts;
import dev.secureexecutor.sandbox.policy.JobAddressPool;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The seam between the driver's stages and a container engine: everything {@code prepare}, {@code run},
 * {@code cleanup} and {@code gc} ask of Docker, in the driver's own types (no engine library type crosses it).
 * {@code sandbox.docker.DockerJobEngine} implements it on docker-java; tests use an in-memory fake.
 *
 * <p>Containers, networks and volumes are found by the labels they were created with ({@code Labels}), never by a
 * name the engine remembers, so one engine instance may serve one stage (today: one process per stage) or every
 * stage of a job (a warm agent), several containers of one job may share its network (service sidecars) and
 * {@link #removeJob} removes them all. Which engine serves a job (the local socket, a remote daemon over mutual TLS)
 * is decided by whoever opens it ({@link EngineFactory}); nothing here assumes a local daemon.
 *
 * <p>Every failure is a {@link DriverFailure} an admin can act on; the best-effort methods say so and never throw.
 */
public interface JobEngine extends AutoCloseable {
    /** Names that {@link #writeSecretFiles} accepts: variable names only, as they become file names. */
    Pattern SECRET_FILE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    /** What the engine says about itself (security options, runtimes, version), for the host checks. */
    DaemonFacts daemonFacts() throws DriverFailure;

    /** Makes sure {@code image} is present, pulling it only as {@code pullPolicy} allows. */
    ImageRef ensureImage(String image, String pullPolicy) throws DriverFailure;

    /**
     * Creates the job's own network (no inter-container traffic) on a free /24 of {@code pool}, its bridge named
     * after it (what the host's egress rules key on); returns the subnet.
     */
    String createJobNetwork(JobIdentity job, Map<String, String> labels, JobAddressPool pool) throws DriverFailure;

    /**
     * Makes sure {@code image} is present as {@code request} says: policies tried in order, the job's registry login
     * for pulls, cached private images re-authorised by a pull. Engines that cannot pull with a login refuse here.
     */
    default ImageRef ensureImage(String image, PullRequest request) throws DriverFailure {
        if (request.login() == null
                && !request.verifyAccess()
                && request.pullPolicies().size() == 1) {
            return ensureImage(image, request.pullPolicies().get(0));
        }
        throw DriverFailure.system(
                "this container engine cannot pull with registry credentials or pull policy lists",
                "use the Docker engine, or pre-load the image and set image.pull_policy = \"never\"");
    }

    /** Creates and starts a container; returns its id. */
    String startContainer(ContainerSpec spec) throws DriverFailure;

    /**
     * Runs one command in a running container, copying {@code stdin} (nullable) to it and its stdout and stderr to
     * {@code out} and {@code err} (nullable: discarded) as they come. Waits for the command, or for the spec's
     * timeout.
     */
    ExecResult exec(ExecSpec spec, InputStream stdin, OutputStream out, OutputStream err) throws DriverFailure;

    /**
     * Runs a stage script with {@code bash} in the container, as {@code user} in {@code workingDir}: the script
     * (which holds every job secret) travels on the exec's stdin only, never as a file or an argument.
     *
     * @return the script's exit code
     * @throws DriverFailure when the container, the engine or the exec fails rather than the script
     */
    int runScript(String container, String user, String workingDir, byte[] script, OutputStream out, OutputStream err)
            throws DriverFailure;

    /**
     * As {@link #runScript(String, String, String, byte[], OutputStream, OutputStream)}, with {@code entrypoint}
     * ({@link JobEntrypoint}) in front of the shell; the script still travels on stdin only.
     */
    default int runScript(
            String container,
            String user,
            String workingDir,
            List<String> entrypoint,
            byte[] script,
            OutputStream out,
            OutputStream err)
            throws DriverFailure {
        if (!entrypoint.isEmpty()) {
            throw DriverFailure.system(
                    "this container engine cannot run an image entrypoint",
                    "use the Docker engine, or set image: entrypoint: [\"\"] in the job");
        }
        return runScript(container, user, workingDir, script, out, err);
    }

    /**
     * Writes each secret to {@code directory/<name>} (mode 0400, owned by {@code user}) in the running container,
     * over an exec's stdin. Names must match {@link #SECRET_FILE_NAME}.
     */
    void writeSecretFiles(String container, String user, String directory, List<Secret> secrets) throws DriverFailure;

    /**
     * Stops every process of {@code user} in the container (SIGTERM, {@code grace}, SIGKILL); the container stays.
     * Best effort: false when this could not be done or confirmed in time.
     */
    boolean stopProcesses(String container, String user, Duration grace);

    /** Whether the kernel's OOM killer struck in the container since {@code since}. Best effort: false on error. */
    boolean oomKilledSince(String container, Instant since);

    /** The containers and networks carrying every one of {@code labels}, with all their labels. */
    List<ManagedResource> listManaged(Map<String, String> labels) throws DriverFailure;

    /**
     * Removes every container, network and volume labelled for {@code job}, then counts by label what is left.
     * What is already gone counts as removed, so this is safe to repeat.
     */
    Removal removeJob(JobIdentity job) throws DriverFailure;

    /** Releases the connection; never throws. */
    @Override
    void close();
}

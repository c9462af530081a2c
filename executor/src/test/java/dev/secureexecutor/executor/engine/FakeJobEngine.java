package dev.secureexecutor.executor.engine;

import dev.secureexecutor.masking.Secret;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.JobIdentity;
import dev.secureexecutor.sandbox.Labels;
import dev.secureexecutor.sandbox.checks.DaemonFacts;
import dev.secureexecutor.sandbox.engine.ContainerSpec;
import dev.secureexecutor.sandbox.engine.ExecResult;
import dev.secureexecutor.sandbox.engine.ExecSpec;
import dev.secureexecutor.sandbox.engine.ImageRef;
import dev.secureexecutor.sandbox.engine.JobEngine;
import dev.secureexecutor.sandbox.engine.ManagedResource;
import dev.secureexecutor.sandbox.engine.Removal;
import dev.secureexecutor.sandbox.policy.JobAddressPool;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory {@link JobEngine} for fast tests of the stages: it keeps containers and networks with their labels,
 * records every call in order ({@link #calls()}), and plays back what a test scripted (daemon facts, images present,
 * a stage script's output and exit code, an OOM, resources that refuse to go). Like Docker, creating a container
 * whose name exists fails, and removal by label removes every container and network of the job.
 */
public final class FakeJobEngine implements JobEngine {
    /** A container or network the fake holds. */
    public record Resource(ManagedResource.Kind kind, String name, Map<String, String> labels, ContainerSpec spec) {}

    /** What a stage script does when run: its output, then (after {@code block}, if any) its exit code. */
    public interface Script {
        int run(byte[] script, OutputStream out, OutputStream err) throws IOException, InterruptedException;
    }

    public static final DaemonFacts SAFE_DAEMON =
            new DaemonFacts("24.0.7", List.of("name=seccomp,profile=builtin"), Set.of("runc"), "2");

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Resource> resources = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, ImageRef> images = new LinkedHashMap<>();
    private final List<String> stuck = new ArrayList<>();
    private final List<byte[]> scripts = new CopyOnWriteArrayList<>();
    private final Map<String, String> secretFiles = new LinkedHashMap<>();
    private DaemonFacts facts = SAFE_DAEMON;
    private Script script = (s, out, err) -> 0;
    private boolean oom;
    private volatile boolean stopped;
    private volatile boolean closed;

    public FakeJobEngine withImage(String reference) {
        images.put(reference, new ImageRef(reference, "sha256:" + "ab".repeat(32), List.of()));
        return this;
    }

    public FakeJobEngine withFacts(DaemonFacts facts) {
        this.facts = facts;
        return this;
    }

    public FakeJobEngine withScript(Script script) {
        this.script = script;
        return this;
    }

    public FakeJobEngine withOom() {
        this.oom = true;
        return this;
    }

    /** Adds a container and a network labelled as {@code labels} say (as an earlier prepare would have left). */
    public FakeJobEngine withJobResources(String name, Map<String, String> labels) {
        resources.put(name, new Resource(ManagedResource.Kind.CONTAINER, name, Map.copyOf(labels), null));
        resources.put(
                name + "-net", new Resource(ManagedResource.Kind.NETWORK, name + "-net", Map.copyOf(labels), null));
        return this;
    }

    /** The resource named so cannot be removed (the daemon keeps it): removal reports it as remaining. */
    public FakeJobEngine withStuck(String name) {
        stuck.add(name);
        return this;
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** The first word of each call, in order. */
    public List<String> verbs() {
        return calls.stream().map(c -> c.split(" ", 2)[0]).toList();
    }

    public Map<String, Resource> resources() {
        synchronized (resources) {
            return Map.copyOf(resources);
        }
    }

    public List<byte[]> scripts() {
        return List.copyOf(scripts);
    }

    /** File name to value, as written into the container's secrets directory. */
    public Map<String, String> secretFiles() {
        return Map.copyOf(secretFiles);
    }

    public boolean stopped() {
        return stopped;
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public DaemonFacts daemonFacts() {
        calls.add("daemonFacts");
        return facts;
    }

    @Override
    public ImageRef ensureImage(String image, String pullPolicy) throws DriverFailure {
        calls.add("ensureImage " + image + " " + pullPolicy);
        ImageRef ref = images.get(image);
        if (ref == null) {
            throw DriverFailure.refusal(
                    DriverFailure.Kind.SYSTEM,
                    DriverFailure.Refusal.IMAGE,
                    "image '" + image + "' is not on the fake engine",
                    "add it with withImage");
        }
        return ref;
    }

    @Override
    public String createJobNetwork(JobIdentity job, Map<String, String> labels, JobAddressPool pool) {
        calls.add("createJobNetwork " + job.networkName());
        resources.put(
                job.networkName(),
                new Resource(ManagedResource.Kind.NETWORK, job.networkName(), Map.copyOf(labels), null));
        return pool.subnet(0);
    }

    @Override
    public String startContainer(ContainerSpec spec) throws DriverFailure {
        calls.add("startContainer " + spec.name());
        if (resources.containsKey(spec.name())) {
            throw DriverFailure.system(
                    "cannot create the job container: Conflict: name " + spec.name() + " is already in use",
                    "remove it");
        }
        resources.put(spec.name(), new Resource(ManagedResource.Kind.CONTAINER, spec.name(), spec.labels(), spec));
        return "id-" + spec.name();
    }

    @Override
    public ExecResult exec(ExecSpec spec, InputStream stdin, OutputStream out, OutputStream err) throws DriverFailure {
        calls.add("exec " + spec.container() + " " + String.join(" ", spec.command()));
        requireContainer(spec.container());
        return ExecResult.exited(0);
    }

    @Override
    public int runScript(
            String container, String user, String workingDir, byte[] body, OutputStream out, OutputStream err)
            throws DriverFailure {
        calls.add("runScript " + container + " " + user + " " + workingDir);
        requireContainer(container);
        scripts.add(body.clone());
        try {
            return script.run(body, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DriverFailure.system("interrupted while the stage script ran", "the runner stopped the stage");
        }
    }

    @Override
    public void writeSecretFiles(String container, String user, String directory, List<Secret> secrets)
            throws DriverFailure {
        List<String> names = secrets.stream().map(Secret::name).toList();
        calls.add("writeSecretFiles " + container + " " + user + " " + directory + " " + names);
        requireContainer(container);
        for (Secret s : secrets) {
            if (!SECRET_FILE_NAME.matcher(s.name()).matches()) {
                throw new IllegalArgumentException("not a variable name: " + s.name());
            }
            secretFiles.put(s.name(), s.withBytes(b -> new String(b, StandardCharsets.UTF_8)));
        }
    }

    @Override
    public boolean stopProcesses(String container, String user, Duration grace) {
        calls.add("stopProcesses " + container + " " + user + " " + grace.toSeconds() + "s");
        stopped = true;
        return true;
    }

    @Override
    public boolean oomKilledSince(String container, Instant since) {
        calls.add("oomKilledSince " + container);
        return oom;
    }

    @Override
    public List<ManagedResource> listManaged(Map<String, String> labels) {
        calls.add("listManaged " + new java.util.TreeMap<>(labels));
        synchronized (resources) {
            return resources.values().stream()
                    .filter(r -> r.labels().entrySet().containsAll(labels.entrySet()))
                    .map(r -> new ManagedResource(r.kind(), r.name(), r.labels()))
                    .toList();
        }
    }

    @Override
    public Removal removeJob(JobIdentity job) {
        calls.add("removeJob " + job.jobId());
        Map<String, String> selector = new LinkedHashMap<>();
        Labels.filterFor(job).forEach(f -> selector.put(f.split("=", 2)[0], f.split("=", 2)[1]));
        int containers = 0;
        int networks = 0;
        int remaining = 0;
        synchronized (resources) {
            for (Resource r : List.copyOf(resources.values())) {
                if (!r.labels().entrySet().containsAll(selector.entrySet())) {
                    continue;
                }
                if (r.kind() == ManagedResource.Kind.CONTAINER) {
                    containers++;
                } else {
                    networks++;
                }
                if (stuck.contains(r.name())) {
                    remaining++;
                } else {
                    resources.remove(r.name());
                }
            }
        }
        return new Removal(containers, networks, 0, remaining);
    }

    @Override
    public void close() {
        calls.add("close");
        closed = true;
    }

    private void requireContainer(String container) throws DriverFailure {
        Resource r = resources.get(container);
        if (r == null || r.kind() != ManagedResource.Kind.CONTAINER) {
            throw DriverFailure.system(
                    "the job container " + container + " does not exist",
                    "prepare did not run or cleanup already removed it; retry the job");
        }
    }
}

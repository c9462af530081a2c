package dev.secureexecutor.sandbox.pool;

import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.JobIdentity;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The driver's private record of which engine each job of this runner host runs on: one 0600 file per job (named by
 * GitLab host and job id, holding the engine's name only, never a secret) in a 0700 directory. {@code prepare}
 * writes it under a lock before anything is created on the engine; {@code run} and {@code cleanup} read it; a
 * successful {@code cleanup} deletes it; {@code gc} deletes stale ones.
 */
public final class EngineChoiceStore {
    /** One record: the job's file name and the engine it names. */
    public record Entry(String file, String engine, Instant written) {}

    private final Path dir;

    public EngineChoiceStore(Path dir) {
        this.dir = dir;
    }

    /** Holds the pool's lock while a {@code prepare} counts engines and records its choice. */
    public <T> T locked(Locked<T> action) throws DriverFailure {
        ensureDir();
        try (FileChannel ch =
                FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = ch.lock();
            try {
                return action.run();
            } finally {
                lock.release();
            }
        } catch (IOException e) {
            throw failure("lock", e);
        }
    }

    public void record(JobIdentity job, String engine) throws DriverFailure {
        ensureDir();
        Path file = dir.resolve(fileName(job));
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, engine + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw failure("write", e);
        }
    }

    public Optional<String> engineOf(JobIdentity job) throws DriverFailure {
        Path file = dir.resolve(fileName(job));
        try {
            return Files.isRegularFile(file)
                    ? Optional.of(Files.readString(file).trim())
                    : Optional.empty();
        } catch (IOException e) {
            throw failure("read", e);
        }
    }

    public void forget(JobIdentity job) throws DriverFailure {
        forget(fileName(job));
    }

    public void forget(String file) throws DriverFailure {
        try {
            Files.deleteIfExists(dir.resolve(file));
        } catch (IOException e) {
            throw failure("delete", e);
        }
    }

    /**
     * {@code gc}: forgets the records of {@code engine} whose job has nothing on it and that are older than
     * {@code grace} (their prepare failed or their runner died before cleanup). Returns how many.
     */
    public int sweepStale(String engine, java.util.Set<String> jobsOnEngine, java.time.Duration grace)
            throws DriverFailure {
        int n = 0;
        Instant before = Instant.now().minus(grace);
        for (Entry e : entries()) {
            if (e.engine().equals(engine)
                    && !jobsOnEngine.contains(e.file())
                    && e.written().isBefore(before)) {
                forget(e.file());
                n++;
            }
        }
        return n;
    }

    public List<Entry> entries() throws DriverFailure {
        List<Entry> all = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return all;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".engine"))
                    .toList()) {
                FileTime t = Files.getLastModifiedTime(f);
                all.add(new Entry(
                        f.getFileName().toString(), Files.readString(f).trim(), t.toInstant()));
            }
        } catch (IOException e) {
            throw failure("list", e);
        }
        return all;
    }

    /** The record's file name for a job: GitLab host and job id, characters outside {@code [A-Za-z0-9.-]} as '_'. */
    public static String fileName(JobIdentity job) {
        return job.gitlabHost().replaceAll("[^A-Za-z0-9.-]", "_") + "_" + job.jobId() + ".engine";
    }

    private void ensureDir() throws DriverFailure {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(
                        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw failure("create", e);
        }
    }

    private DriverFailure failure(String what, IOException e) {
        return DriverFailure.system(
                "cannot " + what + " the engine records in " + dir + " ("
                        + e.getClass().getSimpleName() + ")",
                "make " + dir.getParent() + " writable by the gitlab-runner"
                        + " user only (the package creates it 0700)");
    }

    /** Work done while holding the lock. */
    @FunctionalInterface
    public interface Locked<T> {
        T run() throws DriverFailure;
    }
}

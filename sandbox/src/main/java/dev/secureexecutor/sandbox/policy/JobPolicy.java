package dev.secureexecutor.sandbox.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The resources and isolation every job container gets. Keys that could only weaken isolation (privileged, host
 * namespaces, binds, devices, security options) are not here: {@link PolicySchema} knows them only to refuse them.
 *
 * @param user {@code uid:gid} the job's processes run as; never 0, never a host account
 * @param memory memory limit (swap is set equal, so no swap), e.g. {@code 2g}
 * @param cpus CPU limit in cores
 * @param pids maximum number of processes
 * @param nofile the open-files ulimit (soft and hard)
 * @param nproc the processes-per-user ulimit (soft and hard)
 * @param buildsDir where builds live inside the container (a tmpfs)
 * @param cacheDir where the cache lives inside the container (a tmpfs)
 * @param tmpfsBuilds size of the builds tmpfs
 * @param tmpfsTmp size of {@code /tmp}
 * @param tmpfsHome size of the job user's home
 * @param network {@code isolated} (a fresh bridge per job, inter-container traffic off) or {@code none}
 * @param runtime the OCI runtime: {@code runc} or {@code runsc} (gVisor)
 * @param capAdd capabilities given back after dropping all; only from the short allowlist
 */
public record JobPolicy(
        @JsonProperty("user") String user,
        @JsonProperty("memory") String memory,
        @JsonProperty("cpus") Double cpus,
        @JsonProperty("pids") Long pids,
        @JsonProperty("nofile") Long nofile,
        @JsonProperty("nproc") Long nproc,
        @JsonProperty("builds_dir") String buildsDir,
        @JsonProperty("cache_dir") String cacheDir,
        @JsonProperty("tmpfs_builds") String tmpfsBuilds,
        @JsonProperty("tmpfs_tmp") String tmpfsTmp,
        @JsonProperty("tmpfs_home") String tmpfsHome,
        @JsonProperty("network") String network,
        @JsonProperty("runtime") String runtime,
        @JsonProperty("cap_add") List<String> capAdd) {

    /** No host account has it (prepare refuses a job.user that is one); images need no passwd entry for it. */
    public static final String DEFAULT_USER = "100000:100000";

    public JobPolicy {
        user = orDefault(user, DEFAULT_USER);
        memory = orDefault(memory, "2g");
        cpus = cpus == null ? 2.0 : cpus;
        pids = pids == null ? 1024L : pids;
        nofile = nofile == null ? 4096L : nofile;
        nproc = nproc == null ? 8192L : nproc;
        buildsDir = orDefault(buildsDir, "/builds");
        cacheDir = orDefault(cacheDir, "/cache");
        tmpfsBuilds = orDefault(tmpfsBuilds, "4g");
        tmpfsTmp = orDefault(tmpfsTmp, "1g");
        tmpfsHome = orDefault(tmpfsHome, "256m");
        network = orDefault(network, "isolated");
        runtime = orDefault(runtime, "runc");
        capAdd = capAdd == null ? List.of() : List.copyOf(capAdd);
    }

    static JobPolicy defaults() {
        return new JobPolicy(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** The job user's home directory inside the container, a tmpfs. */
    public String home() {
        return "/home/job";
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}

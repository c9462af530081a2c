package dev.secureexecutor.sandbox;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Ulimit;
import dev.secureexecutor.sandbox.policy.ByteSize;
import dev.secureexecutor.sandbox.policy.Capabilities;
import dev.secureexecutor.sandbox.policy.JobPolicy;
import dev.secureexecutor.sandbox.policy.Policy;
import dev.secureexecutor.sandbox.policy.RunnerPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job container's isolation, derived only from the policy. Nothing a job sends can widen it.
 *
 * <p>The container's own process (an init plus {@code sleep infinity}) runs as {@link #KEEPER_USER}, a different
 * uid from the job user: the job's processes can neither signal nor trace it, and {@code kill -1} from the job user
 * (used to stop a cancelled stage) leaves the container alive for {@code after_script}.
 */
public final class ContainerProfile {
    /** Where the job's secret files live when the policy asks for them: a 0700 tmpfs of the job user. */
    public static final String SECRETS_DIR = "/run/secrets";

    /** nobody:nogroup: owns the keep-alive process only. */
    public static final String KEEPER_USER = "65534:65534";

    private final Policy policy;

    public ContainerProfile(Policy policy) {
        this.policy = policy;
    }

    public HostConfig hostConfig(String networkName) {
        JobPolicy job = policy.job();
        long memory = ByteSize.parse(job.memory());
        HostConfig host = HostConfig.newHostConfig()
                .withPrivileged(false)
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges:true"))
                .withReadonlyRootfs(true)
                .withTmpFs(
                        tmpfs(job, policy.cache().size(), policy.credentials().secretFiles()))
                .withMemory(memory)
                .withMemorySwap(memory)
                .withNanoCPUs((long) (job.cpus() * 1_000_000_000L))
                .withPidsLimit(job.pids())
                .withUlimits(List.of(
                        new Ulimit("nofile", job.nofile(), job.nofile()),
                        new Ulimit("nproc", job.nproc(), job.nproc()),
                        new Ulimit("core", 0L, 0L)))
                .withIpcMode("private")
                .withCgroupnsMode("private")
                .withNetworkMode(networkName)
                .withInit(true)
                .withLogConfig(new LogConfig(LogConfig.LoggingType.NONE))
                .withRestartPolicy(RestartPolicy.noRestart())
                .withAutoRemove(false)
                .withBinds(binds());
        if (!job.capAdd().isEmpty()) {
            // only allowlisted names reach here (PolicyValidator refuses the rest); checked again as a last line
            host.withCapAdd(job.capAdd().stream()
                    .map(Capabilities::normalize)
                    .filter(Capabilities::allowed)
                    .map(Capability::valueOf)
                    .toArray(Capability[]::new));
        }
        if (!"runc".equals(job.runtime())) {
            host.withRuntime(job.runtime());
        }
        return host;
    }

    /** Environment set at create time: nothing secret ever goes here (it is stored on the host's disk). */
    public List<String> environment() {
        return List.of(
                "HOME=" + policy.job().home(), "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    }

    /** One line for the job log saying what isolation the job got. */
    public String summary(String image, String networkName) {
        JobPolicy job = policy.job();
        return "user " + job.user() + " (no host account), all capabilities dropped, no-new-privileges, "
                + syscalls(job)
                + ", read-only root, tmpfs " + job.buildsDir() + " " + job.tmpfsBuilds() + ", network " + networkName
                + ", memory " + job.memory() + " (no swap), " + job.cpus() + " CPUs, " + job.pids() + " pids,"
                + " runtime " + job.runtime()
                + (policy.credentials().secretFiles() ? ", secret files on tmpfs " + SECRETS_DIR : "") + ", image "
                + image;
    }

    /**
     * Under runc the job's system calls meet Docker's seccomp profile. runsc does not apply that profile to
     * {@code docker exec} processes, which is where jobs run; gVisor's own kernel serves their calls instead.
     */
    private static String syscalls(JobPolicy job) {
        return "runc".equals(job.runtime())
                ? "default seccomp"
                : "system calls served by gVisor's kernel (not Docker's" + " seccomp profile)";
    }

    private static Map<String, String> tmpfs(JobPolicy job, String cacheSize, boolean secretFiles) {
        String owner = ownerOptions(job.user());
        Map<String, String> mounts = new LinkedHashMap<>();
        mounts.put(job.buildsDir(), "rw,exec,nosuid,nodev,size=" + job.tmpfsBuilds() + owner + ",mode=0700");
        mounts.put(job.cacheDir(), "rw,exec,nosuid,nodev,size=" + cacheSize + owner + ",mode=0700");
        mounts.put(job.home(), "rw,exec,nosuid,nodev,size=" + job.tmpfsHome() + owner + ",mode=0700");
        mounts.put("/tmp", "rw,exec,nosuid,nodev,size=" + job.tmpfsTmp() + ",mode=1777");
        if (secretFiles) {
            mounts.put(SECRETS_DIR, "rw,noexec,nosuid,nodev,size=16m" + owner + ",mode=0700");
        }
        return mounts;
    }

    private static String ownerOptions(String user) {
        String[] ids = user.split(":", 2);
        return ",uid=" + ids[0] + ",gid=" + (ids.length > 1 ? ids[1] : ids[0]);
    }

    private List<Bind> binds() {
        List<Bind> binds = new ArrayList<>();
        String binary = policy.runner().gitlabRunnerBinary();
        if (!binary.isEmpty()) {
            binds.add(Bind.parse(binary + ":" + RunnerPolicy.BINARY_IN_CONTAINER + ":ro"));
        }
        return binds;
    }
}

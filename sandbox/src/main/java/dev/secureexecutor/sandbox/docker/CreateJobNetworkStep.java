package dev.secureexecutor.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Network;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.JobIdentity;
import dev.secureexecutor.sandbox.Labels;
import dev.secureexecutor.sandbox.policy.JobAddressPool;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Creates the job's own bridge network with inter-container traffic off, so no two jobs (and no job and any other
 * container) share a network. Its subnet is a free /24 of the job address pool and its bridge is named after it
 * ({@code sej-<index>}), which is what the host's egress rules key on. Two prepares racing for one /24 are told
 * apart by Docker (overlapping pool or bridge name): the loser takes the next free one.
 */
public final class CreateJobNetworkStep {
    private static final int ATTEMPTS = 8;

    /** The network as created: its name and subnet. */
    public record Created(String name, String subnet) {}

    private final DockerClient docker;
    private final JobIdentity job;
    private final Map<String, String> labels;
    private final JobAddressPool pool;

    public CreateJobNetworkStep(DockerClient docker, JobIdentity job, Map<String, String> labels, JobAddressPool pool) {
        this.docker = docker;
        this.job = job;
        this.labels = labels;
        this.pool = pool;
    }

    public Created call() throws DriverFailure {
        Set<Integer> used = usedIndexes();
        int start = (int) Math.floorMod(job.jobId(), (long) JobAddressPool.SUBNETS);
        RuntimeException last = null;
        for (int tried = 0, k = 0; tried < ATTEMPTS && k < JobAddressPool.SUBNETS; k++) {
            int index = (start + k) % JobAddressPool.SUBNETS;
            if (used.contains(index)) {
                continue;
            }
            tried++;
            try {
                create(index);
                return new Created(job.networkName(), pool.subnet(index));
            } catch (DockerException e) {
                if (!isTaken(e)) {
                    throw DockerErrors.translate("create the job's network", e);
                }
                last = e;
            } catch (RuntimeException e) {
                throw DockerErrors.translate("create the job's network", e);
            }
        }
        throw DriverFailure.system(
                "no free /24 in the job address pool " + pool.cidr() + " for the job's network"
                        + (last == null ? " (all " + JobAddressPool.SUBNETS + " in use)" : ""),
                "run `secure-executor gc` to reap networks of dead jobs, or wait for running jobs to end");
    }

    private void create(int index) {
        docker.createNetworkCmd()
                .withName(job.networkName())
                .withDriver("bridge")
                .withCheckDuplicate(true)
                .withLabels(labels)
                .withIpam(new Network.Ipam()
                        .withConfig(new Network.Ipam.Config()
                                .withSubnet(pool.subnet(index))
                                .withGateway(pool.gateway(index))))
                .withOptions(Map.of(
                        "com.docker.network.bridge.enable_icc",
                        "false",
                        "com.docker.network.bridge.name",
                        pool.bridgeName(index)))
                .exec();
    }

    /** Indexes of the pool's /24s that this host's job networks hold now. */
    private Set<Integer> usedIndexes() throws DriverFailure {
        Set<Integer> used = new HashSet<>();
        List<Network> networks;
        try {
            networks = docker.listNetworksCmd()
                    .withFilter("label", List.of(Labels.MANAGED + "=true"))
                    .exec();
        } catch (RuntimeException e) {
            throw DockerErrors.translate("list job networks", e);
        }
        for (Network n : networks) {
            if (n.getIpam() != null && n.getIpam().getConfig() != null) {
                n.getIpam().getConfig().forEach(c -> {
                    if (c.getSubnet() != null) {
                        pool.indexOf(c.getSubnet()).ifPresent(used::add);
                    }
                });
            }
        }
        return used;
    }

    private static boolean isTaken(DockerException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return m.contains("overlap") || m.contains("already") || m.contains("in use") || m.contains("exists");
    }
}

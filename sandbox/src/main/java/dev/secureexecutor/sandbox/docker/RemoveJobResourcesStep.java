package dev.secureexecutor.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.JobIdentity;
import dev.secureexecutor.sandbox.Labels;
import dev.secureexecutor.sandbox.engine.Removal;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Removes every container, network and volume labelled for one job, then checks by label that none is left.
 * A resource already gone (404) counts as removed, so this is safe to run twice, concurrently with a dying
 * {@code run}, or when nothing was ever prepared.
 */
public final class RemoveJobResourcesStep {
    private final DockerClient docker;
    private final List<String> filter;

    public RemoveJobResourcesStep(DockerClient docker, JobIdentity job) {
        this.docker = docker;
        this.filter = Labels.filterFor(job);
    }

    public Removal call() throws DriverFailure {
        try {
            int containers = removeContainers();
            int networks = removeNetworks();
            int volumes = removeVolumes();
            int remaining =
                    countContainers() + listNetworks().size() + listVolumes().size();
            return new Removal(containers, networks, volumes, remaining);
        } catch (RuntimeException e) {
            throw DockerErrors.translate("remove the job's containers", e);
        }
    }

    private int removeContainers() {
        List<String> ids = docker.listContainersCmd().withShowAll(true).withLabelFilter(labelMap()).exec().stream()
                .map(Container::getId)
                .toList();
        return removeEach(ids, id -> docker.removeContainerCmd(id)
                .withForce(true)
                .withRemoveVolumes(true)
                .exec());
    }

    private int removeNetworks() {
        return removeEach(listNetworks().stream().map(Network::getId).toList(), id -> docker.removeNetworkCmd(id)
                .exec());
    }

    private int removeVolumes() {
        return removeEach(listVolumes(), name -> docker.removeVolumeCmd(name).exec());
    }

    /** Removes each one in turn; one that is already gone (404) counts as removed. */
    private static int removeEach(List<String> ids, Consumer<String> remove) {
        for (String id : ids) {
            try {
                remove.accept(id);
            } catch (NotFoundException gone) {
                // removed meanwhile (a second cleanup, the dying run's container): counts as removed
            }
        }
        return ids.size();
    }

    private int countContainers() {
        return docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(labelMap())
                .exec()
                .size();
    }

    private List<Network> listNetworks() {
        return docker.listNetworksCmd().withFilter("label", filter).exec();
    }

    private List<String> listVolumes() {
        var response = docker.listVolumesCmd().withFilter("label", filter).exec();
        if (response.getVolumes() == null) {
            return List.of();
        }
        return response.getVolumes().stream().map(v -> v.getName()).toList();
    }

    private Map<String, String> labelMap() {
        return filter.stream()
                .map(f -> f.split("=", 2))
                .collect(java.util.stream.Collectors.toMap(kv -> kv[0], kv -> kv[1]));
    }
}

package dev.secureexecutor.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.engine.ManagedResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Lists the containers (running or not) and networks that carry every one of the given labels. */
public final class ListManagedStep {
    private final DockerClient docker;
    private final Map<String, String> labels;

    public ListManagedStep(DockerClient docker, Map<String, String> labels) {
        this.docker = docker;
        this.labels = Map.copyOf(labels);
    }

    public List<ManagedResource> call() throws DriverFailure {
        List<ManagedResource> found = new ArrayList<>();
        try {
            for (Container c : docker.listContainersCmd()
                    .withShowAll(true)
                    .withLabelFilter(labels)
                    .exec()) {
                found.add(new ManagedResource(ManagedResource.Kind.CONTAINER, c.getId(), c.getLabels()));
            }
            List<String> filter = labels.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .toList();
            for (Network n :
                    docker.listNetworksCmd().withFilter("label", filter).exec()) {
                found.add(new ManagedResource(ManagedResource.Kind.NETWORK, n.getId(), n.getLabels()));
            }
        } catch (RuntimeException e) {
            throw DockerErrors.translate("list this host's job containers", e);
        }
        return found;
    }
}

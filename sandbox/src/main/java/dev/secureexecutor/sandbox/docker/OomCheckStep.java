package dev.secureexecutor.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Event;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells whether the kernel's OOM killer struck in the job container since a stage started: Docker records an
 * {@code oom} event for the container when any process in its memory cgroup is killed (the container itself keeps
 * running, so {@code State.OOMKilled} is only set if the whole container died). Best effort: false on any error.
 */
public final class OomCheckStep {
    private final DockerClient docker;
    private final String container;

    public OomCheckStep(DockerClient docker, String container) {
        this.docker = docker;
        this.container = container;
    }

    public boolean call(Instant since) {
        try {
            InspectContainerResponse.ContainerState state =
                    docker.inspectContainerCmd(container).exec().getState();
            if (state != null && Boolean.TRUE.equals(state.getOOMKilled())) {
                return true;
            }
            AtomicBoolean seen = new AtomicBoolean();
            Instant until = Instant.now();
            docker.eventsCmd()
                    .withSince(stamp(since.minusSeconds(1)))
                    .withUntil(stamp(until))
                    .withContainerFilter(container)
                    .withEventFilter("oom")
                    .exec(new ResultCallback.Adapter<Event>() {
                        @Override
                        public void onNext(Event event) {
                            seen.set(true);
                        }
                    })
                    .awaitCompletion(5, TimeUnit.SECONDS);
            return seen.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String stamp(Instant t) {
        return t.getEpochSecond() + "." + String.format("%09d", t.getNano());
    }
}

package dev.secureexecutor.sandbox.docker;

import dev.secureexecutor.sandbox.DriverFailure;

/** Turns what docker-java throws into a {@link DriverFailure} an admin can act on. */
final class DockerErrors {
    private DockerErrors() {}

    static DriverFailure unreachable(String action, RuntimeException e) {
        return DriverFailure.system(
                "cannot " + action + ": the Docker daemon did not answer (" + rootMessage(e) + ")",
                "start dockerd (scripts/setup.sh does) and make its socket writable by the gitlab-runner user",
                e);
    }

    static DriverFailure failed(String action, RuntimeException e) {
        return DriverFailure.system(
                "cannot " + action + ": Docker said: " + rootMessage(e),
                "check the daemon's log; the job cannot run until Docker accepts this request",
                e);
    }

    /** True when the exception means the daemon could not be reached at all. */
    static boolean isConnectionFailure(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    static DriverFailure translate(String action, RuntimeException e) {
        return isConnectionFailure(e) ? unreachable(action, e) : failed(action, e);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null
                ? root.getClass().getSimpleName()
                : root.getMessage().strip();
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}

package dev.secureexecutor.sandbox;

import java.util.List;

/** Label keys put on every Docker resource the driver creates. */
public final class Labels {
    private static final String PREFIX = "dev.secureexecutor.";
    public static final String MANAGED = PREFIX + "managed";
    public static final String JOB_ID = PREFIX + "job-id";
    public static final String GITLAB_HOST = PREFIX + "gitlab-host";
    public static final String RUNNER = PREFIX + "runner";
    public static final String PROJECT = PREFIX + "project";
    public static final String HOST = PREFIX + "host";
    public static final String CREATED = PREFIX + "created";
    public static final String DEADLINE = PREFIX + "deadline";
    public static final String ISOLATION = PREFIX + "isolation";

    private Labels() {}

    /** Docker label filters ({@code key=value}) that select exactly one job's resources. */
    public static List<String> filterFor(JobIdentity job) {
        return List.of(MANAGED + "=true", JOB_ID + "=" + job.jobId(), GITLAB_HOST + "=" + job.gitlabHost());
    }
}

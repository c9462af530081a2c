package dev.secureexecutor.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class JobIdentityTest {
    private final JobIdentity job = new JobIdentity(42, "gitlab.example.com", "7", "g/p", "host1");

    @Test
    void containerNameIsDeterministicAndCarriesTheJobId() {
        assertEquals(job.containerName(), new JobIdentity(42, "gitlab.example.com", "8", "x/y", "h2").containerName());
        assertTrue(job.containerName().endsWith("-42"), job.containerName());
    }

    @Test
    void sameJobIdOnAnotherGitLabInstanceGetsAnotherContainer() {
        assertNotEquals(job.containerName(), new JobIdentity(42, "other.example.com", "7", "g/p", "h").containerName());
    }

    @Test
    void labelFilterSelectsTheJobOnItsInstance() {
        assertEquals(
                java.util.List.of(
                        "dev.secureexecutor.managed=true",
                        "dev.secureexecutor.job-id=42",
                        "dev.secureexecutor.gitlab-host=gitlab.example.com"),
                Labels.filterFor(job));
        assertEquals("g/p", job.labels().get(Labels.PROJECT));
    }
}

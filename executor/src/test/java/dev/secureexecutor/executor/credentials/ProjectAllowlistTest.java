package dev.secureexecutor.executor.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.sandbox.DriverFailure;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Attack stopped: a project nobody vetted for this runner (a fork, another group) runs jobs on it anyway. */
class ProjectAllowlistTest {
    @Test
    void singleStarStaysWithinOneSegmentDoubleStarCrossesThem() {
        assertTrue(ProjectAllowlist.matches("group/*", "group/project"));
        assertFalse(ProjectAllowlist.matches("group/*", "group/sub/project"));
        assertTrue(ProjectAllowlist.matches("group/**", "group/sub/project"));
        assertTrue(ProjectAllowlist.matches("group/**/tools", "group/tools"));
        assertTrue(ProjectAllowlist.matches("group/**/tools", "group/a/b/tools"));
        assertFalse(ProjectAllowlist.matches("group/*", "groupie/project"));
        assertFalse(ProjectAllowlist.matches("group/?roject", "group/sub/x"));
        assertTrue(ProjectAllowlist.matches("Group/Project", "group/project"));
        assertFalse(ProjectAllowlist.matches("group/project", "group/project-fork"));
    }

    @Test
    void projectOutsideTheListIsRefusedAsABuildFailure() {
        DriverFailure f = assertThrows(DriverFailure.class, () -> new ProjectAllowlist(List.of("platform/**"))
                .check(TestPayloads.with("attacker/fork", List.of())));
        assertEquals(DriverFailure.Kind.BUILD, f.kind());
        assertEquals(DriverFailure.Refusal.PROJECT, f.refusal().orElseThrow());
        assertTrue(f.problem().contains("attacker/fork"), f.problem());
        assertTrue(f.remedy().contains("allowed_projects"), f.remedy());
    }

    @Test
    void userVariableNamedCiProjectPathCannotSneakAForkIn() throws Exception {
        // GitLab's own path (job_info, the predefined variable) is attacker/fork; the job's author adds a
        // CI_PROJECT_PATH variable claiming an allowed project: every path in the payload must match
        String json = "{\"id\":1,\"job_info\":{\"project_full_path\":\"attacker/fork\"},\"variables\":["
                + "{\"key\":\"CI_PROJECT_PATH\",\"value\":\"attacker/fork\",\"public\":true},"
                + "{\"key\":\"CI_PROJECT_PATH\",\"value\":\"platform/app\",\"public\":true}]}";
        var payload = dev.secureexecutor.executor.job.PayloadReader.read(
                new java.io.ByteArrayInputStream(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "test payload");
        DriverFailure f =
                assertThrows(DriverFailure.class, () -> new ProjectAllowlist(List.of("platform/**")).check(payload));
        assertTrue(f.problem().contains("attacker/fork"), f.problem());
    }

    @Test
    void emptyListAllowsEveryProject() throws Exception {
        assertTrue(new ProjectAllowlist(List.of())
                .check(TestPayloads.with("any/thing", List.of()))
                .contains("not configured"));
    }
}

package dev.secureexecutor.executor.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The payload's image entrypoint and pull_policy (a list in GitLab's JobResponse; a string accepted too). */
class ImagePayloadTest {
    @Test
    void entrypointAndPullPolicyListsAreRead() throws Exception {
        JobPayload p = PayloadReaderTest.parse("{\"id\": 1, \"image\": {\"name\": \"img\", \"entrypoint\": [\"\"],"
                + " \"pull_policy\": [\"if-not-present\", \"always\"]}}");
        assertEquals(new JobPayload.Image("img", List.of(""), List.of("if-not-present", "always")), p.image());
    }

    @Test
    void aSinglePullPolicyStringAndAbsentFieldsAreAccepted() throws Exception {
        assertEquals(
                List.of("always"),
                PayloadReaderTest.parse("{\"image\": {\"pull_policy\": \"always\"}}")
                        .image()
                        .pullPolicy());
        JobPayload bare = PayloadReaderTest.parse("{\"image\": {\"name\": \"x\", \"pull_policy\": null}}");
        assertEquals(List.of(), bare.image().pullPolicy());
        assertEquals(List.of(), bare.image().entrypoint());
    }

    @Test
    void anEntrypointThatIsNotAListOfStringsIsRefusedAsABadPayload() {
        assertThrows(
                dev.secureexecutor.sandbox.DriverFailure.class,
                () -> PayloadReaderTest.parse("{\"image\": {\"entrypoint\": [1]}}"));
        assertThrows(
                dev.secureexecutor.sandbox.DriverFailure.class,
                () -> PayloadReaderTest.parse("{\"image\": {\"pull_policy\": {\"a\": 1}}}"));
    }
}

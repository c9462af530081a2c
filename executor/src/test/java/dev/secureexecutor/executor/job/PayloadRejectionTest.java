package dev.secureexecutor.executor.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.env.RunnerEnv;
import dev.secureexecutor.sandbox.DriverFailure;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A payload the driver cannot use is refused with a system failure that says which field is wrong and what it must
 * be, and how to fix it: no stack trace, no cause, and never a value from the payload (it may be a credential).
 */
class PayloadRejectionTest {
    /** Appears in every payload below, so that a message quoting the payload would show it. */
    private static final String SECRET = "glcbt-REJECTME0123456789";

    private static DriverFailure refused(String json) {
        return assertThrows(
                DriverFailure.class,
                () -> PayloadReader.read(
                        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                        "JOB_RESPONSE_FILE /tmp/r.json"));
    }

    private static void assertClear(DriverFailure f) {
        assertEquals(DriverFailure.Kind.SYSTEM, f.kind());
        assertTrue(f.problem().startsWith("JOB_RESPONSE_FILE /tmp/r.json "), f.problem());
        assertTrue(f.problem().contains("credentials"), "says why it matters: " + f.problem());
        assertTrue(f.remedy().contains("GitLab Runner 17"), f.remedy());
        assertNull(f.getCause());
        assertEquals(0, f.getStackTrace().length);
        assertFalse(f.problem().contains("REJECTME") || f.remedy().contains("REJECTME"), "leaks: " + f.problem());
        assertFalse(f.problem().contains("Exception"), "no exception names: " + f.problem());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "`\"id\": \"987\"` | field id must be a whole number, but is a string",
                "`\"id\": 9.5` | field id must be a whole number, but is a decimal number",
                "`\"id\": true` | field id must be a whole number, but is a boolean",
                "`\"id\": 123456789012345678901234567890` | field id must be a whole number within 64 bits",
                "`\"token\": 12345` | field token must be a string, but is a whole number",
                "`\"token\": {\"value\": \"x\"}` | field token must be a string, but is an object",
                "`\"token\": [\"x\"]` | field token must be a string, but is an array",
                "`\"job_info\": \"g/p\"` | field job_info must be an object, but is a string",
                "`\"job_info\": {\"project_full_path\": 5}` | field job_info.project_full_path must be a string, but is a whole number",
                "`\"job_info\": {\"project_id\": \"12\"}` | field job_info.project_id must be a whole number, but is a string",
                "`\"git_info\": {\"repo_url\": {\"u\": 1}}` | field git_info.repo_url must be a string, but is an object",
                "`\"runner_info\": {\"timeout\": \"600\"}` | field runner_info.timeout must be a whole number, but is a string",
                "`\"variables\": {\"key\": \"K\"}` | field variables must be an array, but is an object",
                "`\"variables\": [null]` | field variables[0] must be an object, but is null",
                "`\"variables\": [{}, \"K\"]` | field variables[1] must be an object, but is a string",
                "`\"variables\": [{}, {\"key\": \"K\", \"masked\": \"true\"}]` | field variables[1].masked must be true or false, but is a string",
                "`\"variables\": [{\"file\": 1}]` | field variables[0].file must be true or false, but is a whole number",
                "`\"variables\": [{\"value\": 5}]` | field variables[0].value must be a string, but is a whole number",
                "`\"variables\": [{\"key\": [\"K\"]}]` | field variables[0].key must be a string, but is an array",
                "`\"image\": \"debian\"` | field image must be an object, but is a string",
                "`\"image\": {\"name\": [\"debian\"]}` | field image.name must be a string, but is an array",
                "`\"dependencies\": [{\"id\": 1, \"token\": 7}]` | field dependencies[0].token must be a string, but is a whole number",
                "`\"credentials\": [{\"password\": [\"pw\"]}]` | field credentials[0].password must be a string, but is an array",
                "`\"features\": {\"token_mask_prefixes\": \"acme-\"}` | field features.token_mask_prefixes must be an array, but is a string",
                "`\"features\": {\"token_mask_prefixes\": [\"a\", 1]}` | field features.token_mask_prefixes[1] must be a string, but is a whole number",
                "`\"steps\": [{\"name\": \"script\", \"script\": [\"make\", null]}]` | field steps[0].script[1] must be a string, but is null",
                "`\"steps\": {}` | field steps must be an array, but is an object",
            })
    void aFieldOfTheWrongTypeIsRefusedByItsPath(String field, String expected) {
        DriverFailure f =
                refused("{\"id\": 1, \"token\": \"" + SECRET + "\", \"unknown\": {\"a\": [1]}, " + field + "}");
        assertClear(f);
        assertTrue(f.problem().contains("is not a job payload this driver can read: " + expected), f.problem());
    }

    @Test
    void aDocumentThatIsNotAnObjectIsRefused() {
        DriverFailure f = refused("[{\"token\": \"" + SECRET + "\"}]");
        assertClear(f);
        assertTrue(f.problem().contains("the payload must be an object, but is an array"), f.problem());
        assertTrue(refused("\"" + SECRET + "\"").problem().contains("the payload must be an object, but is a string"));
    }

    @Test
    void anEmptyFileIsRefused(@TempDir Path dir) throws Exception {
        Path file = Files.createFile(dir.resolve("response.json"));
        DriverFailure f = assertThrows(
                DriverFailure.class,
                () -> PayloadReader.read(new RunnerEnv(Map.of("JOB_RESPONSE_FILE", file.toString()))));
        assertEquals(DriverFailure.Kind.SYSTEM, f.kind());
        assertTrue(
                f.problem().contains(file + " is not a job payload this driver can read: the file is empty"),
                f.problem());
    }

    @Test
    void malformedJsonIsPlacedByLineAndColumnWithoutQuotingTheText() {
        DriverFailure f = refused("{\"id\": 1,\n \"token\": " + SECRET + "}");
        assertClear(f);
        assertTrue(f.problem().contains("is not valid JSON at line 2, column "), f.problem());
    }

    @Test
    void malformedJsonInsideAnUnknownFieldIsStillRefused() {
        DriverFailure f = refused("{\"id\": 1, \"token\": \"" + SECRET + "\", \"x\": {\"a\": [1, 2}}");
        assertClear(f);
        assertTrue(f.problem().contains("is not valid JSON at line 1"), f.problem());
    }

    @Test
    void aTruncatedPayloadSaysSo() {
        for (String json : new String[] {
            "{\"id\": 1, \"token\": \"" + SECRET + "\"",
            "{\"id\": 1, \"token\": \"" + SECRET,
            "{\"id\": 1, \"variables\": [{\"key\": \"K\", \"value\": \"" + SECRET + "\"}"
        }) {
            DriverFailure f = refused(json);
            assertClear(f);
            assertTrue(f.problem().contains("ends in the middle of its JSON at line 1"), f.problem());
        }
    }

    @Test
    void anUnreadableFileIsAReadProblemNotAFormatProblem(@TempDir Path dir) {
        DriverFailure f = assertThrows(
                DriverFailure.class,
                () -> PayloadReader.read(new RunnerEnv(Map.of("JOB_RESPONSE_FILE", dir.toString()))));
        assertEquals(DriverFailure.Kind.SYSTEM, f.kind());
        assertTrue(f.problem().contains(dir + " cannot be read"), f.problem());
    }

    @Test
    void aMissingFileNamesTheFix() {
        DriverFailure f = assertThrows(
                DriverFailure.class,
                () -> PayloadReader.read(new RunnerEnv(Map.of("JOB_RESPONSE_FILE", "/nonexistent/response.json"))));
        assertTrue(f.problem().contains("/nonexistent/response.json does not exist"), f.problem());
        assertTrue(f.remedy().contains("gitlab-runner"), f.remedy());
    }
}

package dev.secureexecutor.executor.job;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.secureexecutor.executor.env.RunnerEnv;
import dev.secureexecutor.sandbox.DriverFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads {@code JOB_RESPONSE_FILE}. A driver stage without it was not started by gitlab-runner. Every way the file
 * can be unusable ends in a {@link DriverFailure} that says what is wrong with it and where (a field's path, or a
 * line and column), never with a value from it: jackson's own messages are not used, because they quote the text
 * they stumbled on, and that text may be a credential.
 */
public final class PayloadReader {
    private static final String WHY = ", so the driver cannot tell which of the job's values are credentials to"
            + " keep inside the container and mask";
    private static final String FIX = "gitlab-runner writes this file from GitLab's job response: use GitLab Runner 17"
            + " or newer, and check that nothing else writes or edits JOB_RESPONSE_FILE";

    private PayloadReader() {}

    public static JobPayload read(RunnerEnv env) throws DriverFailure {
        Path path = env.jobResponseFile()
                .orElseThrow(() -> DriverFailure.system(
                        "JOB_RESPONSE_FILE is not set, so the job's payload cannot be read",
                        "run this stage from gitlab-runner (custom executor), which sets it"));
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, "JOB_RESPONSE_FILE " + path);
        } catch (NoSuchFileException e) {
            throw DriverFailure.system(
                    "JOB_RESPONSE_FILE " + path + " does not exist",
                    "run this stage from gitlab-runner, which writes the file before calling the driver");
        } catch (IOException e) {
            throw unreadable("JOB_RESPONSE_FILE " + path, e);
        }
    }

    /**
     * Parses a job payload from {@code in} (read to the end of the payload's object, not closed).
     *
     * @param source what {@code in} is, for messages, such as {@code "JOB_RESPONSE_FILE /tmp/x/response.json"}
     */
    public static JobPayload read(InputStream in, String source) throws DriverFailure {
        try (JsonParser json = new JsonFactory().createParser(in).disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)) {
            return new PayloadParser(json).parse();
        } catch (PayloadFormatException e) {
            throw DriverFailure.system(
                    source + " is not a job payload this driver can read: " + e.getMessage() + WHY, FIX);
        } catch (JsonEOFException e) {
            throw DriverFailure.system(
                    source + " ends in the middle of its JSON" + at(e.getLocation()) + " (was it truncated?)" + WHY,
                    FIX);
        } catch (StreamConstraintsException e) {
            throw DriverFailure.system(
                    source + " has a value beyond the JSON parser's size or nesting limits" + at(e.getLocation()) + WHY,
                    FIX);
        } catch (JsonProcessingException e) {
            throw DriverFailure.system(source + " is not valid JSON" + at(e.getLocation()) + WHY, FIX);
        } catch (IOException e) {
            throw unreadable(source, e);
        }
    }

    private static DriverFailure unreadable(String source, IOException e) {
        return DriverFailure.system(
                source + " cannot be read (" + e.getClass().getSimpleName() + ")",
                "check that the runner's user can read it; gitlab-runner writes it before calling the driver");
    }

    private static String at(JsonLocation where) {
        if (where == null || where.getLineNr() < 1) {
            return "";
        }
        return " at line " + where.getLineNr() + ", column " + where.getColumnNr();
    }
}

package dev.secureexecutor.executor.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secureexecutor.executor.env.RunnerEnv;
import dev.secureexecutor.sandbox.DriverFailure;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads {@code JOB_RESPONSE_FILE}. A driver stage without it was not started by gitlab-runner. */
public final class PayloadReader {
    private PayloadReader() {}

    public static JobPayload read(RunnerEnv env) throws DriverFailure {
        Path path = env.jobResponseFile().orElseThrow(() -> DriverFailure.system(
                "JOB_RESPONSE_FILE is not set, so the job's payload cannot be read",
                "run this stage from gitlab-runner (custom executor), which sets it"));
        try (InputStream in = Files.newInputStream(path)) {
            return new ObjectMapper().readValue(in, JobPayload.class);
        } catch (NoSuchFileException e) {
            throw DriverFailure.system("JOB_RESPONSE_FILE " + path + " does not exist",
                    "run this stage from gitlab-runner, which writes the file before calling the driver");
        } catch (IOException e) {
            throw DriverFailure.system("JOB_RESPONSE_FILE " + path + " is not a valid job payload ("
                    + e.getClass().getSimpleName() + ")", "check the runner version; this driver needs GitLab Runner 17 or newer");
        }
    }
}

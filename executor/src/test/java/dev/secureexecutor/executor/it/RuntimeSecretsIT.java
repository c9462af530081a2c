package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.sim.FakeSts;
import dev.secureexecutor.executor.sim.JobObserver;
import dev.secureexecutor.executor.sim.JobResult;
import dev.secureexecutor.executor.sim.JobSpec;
import dev.secureexecutor.executor.sim.JobStatus;
import dev.secureexecutor.executor.sim.JobVariable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Attack stopped: cloud credentials a job obtains at run time leaking into the job log or onto the host. The job
 * exchanges its id_token at a fake STS (over bash's /dev/tcp: the image has no curl), prints the response raw, the
 * credentials in ini form, registers two of them with {@code ::add-mask::}, and prints them again bare in the same
 * stage and, from a file on its tmpfs, in the after_script stage (another driver process).
 */
class RuntimeSecretsIT extends DockerTierTestBase {
    private static final Pattern DIRECTIVE = Pattern.compile("(^|[\\r\\n])::add-mask::");

    @Test
    void stsCredentialsAreMaskedInEveryFormAndStageAndNotLeftOnTheHost() throws Exception {
        try (FakeSts sts = FakeSts.start()) {
            // the job reaches the STS endpoint because the admin allows it; everything else stays gitlab-only
            Path policy = PolicyFiles.write(
                    Files.createTempDirectory("runtime-secrets"),
                    "[network]\negress = \"allowlist\"\nallow = [\"" + sts.address() + "\"]\n",
                    "");
            JobSpec job = newJob().variable(JobVariable.plain("STS_ADDR", sts.address()))
                    .script(
                            "body=\"Action=AssumeRoleWithWebIdentity&RoleArn=arn:aws:iam::123456789012:role/ci"
                                    + "&WebIdentityToken=$GITLAB_OIDC_TOKEN\"",
                            "exec 3<>\"/dev/tcp/${STS_ADDR%:*}/${STS_ADDR#*:}\"",
                            "printf 'POST / HTTP/1.0\\r\\nHost: sts\\r\\nContent-Length: %d\\r\\n\\r\\n%s' \"${#body}\""
                                    + " \"$body\" >&3",
                            "resp=$(cat <&3); exec 3>&-",
                            "json=${resp#*$'\\r\\n\\r\\n'}",
                            "echo \"raw response: $json\"",
                            "id=$(printf '%s' \"$json\" | sed -n 's/.*\"AccessKeyId\": \"\\([^\"]*\\)\".*/\\1/p')",
                            "key=$(printf '%s' \"$json\" | sed -n 's/.*\"SecretAccessKey\": \"\\([^\"]*\\)\".*/\\1/p')",
                            "token=$(printf '%s' \"$json\" | sed -n 's/.*\"SessionToken\": \"\\([^\"]*\\)\".*/\\1/p')",
                            "printf '[default]\\naws_access_key_id = %s\\naws_secret_access_key = %s\\naws_session_token"
                                    + " = %s\\n' \"$id\" \"$key\" \"$token\"",
                            "echo \"::add-mask::$key\"",
                            "echo \"::add-mask::$token\" >&2",
                            "echo \"bare key: $key\"; echo \"bare token: $token\" >&2",
                            "printf '%s\\n%s\\n' \"$key\" \"$token\" > /dev/shm/creds")
                    .afterScript(
                            "key=$(sed -n 1p /dev/shm/creds); token=$(sed -n 2p /dev/shm/creds)",
                            "echo \"later key: $key\"",
                            "echo \"later token: $token\" >&2",
                            "printf 'later base64: %s\\n' \"$(printf '%s' \"$key\" | base64 -w0)\"")
                    .build();
            JobResult r;
            HostFirewall.apply(policy);
            try {
                r = HardeningTestBase.runWithPolicy(job, policy, JobObserver.NONE);
            } finally {
                HostFirewall.apply(HostFirewall.defaultPolicy());
            }
            assertEquals(JobStatus.SUCCESS, r.status(), describe(r));
            assertNoSecretLeaked(r);
            List<String> issued = sts.issued();
            assertEquals(3, issued.size(), "one exchange at the fake STS: " + describe(r));
            String log = r.driverLog();
            for (String value : issued) {
                assertFalse(
                        r.jobLog().contains(value)
                                || log.contains(value)
                                || r.runnerLog().contains(value),
                        "an STS credential leaked: " + describe(r));
            }
            String key = issued.get(1);
            assertFalse(
                    log.contains(Base64.getEncoder()
                            .encodeToString(key.getBytes(StandardCharsets.UTF_8))
                            .replace("=", "")),
                    "base64 of the secret key leaked");
            for (String shown : List.of(
                    "\"AccessKeyId\": \"[MASKED]\"",
                    "\"SecretAccessKey\": \"[MASKED]\"",
                    "aws_secret_access_key = [MASKED]",
                    "aws_session_token = [MASKED]",
                    "bare key: [MASKED]",
                    "bare token: [MASKED]",
                    "later key: [MASKED]",
                    "later token: [MASKED]",
                    "later base64: [MASKED]")) {
                assertTrue(log.contains(shown), "missing '" + shown + "': " + describe(r));
            }
            assertFalse(
                    DIRECTIVE.matcher(r.jobLog()).find()
                            || DIRECTIVE.matcher(log).find(),
                    "an ::add-mask:: line reached the log");
            List<String> needles = new ArrayList<>(issued);
            assertEquals(
                    List.of(),
                    ForensicSearch.hostHits(ForensicSearch.needles(needles)),
                    "a runtime credential is on the host after cleanup");
        }
    }
}

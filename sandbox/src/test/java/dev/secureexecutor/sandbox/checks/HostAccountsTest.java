package dev.secureexecutor.sandbox.checks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job uid or gid that is a host account would let that host user read the job's token from /proc. */
class HostAccountsTest {
    @Test
    void jobUserThatIsAHostAccountIsAProblem(@TempDir Path dir) throws Exception {
        Path passwd = Files.writeString(
                dir.resolve("passwd"), "root:x:0:0::/root:/bin/bash\nalice:x:1000:1000::/h:/bin/sh\n");
        Path group = Files.writeString(dir.resolve("group"), "root:x:0:\nalice:x:1000:\nstaff:x:50:\n");
        assertTrue(
                HostAccounts.problem("1000:1000", passwd, group).orElseThrow().contains("uid 1000 is 'alice'"));
        assertTrue(
                HostAccounts.problem("100000:50", passwd, group).orElseThrow().contains("group 'staff'"));
        assertTrue(HostAccounts.problem("100000:100000", passwd, group).isEmpty());
    }
}

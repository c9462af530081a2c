package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.sim.JobResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The escape battery, kernel and privilege attacks: each test runs a real job (runner simulator, real driver,
 * real Docker) whose script tries one escape and prints {@code BLOCKED <attack>: <errno>} or {@code ESCAPED ...};
 * the test asserts it was blocked, the script ran to its end, and the host is intact.
 */
class EscapeBatteryIT extends EscapeBatteryTestBase {
    @Test
    void mountAFilesystem() throws Exception {
        JobResult r = attack(
                "mount",
                "mkdir -p /tmp/m",
                "if mount -t tmpfs none /tmp/m 2>/tmp/err; then echo 'ESCAPED mount-cmd'; else echo \"BLOCKED mount-cmd:"
                        + " $(cat /tmp/err)\"; fi",
                perlSyscall(
                        "mount-syscall",
                        "my ($s,$t,$f)=(\"none\",\"/tmp/m\",\"tmpfs\");",
                        "syscall(165, $s, $t, $f, 0, 0)"),
                perlSyscall(
                        "mount-proc",
                        "my ($s,$t,$f)=(\"proc\",\"/tmp/m\",\"proc\");",
                        "syscall(165, $s, $t, $f, 0, 0)"));
        assertBlocked(r, "mount-cmd:");
        assertBlocked(r, "mount-syscall: Operation not permitted");
        assertBlocked(r, "mount-proc: Operation not permitted");
        assertHostIntact(r);
    }

    @Test
    void unshareNewUserNamespace() throws Exception {
        JobResult r = attack(
                "unshare",
                "if unshare -r id 2>/tmp/err; then echo 'ESCAPED unshare-r'; else echo \"BLOCKED unshare-r: $(cat /tmp/err)\"; fi",
                perlSyscall("clone-newuser", "", "syscall(272, 0x10000000)"),
                perlSyscall("clone-newns", "", "syscall(272, 0x00020000)"));
        assertBlocked(r, "unshare-r: unshare: unshare failed: Operation not permitted");
        assertBlocked(r, "clone-newuser: Operation not permitted");
        assertBlocked(r, "clone-newns: Operation not permitted");
        assertHostIntact(r);
    }

    @Test
    void chrootBreakout() throws Exception {
        JobResult r = attack(
                "chroot",
                "mkdir -p /tmp/jail",
                "if chroot /tmp/jail /bin/true 2>/tmp/err; then echo 'ESCAPED chroot-cmd'; else echo \"BLOCKED chroot-cmd:"
                        + " $(cat /tmp/err)\"; fi",
                // the classic double-chroot escape starts with chroot() into a subdirectory
                perlSyscall("chroot-syscall", "my $d=\"/tmp/jail\";", "syscall(161, $d)"),
                "if ls /proc/1/root/ >/dev/null 2>&1; then echo 'ESCAPED proc-1-root'; else echo 'BLOCKED proc-1-root'; fi");
        assertBlocked(r, "chroot-cmd: chroot: cannot change root directory to '/tmp/jail': Operation not permitted");
        assertBlocked(r, "chroot-syscall: Operation not permitted");
        assertBlocked(r, "proc-1-root");
        assertHostIntact(r);
    }

    @Test
    void setuidBinaryToGainRoot() throws Exception {
        JobResult r = attack(
                "setuid",
                "echo \"SETUID-BINARIES: $(find / -xdev -perm -4000 -type f 2>/dev/null | wc -l)\"",
                "(sleep 4 | su root -c 'echo ESCAPED su') & sleep 1.5",
                "read -r _ ruid euid suid fsuid < <(grep '^Uid:' /proc/$(pgrep -x su | head -1)/status)",
                "if [ \"$euid\" = 0 ]; then echo 'ESCAPED setuid-su'; else echo \"BLOCKED setuid-su: euid=$euid\"; fi",
                "if mount -t tmpfs none /tmp 2>/dev/null; then echo 'ESCAPED setuid-mount'; else echo 'BLOCKED setuid-mount';"
                        + " fi",
                "wait || true",
                "echo \"NO_NEW_PRIVS: $(grep NoNewPrivs /proc/self/status | cut -f2)\"");
        assertTrue(
                r.driverLog().lines().anyMatch(l -> l.matches("SETUID-BINARIES: [1-9][0-9]*")),
                "the image has setuid-root binaries, so the attack is real:\n" + describe(r));
        assertBlocked(r, "setuid-su: euid=100000");
        assertBlocked(r, "setuid-mount");
        assertTrue(line(r, "NO_NEW_PRIVS: 1"), describe(r));
        assertHostIntact(r);
    }

    @Test
    void writeProcSysSysAndSysrqTrigger() throws Exception {
        String swappiness = Files.readString(Path.of("/proc/sys/vm/swappiness")).trim();
        String pidMax = Files.readString(Path.of("/proc/sys/kernel/pid_max")).trim();
        JobResult r = attack(
                "kernel-write",
                "for f in /proc/sys/vm/swappiness /proc/sys/kernel/pid_max /proc/sysrq-trigger /sys/fs/cgroup/pids/pids.max"
                        + " /sys/kernel/mm/transparent_hugepage/enabled /sys/class/net/eth0/mtu; do"
                        + " if (echo 7 > \"$f\") 2>/dev/null; then echo \"ESCAPED write $f\";"
                        + " else echo \"BLOCKED write $f\"; fi; done");
        for (String f : new String[] {
            "/proc/sys/vm/swappiness",
            "/proc/sys/kernel/pid_max",
            "/proc/sysrq-trigger",
            "/sys/fs/cgroup/pids/pids.max",
            "/sys/kernel/mm/transparent_hugepage/enabled"
        }) {
            assertBlocked(r, "write " + f);
        }
        assertEquals(
                swappiness, Files.readString(Path.of("/proc/sys/vm/swappiness")).trim(), "host swappiness");
        assertEquals(
                pidMax, Files.readString(Path.of("/proc/sys/kernel/pid_max")).trim(), "host pid_max");
        assertHostIntact(r);
    }

    @Test
    void loadAKernelModule() throws Exception {
        JobResult r = attack(
                "module",
                "head -c 64 /dev/zero > /tmp/evil.ko",
                perlSyscall(
                        "finit_module",
                        "open(my $fh, \"<\", \"/tmp/evil.ko\") or die; my $p=\"\";",
                        "syscall(313, fileno($fh), $p, 0)"),
                perlSyscall("init_module", "my $img=\"\\0\" x 64; my $p=\"\";", "syscall(175, $img, 64, $p)"),
                "if (echo /tmp/evil > /proc/sys/kernel/modprobe) 2>/dev/null; then echo 'ESCAPED modprobe-path';"
                        + " else echo 'BLOCKED modprobe-path'; fi");
        assertBlocked(r, "finit_module: Operation not permitted");
        assertBlocked(r, "init_module: Operation not permitted");
        assertBlocked(r, "modprobe-path");
        assertHostIntact(r);
    }

    @Test
    void ptraceAProcessOutsideTheContainer() throws Exception {
        long hostPid = ProcessHandle.current().pid();
        JobResult r = attack(
                "ptrace",
                "echo \"PID1-UID: $(grep '^Uid:' /proc/1/status | cut -f2)\"",
                perlSyscall("ptrace-init", "", "syscall(101, 16, 1, 0, 0)"),
                perlSyscall("ptrace-host-pid", "", "syscall(101, 16, " + hostPid + ", 0, 0)"));
        assertTrue(line(r, "PID1-UID: 65534"), "pid 1 is the keeper, not the job user:\n" + describe(r));
        assertBlocked(r, "ptrace-init: Operation not permitted");
        assertTrue(
                line(r, "BLOCKED ptrace-host-pid: No such process")
                        || line(r, "BLOCKED ptrace-host-pid: Operation not permitted"),
                describe(r));
        assertTrue(ProcessHandle.current().isAlive());
        assertHostIntact(r);
    }

    @Test
    void readTheHostsEtcShadow() throws Exception {
        JobResult r = attack(
                "shadow",
                "if cat /etc/shadow 2>/tmp/err; then echo 'ESCAPED shadow'; else echo \"BLOCKED shadow: $(cat /tmp/err)\"; fi",
                "if cat /proc/1/root/etc/shadow 2>/dev/null; then echo 'ESCAPED proc1-shadow'; else echo 'BLOCKED proc1-shadow';"
                        + " fi",
                "found=$(find / -xdev -name 'secure-executor-canary-*' 2>/dev/null | head -1 || true)",
                "if [ -n \"$found\" ]; then echo \"ESCAPED canary $found\"; else echo 'BLOCKED canary'; fi");
        assertBlocked(r, "shadow: cat: /etc/shadow: Permission denied");
        assertBlocked(r, "proc1-shadow");
        assertBlocked(r, "canary");
        assertHostIntact(r);
    }

    @Test
    void keyctlKernelKeyring() throws Exception {
        JobResult r = attack(
                "keyctl",
                perlSyscall("keyctl", "", "syscall(250, 0, -3, 1)"),
                perlSyscall("add_key", "my ($t,$d,$p)=(\"user\",\"stolen\",\"x\");", "syscall(248, $t, $d, $p, 1, -3)"),
                perlSyscall(
                        "request_key", "my ($t,$d)=(\"user\",\"gitlab\"); my $n=undef;", "syscall(249, $t, $d, 0, 0)"));
        assertBlocked(r, "keyctl: Operation not permitted");
        assertBlocked(r, "add_key: Operation not permitted");
        assertBlocked(r, "request_key: Operation not permitted");
        assertHostIntact(r);
    }

    @Test
    void devMemAndDevKmsg() throws Exception {
        JobResult r = attack(
                "devices",
                "for d in /dev/mem /dev/kmem /dev/kmsg /dev/port /dev/sda /dev/vda; do if head -c 1 \"$d\" >/dev/null"
                        + " 2>&1; then echo \"ESCAPED read $d\"; else echo \"BLOCKED read $d\"; fi; done",
                "if mknod /tmp/mem c 1 1 2>/tmp/err; then echo 'ESCAPED mknod'; else echo \"BLOCKED mknod: $(cat /tmp/err)\";"
                        + " fi");
        assertBlocked(r, "read /dev/mem");
        assertBlocked(r, "read /dev/kmsg");
        assertBlocked(r, "read /dev/port");
        assertBlocked(r, "mknod: mknod: /tmp/mem: Operation not permitted");
        assertHostIntact(r);
    }
}

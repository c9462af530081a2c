package dev.secureexecutor.executor.cli;

import dev.secureexecutor.executor.Outcome;
import dev.secureexecutor.executor.audit.AuditLogVerifier;
import dev.secureexecutor.executor.env.RunnerEnv;
import dev.secureexecutor.executor.io.DriverOutput;
import dev.secureexecutor.executor.job.PolicySource;
import dev.secureexecutor.sandbox.DriverFailure;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code audit-log verify [--file F]}: checks that every line of the audit log (the policy's, or F) is well-formed
 * and lists the jobs that started but have no verified wipe. Exits 1 ({@link Outcome.ReportProblems}) if there is
 * either.
 */
public final class AuditLogCommand {
    static final String USAGE = "usage: secure-executor audit-log verify [--file PATH]";

    private final RunnerEnv env;
    private final DriverOutput out;
    private final String[] args;

    public AuditLogCommand(RunnerEnv env, DriverOutput out, String[] args) {
        this.env = env;
        this.out = out;
        this.args = args;
    }

    public Outcome call() throws DriverFailure {
        if (args.length < 2 || !args[1].equals("verify")) {
            throw DriverFailure.system("audit-log needs the subcommand 'verify'", USAGE);
        }
        Path file;
        if (args.length == 4 && args[2].equals("--file")) {
            file = Path.of(args[3]);
        } else if (args.length == 2) {
            file = Path.of(PolicySource.load(env).credentials().auditLog());
        } else {
            throw DriverFailure.system("unexpected arguments to audit-log verify", USAGE);
        }
        AuditLogVerifier.Report report;
        try {
            report = AuditLogVerifier.verify(file);
        } catch (NoSuchFileException e) {
            throw DriverFailure.system(
                    "the audit log " + file + " does not exist",
                    "no job has run with this policy yet, or name the file with --file");
        } catch (IOException e) {
            throw DriverFailure.system(
                    "the audit log " + file + " cannot be read (" + e.getClass().getSimpleName() + ")",
                    "run as the gitlab-runner user or root");
        }
        PrintStream print = new PrintStream(out.stdout(), true, StandardCharsets.UTF_8);
        print.println("audit log " + file + ": " + report.lines() + " line(s), " + report.jobs() + " job(s): "
                + report.started() + " start(s), " + report.wiped() + " wipe(s), " + report.refused()
                + " refusal(s)");
        report.malformed().forEach(m -> print.println("MALFORMED " + m));
        report.unwiped().forEach(j -> print.println("NO VERIFIED WIPE " + j));
        print.println(
                report.ok()
                        ? "OK: every line is well-formed and every started job was wiped"
                        : "PROBLEMS: " + report.malformed().size() + " malformed line(s), "
                                + report.unwiped().size()
                                + " job(s) without a verified wipe (still running, or run secure-executor gc)");
        print.flush();
        return report.ok()
                ? Outcome.SUCCESS
                : new Outcome.ReportProblems(report.malformed().size() + " malformed line(s), "
                        + report.unwiped().size() + " job(s) without a verified wipe");
    }
}

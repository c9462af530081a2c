package dev.secureexecutor.executor.main;

import dev.secureexecutor.executor.DriverVersion;
import dev.secureexecutor.executor.ExitCodes;
import dev.secureexecutor.executor.Outcome;
import dev.secureexecutor.executor.agent.AgentCommand;
import dev.secureexecutor.executor.agent.AgentDir;
import dev.secureexecutor.executor.agent.AgentDirReaper;
import dev.secureexecutor.executor.audit.RefusalAudit;
import dev.secureexecutor.executor.cli.AuditCommand;
import dev.secureexecutor.executor.cli.AuditLogCommand;
import dev.secureexecutor.executor.cli.CleanupCommand;
import dev.secureexecutor.executor.cli.ConfigCommand;
import dev.secureexecutor.executor.cli.FirewallCommand;
import dev.secureexecutor.executor.cli.GcCommand;
import dev.secureexecutor.executor.cli.MaskCommand;
import dev.secureexecutor.executor.cli.PrepareCommand;
import dev.secureexecutor.executor.cli.RunCommand;
import dev.secureexecutor.executor.cli.SelfTestCommand;
import dev.secureexecutor.executor.engine.JobEngineRouter;
import dev.secureexecutor.executor.env.RunnerEnv;
import dev.secureexecutor.executor.io.DriverOutput;
import dev.secureexecutor.executor.job.JobContext;
import dev.secureexecutor.executor.job.PolicySource;
import dev.secureexecutor.executor.logging.LogLevels;
import dev.secureexecutor.executor.security.ProcessHardening;
import dev.secureexecutor.masking.Masker;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.docker.DockerEndpoint;
import dev.secureexecutor.sandbox.docker.DockerJobEngine;
import dev.secureexecutor.sandbox.engine.EngineFactory;
import dev.secureexecutor.sandbox.engine.JobEngine;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point: {@code secure-executor config|prepare|run <script> <stage>|cleanup|mask|audit|gc|audit-log verify|
 * version}.
 *
 * <p>Before anything can print, stdout and stderr are replaced by masking streams; {@code config}'s JSON goes to the
 * real stdout. Every failure ends here and is turned into an exit code by {@link ExitCodes}, with a short message
 * and no stack trace.
 */
public final class Main {
    private static final String USAGE = "usage: secure-executor config | prepare | run <script> <stage> | cleanup"
            + " | mask [--min-length N] | audit [--policy FILE] [--runner-config FILE] [--format json] | selftest"
            + " | gc | audit-log verify [--file F] | firewall apply|remove|status | version";

    private Main() {}

    public static void main(String[] args) {
        RunnerEnv env = RunnerEnv.fromSystem();
        LogLevels.configure(env.debug());
        DriverOutput out = DriverOutput.install(Masker.rulesOnly());
        ExitCodes codes = ExitCodes.from(env);
        int status;
        try {
            status = codes.of(dispatch(args, env, out));
        } catch (DriverFailure failure) {
            out.error(failure);
            status = codes.of(failure);
        } catch (Throwable unexpected) {
            out.internalError(unexpected, env.debug());
            status = codes.systemFailure();
        }
        out.finish();
        out.masker().wipe();
        System.exit(status);
    }

    private static Outcome dispatch(String[] args, RunnerEnv env, DriverOutput out) throws Exception {
        String verb = args.length == 0 ? "" : args[0];
        Logger log = LoggerFactory.getLogger(Main.class);
        long started = System.nanoTime();
        try {
            switch (verb) {
                case "config":
                    return new ConfigCommand(env, out.protocol()).call();
                case "prepare":
                case "run":
                case "cleanup":
                    return jobStage(verb, args, env, out);
                case "agent":
                    harden(log);
                    return new AgentCommand(args).call();
                case "selftest":
                    harden(log);
                    return new SelfTestCommand(env, out, localEngine(env)).call();
                case "audit":
                    return new AuditCommand(env, out, args).call();
                case "mask":
                    harden(log);
                    return new MaskCommand(env, out, args).call();
                case "gc":
                    Outcome gc = new GcCommand(env, out, localEngine(env)).call();
                    out.info("gc: " + AgentDirReaper.reap(env) + " directory(ies) of ended job agents removed");
                    return gc;
                case "audit-log":
                    return new AuditLogCommand(env, out, args).call();
                case "firewall":
                    return new FirewallCommand(env, out, args).call();
                case "version":
                    out.info(DriverVersion.NAME + " " + DriverVersion.get());
                    return Outcome.SUCCESS;
                default:
                    throw DriverFailure.system("unknown command '" + verb + "'", USAGE);
            }
        } finally {
            log.debug("{} took {} ms", verb, (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static Outcome jobStage(String verb, String[] args, RunnerEnv env, DriverOutput out) throws Exception {
        if (verb.equals("run") && args.length < 3) {
            throw DriverFailure.system("run needs a script path and a stage name", USAGE);
        }
        Logger log = LoggerFactory.getLogger(Main.class);
        harden(log);
        try {
            return coldStage(verb, args, env, out, log);
        } finally {
            if (verb.equals("cleanup")) {
                // the job's warm agent (docs/WARM-DRIVER.md) did not answer the launcher: it ends with the job
                AgentDir.of(env).ifPresent(AgentDir::end);
            }
        }
    }

    private static Outcome coldStage(String verb, String[] args, RunnerEnv env, DriverOutput out, Logger log)
            throws Exception {
        long t0 = System.nanoTime();
        JobContext job = JobContext.open(env, PolicySource.load(env), out);
        long t1 = System.nanoTime();
        try (JobEngine engine = connect(verb, job, env, out)) {
            log.debug(
                    "policy, payload and masker {} ms; engine {} ms",
                    (t1 - t0) / 1_000_000,
                    (System.nanoTime() - t1) / 1_000_000);
            switch (verb) {
                case "prepare":
                    return new PrepareCommand(job, engine, out).call();
                case "run":
                    return new RunCommand(job, engine, out, Path.of(args[1]), args[2]).call();
                default:
                    Outcome cleaned = new CleanupCommand(job, engine, out).call();
                    if (cleaned.succeeded()) {
                        JobEngineRouter.forget(job);
                    }
                    return cleaned;
            }
        } finally {
            job.payload().wipe();
        }
    }

    /** The job's engine; in {@code prepare} a refused endpoint refuses the job, recorded in the audit log. */
    private static JobEngine connect(String verb, JobContext job, RunnerEnv env, DriverOutput out)
            throws DriverFailure {
        try {
            return new DockerJobEngine(JobEngineRouter.open(verb, job, env, out));
        } catch (DriverFailure failure) {
            throw verb.equals("prepare") ? RefusalAudit.of(job, out).record(failure, List.of()) : failure;
        }
    }

    /** The local daemon ({@code DOCKER_HOST} as a unix socket), for {@code gc} and {@code selftest}. */
    private static EngineFactory localEngine(RunnerEnv env) {
        return () -> DockerJobEngine.open(new DockerEndpoint(env.dockerHost().orElse(null), false, null));
    }

    /** Before any secret is read: not dumpable, no core files, memory locked where allowed (best effort). */
    private static void harden(Logger log) {
        ProcessHardening.Result hardening = ProcessHardening.apply();
        if (!hardening.notDumpable() || !hardening.noCoreFiles()) {
            log.warn("process hardening incomplete: {}", hardening.notes());
        } else if (!hardening.notes().isEmpty()) {
            log.debug("process hardening: {}", hardening.notes());
        }
    }
}

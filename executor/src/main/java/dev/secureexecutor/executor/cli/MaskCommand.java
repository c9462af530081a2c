package dev.secureexecutor.executor.cli;

import dev.secureexecutor.executor.Outcome;
import dev.secureexecutor.executor.env.RunnerEnv;
import dev.secureexecutor.executor.io.DriverOutput;
import dev.secureexecutor.executor.io.ReadAheadPump;
import dev.secureexecutor.executor.job.JobPayload;
import dev.secureexecutor.executor.job.JobSecretCollector;
import dev.secureexecutor.executor.job.PayloadReader;
import dev.secureexecutor.executor.secrets.NameGlob;
import dev.secureexecutor.masking.Masker;
import dev.secureexecutor.sandbox.DriverFailure;
import java.io.IOException;

/**
 * {@code mask [--min-length N]}: masks stdin to stdout, streaming, with the secrets of the job described by
 * {@code JOB_RESPONSE_FILE} (when set) and the rules that need no list. Pipe any tool's output through it.
 */
public final class MaskCommand {
    private final RunnerEnv env;
    private final DriverOutput out;
    private final String[] args;

    public MaskCommand(RunnerEnv env, DriverOutput out, String[] args) {
        this.env = env;
        this.out = out;
        this.args = args;
    }

    public Outcome call() throws DriverFailure, IOException {
        int minLength = minLength();
        if (env.jobResponseFile().isPresent()) {
            JobPayload payload = PayloadReader.read(env);
            Masker masker = new JobSecretCollector(NameGlob.DEFAULTS).maskerFor(payload, env, minLength);
            payload.wipe();
            return pump(masker);
        }
        return pump(Masker.builder().minLength(minLength).build());
    }

    /** Reads ahead on a second thread, so that reading stdin overlaps with scanning what was read. */
    private Outcome pump(Masker masker) throws IOException {
        out.use(masker);
        new ReadAheadPump(8, 64 * 1024).pump(System.in, out.stdout());
        return Outcome.SUCCESS;
    }

    private int minLength() throws DriverFailure {
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--min-length") && i + 1 < args.length) {
                try {
                    int n = Integer.parseInt(args[i + 1]);
                    if (n >= 1) {
                        return n;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                throw DriverFailure.system(
                        "--min-length needs a whole number of at least 1, not '" + args[i + 1] + "'",
                        "for example: secure-executor mask --min-length 6");
            }
            throw DriverFailure.system(
                    "unknown option '" + args[i] + "'", "usage: secure-executor mask [--min-length N]");
        }
        return 3;
    }
}

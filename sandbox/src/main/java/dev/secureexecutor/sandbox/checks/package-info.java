/**
 * The driver's security rules, one class each, in one model: a {@link dev.secureexecutor.sandbox.checks.Check}
 * judges plain facts and returns {@link dev.secureexecutor.sandbox.checks.Finding}s (PASS, WARN or FAIL, a key, the
 * reason, the fix). {@code audit} prints the findings of every check; {@code config} and {@code prepare} turn the
 * FAILs of the checks that gate jobs into one refusal through a
 * {@link dev.secureexecutor.sandbox.checks.FailGate} (exit code class, audit-log {@code check} value, fix line), so
 * each rule has exactly one judge, and one fault gives one FAIL.
 *
 * <p>Facts are gathered once per stage by whoever holds the connection or the file, and handed over as data:
 * {@link dev.secureexecutor.sandbox.checks.DaemonFacts} ({@code docker info}, read by
 * {@code sandbox.docker.ReadDaemonFactsStep}, or by a job engine), {@link
 * dev.secureexecutor.sandbox.checks.DaemonExposure} (socket, daemon.json, dockerd's command line),
 * {@link dev.secureexecutor.sandbox.checks.RunnerConfigFile}, the policy, the job's image. A check never holds a
 * {@code DockerClient}, never connects, prints or throws for what it judges; this package does not depend on
 * docker-java (an architecture test enforces it).
 *
 * <h2>Adding a check</h2>
 * <ol>
 *   <li>Write one class {@code implements Check<F>}, where {@code F} is the facts it judges (an existing facts record,
 *       or a new record here when the rule needs new facts; gather them in the engine or a {@code *Step}, once).
 *       Settings it needs from the policy go into its constructor (see {@link
 *       dev.secureexecutor.sandbox.checks.RuntimeCheck}). Give it a {@code KEY} ({@code area.rule}, e.g.
 *       {@code daemon.seccomp}); its FAIL reason is the refusal line the job log shows, so write what was found and
 *       why it is dangerous, and the fix as an action. Never quote a credential.</li>
 *   <li>Add it to the list it belongs to: {@link dev.secureexecutor.sandbox.checks.HostChecks#daemon} (audit) and,
 *       if a FAIL must refuse jobs, {@link dev.secureexecutor.sandbox.checks.HostChecks#gating}; or to
 *       {@link dev.secureexecutor.sandbox.checks.SetupChecks} for another host set-up rule. Checks about a job's
 *       payload live in {@code executor.credentials} and implement the same interface.</li>
 *   <li>Write its fast test in {@code src/test/.../checks/} with hand-made facts: each verdict it can give, and, for
 *       a gating rule, that one fault gives one FAIL ({@code OneFaultOneFailTest}).</li>
 *   <li>If it refuses jobs, the README's refusal table and audit-log {@code check} values must stay true.</li>
 * </ol>
 */
package dev.secureexecutor.sandbox.checks;

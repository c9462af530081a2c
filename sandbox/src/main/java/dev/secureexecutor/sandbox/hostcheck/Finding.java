package dev.secureexecutor.sandbox.hostcheck;

/**
 * One result of a host, runner or policy check: a verdict, the check's name, what was found, and the remedy.
 *
 * @param status PASS, WARN (weaker than it could be) or FAIL (jobs are refused, or must be)
 * @param check short name of the check, e.g. {@code runner.shell-executor}
 * @param message what was found and, for WARN/FAIL, why it is dangerous
 * @param remedy how to fix it (empty for PASS)
 */
public record Finding(Status status, String check, String message, String remedy) {
    public enum Status {
        PASS,
        WARN,
        FAIL
    }

    public static Finding pass(String check, String message) {
        return new Finding(Status.PASS, check, message, "");
    }

    public static Finding warn(String check, String message, String remedy) {
        return new Finding(Status.WARN, check, message, remedy);
    }

    public static Finding fail(String check, String message, String remedy) {
        return new Finding(Status.FAIL, check, message, remedy);
    }

    public boolean failed() {
        return status == Status.FAIL;
    }
}

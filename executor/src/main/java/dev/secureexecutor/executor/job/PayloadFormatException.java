package dev.secureexecutor.executor.job;

/**
 * The job payload is well-formed JSON but not shaped like one: a field the driver reads has the wrong type, or the
 * document is empty or not an object. The message names the field by its path ({@code variables[2].masked}) and the
 * type it should have; it never contains a value from the payload. No stack trace is kept: {@link PayloadReader}
 * turns it into a {@code DriverFailure}, and the trace would only point into the parser.
 */
final class PayloadFormatException extends Exception {
    PayloadFormatException(String problem) {
        super(problem, null, false, false);
    }
}

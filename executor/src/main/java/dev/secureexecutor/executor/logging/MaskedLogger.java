package dev.secureexecutor.executor.logging;

import dev.secureexecutor.executor.io.DriverOutput;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * An SLF4J logger whose every line goes to {@link DriverOutput#logLine(String)}, i.e. through the job's masker:
 * {@code secure-executor: WARNING: Main: process hardening incomplete: ...}. A throwable is named (masked, by
 * class and message), never printed as a stack trace.
 */
final class MaskedLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    MaskedLogger(String name) {
        this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
        return LogLevels.enabled(name, Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return LogLevels.enabled(name, Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return LogLevels.enabled(name, Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return LogLevels.enabled(name, Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return LogLevels.enabled(name, Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        if (throwable != null) {
            message += " (" + throwable.getClass().getName() + ": " + throwable.getMessage() + ")";
        }
        DriverOutput.logLine("secure-executor: " + label(level) + ": " + shortName() + ": " + message);
    }

    private String shortName() {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static String label(Level level) {
        return level == Level.WARN ? "WARNING" : level.name();
    }
}

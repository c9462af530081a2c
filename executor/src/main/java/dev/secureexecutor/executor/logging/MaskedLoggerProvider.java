package dev.secureexecutor.executor.logging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The driver's SLF4J binding (found through {@code META-INF/services}): every logger, the driver's and its
 * libraries', writes through the masking sink ({@link MaskedLogger}). It replaces slf4j-simple, whose lines were
 * masked only because {@code DriverOutput} had replaced {@code System.err} before the first of them.
 */
public final class MaskedLoggerProvider implements SLF4JServiceProvider {
    private final Map<String, MaskedLogger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name, MaskedLogger::new);
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up: levels are read on every call (LogLevels)
    }
}

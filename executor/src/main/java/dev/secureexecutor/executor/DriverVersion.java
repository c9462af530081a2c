package dev.secureexecutor.executor;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The driver's name and version, as shown in the job log ("Using Custom executor with driver ..."). */
public final class DriverVersion {
    public static final String NAME = "secure-executor";

    private DriverVersion() {}

    public static String get() {
        try (InputStream in = DriverVersion.class.getResourceAsStream("/secure-executor.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}

package dev.secureexecutor.executor.agent;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The runner's environment of {@code prepare}, handed to the agent over its stdin pipe (length-prefixed UTF-8 name
 * and value pairs), never through the new process's own environment or arguments: it holds the job's
 * {@code CUSTOM_ENV_*} values, secrets among them, which the masker needs. Then one byte: {@link #GO} when
 * {@code prepare} succeeded; anything else, or end of file, tells the agent to exit.
 */
final class EnvPipe {
    static final int GO = 'G';
    private static final int MAX_ENTRIES = 100_000;

    private EnvPipe() {}

    static void write(Map<String, String> env, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(env.size());
        for (Map.Entry<String, String> e : env.entrySet()) {
            writeString(data, e.getKey());
            writeString(data, e.getValue());
        }
        data.flush();
    }

    static Map<String, String> read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int n = data.readInt();
        if (n < 0 || n > MAX_ENTRIES) {
            throw new IOException("malformed environment from prepare (" + n + " entries)");
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            env.put(readString(data), readString(data));
        }
        return env;
    }

    private static void writeString(DataOutputStream data, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        data.writeInt(b.length);
        data.write(b);
    }

    private static String readString(DataInputStream data) throws IOException {
        int len = data.readInt();
        if (len < 0 || len > (64 << 20)) {
            throw new IOException("malformed environment from prepare (length " + len + ")");
        }
        byte[] b = new byte[len];
        data.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}

package dev.secureexecutor.masking.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a runner job response ({@code JOB_RESPONSE_FILE}) whose masked variables are {@link BenchData}'s
 * production-shaped secrets, so that {@code secure-executor mask} is benchmarked with the same secrets as the
 * engine. {@code JobResponseGen FILE [SECRETS=100]}
 */
public final class JobResponseGen {
    private JobResponseGen() {}

    public static void main(String[] args) throws IOException {
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        List<String> secrets = BenchData.secrets(n, 2);
        StringBuilder json = new StringBuilder("{\"id\": 4242, \"token\": ")
                .append(quote(secrets.get(0)))
                .append(", \"variables\": [");
        for (int i = 0; i < secrets.size(); i++) {
            json.append(i == 0 ? "" : ",")
                    .append("\n  {\"key\": \"BENCH_SECRET_")
                    .append(i)
                    .append("\", \"value\": ")
                    .append(quote(secrets.get(i)))
                    .append(", \"public\": false, \"masked\": true}");
        }
        json.append("\n]}\n");
        Files.writeString(Path.of(args[0]), json, StandardCharsets.UTF_8);
    }

    private static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                q.append('\\');
            }
            q.append(c);
        }
        return q.append('"').toString();
    }
}

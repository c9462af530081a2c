package dev.secureexecutor.sandbox.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The GitLab URLs gitlab-runner's {@code config.toml} registers runners with ({@code url}, {@code clone_url}). */
public final class RunnerUrls {
    private RunnerUrls() {}

    public static List<String> of(Path configToml) throws IOException {
        JsonNode root = new TomlMapper().readTree(Files.readString(configToml));
        List<String> urls = new ArrayList<>();
        for (JsonNode runner : root.path("runners")) {
            for (String key : List.of("url", "clone_url")) {
                String url = runner.path(key).asText("").trim();
                if (!url.isEmpty() && !urls.contains(url)) {
                    urls.add(url);
                }
            }
        }
        return urls;
    }
}

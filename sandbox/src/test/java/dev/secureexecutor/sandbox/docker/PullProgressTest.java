package dev.secureexecutor.sandbox.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.PullResponseItem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Pull progress is summed over layers and printed at most once per interval, plus one final line. */
class PullProgressTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PullResponseItem item(String json) throws Exception {
        return JSON.readValue(json, PullResponseItem.class);
    }

    @Test
    void manyEventsGiveOneLinePerIntervalWithLayersAndBytes() throws Exception {
        AtomicLong now = new AtomicLong(0);
        List<String> lines = new ArrayList<>();
        PullProgress p = new PullProgress("r:5000/img:1", lines::add, now::get, 3_000);
        p.accept(item("{\"status\":\"Pulling fs layer\",\"id\":\"a\"}"));
        p.accept(item("{\"status\":\"Pulling fs layer\",\"id\":\"b\"}"));
        for (int i = 1; i <= 100; i++) {
            now.addAndGet(10);
            p.accept(item("{\"status\":\"Downloading\",\"id\":\"a\",\"progressDetail\":{\"current\":" + i * 10_000
                    + ",\"total\":1000000}}"));
        }
        assertEquals(List.of(), lines, "1 000 ns passed, the interval is 3 000");
        now.addAndGet(2_000);
        p.accept(item("{\"status\":\"Already exists\",\"id\":\"b\"}"));
        assertEquals(List.of("pulling r:5000/img:1: 2 layer(s), 1 done, 1.0 MB of 1.0 MB downloaded"), lines);
        p.accept(item("{\"status\":\"Pull complete\",\"id\":\"a\"}"));
        p.accept(item("{\"status\":\"Digest: sha256:00\"}"));
        p.finished();
        assertEquals(2, lines.size());
        assertEquals("pulled r:5000/img:1: 2 layer(s), 2 done, 1.0 MB of 1.0 MB downloaded in 0.0 s", lines.get(1));
    }
}

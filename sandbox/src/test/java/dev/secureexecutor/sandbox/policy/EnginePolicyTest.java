package dev.secureexecutor.sandbox.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code [[engines]]}: a well-formed pool binds; TCP without mutual TLS and malformed entries are refused at once. */
class EnginePolicyTest {
    private static final String REMOTE = "[[engines]]\nname = \"b1\"\nendpoint = \"tcp://10.0.0.5:2376\"\n"
            + "ca = \"/etc/secure-executor/engines/ca.pem\"\ncert = \"/etc/secure-executor/engines/cert.pem\"\n"
            + "key = \"/etc/secure-executor/engines/key.pem\"\ncapacity = 4\nlabels = [\"zone-a\"]\n";

    @Test
    void aPoolOfALocalAndARemoteEngineBinds() throws PolicyException {
        Policy p = PolicyLoader.parse(
                "version = 1\n" + REMOTE
                        + "[[engines]]\nname = \"local\"\nendpoint = \"unix:///var/run/docker.sock\"\n",
                "test");
        assertEquals(2, p.engines().size());
        EngineSpec b1 = p.engines().get(0);
        assertEquals(4, b1.capacity());
        assertEquals(List.of("zone-a"), b1.labels());
        assertTrue(b1.isTcp());
        assertEquals(1, p.engines().get(1).capacity(), "capacity defaults to 1");
        assertTrue(Policy.defaults().engines().isEmpty(), "no pool by default: the runner's own engine");
    }

    @Test
    void plainTcpEngineWithoutMutualTlsIsRefused() {
        PolicyException e = assertThrows(
                PolicyException.class,
                () -> PolicyLoader.parse(
                        "version = 1\n[[engines]]\n" + "name = \"b1\"\nendpoint = \"tcp://10.0.0.5:2375\"\n", "test"));
        assertTrue(e.getMessage().contains("without mutual TLS"), e.getMessage());
    }

    @Test
    void malformedEnginesAreAllReportedAtOnce() {
        PolicyException e = assertThrows(
                PolicyException.class,
                () -> PolicyLoader.parse(
                        "version = 1\n" + REMOTE
                                + REMOTE.replace("capacity = 4", "capacity = 0") + "[[engines]]\nname = \"Bad Name\"\n"
                                + "endpoint = \"http://x\"\ncolor = \"red\"\n",
                        "test"));
        String m = e.getMessage();
        assertTrue(m.contains("'b1' names two engines"), m);
        assertTrue(m.contains("engines[1].capacity"), m);
        assertTrue(m.contains("engines[2].color: unknown key"), m);
        assertTrue(m.contains("'Bad Name' is missing or not a short name"), m);
        assertTrue(m.contains("'http://x' is not tcp://host:port"), m);
    }
}

package dev.secureexecutor.sandbox.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Allow entries mean exactly what they show: no octal, hex or integer spellings, no IPv6, no credentials. */
class EndpointTest {
    @Test
    void urlsHostPortsCidrsAndRangesParse() {
        assertEquals(
                "gitlab.example.com:443",
                Endpoint.parse("https://GitLab.example.com/group").toString());
        assertEquals("192.0.2.2:8929", Endpoint.parse("http://192.0.2.2:8929").toString());
        assertEquals("10.0.0.0/8:80-90", Endpoint.parse("10.0.0.0/8:80-90").toString());
        assertTrue(Endpoint.parse("registry.example.com:5050").covers("REGISTRY.example.com", 5050));
    }

    @Test
    void alternativeAddressSpellingsAreRefusedNotReadAsNames() {
        for (String odd : new String[] {"0177.0.0.1:80", "0x7f.0.0.1:80", "2130706433:80", "127.1:80", "0x7f.1:80"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Endpoint.parse(odd), odd);
            assertTrue(e.getMessage().contains("four decimal parts"), e.getMessage());
        }
    }

    @Test
    void ipv6CredentialsBadPortsAndHostBitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("[fd00:ec2::254]:80"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("https://user:pw@gitlab.example.com"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("host:0"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("host:90-80"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("10.0.0.1/8:80"));
        assertThrows(IllegalArgumentException.class, () -> Endpoint.parse("host.example.com/8:80"));
    }

    @Test
    void thePoolIsAPrivate16OutsideDockersDefaultsAndNamesItsBridges() {
        JobAddressPool pool = JobAddressPool.parse("10.213.0.0/16");
        assertEquals("10.213.7.0/24", pool.subnet(7));
        assertEquals("10.213.7.1", pool.gateway(7));
        assertEquals("sej-7", pool.bridgeName(7));
        assertEquals(7, pool.indexOf("10.213.7.0/24").orElseThrow());
        assertTrue(pool.indexOf("10.214.7.0/24").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> JobAddressPool.parse("172.18.0.0/16"));
        assertThrows(IllegalArgumentException.class, () -> JobAddressPool.parse("8.8.0.0/16"));
        assertThrows(IllegalArgumentException.class, () -> JobAddressPool.parse("10.213.0.0/24"));
    }
}

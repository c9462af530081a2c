package dev.secureexecutor.executor.sim;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/**
 * The host's eth0 IPv4 address: what job containers use to reach servers on this machine (the fake GitLab). Found
 * at run time, never assumed.
 */
public final class HostAddress {
    private HostAddress() {}

    public static String eth0() {
        return ipv4Of("eth0");
    }

    static String ipv4Of(String interfaceName) {
        try {
            NetworkInterface nic = NetworkInterface.getByName(interfaceName);
            if (nic == null) {
                throw new IllegalStateException(
                        "no network interface " + interfaceName + ": containers could not reach the fake GitLab");
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address) {
                    return address.getHostAddress();
                }
            }
            throw new IllegalStateException(interfaceName + " has no IPv4 address");
        } catch (SocketException e) {
            throw new IllegalStateException("cannot list network interfaces", e);
        }
    }
}

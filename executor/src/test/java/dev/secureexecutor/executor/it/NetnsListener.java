package dev.secureexecutor.executor.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in remote service, run by {@link FakeRemoteHost} inside its network namespace ({@code ip netns exec}):
 * listens on every {@code address:port} argument and answers each connection with {@code LISTENER address:port}.
 * Ends when its stdin closes (the test ends it).
 */
public final class NetnsListener {
    private NetnsListener() {}

    public static void main(String[] args) throws IOException {
        for (String arg : args) {
            int colon = arg.lastIndexOf(':');
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(arg.substring(0, colon), Integer.parseInt(arg.substring(colon + 1))));
            Thread t = new Thread(() -> serve(server, arg), "listener-" + arg);
            t.setDaemon(true);
            t.start();
        }
        System.out.println("LISTENING");
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the test closes our stdin
        }
    }

    static void serve(ServerSocket server, String name) {
        while (true) {
            try (Socket s = server.accept();
                    OutputStream out = s.getOutputStream()) {
                out.write(("LISTENER " + name + "\n").getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }
}

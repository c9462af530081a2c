package dev.secureexecutor.executor.sim;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns a CGI program's stdout (header lines, a blank line, the body) into an HTTP response: {@code Status:} sets the
 * code (default 200), other headers are copied, the body is streamed chunked.
 */
final class CgiResponse {
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private CgiResponse() {}

    static void relay(InputStream cgiOut, HttpExchange exchange) throws IOException {
        int status = 200;
        for (String line : readHeaderBlock(cgiOut).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.split(" ", 2)[0]);
            } else {
                exchange.getResponseHeaders().add(name, value);
            }
        }
        exchange.sendResponseHeaders(status, 0);
        try (OutputStream body = exchange.getResponseBody()) {
            cgiOut.transferTo(body);
        }
    }

    /** Reads up to and including the blank line; returns the header text without it. */
    static String readHeaderBlock(InputStream in) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        int previous = -1;
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n' && (previous == '\n' || endsWithCrLfCr(header))) {
                break;
            }
            header.write(b);
            if (header.size() > MAX_HEADER_BYTES) {
                throw new IOException("CGI header block too large");
            }
            previous = b;
        }
        return header.toString(StandardCharsets.ISO_8859_1).trim();
    }

    private static boolean endsWithCrLfCr(ByteArrayOutputStream header) {
        byte[] h = header.toByteArray();
        int n = h.length;
        return n >= 3 && h[n - 1] == '\r' && h[n - 2] == '\n' && h[n - 3] == '\r';
    }
}

package dev.secureexecutor.executor.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReadAheadPumpTest {
    @Test
    void copiesEveryByteInOrderThroughFewSmallBlocks() throws IOException {
        byte[] data = new byte[1 << 20];
        new Random(7).nextBytes(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ReadAheadPump(2, 4096).pump(new TrickleInput(data, 1000), out);
        assertArrayEquals(data, out.toByteArray());
    }

    @Test
    void emptyInputGivesEmptyOutput() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ReadAheadPump(2, 16).pump(new ByteArrayInputStream(new byte[0]), out);
        assertEquals(0, out.size());
    }

    /** A progress line must not wait for the producer's next write (the job log shows it live). */
    @Test
    void aLineIsFlushedWhileTheProducerIsStillRunning() throws Exception {
        PipedOutputStream producer = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(producer, 1024);
        FlushRecorder out = new FlushRecorder();
        CompletableFuture<Void> pumping = CompletableFuture.runAsync(() -> {
            try {
                new ReadAheadPump(4, 1024).pump(in, out);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        producer.write("step 1 of 2\n".getBytes(StandardCharsets.UTF_8));
        producer.flush();
        assertEquals("step 1 of 2\n", out.flushed.poll(10, TimeUnit.SECONDS), "flushed before more input arrives");
        producer.write("step 2 of 2\n".getBytes(StandardCharsets.UTF_8));
        producer.close();
        pumping.get(10, TimeUnit.SECONDS);
        assertEquals("step 1 of 2\nstep 2 of 2\n", out.all());
    }

    @Test
    void aReadFailureReachesTheCaller() {
        InputStream failing = new InputStream() {
            private int calls;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (calls++ == 0) {
                    b[off] = 'x';
                    return 1;
                }
                throw new IOException("stdin went away");
            }
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IOException e = assertThrows(IOException.class, () -> new ReadAheadPump(2, 8).pump(failing, out));
        assertEquals("stdin went away", e.getMessage());
        assertEquals("x", out.toString(StandardCharsets.UTF_8), "what was read before the failure is not lost");
    }

    /** The blocks held unmasked input; all are zeroed when the pump returns. */
    @Test
    void blocksAreZeroedAfterUse() throws IOException {
        byte[] secret = "glpat-UNMASKED-INPUT-0123456789".getBytes(StandardCharsets.US_ASCII);
        List<byte[]> seen = new ArrayList<>();
        OutputStream capture = new OutputStream() {
            @Override
            public void write(int b) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(byte[] b, int off, int len) {
                seen.add(b);
            }
        };
        new ReadAheadPump(2, 64).pump(new ByteArrayInputStream(secret), capture);
        assertTrue(!seen.isEmpty());
        for (byte[] block : seen) {
            assertArrayEquals(new byte[block.length], block, "block zeroed");
        }
    }

    @Test
    void rejectsASingleBlock() {
        assertThrows(IllegalArgumentException.class, () -> new ReadAheadPump(1, 64));
    }

    /** Hands out at most {@code step} bytes per read, like a pipe fed by small writes. */
    private static final class TrickleInput extends InputStream {
        private final byte[] data;
        private final int step;
        private int pos;

        TrickleInput(byte[] data, int step) {
            this.data = data;
            this.step = step;
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, step), data.length - pos);
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    /** Records what had been written at each flush. */
    private static final class FlushRecorder extends OutputStream {
        final LinkedBlockingQueue<String> flushed = new LinkedBlockingQueue<>();
        private final ByteArrayOutputStream written = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            written.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            written.write(b, off, len);
        }

        @Override
        public synchronized void flush() {
            if (written.size() > 0) {
                flushed.add(written.toString(StandardCharsets.UTF_8));
            }
        }

        synchronized String all() {
            return written.toString(StandardCharsets.UTF_8);
        }
    }
}

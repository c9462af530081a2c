package dev.secureexecutor.executor.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Copies an input stream to an output stream with the reads done ahead on a second thread, so that reading (a
 * {@code read(2)} per block) overlaps with what the output does to each block (for {@code mask}: scanning it for
 * secrets). The output is flushed whenever no further block is waiting, so a line written by a slow producer
 * reaches the output without waiting for the next one. Blocks hold unmasked bytes: each is overwritten by the next
 * read into it, and all are zeroed before {@link #pump} returns (zeroing each block after every write cost 5% of
 * the CPU time of {@code mask} on a 1 GiB log).
 */
public final class ReadAheadPump {
    private static final int END = -1;

    private final byte[][] blocks;
    private final int[] lengths;
    private final BlockingQueue<Integer> free;
    private final BlockingQueue<Integer> filled;
    private volatile IOException readFailure;

    /** {@code count} blocks of {@code size} bytes; at most {@code count} blocks are read ahead of the output. */
    public ReadAheadPump(int count, int size) {
        if (count < 2 || size < 1) {
            throw new IllegalArgumentException("need at least two blocks of at least one byte");
        }
        blocks = new byte[count][size];
        lengths = new int[count];
        free = new ArrayBlockingQueue<>(count);
        filled = new ArrayBlockingQueue<>(count);
        for (int i = 0; i < count; i++) {
            free.add(i);
        }
    }

    /** Copies {@code in} to {@code out} until end of input; does not close either. */
    public void pump(InputStream in, OutputStream out) throws IOException {
        Thread reader = new Thread(() -> readAll(in), "secure-executor-read-ahead");
        reader.setDaemon(true);
        reader.start();
        try {
            while (true) {
                int block = take(filled);
                int n = lengths[block];
                if (n == END) {
                    break;
                }
                out.write(blocks[block], 0, n);
                free.add(block);
                if (filled.isEmpty()) {
                    out.flush();
                }
            }
            if (readFailure != null) {
                throw readFailure;
            }
            out.flush();
        } finally {
            reader.interrupt();
            for (byte[] block : blocks) {
                Arrays.fill(block, (byte) 0);
            }
        }
    }

    private void readAll(InputStream in) {
        try {
            while (true) {
                int block = take(free);
                int n = in.read(blocks[block]);
                lengths[block] = n < 0 ? END : n;
                filled.add(block);
                if (n < 0) {
                    return;
                }
            }
        } catch (IOException e) {
            readFailure = e;
            endWithFailure();
        }
    }

    /** Hands the writer an end marker in a block it does not hold, so that it wakes up and reports the failure. */
    private void endWithFailure() {
        try {
            int block = take(free);
            lengths[block] = END;
            filled.add(block);
        } catch (IOException interrupted) {
            // the writer has stopped and interrupted us: nobody is waiting any more
        }
    }

    private static int take(BlockingQueue<Integer> queue) throws IOException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while copying");
        }
    }
}

package io.cutkit.mysql.dump;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Hands LOAD DATA lines from the thread reading a dump to the connection loading them: a bounded
 * queue of blocks (at most 16 statements' worth in flight), read as an {@link InputStream} by the
 * driver. Remembers which dump line each block's rows came from, so a warning's row number can be
 * traced back. The writer gives up with the loader's failure instead of waiting for a reader that
 * is gone.
 */
final class RowPipe extends InputStream {

    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> blocks = new ArrayBlockingQueue<>(16);
    private final Supplier<RuntimeException> failure;
    private final List<long[]> rowsByLine = new ArrayList<>();
    private final List<String> sources = new ArrayList<>();
    private volatile boolean aborted;
    private byte[] current;
    private int pos;
    private long rows;

    RowPipe(Supplier<RuntimeException> failure) {
        this.failure = failure;
    }

    /** Queues {@code lines} holding {@code n} rows of the statement at {@code source} line {@code line}. */
    void write(byte[] lines, long n, String source, long line) throws InterruptedException {
        rows += n;
        synchronized (rowsByLine) {
            rowsByLine.add(new long[] {rows, line});
            sources.add(source);
        }
        offer(lines);
    }

    /** Ends the stream: the LOAD statement completes after the queued rows. */
    void finish() throws InterruptedException {
        offer(END);
    }

    /** Lets a waiting writer go: the reader will not read any more. */
    void abort() {
        aborted = true;
        blocks.clear();
    }

    /** Rows written so far. */
    long rows() {
        return rows;
    }

    /** Where the {@code row}-th row (1-based) came from, e.g. {@code dump.sql line 42}. */
    String origin(long row) {
        synchronized (rowsByLine) {
            for (int i = 0; i < rowsByLine.size(); i++) {
                if (row <= rowsByLine.get(i)[0]) {
                    return sources.get(i) + " line " + rowsByLine.get(i)[1];
                }
            }
        }
        return "row " + row;
    }

    private void offer(byte[] block) throws InterruptedException {
        while (!blocks.offer(block, 100, TimeUnit.MILLISECONDS)) {
            RuntimeException f = failure.get();
            if (f != null) {
                throw f;
            }
            if (aborted) {
                throw new IllegalStateException("the LOAD DATA reading this stream stopped");
            }
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        while (current == null || pos == current.length) {
            if (current == END) {
                return -1;
            }
            try {
                byte[] next = blocks.poll(100, TimeUnit.MILLISECONDS);
                if (next == null) {
                    if (aborted || failure.get() != null) {
                        return -1;
                    }
                    continue;
                }
                current = next;
                pos = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }
}

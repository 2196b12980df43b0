package io.cutkit.mysql.dump;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/** Opens a dump stream: detects gzip by its magic bytes and keeps the first bytes and watches for the dump tools' closing line, for header and trailer checks. */
final class DumpInput extends FilterInputStream {

    private static final int KEEP = 512;

    private final boolean gzip;
    private final byte[] first = new byte[KEEP];
    private int firstLen;
    /** Line of the first NUL byte, or -1; lines are counted only until one is found. */
    private long nulLine = -1;
    private long linesBeforeNul = 1;
    /** How much of {@link #TRAILER} the bytes read last match; its length once a line started with it. */
    private int trailerMatched = 1;
    private static final byte[] TRAILER = "\n-- Dump completed".getBytes(StandardCharsets.ISO_8859_1);

    private DumpInput(InputStream in, boolean gzip) {
        super(in);
        this.gzip = gzip;
    }

    static DumpInput open(InputStream raw) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(raw, 1 << 16);
        buffered.mark(4);
        int b1 = buffered.read();
        int b2 = buffered.read();
        buffered.reset();
        boolean gzip = b1 == 0x1f && b2 == 0x8b;
        return new DumpInput(gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered, gzip);
    }

    boolean gzip() {
        return gzip;
    }

    /** The first bytes read, as ISO-8859-1. */
    String head() {
        return new String(first, 0, firstLen, StandardCharsets.ISO_8859_1);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            record(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            record(b, off, n);
        }
        return n;
    }

    private void record(byte[] b, int off, int n) {
        for (int i = off; nulLine < 0 && i < off + n; i++) {
            if (b[i] == '\n') {
                linesBeforeNul++;
            } else if (b[i] == 0) {
                nulLine = linesBeforeNul;
            }
        }
        for (int i = off; trailerMatched < TRAILER.length && i < off + n; i++) {
            trailerMatched = b[i] == TRAILER[trailerMatched] ? trailerMatched + 1 : b[i] == '\n' ? 1 : 0;
        }
        if (firstLen < KEEP) {
            int c = Math.min(KEEP - firstLen, n);
            System.arraycopy(b, off, first, firstLen, c);
            firstLen += c;
        }
    }

    /** The line of the first NUL byte read (the {@code mariadb} client refuses it outside {@code --binary-mode}), or -1. */
    long nulLine() {
        return nulLine;
    }

    /**
     * Whether the header says a dump tool made this file but no line starts with the tool's closing
     * {@code -- Dump completed} (statements people appended after that line do not make it truncated).
     */
    boolean lacksDumpToolTrailer() {
        String h = head();
        boolean fromTool = h.contains("-- MySQL dump") || h.contains("-- MariaDB dump") || h.contains("-- cutkit SQL dump");
        return fromTool && trailerMatched < TRAILER.length;
    }
}

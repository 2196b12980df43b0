package io.cutkit.gcp;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Captures System.out and System.err (where slf4j-simple writes) while a test runs. */
public final class CapturedOutput implements AutoCloseable {

    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    private CapturedOutput() {
        PrintStream tee = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        System.setOut(tee);
        System.setErr(tee);
    }

    public static CapturedOutput start() {
        return new CapturedOutput();
    }

    /** Everything written so far, as bytes. */
    public byte[] bytes() {
        return buffer.toByteArray();
    }

    /** Whether {@code needle} occurs anywhere in what was written. */
    public boolean contains(byte[] needle) {
        byte[] hay = bytes();
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public void close() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        originalErr.write(buffer.toByteArray(), 0, buffer.size());
    }
}

package io.cutkit.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The parsed parts of an envelope: version, optional key id, IV and ciphertext-with-tag. Parsing
 * accepts any JSON object with exactly these members (white space and member order are free,
 * {@code \/} is unescaped), so envelopes written by other JSON encoders read too.
 */
record Envelope(int version, String keyId, byte[] iv, byte[] ciphertextAndTag) {

    static final int IV_LENGTH = 12;
    static final int TAG_LENGTH = 16;

    /** Thrown by {@link #parse}; the message describes structure only, never content. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String problem) {
            super(problem, null, false, false);
        }
    }

    /** The decoded bytes when the decoder's array holds exactly them (it does for valid base64), else null. */
    private static byte[] exactly(ByteBuffer decoded) {
        byte[] array = decoded.array();
        return decoded.arrayOffset() == 0 && decoded.position() == 0 && decoded.remaining() == array.length ? array : null;
    }

    /**
     * Cheap shape test: a JSON object with a {@code "v"} and a {@code "ct"} member. A value that
     * passes is treated as ciphertext (and must then parse strictly); one that fails is plaintext.
     */
    static boolean looksLikeEnvelope(CharSequence value) {
        int length = value.length();
        int from = 0;
        while (from < length && Character.isWhitespace(value.charAt(from))) {
            from++;
        }
        int to = length;
        while (to > from && Character.isWhitespace(value.charAt(to - 1))) {
            to--;
        }
        if (to - from < 2 || value.charAt(from) != '{' || value.charAt(to - 1) != '}') {
            return false;
        }
        String text = value.subSequence(from, to).toString();
        return text.contains("\"v\"") && text.contains("\"ct\"");
    }

    static Envelope parse(String text) throws Malformed {
        Envelope canonical = parseCanonicalV1(text);
        return canonical != null ? canonical : new Parser(text).envelope();
    }

    private static final String CANONICAL_HEAD = "{\"v\":1,\"iv\":\"";
    private static final String CANONICAL_MIDDLE = "\",\"ct\":\"";
    private static final int IV_CHARS = 16;

    /**
     * The exact form Node's {@code JSON.stringify} writes, read by position without a general
     * parser (most of the codec's cost otherwise). Anything else, including any doubt, returns
     * {@code null} and goes through the parser, which also explains what is wrong.
     */
    private static Envelope parseCanonicalV1(String text) {
        int ivStart = CANONICAL_HEAD.length();
        int ctStart = ivStart + IV_CHARS + CANONICAL_MIDDLE.length();
        int ctEnd = text.length() - 2;
        if (ctEnd < ctStart || !text.startsWith(CANONICAL_HEAD) || !text.startsWith(CANONICAL_MIDDLE, ivStart + IV_CHARS)
                || text.charAt(ctEnd) != '"' || text.charAt(ctEnd + 1) != '}') {
            return null;
        }
        byte[] chars = text.getBytes(StandardCharsets.ISO_8859_1);
        try {
            byte[] iv = exactly(Base64.getDecoder().decode(ByteBuffer.wrap(chars, ivStart, IV_CHARS)));
            byte[] ct = exactly(Base64.getDecoder().decode(ByteBuffer.wrap(chars, ctStart, ctEnd - ctStart)));
            if (iv == null || ct == null || iv.length != IV_LENGTH) {
                return null;
            }
            return ct.length < TAG_LENGTH ? null : new Envelope(1, null, iv, ct);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Envelope envelope() throws Malformed {
            skipSpace();
            expect('{', "it is not a JSON object");
            Integer version = null;
            String keyId = null;
            String iv = null;
            String ct = null;
            skipSpace();
            if (peek() == '}') {
                throw new Malformed("it is an empty JSON object");
            }
            while (true) {
                skipSpace();
                String name = string("a member name");
                skipSpace();
                expect(':', "a ':' is missing after member \"" + safeName(name) + "\"");
                skipSpace();
                switch (name) {
                    case "v" -> {
                        if (version != null) {
                            throw duplicate(name);
                        }
                        version = integer();
                    }
                    case "kid" -> {
                        if (keyId != null) {
                            throw duplicate(name);
                        }
                        keyId = string("the key id");
                    }
                    case "iv" -> {
                        if (iv != null) {
                            throw duplicate(name);
                        }
                        iv = string("the iv");
                    }
                    case "ct" -> {
                        if (ct != null) {
                            throw duplicate(name);
                        }
                        ct = string("the ct");
                    }
                    default -> throw new Malformed("it has an unexpected member \"" + safeName(name) + "\"");
                }
                skipSpace();
                char next = peek();
                pos++;
                if (next == '}') {
                    break;
                }
                if (next != ',') {
                    throw new Malformed("a ',' or '}' is missing at character " + (pos - 1));
                }
            }
            skipSpace();
            if (pos != text.length()) {
                throw new Malformed("there is text after the JSON object");
            }
            if (version == null) {
                throw new Malformed("member \"v\" (version) is missing");
            }
            if (version != 1 && version != 2) {
                throw new Malformed("version " + version + " is not supported (this codec reads 1 and 2)");
            }
            if (version == 2 && keyId == null) {
                throw new Malformed("a version 2 envelope needs member \"kid\"");
            }
            if (version == 1 && keyId != null) {
                throw new Malformed("a version 1 envelope has no member \"kid\"");
            }
            if (iv == null) {
                throw new Malformed("member \"iv\" is missing");
            }
            if (ct == null) {
                throw new Malformed("member \"ct\" is missing");
            }
            byte[] ivBytes = base64(iv, "iv");
            if (ivBytes.length != IV_LENGTH) {
                throw new Malformed("the iv is " + ivBytes.length + " bytes, expected " + IV_LENGTH);
            }
            byte[] ctBytes = base64(ct, "ct");
            if (ctBytes.length < TAG_LENGTH) {
                throw new Malformed("the ct is " + ctBytes.length + " bytes, shorter than the " + TAG_LENGTH + "-byte tag");
            }
            return new Envelope(version, keyId, ivBytes, ctBytes);
        }

        private static Malformed duplicate(String name) {
            return new Malformed("member \"" + name + "\" appears twice");
        }

        /** Member names are echoed only when they are short identifiers, so no content leaks. */
        private static String safeName(String name) {
            return name.length() <= 16 && name.chars().allMatch(c -> c < 128 && Character.isLetterOrDigit(c)) ? name : "?";
        }

        private static byte[] base64(String value, String member) throws Malformed {
            try {
                return Base64.getDecoder().decode(value);
            } catch (IllegalArgumentException e) {
                throw new Malformed("the " + member + " is not standard base64");
            }
        }

        private char peek() throws Malformed {
            if (pos >= text.length()) {
                throw new Malformed("the JSON object is not closed");
            }
            return text.charAt(pos);
        }

        private void expect(char c, String problem) throws Malformed {
            if (pos >= text.length() || text.charAt(pos) != c) {
                throw new Malformed(problem);
            }
            pos++;
        }

        private void skipSpace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                    return;
                }
                pos++;
            }
        }

        private int integer() throws Malformed {
            int start = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos)) && pos - start < 9) {
                pos++;
            }
            if (pos == start) {
                throw new Malformed("member \"v\" is not a number");
            }
            return Integer.parseInt(text, start, pos, 10);
        }

        private String string(String what) throws Malformed {
            expect('"', what + " is not a JSON string");
            int start = pos;
            int end = text.indexOf('"', start);
            if (end < 0) {
                throw new Malformed(what + " is not terminated");
            }
            String raw = text.substring(start, end);
            pos = end + 1;
            if (raw.indexOf('\\') < 0) {
                return raw;
            }
            // Base64 has no characters that need escaping; some encoders still write "/" as "\/".
            String unescaped = raw.replace("\\/", "/");
            if (unescaped.indexOf('\\') >= 0) {
                throw new Malformed(what + " contains an unexpected escape sequence");
            }
            return unescaped;
        }
    }
}

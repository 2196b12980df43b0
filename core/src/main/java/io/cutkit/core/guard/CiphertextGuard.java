package io.cutkit.core.guard;

/**
 * Checks encrypted columns against the key an environment actually has, before anything reads
 * them as plaintext: the one line that stops a cutover whose new stack got a placeholder key.
 * Every check is read-only. Costs: {@link #sampleDecrypt} reads n rows; the others scan the whole
 * column in primary-key order.
 */
public interface CiphertextGuard {

    /**
     * Strictly decrypts the first {@code sampleSize} envelope-shaped values of {@code encryptedColumn}
     * in primary-key order; legacy plaintext met on the way (values not shaped like an envelope at all)
     * is counted in {@link SampleDecryptReport#plaintext()}, not decrypted.
     *
     * @throws WrongKeyException on the first value no key decrypts (naming its row and the keys tried)
     * @throws MalformedEnvelopeException on the first envelope-shaped value that does not parse
     */
    SampleDecryptReport sampleDecrypt(ColumnRef encryptedColumn, int sampleSize);

    /** Classifies every value of {@code column}; throws nothing for what it finds. */
    ColumnScan scan(ColumnRef column);

    /**
     * Requires that {@code plaintextColumn} holds no envelope-shaped value (ciphertext copied or
     * rendered where plaintext is expected).
     *
     * @throws CiphertextFoundException with counts and the first ids (double-encrypted ones counted apart)
     */
    ColumnScan assertNoCiphertext(ColumnRef plaintextColumn);

    /**
     * Requires that every non-NULL value of {@code encryptedColumn} is an envelope that decrypts,
     * once, to plaintext: no legacy plaintext, no double encryption, no value under an unknown key.
     *
     * @throws WrongKeyException when a value decrypts under no key
     * @throws MalformedEnvelopeException when an envelope-shaped value is malformed
     * @throws CiphertextFoundException when a value decrypts to another envelope
     * @throws PlaintextFoundException when values are plaintext
     */
    ColumnScan assertNoPlaintext(ColumnRef encryptedColumn);
}

package io.cutkit.crypto;

/** Which envelope {@link EnvelopeCodec#encrypt} writes. Both are always read. */
public enum EnvelopeVersion {
    /** {@code {"v":1,"iv":"...","ct":"..."}}: the format Node applications write; no key id. */
    V1,
    /** {@code {"v":2,"kid":"...","iv":"...","ct":"..."}}: names the key, so rotations know what each value is under. */
    V2
}

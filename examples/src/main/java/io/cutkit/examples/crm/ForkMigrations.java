package io.cutkit.examples.crm;

import io.cutkit.crypto.EnvelopeCodec;
import io.cutkit.mysql.migration.MigrationSource;

/**
 * The new code's migrations on top of the contractor's history: the fork left the contractor's line
 * at 045 and added a dedup hash and a timezone column. Renumbered, they are 055 and 056 and apply
 * after the contractor's 046-054; with their original numbers 046 and 047 they collide with the
 * contractor's migrations of the same numbers (field report blocker 2).
 */
public final class ForkMigrations {

    /** The name of the dedup migration once renumbered, which guards watch for. */
    public static final String DEDUP = "055-add-dedup-hash";

    private ForkMigrations() {
    }

    /** The renumbered migrations, 055 and 056. */
    public static MigrationSource renumbered(EnvelopeCodec codec) {
        return MigrationSource.of(new AddDedupHash(DEDUP, codec), new AddTimezone("056-add-timezone"));
    }

    /** The migrations as the fork first numbered them, 046 and 047. */
    public static MigrationSource asForked(EnvelopeCodec codec) {
        return MigrationSource.of(new AddDedupHash("046-add-dedup-hash", codec), new AddTimezone("047-add-timezone"));
    }
}

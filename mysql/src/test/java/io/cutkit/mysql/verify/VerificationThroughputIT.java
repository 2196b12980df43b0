package io.cutkit.mysql.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.mysql.testing.DatabaseServers;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link VerificationBenchmark}'s comparison on a 16 MB data set, so every build checks that the
 * benchmark's data verifies with zero differences and the same figures each time.
 */
class VerificationThroughputIT {

    private static final int MEGABYTES = 16;
    private static VerificationBenchmark data;

    @BeforeAll
    static void generate() throws SQLException {
        data = VerificationBenchmark.generate(DatabaseServers.shared(), MEGABYTES);
    }

    @AfterAll
    static void dropData() {
        data.drop();
    }

    @Test
    void verifiesGeneratedDataSetWithZeroDifferencesAndReportsThroughput() {
        DatabaseVerifier verifier = DatabaseVerifier.builder().build();
        VerificationReport first = data.timed(verifier);
        VerificationReport second = data.timed(verifier);
        VerificationReport third = data.timed(verifier);

        assertThat(first.matches()).as(first.toText()).isTrue();
        assertThat(first.tables()).extracting(TableComparison::sourceRows).containsExactly(data.calls(), data.leads());
        assertThat(first.sourceBytes()).isGreaterThan(MEGABYTES * 800_000L);
        assertThat(second.tables()).isEqualTo(first.tables());
        assertThat(third.tables()).isEqualTo(first.tables());
    }
}

package io.cutkit.mysql.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.mysql.testing.DatabaseServer;
import io.cutkit.mysql.testing.DatabaseServers;
import io.cutkit.mysql.testing.EmbeddedMariaDb;
import io.cutkit.mysql.verify.TableComparison.Verdict;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Refdata imported by the mariadb client on two servers whose default collations differ. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseVerifierIT {

    private static final DatabaseVerifier VERIFIER = DatabaseVerifier.builder().build();
    private static DatabaseServer source;
    private static DatabaseServer target;
    private static String sourceDb;
    private static String targetDb;

    @BeforeAll
    static void importRefdataTwice() {
        source = DatabaseServers.shared();
        target = EmbeddedMariaDb.builder().characterSet("utf8mb4").collation("utf8mb4_0900_ai_ci").start();
        sourceDb = source.createDatabase("verify_source");
        targetDb = target.createDatabase("verify_target");
        Refdata.importWithClient(source, sourceDb);
        Refdata.importWithClient(target, targetDb);
    }

    @AfterAll
    static void cleanUp() {
        source.dropDatabase(sourceDb);
        target.close();
    }

    @Test
    @Order(1)
    void identicalImportsMatchAcrossServersWithDifferentDefaultCollations() {
        VerificationReport report = VERIFIER.compare(source.dataSource(null), sourceDb, target.dataSource(null), targetDb);

        assertThat(report.matches()).as(report.toText()).isTrue();
        assertThat(report.tables()).hasSize(Refdata.tables().size());
        Refdata.tables().forEach((table, rows) -> assertThat(report.tables()).filteredOn(t -> t.table().equals(table))
                .singleElement().extracting(TableComparison::sourceRows).isEqualTo(rows));
        assertThat(report.sourceBytes()).isEqualTo(report.targetBytes())
                .isGreaterThan(Refdata.number("dump", "uncompressedBytes") / 4);
    }

    @Test
    @Order(2)
    void digestsAreIndependentOfServerAndEqualForEqualTables() {
        java.util.List<String> largest = Refdata.tables().entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).map(java.util.Map.Entry::getKey).toList();
        TableDigest a = VERIFIER.digest(source.dataSource(null), sourceDb, largest.get(0));
        TableDigest b = VERIFIER.digest(target.dataSource(null), targetDb, largest.get(0));

        assertThat(a).isEqualTo(b);
        assertThat(a.rows()).isEqualTo(Refdata.tables().get(largest.get(0)));
        assertThat(a.checksum()).hasSize(32).isNotEqualTo(VERIFIER.digest(source.dataSource(null), sourceDb, largest.get(1)).checksum());
    }

    @Test
    @Order(3)
    void readingLargeTablesInKeyRangesGivesTheSameDigests() {
        VerificationReport whole = VERIFIER.compare(source.dataSource(null), sourceDb, target.dataSource(null), targetDb);
        VerificationReport chunked = DatabaseVerifier.builder().parallelism(3).chunkBytes(64 * 1024).build()
                .compare(source.dataSource(null), sourceDb, target.dataSource(null), targetDb);

        assertThat(chunked.matches()).as(chunked.toText()).isTrue();
        assertThat(chunked.tables()).isEqualTo(whole.tables());
        assertThat(chunked.sourceBytes()).isEqualTo(whole.sourceBytes());
    }

    @Test
    @Order(4)
    void reportsChangedRowDeletedRowAndMissingTableWithFirstDifferingKeys() throws SQLException {
        long firstChanged;
        try (Connection connection = target.connect(targetDb); Statement statement = connection.createStatement()) {
            try (var ids = statement.executeQuery("SELECT MIN(id) + (MAX(id) - MIN(id)) DIV 2, MAX(id) FROM audit_log")) {
                ids.next();
                firstChanged = ids.getLong(1);
            }
            statement.execute("UPDATE audit_log SET payload = CONCAT(COALESCE(payload, ''), ' ') WHERE id >= " + firstChanged
                    + " ORDER BY id LIMIT 2");
            try (var ids = statement.executeQuery("SELECT MIN(id) FROM audit_log WHERE id >= " + firstChanged)) {
                ids.next();
                firstChanged = ids.getLong(1);
            }
            statement.execute("DELETE FROM lead_tags ORDER BY leadId DESC, tagId DESC LIMIT 1");
            statement.execute("DROP TABLE api_keys");
        }
        long lastLead;
        try (Connection connection = source.connect(sourceDb); Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT leadId, tagId FROM lead_tags ORDER BY leadId DESC, tagId DESC LIMIT 1")) {
            rows.next();
            lastLead = rows.getLong(1);
        }

        VerificationReport report = DatabaseVerifier.builder().chunkBytes(64 * 1024).build()
                .compare(source.dataSource(null), sourceDb, target.dataSource(null), targetDb);

        assertThat(report.matches()).isFalse();
        assertThat(report.differences()).extracting(TableComparison::table)
                .containsExactlyInAnyOrder("audit_log", "lead_tags", "api_keys");
        TableComparison audit = find(report, "audit_log");
        assertThat(audit.verdict()).isEqualTo(Verdict.CONTENT_DIFFERS);
        assertThat(audit.rowCountDifference()).isZero();
        assertThat(audit.firstDifferingKey()).contains(String.valueOf(firstChanged));
        TableComparison tags = find(report, "lead_tags");
        assertThat(tags.verdict()).isEqualTo(Verdict.ROW_COUNT_DIFFERS);
        assertThat(tags.rowCountDifference()).isEqualTo(-1);
        assertThat(tags.firstDifferingKey()).hasValueSatisfying(key -> assertThat(key).startsWith("leadId=" + lastLead + ", tagId="));
        assertThat(find(report, "api_keys").verdict()).isEqualTo(Verdict.MISSING_IN_TARGET);
        assertThat(report.toText()).contains("`audit_log`: CONTENT_DIFFERS").contains("first differing primary key " + firstChanged);
    }

    @Test
    @Order(5)
    void missingDatabaseGetsAClearError() {
        assertThatThrownBy(() -> VERIFIER.compare(source.dataSource(null), sourceDb, target.dataSource(null), "nope_db"))
                .isInstanceOf(VerificationException.class)
                .hasMessageContaining("`nope_db` does not exist");
    }

    private static TableComparison find(VerificationReport report, String table) {
        return report.tables().stream().filter(t -> t.table().equals(table)).findFirst().orElseThrow();
    }
}

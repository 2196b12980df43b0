package io.cutkit.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.mysql.refdata.Refdata;
import io.cutkit.mysql.testing.DatabaseServers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpVerifyStageIT {

    @Test
    void cutkitsImportOfRefdataMatchesTheMariadbClientsLoadOfTheSameDump() {
        DryRunReport report = DryRun.of(DryRunPlan.builder().dump(Refdata.dump()).database("crm").build())
                .onServer(DatabaseServers.shared()).run();

        assertThat(report.stages()).filteredOn(s -> s.name().equals("verify-dump")).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(StageResult.Status.RAN);
            assertThat(s.note()).startsWith(Refdata.tables().size() + " tables compared").endsWith(", 0 differ");
        });
        assertThat(report.findings("other")).noneMatch(f -> f.message().contains("differs after the import"));
    }

    @Test
    void aSampleSchemaWhoseViewNamesItsOwnDatabaseIsVerifiedAgainstTheClientsLoadAsWritten(@TempDir Path dir) throws Exception {
        String own = "sample_" + Long.toHexString(System.nanoTime());
        Path script = Files.writeString(dir.resolve("schema.sql"), """
                DROP SCHEMA IF EXISTS $db;
                CREATE SCHEMA $db;
                USE $db;
                CREATE TABLE film (film_id INT PRIMARY KEY, title VARCHAR(40));
                CREATE TABLE film_text (film_id INT PRIMARY KEY, title VARCHAR(40));
                CREATE VIEW film_list AS SELECT f.film_id, f.title FROM $db.film f JOIN $db.film_text t USING (film_id);
                DELIMITER ;;
                CREATE TRIGGER ins_film AFTER INSERT ON film FOR EACH ROW BEGIN
                  INSERT INTO film_text VALUES (new.film_id, new.title);
                END;;
                DELIMITER ;
                INSERT INTO film VALUES (1, 'ACADEMY DINOSAUR'), (2, 'ACE GOLDFINGER');
                """.replace("$db", own));

        DryRunReport report = DryRun.of(DryRunPlan.builder().dump(script).database("shop").build())
                .onServer(DatabaseServers.shared()).run();

        assertThat(report.stages()).filteredOn(s -> s.name().equals("verify-dump")).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(StageResult.Status.RAN);
            assertThat(s.note()).startsWith("2 tables compared").endsWith(", 0 differ");
        });
        assertThat(report.findings()).noneMatch(f -> f.severity() == io.cutkit.core.preflight.Severity.P0);
        try (java.sql.Connection c = DatabaseServers.shared().connect("");
                java.sql.ResultSet rs = c.createStatement().executeQuery("SHOW DATABASES LIKE '" + own + "'")) {
            assertThat(rs.next()).as("the client's reference database is dropped").isFalse();
        }
    }

    @Test
    void aMySql8DumpsGtidPurgedLineSpanningLinesDoesNotStopTheClientsReferenceLoad(@TempDir Path dir) {
        // mysqldump 8 writes it after its header; MariaDB's client and server know no GTID_PURGED (error 1193)
        java.util.concurrent.atomic.AtomicBoolean planted = new java.util.concurrent.atomic.AtomicBoolean();
        Path dump = DumpVariant.of(Refdata.dump()).editLines(l -> l.startsWith("DROP TABLE IF EXISTS") && !planted.getAndSet(true)
                ? "SET @@GLOBAL.GTID_PURGED=/*!80000 '+'*/ '6b6cfbde-b07f-11f0-85fa-3a18d442e117:1-66,\n"
                        + "d5612613-afb6-11f0-bfad-5a64d06035e7:1-123';\n" + l : l).writeTo(dir.resolve("gtid.sql"));

        DryRunReport report = DryRun.of(DryRunPlan.builder().dump(dump).database("crm").build())
                .onServer(DatabaseServers.shared()).run();

        assertThat(planted).isTrue();
        assertThat(report.stages()).filteredOn(s -> s.name().equals("verify-dump")).singleElement().satisfies(s -> {
            assertThat(s.status()).as(s.note()).isEqualTo(StageResult.Status.RAN);
            assertThat(s.note()).endsWith(", 0 differ");
        });
        assertThat(report.findings("other")).noneMatch(f -> f.message().contains("verify-dump"));
        assertThat(report.findings("managed-instance-statement")).as("the line is still reported for managed targets")
                .anyMatch(f -> f.message().contains("GTID_PURGED"));
    }
}

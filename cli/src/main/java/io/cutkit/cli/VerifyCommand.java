package io.cutkit.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.cutkit.mysql.verify.DatabaseVerifier;
import io.cutkit.mysql.verify.VerificationReport;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cutkit verify}: compare a source database with its copy, table by table (DatabaseVerifier). */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Compare a source database with its copy, table by table.",
            "Row counts and content checksums; names the first differing primary key. Exit 1 when anything differs."})
final class VerifyCommand extends CutkitSubcommand {

    @Mixin
    SourceServerOptions source;

    @Option(names = "--source-database", paramLabel = "NAME", required = true, description = "The source database.")
    String sourceDatabase;

    @Mixin
    TargetServerOptions target;

    @Option(names = "--target-database", paramLabel = "NAME", required = true, description = "The target database.")
    String targetDatabase;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "2", description = "Tables compared at once (default ${DEFAULT-VALUE}).")
    int parallelism;

    @Override
    int run(Console console) {
        if (parallelism < 1) {
            throw usage("--parallelism must be at least 1, got " + parallelism);
        }
        VerificationReport report;
        try (HikariDataSource from = source.address().dataSource(sourceDatabase, parallelism * 2);
                HikariDataSource to = target.address().dataSource(targetDatabase, parallelism * 2);
                ProgressTicker ticker = ProgressTicker.start(console, "verifying " + targetDatabase + " against " + sourceDatabase)) {
            report = DatabaseVerifier.builder().parallelism(parallelism).build()
                    .compare(from, sourceDatabase, to, targetDatabase);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("matches", report.matches());
        doc.put("sourceBytes", report.sourceBytes());
        doc.put("elapsedMillis", report.elapsed().toMillis());
        doc.put("tables", report.tables().stream().map(t -> {
            Map<String, Object> table = new LinkedHashMap<>();
            table.put("table", t.table());
            table.put("verdict", t.verdict().name());
            table.put("sourceRows", t.sourceRows());
            table.put("targetRows", t.targetRows());
            table.put("firstDifferingKey", t.firstDifferingKey().orElse(null));
            table.put("note", t.note());
            return table;
        }).toList());
        console.result(report.toText(), doc);
        return report.matches() ? ExitCodes.OK : ExitCodes.FINDING;
    }
}

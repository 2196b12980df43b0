package io.cutkit.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.cutkit.mysql.dump.DumpInspector;
import io.cutkit.mysql.dump.DumpReport;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cutkit inspect}: what a plain import of a dump would do, before anything is loaded (DumpInspector). */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Say what importing a dump would do, before anything is loaded.",
            "Reads a dump (plain or gzip) once: databases it creates or USEs, collations, DEFINERs, statements a",
            "managed server rejects, tables. Exit 1 when a verdict blocks an import."})
final class InspectCommand extends CutkitSubcommand {

    @Parameters(paramLabel = "DUMP", description = "The dump file (.sql or .sql.gz).")
    Path dump;

    @Option(names = "--database", paramLabel = "NAME", description = "The database the dump should land in.")
    String database;

    @Mixin
    TargetServerOptions target;

    @Override
    int run(Console console) {
        DumpReport report;
        try (ProgressTicker ticker = ProgressTicker.start(console, "inspecting " + dump)) {
            if (target.given()) {
                try (HikariDataSource server = target.address().dataSource(null, 2)) {
                    report = DumpInspector.builder().targetDatabase(database).targetServer(server).build().inspect(dump);
                }
            } else {
                report = DumpInspector.builder().targetDatabase(database).build().inspect(dump);
            }
        }
        console.result(report.toText(), document(report));
        return report.blocking() ? ExitCodes.FINDING : ExitCodes.OK;
    }

    private static Map<String, Object> document(DumpReport report) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("source", report.source());
        doc.put("targetDatabase", report.targetDatabase());
        doc.put("bytes", report.bytes());
        doc.put("gzip", report.gzip());
        doc.put("lines", report.lines());
        doc.put("statements", report.statements());
        doc.put("blocking", report.blocking());
        doc.put("databases", report.databases().stream().map(d -> Map.of("line", d.line(),
                "statement", String.valueOf(d.statement()), "database", d.database())).toList());
        doc.put("collations", report.collations());
        doc.put("definers", report.definers().stream().map(d -> Map.of("line", d.line(), "account", d.account(),
                "object", String.valueOf(d.object()), "name", d.objectName())).toList());
        doc.put("tables", report.tables().stream().map(t -> Map.of("name", t.name(), "approximateRows",
                t.approximateRows(), "dataBytes", t.dataBytes())).toList());
        doc.put("verdicts", report.verdicts().stream().map(v -> Map.of("kind", v.getClass().getSimpleName(),
                "line", v.line(), "blocking", v.blocking(), "message", v.message())).toList());
        return doc;
    }
}

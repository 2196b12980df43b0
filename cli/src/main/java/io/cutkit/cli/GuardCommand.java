package io.cutkit.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.cutkit.core.guard.CiphertextGuardException;
import io.cutkit.core.guard.ColumnRef;
import io.cutkit.core.guard.ColumnScan;
import io.cutkit.core.guard.SampleDecryptReport;
import io.cutkit.core.secret.EnvFile;
import io.cutkit.crypto.EncryptionKey;
import io.cutkit.crypto.KeyRing;
import io.cutkit.crypto.jdbc.JdbcCiphertextGuard;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code cutkit guard sample-decrypt|scan}: check encrypted columns against a key (JdbcCiphertextGuard). */
@Command(name = "guard", mixinStandardHelpOptions = true,
        description = "Check encrypted columns against the key an environment has, read-only.",
        subcommands = {GuardCommand.SampleDecrypt.class, GuardCommand.Scan.class})
final class GuardCommand extends CommandGroup {

    /** The key and the columns of both subcommands. */
    static final class GuardOptions {
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        @Option(names = "--database", paramLabel = "NAME", required = true, description = "The database holding the columns.")
        String database;

        @Option(names = "--key-env-file", paramLabel = "FILE", required = true,
                description = "Env file (mode 600) holding the base64 key, e.g. the application's .env.")
        Path keyEnvFile;

        @Option(names = "--key-name", paramLabel = "NAME", defaultValue = "ENCRYPTION_KEY",
                description = "The key's variable in the env file (default ${DEFAULT-VALUE}).")
        String keyName;

        @Option(names = "--column", paramLabel = "TABLE.COLUMN", required = true, description = "A column to check (repeatable).")
        List<String> columns;

        List<ColumnRef> columnRefs() {
            List<ColumnRef> refs = new ArrayList<>();
            for (String column : columns) {
                int dot = column.indexOf('.');
                if (dot <= 0 || dot == column.length() - 1 || column.indexOf('.', dot + 1) >= 0) {
                    throw new ParameterException(spec.commandLine(), "--column: expected TABLE.COLUMN, got '" + column + "'");
                }
                refs.add(ColumnRef.of(column.substring(0, dot), column.substring(dot + 1)));
            }
            return refs;
        }

        KeyRing keyRing() {
            try (EnvFile env = SecretInput.envFile(spec, "--key-env-file", keyEnvFile)) {
                if (!env.contains(keyName)) {
                    throw new ParameterException(spec.commandLine(), "--key-name: " + keyEnvFile + " has no " + keyName);
                }
                return KeyRing.of(EncryptionKey.fromBase64(env.source(keyName)));
            }
        }
    }

    /** Runs one check per column; a guard exception is a finding reported with its column. */
    abstract static class GuardSubcommand extends CutkitSubcommand {
        @Mixin
        TargetServerOptions target;

        @Mixin
        GuardOptions options;

        abstract Object check(JdbcCiphertextGuard guard, ColumnRef column);

        @Override
        int run(Console console) {
            List<ColumnRef> columns = options.columnRefs();
            List<Map<String, Object>> results = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            boolean passed = true;
            try (KeyRing ring = options.keyRing();
                    HikariDataSource dataSource = target.address().dataSource(options.database, 2);
                    ProgressTicker ticker = ProgressTicker.start(console, spec.name() + " " + options.columns)) {
                JdbcCiphertextGuard guard = JdbcCiphertextGuard.of(dataSource, ring);
                text.append("key ").append(ring.current().fingerprint()).append('\n');
                for (ColumnRef column : columns) {
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("column", column.table() + "." + column.column());
                    try {
                        Object report = check(guard, column);
                        result.put("passed", true);
                        result.put("report", describe(report));
                        text.append("ok      ").append(report).append('\n');
                    } catch (CiphertextGuardException finding) {
                        passed = false;
                        result.put("passed", false);
                        result.put("finding", finding.getMessage());
                        text.append("FINDING ").append(finding.getMessage()).append('\n');
                    }
                    results.add(result);
                }
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("keyFingerprint", ring.current().fingerprint());
                doc.put("passed", passed);
                doc.put("columns", results);
                console.result(text.toString(), doc);
            }
            return passed ? ExitCodes.OK : ExitCodes.FINDING;
        }

        private static Map<String, Object> describe(Object report) {
            Map<String, Object> doc = new LinkedHashMap<>();
            if (report instanceof SampleDecryptReport sample) {
                doc.put("decrypted", sample.decrypted());
                doc.put("ids", sample.ids());
                doc.put("decryptedByKey", sample.decryptedByKey());
            } else if (report instanceof ColumnScan scan) {
                doc.put("rows", scan.rows());
                doc.put("nulls", scan.nulls());
                doc.put("emptyStored", scan.emptyStored());
                doc.put("envelopes", scan.envelopes().count());
                doc.put("decrypted", scan.decrypted());
                doc.put("doubleEncrypted", scan.doubleEncrypted().count());
                doc.put("wrongKey", scan.wrongKey().count());
                doc.put("malformed", scan.malformed().count());
                doc.put("plaintext", scan.plaintext().count());
                doc.put("decryptedByKey", scan.decryptedByKey());
            }
            return doc;
        }
    }

    @Command(name = "sample-decrypt", mixinStandardHelpOptions = true,
            description = "Strictly decrypt the first values of each column. Exit 1 when the key cannot decrypt one.")
    static final class SampleDecrypt extends GuardSubcommand {
        @Option(names = "--sample", paramLabel = "N", defaultValue = "10", description = "Values per column (default ${DEFAULT-VALUE}).")
        int sample;

        @Override
        Object check(JdbcCiphertextGuard guard, ColumnRef column) {
            if (sample < 1) {
                throw usage("--sample must be at least 1, got " + sample);
            }
            return guard.sampleDecrypt(column, sample);
        }
    }

    @Command(name = "scan", mixinStandardHelpOptions = true,
            description = {"Classify every value of each column: NULL, empty, envelope, decrypts, wrong key, plaintext.",
                "With --expect, a value of the other kind is a finding (exit 1)."})
    static final class Scan extends GuardSubcommand {
        /** What every value of the columns should be. */
        enum Expectation { ENCRYPTED, PLAINTEXT }

        @Option(names = "--expect", paramLabel = "KIND", description = "${COMPLETION-CANDIDATES}: require every value to be of this kind.")
        Expectation expect;

        @Override
        Object check(JdbcCiphertextGuard guard, ColumnRef column) {
            if (expect == null) {
                return guard.scan(column);
            }
            return expect == Expectation.ENCRYPTED ? guard.assertNoPlaintext(column) : guard.assertNoCiphertext(column);
        }
    }
}

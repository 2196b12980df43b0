package io.cutkit.examples.crm;

import io.cutkit.crypto.EnvelopeCodec;
import io.cutkit.core.secret.Secret;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import javax.sql.DataSource;
import org.mindrot.jbcrypt.BCrypt;

/**
 * Generates the contractor's CRM database the rehearsal moves: {@code users} with bcrypt hashes
 * (one admin whose password the caller knows), {@code leads} whose name, email and phone are
 * envelopes under the application's key (some reference ids longer than 32 characters, notes with
 * emoji), {@code phone_numbers}, a Sequelize migration history, and a view and a trigger owned by
 * a DEFINER account. Deterministic for a given seed. Costs one pass of batched inserts (about a
 * second for a few thousand leads); throws {@link SQLException} as JDBC does.
 */
public final class ContractorDatabase {

    /** The account the view and the trigger run as; it must exist wherever the database is loaded. */
    public static final String DEFINER_USER = "crm_app";
    /** The admin user that must be able to log in after the move. */
    public static final String ADMIN_EMAIL = "admin@crm.example";

    private static final String[] FIRST = {"Ana", "Ben", "Chloé", "Dmitri", "Eva", "Farid", "Grace", "Hiro", "Ines",
        "Jonas", "Kwame", "Lea", "Mateo", "Nora", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Yusuf", "Zoë"};
    private static final String[] LAST = {"Alvarez", "Brown", "Chen", "Dubois", "Eriksen", "Fischer", "García", "Haddad",
        "Ivanova", "Jensen", "Kowalski", "López", "Müller", "Nakamura", "O'Brien", "Petrov", "Rossi", "Schmidt", "Tanaka"};
    private static final String[] COMPANIES = {"Acme Roofing", "Blue Harbor Dental", "Cedar & Pine Realty",
        "Delta Solar", "Evergreen Law", "Fjord Logistics", "Golden Gate Movers", "Helix Fitness", null};
    private static final String[] STATUSES = {"new", "contacted", "qualified", "won", "lost"};
    private static final String[] NOTES = {"Called back 📞, wants a demo 🚀", "Prefers email ✉️", "Budget approved 💶",
        "Asked for a quote — follow up Tuesday", "No answer, left voicemail", "VIP 🌟 referral from partner", null};
    private static final String[] MIGRATION_TOPICS = {"create-users", "create-leads", "add-leads-status", "create-phone-numbers",
        "add-users-role", "add-leads-owner", "create-calls", "add-leads-notes", "create-emails", "add-leads-source"};

    private final int leads;
    private final int users;
    private final int migrations;
    private final long seed;
    private final boolean encryptSomeCompanies;

    private ContractorDatabase(int leads, int users, int migrations, long seed, boolean encryptSomeCompanies) {
        this.leads = leads;
        this.users = users;
        this.migrations = migrations;
        this.seed = seed;
        this.encryptSomeCompanies = encryptSomeCompanies;
    }

    /**
     * A generator of {@code leads} leads, {@code users} users and {@code migrations} history rows
     * (at least 47, so the fork's 046 and 047 can collide), seeded with {@code seed}.
     */
    public static ContractorDatabase of(int leads, int users, int migrations, long seed) {
        if (leads < 1 || users < 1 || migrations < 47) {
            throw new IllegalArgumentException("need at least 1 lead, 1 user and 47 migrations, got "
                    + leads + ", " + users + ", " + migrations);
        }
        return new ContractorDatabase(leads, users, migrations, seed, false);
    }

    /** The same generator, but a tenth of the plaintext {@code company} values hold envelopes (a contractor bug). */
    public ContractorDatabase withEncryptedCompanies() {
        return new ContractorDatabase(leads, users, migrations, seed, true);
    }

    /** The name of the contractor's migration number {@code n} as Sequelize recorded it. */
    public static String migrationName(int n) {
        return switch (n) {
            case 46 -> "046-add-leads-source-channel.js";
            case 47 -> "047-create-call-recordings.js";
            default -> String.format("%03d-%s.js", n, MIGRATION_TOPICS[n % MIGRATION_TOPICS.length]);
        };
    }

    /**
     * Creates {@code database} (default character set and collation of the server) on the server
     * {@code admin} connects to and fills it; the DEFINER account must already exist there.
     */
    public void create(DataSource admin, String database, EnvelopeCodec codec, Secret adminPassword) throws SQLException {
        Objects.requireNonNull(codec, "codec");
        String db = quote(database);
        try (Connection c = admin.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + db);
            st.execute("USE " + db);
            for (String ddl : schema()) {
                st.execute(ddl);
            }
            Random random = new Random(seed);
            c.setAutoCommit(false);
            insertUsers(c, random, adminPassword);
            insertLeads(c, random, codec);
            insertPhoneNumbers(c);
            insertHistory(c);
            c.commit();
            c.setAutoCommit(true);
            st.execute("CREATE DEFINER=`" + DEFINER_USER + "`@`%` SQL SECURITY DEFINER VIEW `lead_pipeline` AS "
                    + "SELECT `status`, COUNT(*) AS `leads` FROM `leads` GROUP BY `status`");
            st.execute("CREATE DEFINER=`" + DEFINER_USER + "`@`%` TRIGGER `leads_touch` BEFORE UPDATE ON `leads` "
                    + "FOR EACH ROW SET NEW.`updatedAt` = CURRENT_TIMESTAMP");
        }
    }

    private static List<String> schema() {
        return List.of(
                "CREATE TABLE `users` (`id` INT NOT NULL AUTO_INCREMENT PRIMARY KEY, `email` VARCHAR(191) NOT NULL UNIQUE,"
                        + " `name` VARCHAR(100) NOT NULL, `role` VARCHAR(20) NOT NULL, `passwordHash` CHAR(60) NOT NULL,"
                        + " `createdAt` DATETIME NOT NULL)",
                "CREATE TABLE `leads` (`id` INT NOT NULL AUTO_INCREMENT PRIMARY KEY, `referenceId` VARCHAR(64) NOT NULL,"
                        + " `name` TEXT NOT NULL, `email` TEXT NOT NULL, `phone` TEXT NULL, `company` VARCHAR(191) NULL,"
                        + " `status` VARCHAR(20) NOT NULL, `notes` TEXT NULL, `ownerId` INT NULL,"
                        + " `createdAt` DATETIME NOT NULL, `updatedAt` DATETIME NOT NULL,"
                        + " KEY `idx_leads_status` (`status`), KEY `idx_leads_referenceId` (`referenceId`))",
                "CREATE TABLE `phone_numbers` (`id` INT NOT NULL AUTO_INCREMENT PRIMARY KEY, `number` VARCHAR(20) NOT NULL,"
                        + " `label` VARCHAR(50) NOT NULL)",
                "CREATE TABLE `SequelizeMeta` (`name` VARCHAR(255) NOT NULL PRIMARY KEY)");
    }

    private void insertUsers(Connection c, Random random, Secret adminPassword) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO `users` (`email`, `name`, `role`, `passwordHash`, `createdAt`) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < users; i++) {
                boolean admin = i == 0;
                String hash = admin
                        ? adminPassword.withBytes(p -> BCrypt.hashpw(new String(p, StandardCharsets.UTF_8), BCrypt.gensalt(10)))
                        : BCrypt.hashpw(Long.toHexString(random.nextLong()), BCrypt.gensalt(4));
                ps.setString(1, admin ? ADMIN_EMAIL : "agent" + i + "@crm.example");
                ps.setString(2, admin ? "Admin" : pick(random, FIRST) + " " + pick(random, LAST));
                ps.setString(3, admin ? "admin" : "agent");
                ps.setString(4, hash);
                ps.setTimestamp(5, Timestamp.valueOf(LocalDateTime.of(2024, 1, 1, 9, 0).plusDays(i)));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void insertLeads(Connection c, Random random, EnvelopeCodec codec) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO `leads` (`referenceId`, `name`, `email`, `phone`,"
                + " `company`, `status`, `notes`, `ownerId`, `createdAt`, `updatedAt`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            LocalDateTime start = LocalDateTime.of(2024, 3, 1, 8, 0);
            for (int i = 1; i <= leads; i++) {
                String first = pick(random, FIRST);
                String last = pick(random, LAST);
                // the contractor widened referenceId to 64 after partners started sending long ids
                int idLength = random.nextInt(50) == 0 ? 33 + random.nextInt(32) : 12 + random.nextInt(21);
                String company = pick(random, COMPANIES);
                if (encryptSomeCompanies && company != null && i % 10 == 7) {
                    company = codec.encrypt(company);
                }
                LocalDateTime created = start.plusMinutes(37L * i);
                ps.setString(1, referenceId(random, idLength));
                ps.setString(2, codec.encrypt(first + " " + last));
                ps.setString(3, codec.encrypt(ascii(first) + "." + ascii(last) + i + "@example.com"));
                ps.setString(4, random.nextInt(8) == 0 ? null : codec.encrypt(String.format("+1312555%04d", random.nextInt(10_000))));
                ps.setString(5, company);
                ps.setString(6, pick(random, STATUSES));
                ps.setString(7, pick(random, NOTES));
                ps.setInt(8, 1 + random.nextInt(users));
                ps.setTimestamp(9, Timestamp.valueOf(created));
                ps.setTimestamp(10, Timestamp.valueOf(created.plusHours(random.nextInt(400))));
                ps.addBatch();
                if (i % 500 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }

    private static void insertPhoneNumbers(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO `phone_numbers` (`number`, `label`) VALUES (?, ?)")) {
            String[] labels = {"main line", "sales", "support", "billing", "after hours", "marketing"};
            for (int i = 0; i < labels.length; i++) {
                ps.setString(1, String.format("+1312555%04d", 181 + i));
                ps.setString(2, labels[i]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void insertHistory(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO `SequelizeMeta` (`name`) VALUES (?)")) {
            for (int n = 1; n <= migrations; n++) {
                ps.setString(1, migrationName(n));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static String referenceId(Random random, int length) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        StringBuilder id = new StringBuilder("REF-");
        while (id.length() < length) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }

    private static String ascii(String name) {
        return java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "").toLowerCase();
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }
}

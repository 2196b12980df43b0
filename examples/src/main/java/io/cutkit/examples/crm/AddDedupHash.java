package io.cutkit.examples.crm;

import io.cutkit.core.guard.ValueLocation;
import io.cutkit.crypto.EnvelopeCodec;
import io.cutkit.mysql.migration.JavaMigration;
import io.cutkit.mysql.migration.MigrationContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * The fork's dedup migration: adds {@code leads.emailHash} and fills it with the SHA-256 of each
 * lead's normalised email and company, decrypting the email strictly (a wrong key throws, it never
 * hashes ciphertext). Its name carries the number it was given: 055 after renumbering, 046 before.
 * Costs one read of {@code leads} and one batched update.
 */
public final class AddDedupHash implements JavaMigration {

    private final String name;
    private final EnvelopeCodec codec;

    /** The migration named {@code name} (e.g. {@code 055-add-dedup-hash}), decrypting with {@code codec}. */
    public AddDedupHash(String name, EnvelopeCodec codec) {
        this.name = Objects.requireNonNull(name, "name");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void apply(MigrationContext context) throws SQLException {
        context.execute("ALTER TABLE `leads` ADD COLUMN `emailHash` CHAR(64) NULL, ADD KEY `idx_leads_emailHash` (`emailHash`)");
        Connection c = context.connection();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement read = c.prepareStatement("SELECT `id`, `email`, `company` FROM `leads` ORDER BY `id`");
             PreparedStatement write = c.prepareStatement("UPDATE `leads` SET `emailHash` = ? WHERE `id` = ?");
             ResultSet rows = read.executeQuery()) {
            int pending = 0;
            while (rows.next()) {
                long id = rows.getLong(1);
                String plain = codec.decrypt(rows.getString(2), ValueLocation.of("leads", "email", "id", id)).plaintext();
                String company = rows.getString(3);
                write.setString(1, sha256(plain.trim().toLowerCase(Locale.ROOT) + "|"
                        + (company == null ? "" : company.trim().toLowerCase(Locale.ROOT))));
                write.setLong(2, id);
                write.addBatch();
                if (++pending % 1000 == 0) {
                    write.executeBatch();
                }
            }
            write.executeBatch();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

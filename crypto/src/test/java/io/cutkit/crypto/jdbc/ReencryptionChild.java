package io.cutkit.crypto.jdbc;

import com.mysql.cj.jdbc.MysqlDataSource;
import io.cutkit.core.secret.EnvSecretSource;
import io.cutkit.crypto.EncryptionKey;
import io.cutkit.crypto.KeyRing;
import io.cutkit.mysql.testing.ChildJvm;

/**
 * Child-process key rotation for {@link ColumnReencryptorIT}: re-encrypts {@code leads} of the database
 * at {@code CUTKIT_CHILD_URL} (with {@code CUTKIT_CHILD_USER} and {@code CUTKIT_CHILD_PASSWORD})
 * from {@code CUTKIT_OLD_KEY} to {@code CUTKIT_NEW_KEY} in chunks of 100 rows, prints
 * {@code committed 7} after the seventh chunk and stalls there until killed.
 */
public final class ReencryptionChild {

    private ReencryptionChild() {
    }

    public static void main(String[] args) {
        MysqlDataSource database = new MysqlDataSource();
        database.setURL(System.getenv("CUTKIT_CHILD_URL"));
        database.setUser(System.getenv("CUTKIT_CHILD_USER"));
        database.setPassword(System.getenv("CUTKIT_CHILD_PASSWORD"));
        KeyRing oldKeys = KeyRing.of(EncryptionKey.fromBase64(EnvSecretSource.of("CUTKIT_OLD_KEY")));
        EncryptionKey newKey = EncryptionKey.fromBase64(EnvSecretSource.of("CUTKIT_NEW_KEY"));
        ColumnReencryptor.builder(database).table("leads").columns(LeadsTable.COLUMNS)
                .from(oldKeys).to(newKey).chunkSize(100).listener(new ReencryptionListener() {
                    private int committed;

                    @Override
                    public void chunkCommitted(ReencryptionProgress progress) {
                        if (++committed == 7) {
                            System.out.println("committed 7");
                            System.out.flush();
                            ChildJvm.stallUntilKilled();
                        }
                    }
                }).build().run();
        System.out.println("finished");
    }
}

package io.cutkit.mysql.replication;

import com.mysql.cj.jdbc.MysqlDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The controlling process of a switch, run in a JVM of its own by {@link SwitchRecoveryIT}: builds the
 * link from its environment, runs {@code switchOver()} with a journal and halts the JVM (no shutdown
 * hooks, no finally blocks) right after the journal line saying stage {@code args[1]} is done.
 */
public final class SwitchChild {

    private SwitchChild() {
    }

    /**
     * @param args the journal file and the stage after which the process dies; the environment holds
     *     CUTKIT_SOURCE_URL, _USER and _PASSWORD, the same for CUTKIT_TARGET, and CUTKIT_REPL_PASSWORD
     */
    public static void main(String[] args) {
        String haltAfter = "\"done\":\"" + args[1] + "\"";
        SwitchJournal.afterLine = line -> {
            if (line.contains(haltAfter)) {
                System.out.println("HALT after " + args[1]);
                System.out.flush();
                Runtime.getRuntime().halt(3);
            }
        };
        NativeReplicationLink link = NativeReplicationLink.builder()
                .source(admin("CUTKIT_SOURCE"), endpoint(System.getenv("CUTKIT_SOURCE_URL")))
                .target(admin("CUTKIT_TARGET"), endpoint(System.getenv("CUTKIT_TARGET_URL")))
                .replicationAccount(ReplicatedPair.REPLICATION_USER, ReplicatedPair.secret(System.getenv("CUTKIT_REPL_PASSWORD")))
                .applicationAccount(ReplicatedPair.APPLICATION_USER)
                .databases(List.of(ReplicatedPair.DATABASE))
                .freezeBudget(Duration.ofSeconds(5))
                .drainGrace(Duration.ofMillis(500))
                .journal(Path.of(args[0]))
                .build();
        System.out.println("SWITCHING");
        System.out.println("SWITCHED " + link.switchOver().toText().lines().findFirst().orElse(""));
    }

    private static MysqlDataSource admin(String prefix) {
        MysqlDataSource source = new MysqlDataSource();
        source.setURL(System.getenv(prefix + "_URL"));
        source.setUser(System.getenv(prefix + "_USER"));
        source.setPassword(System.getenv(prefix + "_PASSWORD"));
        return source;
    }

    private static ReplicationEndpoint endpoint(String url) {
        String hostPort = url.substring("jdbc:mysql://".length(), url.indexOf('/', "jdbc:mysql://".length()));
        return new ReplicationEndpoint("127.0.0.1", Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1)), false);
    }
}

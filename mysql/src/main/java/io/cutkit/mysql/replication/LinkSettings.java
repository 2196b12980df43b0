package io.cutkit.mysql.replication;

import io.cutkit.core.secret.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The limits and accounts a link works with; see {@link NativeReplicationLink.Builder}. */
record LinkSettings(String replicationUser, Secret replicationPassword, String applicationUser, List<String> databases,
                    Duration maxBehind, long maxTransactionsBehind, Duration freezeBudget, Duration drainGrace,
                    int verifyConnections, int differingKeysLimit, Retrying retrying,
                    Optional<Path> journal) {
}

package io.cutkit.core.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicationPositionTest {

    @Test
    void refusesTextThatCouldEndAStringLiteral() {
        assertThatThrownBy(() -> ReplicationPosition.mariaDbGtid("0-1-1'; DROP TABLE t; --"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void joinsTheLinesOfAMySqlGtidSet() {
        assertThat(ReplicationPosition.mySqlGtids("a:1-5,\nb:1-2").gtids()).isEqualTo("a:1-5,b:1-2");
    }

    @Test
    void describesAFilePositionWithoutGtids() {
        assertThat(ReplicationPosition.binlog(ReplicationPosition.Flavour.MYSQL, "binlog.000003", 1547).describe())
                .isEqualTo("MySQL binlog.000003:1547");
    }

    @Test
    void measuresTheFreezeFromStoppedWritesToOpenedWrites() {
        Instant stopped = Instant.parse("2026-12-05T10:00:00Z");
        SwitchReport report = new SwitchReport("source", "target", ReplicationPosition.mariaDbGtid("0-1-9"),
                ReplicationPosition.mariaDbGtid("0-1-9"), stopped, stopped.plusMillis(740),
                List.of(new StageTiming(SwitchStage.CATCH_UP, Duration.ofMillis(300))));
        assertThat(report.freeze()).isEqualTo(Duration.ofMillis(740));
        assertThat(report.toText()).contains("freeze 0.740 s").contains("CATCH_UP");
    }

    @Test
    void lagWithAnErrorIsNeverWithinLimits() {
        ReplicationLag lag = new ReplicationLag(java.util.Optional.of(Duration.ZERO), 0,
                java.util.Optional.of("error 1062: Duplicate entry"));
        assertThat(lag.within(Duration.ofSeconds(5), 100)).isFalse();
        assertThat(lag.describe()).contains("Duplicate entry");
    }
}

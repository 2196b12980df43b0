package io.cutkit.mysql.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutkit.core.replication.ReplicationException;
import io.cutkit.core.replication.ReplicationPosition;
import io.cutkit.core.replication.SwitchStage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SwitchJournalTest {

    @TempDir
    Path tmp;

    private final Side source = new Side("source", null, new ReplicationEndpoint("old-db", 3306, false));
    private final Side target = new Side("target", null, new ReplicationEndpoint("new-db", 3306, false));

    @Test
    void theLastSwitchIsPastThePointOfNoReturnOnceTheOpeningStartedAndKeepsTheNewPrimarysPosition() {
        Path file = tmp.resolve("j.jsonl");
        ReplicationPosition start = ReplicationPosition.mariaDbGtid("0-1-42,1-2-7");
        try (SwitchJournal journal = SwitchJournal.open(file)) {
            journal.started(source, target);
            journal.stage(SwitchStage.STOP_REPLICATION, SwitchStage.NEW_PRIMARY_POSITION, Map.of());
            assertThat(SwitchJournal.readLast(file).orElseThrow().pastPointOfNoReturn()).isFalse();
            journal.stage(SwitchStage.NEW_PRIMARY_POSITION, SwitchStage.OPEN_WRITES,
                    SwitchJournal.position("newPrimaryStart", start));
        }

        SwitchJournal.LastSwitch last = SwitchJournal.readLast(file).orElseThrow();
        assertThat(last.from()).isEqualTo("source");
        assertThat(last.to()).isEqualTo("target");
        assertThat(last.pastPointOfNoReturn()).isTrue();
        assertThat(last.next()).contains(SwitchStage.OPEN_WRITES);
        assertThat(last.newPrimaryStart()).contains(start);
        assertThat(last.outcome()).isEmpty();
    }

    @Test
    void aTornLastLineNeverHappenedAndOnlyTheLastSwitchCounts() throws Exception {
        Path file = tmp.resolve("j.jsonl");
        try (SwitchJournal journal = SwitchJournal.open(file)) {
            journal.started(source, target);
            journal.ended(SwitchJournal.SWITCHED);
            journal.started(target, source);
            journal.stage(SwitchStage.STOP_WRITES, SwitchStage.END_CONNECTIONS, Map.of());
        }
        Files.writeString(file, Files.readString(file) + "{\"at\":\"x\",\"event\":\"sta");

        SwitchJournal.LastSwitch last = SwitchJournal.readLast(file).orElseThrow();
        assertThat(last.from()).isEqualTo("target");
        assertThat(last.lastDone()).contains(SwitchStage.STOP_WRITES);
        assertThat(last.outcome()).isEmpty();
    }

    @Test
    void aBrokenLineInTheMiddleIsRefused() throws Exception {
        Path file = tmp.resolve("j.jsonl");
        Files.writeString(file, "not json\n{\"event\":\"switch-started\",\"from\":\"source\",\"to\":\"target\"}\n");

        assertThatThrownBy(() -> SwitchJournal.readLast(file)).isInstanceOf(ReplicationException.class)
                .hasMessageContaining("line 1 is not a journal event");
    }
}

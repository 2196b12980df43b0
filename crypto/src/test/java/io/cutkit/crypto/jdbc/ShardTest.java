package io.cutkit.crypto.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ShardTest {

    @ParameterizedTest
    @CsvSource({"1,10000,1", "1,10000,3", "1,10000,7", "5,5,4", "-20,17,5", "1,3,10", "9223372036854775000,9223372036854775807,6"})
    void partsCoverTheRangeExactlyOnceInOrder(long from, long to, int count) {
        long expectedNext = from;
        long covered = 0;
        for (int i = 0; i < count; i++) {
            Shard.KeyRange part = new Shard(i, count).part(from, to);
            if (part.isEmpty()) {
                continue;
            }
            assertThat(part.first()).as("part %d starts where the previous ended", i).isEqualTo(expectedNext);
            covered += part.last() - part.first() + 1;
            expectedNext = part.last() + 1;
        }
        assertThat(expectedNext - 1).isEqualTo(to);
        assertThat(covered).isEqualTo(to - from + 1);
    }

    @Test
    void readsCloudRunTaskVariables() {
        assertThat(Shard.fromEnvironment(Map.of("CLOUD_RUN_TASK_INDEX", "2", "CLOUD_RUN_TASK_COUNT", "5")))
                .isEqualTo(new Shard(2, 5));
        assertThat(Shard.fromEnvironment(Map.of())).isEqualTo(Shard.single());
    }

    @Test
    void refusesAnIndexOutsideTheCount() {
        assertThatThrownBy(() -> Shard.fromEnvironment(Map.of("CLOUD_RUN_TASK_INDEX", "5", "CLOUD_RUN_TASK_COUNT", "5")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 5 of 5");
        assertThatThrownBy(() -> Shard.fromEnvironment(Map.of("CLOUD_RUN_TASK_INDEX", "x", "CLOUD_RUN_TASK_COUNT", "2")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("integers");
    }
}

package io.cutkit.mysql.dump;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderedInsertsTest {

    private static final OrderedInserts.AutoIncrement ID = new OrderedInserts.AutoIncrement("id", 1);

    @Test
    void rowsWithEveryAutoIncrementValueGivenMayRunInAnyOrder() {
        assertThat(OrderedInserts.dependsOnOrder("INSERT INTO t VALUES ('a,(', 1, 'x'), ('b', 2, /* 0, */ 'y')", ID)).isFalse();
        assertThat(OrderedInserts.dependsOnOrder("INSERT INTO `t` (`ID`, v) VALUES (3, 0), (4, NULL)", ID)).isFalse();
    }

    @Test
    void aRowWhoseAutoIncrementValueTheServerGeneratesRunsInFileOrder() {
        assertThat(OrderedInserts.dependsOnOrder("INSERT INTO t VALUES ('a', 1, 'x'), ('b', NULL, 'y')", ID)).isTrue();
        assertThat(OrderedInserts.dependsOnOrder("INSERT t VALUES ('it\\'s', /*!40000 0 */, 'x')", ID)).isTrue();
        assertThat(OrderedInserts.dependsOnOrder("INSERT INTO t (v) VALUES (1)", ID)).isTrue();
        assertThat(OrderedInserts.dependsOnOrder("INSERT INTO t SET v = 1", ID)).isTrue();
    }

    @Test
    void rowsThatMayMeetAnEarlierRowWithTheirKeyRunInFileOrder() {
        assertThat(OrderedInserts.dependsOnOrder("INSERT INTO t VALUES (1, 2)", null)).isFalse();
        assertThat(OrderedInserts.dependsOnOrder("REPLACE INTO t VALUES (1, 2)", null)).isTrue();
        assertThat(OrderedInserts.dependsOnOrder("INSERT LOW_PRIORITY IGNORE INTO t VALUES (1, 2)", null)).isTrue();
        assertThat(OrderedInserts.dependsOnOrder("INSERT INTO t VALUES (1, 'on duplicate key') ON DUPLICATE KEY UPDATE v = 2", null))
                .isTrue();
        assertThat(OrderedInserts.dependsOnOrder("INSERT INTO t VALUES (1, 'on duplicate key')", null)).isFalse();
    }
}

package io.cutkit.mysql.replication;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GtidArithmeticTest {

    @Test
    void countsMariaDbTransactionsBehindPerDomain() {
        assertThat(MariaDbDialect.transactionsBehind("0-1-120,1-2-10", "0-1-100,1-2-10")).isEqualTo(20);
        assertThat(MariaDbDialect.transactionsBehind("0-1-120,3-1-5", "0-1-100")).isEqualTo(25);
    }

    @Test
    void countsNoMariaDbLagWhenTheReplicaIsAtOrPastThePrimary() {
        assertThat(MariaDbDialect.transactionsBehind("0-1-100", "0-2-130")).isZero();
    }

    @Test
    void keepsOnlyTheMariaDbGtidsWrittenByTheServerItself() {
        assertThat(MariaDbDialect.ownGtids("0-1-120,0-2-7,1-2-3", 2)).isEqualTo("0-2-7,1-2-3");
        assertThat(MariaDbDialect.ownGtids("0-1-120", 2)).isEmpty();
    }

    @Test
    void countsTheTransactionsOfAMySqlGtidSet() {
        assertThat(MySqlDialect.countTransactions("3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:9,\n"
                + "aaaaaaaa-71ca-11e1-9e33-c80aa9429562:3")).isEqualTo(7);
        assertThat(MySqlDialect.countTransactions("")).isZero();
    }
}

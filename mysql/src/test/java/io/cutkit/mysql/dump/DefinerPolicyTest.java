package io.cutkit.mysql.dump;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DefinerPolicyTest {

    private static final String TRIGGER = "/*!50003 CREATE*/ /*!50017 DEFINER=`optileads_app`@`%`*/ /*!50003 TRIGGER t AFTER UPDATE ON x"
            + " FOR EACH ROW SET @a = 'DEFINER=`x`@`y`' */";
    private static final String VIEW = "/*!50001 CREATE ALGORITHM=UNDEFINED */\n/*!50013 DEFINER='app''s'@'10.%' SQL SECURITY DEFINER */"
            + "\n/*!50001 VIEW `v` AS select 1 AS `a` */";

    @Test
    void keepsTheClauseByDefault() {
        assertThat(DefinerPolicy.keep().apply(TRIGGER)).isEqualTo(TRIGGER);
    }

    @Test
    void stripsOnlyTheFirstClauseAndNotTextInTheBody() {
        String stripped = DefinerPolicy.strip().apply(TRIGGER);
        assertThat(stripped).startsWith("/*!50003 CREATE*/ /*!50017 */ /*!50003 TRIGGER t").contains("'DEFINER=`x`@`y`'");
    }

    @Test
    void rewritesQuotedAccountsWithEscapes() {
        assertThat(DefinerPolicy.rewriteTo("crm", "local`host").apply(VIEW))
                .contains("/*!50013 DEFINER=`crm`@`local``host` SQL SECURITY DEFINER */").doesNotContain("app''s");
    }

    @Test
    void findsTheAccountUnquoted() {
        assertThat(DefinerPolicy.Clause.find(VIEW)).hasValueSatisfying(a -> assertThat(a).containsExactly("app's", "10.%"));
        assertThat(DefinerPolicy.Clause.find("CREATE DEFINER=CURRENT_USER PROCEDURE p() SELECT 1")).isEmpty();
    }

    @Test
    void removesNoAutoCreateUserWhereverItStandsInTheMode() {
        assertThat(ParallelLoader.stripNoAutoCreateUser("/*!50003 SET sql_mode = 'A,NO_AUTO_CREATE_USER,B' */"))
                .isEqualTo("/*!50003 SET sql_mode = 'A,B' */");
        assertThat(ParallelLoader.stripNoAutoCreateUser("SET sql_mode='NO_AUTO_CREATE_USER,B'")).isEqualTo("SET sql_mode='B'");
        assertThat(ParallelLoader.stripNoAutoCreateUser("SET sql_mode='A,NO_AUTO_CREATE_USER'")).isEqualTo("SET sql_mode='A'");
    }

    @Test
    void serverAddressNeverShowsItsPassword() {
        ServerAddress address = ServerAddress.of("jdbc:mysql://db:3306/crm?useSSL=false&characterEncoding=UTF-8", "loader", "hunter2-secret");
        assertThat(address.toString()).doesNotContain("hunter2-secret").contains("loader");
        assertThat(address.urlFor("other db")).isEqualTo("jdbc:mysql://db:3306/other%20db?useSSL=false&characterEncoding=UTF-8");
    }
}

package io.cutkit.mysql.dump;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QualifiedNamesTest {

    private static final String VIEW = "CREATE VIEW `src`.`v` AS select `src`.`order`.`key` AS `key`,'`src`.x' AS `src`,"
            + "`other`.`t`.`a` AS `a` from (`src`.`order` join `other`.`t`) where `src`.`order`.`select` = 'it''s `src`.'";

    @Test
    void dropsTheDatabaseFromQualifiedNamesOnlyOutsideLiterals() {
        assertThat(QualifiedNames.replace(VIEW, "src", null)).isEqualTo("CREATE VIEW `v` AS select `order`.`key` AS `key`,"
                + "'`src`.x' AS `src`,`other`.`t`.`a` AS `a` from (`order` join `other`.`t`) where `order`.`select` = 'it''s `src`.'");
    }

    @Test
    void pointsQualifiedNamesAtAnotherDatabaseWithQuotingKept() {
        assertThat(QualifiedNames.replace("select `Pipeline-CRM`.`group by`.`where` from `Pipeline-CRM`.`group by`",
                "Pipeline-CRM", "new`db")).isEqualTo("select `new``db`.`group by`.`where` from `new``db`.`group by`");
    }

    @Test
    void leavesTextWithoutTheDatabaseAsItIs() {
        String text = "select `a`.`b` AS `c` from `a` where `x` = \"`src`.`y`\" and `src` = 1";
        assertThat(QualifiedNames.replace(text, "src", "dst")).isEqualTo(text);
    }

    @Test
    void rewritesBareAndBackquotedQualifiersInCodeButNotInLiteralsOrComments() {
        String body = "/*!50003 SELECT shop.a, `shop`.b, x.shop.c, shop2.d, shop FROM shop.t */ -- shop.t\n"
                + "WHERE n = 'shop.t' /* shop.t */ # shop.t\n AND m = \"shop.t\"";

        QualifiedNames.Requalified r = QualifiedNames.requalify(body, "shop", "crm");

        assertThat(r.sql()).isEqualTo("/*!50003 SELECT crm.a, `crm`.b, x.shop.c, shop2.d, shop FROM crm.t */ -- shop.t\n"
                + "WHERE n = 'shop.t' /* shop.t */ # shop.t\n AND m = \"shop.t\"");
        assertThat(r.rewrites()).isEqualTo(3);
    }

    @Test
    void quotesABareQualifierWhenTheNewNameNeedsQuotes() {
        assertThat(QualifiedNames.requalify("SELECT * FROM shop.t", "shop", "crm~copy").sql())
                .isEqualTo("SELECT * FROM `crm~copy`.t");
    }
}

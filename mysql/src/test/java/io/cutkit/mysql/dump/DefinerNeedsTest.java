package io.cutkit.mysql.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.mysql.account.RequiredPrivilege;

import org.junit.jupiter.api.Test;

class DefinerNeedsTest {

    private static final String TRIGGER = "/*!50003 CREATE*/ /*!50017 DEFINER=`app`@`%`*/ /*!50003 TRIGGER trg_history\n"
            + "  AFTER UPDATE ON leads FOR EACH ROW BEGIN\n"
            + "    IF NOT (OLD.status <=> NEW.status) THEN\n"
            + "      INSERT INTO lead_status_history (leadId, fromStatus) VALUES (NEW.id, OLD.status);\n"
            + "    END IF;\n  END */";

    @Test
    void triggerNeedsTriggerOnItsTableTheColumnsItReadsAndTheTablesItWrites() {
        assertThat(DefinerNeeds.of("TRIGGER", TRIGGER)).containsExactlyInAnyOrder(
                new RequiredPrivilege("TRIGGER", null, "leads"),
                new RequiredPrivilege("SELECT", null, "leads"),
                new RequiredPrivilege("INSERT", null, "lead_status_history"));
    }

    @Test
    void definerSecurityViewNeedsSelectOnEveryTableItReads() {
        String view = "/*!50001 CREATE ALGORITHM=UNDEFINED */ /*!50013 DEFINER=`app`@`%` SQL SECURITY DEFINER */"
                + " /*!50001 VIEW `v` AS select `l`.`status` AS `status`, count(0) from `leads` `l`, tags AS t"
                + " join `crm`.`users` u on u.id = l.userId where 1 group by `l`.`status` */";
        assertThat(DefinerNeeds.of("VIEW", view)).containsExactlyInAnyOrder(
                new RequiredPrivilege("SELECT", null, "leads"),
                new RequiredPrivilege("SELECT", "crm", "users"),
                new RequiredPrivilege("SELECT", null, "tags"));
    }

    @Test
    void invokerSecurityViewNeedsNothingOfItsDefiner() {
        assertThat(DefinerNeeds.of("VIEW", "CREATE DEFINER=`app`@`%` SQL SECURITY INVOKER VIEW v AS SELECT * FROM leads"))
                .isEmpty();
    }

    @Test
    void eventNeedsEventAndWhatItsBodyDoes() {
        String event = "CREATE DEFINER=`app`@`%` EVENT purge ON SCHEDULE EVERY 1 DAY DO BEGIN"
                + " DELETE FROM sessions WHERE expires < NOW(); UPDATE LOW_PRIORITY stats SET n = n + 1;"
                + " REPLACE INTO marks SELECT 'FROM x' FROM DUAL; CALL tidy(); END";
        assertThat(DefinerNeeds.of("EVENT", event)).containsExactlyInAnyOrder(
                new RequiredPrivilege("EVENT", null, null),
                new RequiredPrivilege("DELETE", null, "sessions"), new RequiredPrivilege("SELECT", null, "sessions"),
                new RequiredPrivilege("UPDATE", null, "stats"), new RequiredPrivilege("SELECT", null, "stats"),
                new RequiredPrivilege("INSERT", null, "marks"), new RequiredPrivilege("DELETE", null, "marks"),
                new RequiredPrivilege("EXECUTE", null, null));
    }
}

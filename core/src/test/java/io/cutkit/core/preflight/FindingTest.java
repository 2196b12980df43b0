package io.cutkit.core.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingTest {

    @Test
    void takesTheClassDefaultSeverityUnlessOverridden() {
        assertThat(Finding.of(FindingClass.WRONG_KEY, "m", "f").build().severity()).isEqualTo(Severity.P0);
        assertThat(Finding.of(FindingClass.WRONG_KEY, "m", "f").severity(Severity.P2).build().severity())
                .isEqualTo(Severity.P2);
    }

    @Test
    void keepsEvidenceInOrderAndCopiesLists() {
        List<Object> ids = new ArrayList<>(List.of(1, 2));
        Finding f = Finding.of(FindingClass.LEGACY_PLAINTEXT, "m", "f").evidence("count", 3).evidence("first_ids", ids)
                .evidence("column", "leads.email").build();
        ids.add(3);
        assertThat(f.evidence().keySet()).containsExactly("count", "first_ids", "column");
        assertThat(f.evidence().get("first_ids")).isEqualTo(List.of(1, 2));
        assertThatThrownBy(() -> f.evidence().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void headlineNamesSeverityClassAndObject() {
        assertThat(Finding.of(FindingClass.NARROWING, "too short", "widen").object("crm.leads.referenceId").build().headline())
                .isEqualTo("P0 narrowing crm.leads.referenceId: too short");
    }

    @Test
    void classesAreFoundByTheirIds() {
        for (FindingClass c : FindingClass.values()) {
            assertThat(FindingClass.byId(c.id())).contains(c);
        }
        assertThat(FindingClass.byId("no-such-class")).isEmpty();
    }

    @Test
    void severityOrdersMostSevereFirst() {
        assertThat(Severity.P0.atLeast(Severity.P1)).isTrue();
        assertThat(Severity.P1.atLeast(Severity.P1)).isTrue();
        assertThat(Severity.P2.atLeast(Severity.P1)).isFalse();
    }
}

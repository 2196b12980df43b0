package io.cutkit.preflight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutkit.core.preflight.Finding;
import io.cutkit.core.preflight.FindingClass;
import io.cutkit.core.preflight.Severity;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WaiverTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 5);
    private static final Finding ENGINE = Finding.of(FindingClass.ENGINE, "table t uses MyISAM", "convert it")
            .object("crm.t").build();

    private static DryRunReport report(Finding... findings) {
        return new DryRunReport("test", List.of(findings), List.of(), Optional.empty(), Duration.ZERO);
    }

    @Test
    void aValidWaiverKeepsTheFindingButNoLongerFailsTheRun() {
        DryRunReport r = report(ENGINE).waivedBy(List.of(new Waiver("engine", "crm.t", "archived table", TODAY)), TODAY);
        assertThat(r.findings()).containsExactly(ENGINE);
        assertThat(r.failsOn(Severity.P1)).isFalse();
        assertThat(r.toJson()).contains("\"reason\" : \"archived table\"").contains("\"until\" : \"2026-12-05\"");
        assertThat(r.toText()).contains("waived: archived table");
    }

    @Test
    void anExpiredWaiverCountsAgain() {
        DryRunReport r = report(ENGINE).waivedBy(List.of(new Waiver("engine", null, "later", TODAY.minusDays(1))), TODAY);
        assertThat(r.failsOn(Severity.P1)).isTrue();
        assertThat(r.toJson()).contains("\"waived\" : null");
    }

    @Test
    void failOnCountsOnlyFindingsAtOrAboveTheThreshold() {
        DryRunReport r = report(ENGINE);
        assertThat(r.failsOn(Severity.P0)).isFalse();
        assertThat(r.failsOn(Severity.P2)).isTrue();
    }

    @Test
    void aWaiverWithoutAReasonIsRefused() {
        assertThatThrownBy(() -> new Waiver("engine", "crm.t", " ", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no reason");
    }
}

package io.cutkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlockerTest {

    @TempDir
    Path work;

    @Test
    void everyInjectableBlockerHasACliNameAGuardAndAStep() {
        for (Blocker blocker : Blocker.values()) {
            assertThat(Blocker.byCliName(blocker.cliName())).hasValue(blocker);
            if (blocker != Blocker.NONE) {
                assertThat(blocker.guard()).isNotBlank();
                assertThat(blocker.step()).isBetween(1, 12);
            }
        }
        assertThat(Blocker.byCliName("WRONG_KEY")).isEmpty();
    }

    @Test
    void atLeastNineOfTheTenBlockersAreStoppedAtStepOneByTheDryRun() {
        List<Blocker> injectable = java.util.Arrays.stream(Blocker.values()).filter(b -> b != Blocker.NONE).toList();
        List<Blocker> atStepOne = injectable.stream().filter(b -> b.step() == 1).toList();
        assertThat(injectable).hasSize(10);
        assertThat(atStepOne).hasSizeGreaterThanOrEqualTo(9)
                .allSatisfy(b -> assertThat(b.findingClass()).isNotBlank());
    }

    @Test
    void unexpectedArgumentsAreAUsageErrorThatTouchesNothing() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = Rehearsal.run(List.of("--inject"), new PrintStream(bytes, true, StandardCharsets.UTF_8),
                work.resolve("never-created"), null);

        assertThat(code).isEqualTo(Rehearsal.USAGE);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("usage: Rehearsal").contains("stale-secret");
        assertThat(work.resolve("never-created")).doesNotExist();
    }

    @Test
    void anUnknownBlockerBesideOnlineIsAUsageErrorThatTouchesNothing() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = Rehearsal.run(List.of("--online=true", "--inject", "wrong-kee"),
                new PrintStream(bytes, true, StandardCharsets.UTF_8), work.resolve("never-created"), null);

        assertThat(code).isEqualTo(Rehearsal.USAGE);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("unknown blocker 'wrong-kee'").contains("[--online]");
        assertThat(work.resolve("never-created")).doesNotExist();
    }
}

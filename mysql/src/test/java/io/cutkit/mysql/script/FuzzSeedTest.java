package io.cutkit.mysql.script;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/** A property under {@link FuzzSeed} runs with the seed it names (the fixed one unless {@code fuzz.seed} is set). */
@AddLifecycleHook(FuzzSeed.class)
class FuzzSeedTest {

    @Property(tries = 3)
    @AddLifecycleHook(SeedUsed.class)
    void runsWithTheFixedSeed(@ForAll int any) {
    }

    /** Around {@link FuzzSeed}: checks the seed the property ran with. */
    static final class SeedUsed implements AroundPropertyHook {

        @Override
        public int aroundPropertyProximity() {
            return -10;
        }

        @Override
        public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property) {
            PropertyExecutionResult result = property.execute();
            String wanted = System.getProperty("fuzz.seed", FuzzSeed.FIXED);
            if (!wanted.equalsIgnoreCase("random")) {
                assertThat(result.seed()).contains(wanted);
            }
            return result;
        }
    }
}

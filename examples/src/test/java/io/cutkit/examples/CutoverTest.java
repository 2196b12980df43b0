package io.cutkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutkit.examples.cloud.CloudStage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CutoverTest {

    @Test
    void namesEveryMissingVariableBeforeContactingAnything() {
        Map<String, String> env = new HashMap<>();
        env.put("CUTKIT_SOURCE_JDBC_URL", "jdbc:mysql://10.0.0.5:3306/");
        env.put("CUTKIT_ADMIN_PASSWORD", "s3cret-admin-pass");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = Cutover.run(env, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String output = bytes.toString(StandardCharsets.UTF_8);

        assertThat(code).isEqualTo(Rehearsal.USAGE);
        assertThat(output).contains("nothing was contacted").contains("CUTKIT_DEST_JDBC_URL").contains("CUTKIT_TWILIO_AUTH_TOKEN")
                .doesNotContain("CUTKIT_SOURCE_JDBC_URL,").doesNotContain("s3cret-admin-pass");
        assertThat(CloudStage.requiredVariables()).hasSize(21);
    }
}

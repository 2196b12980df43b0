package io.cutkit.gcp.live;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Reads the environment that enables the live tests; a test is skipped when what it needs is missing. */
final class LiveGcp {

    private LiveGcp() {
    }

    static String require(String variable) {
        String value = System.getenv(variable);
        assumeTrue(value != null && !value.isBlank(), variable + " is not set; live test skipped");
        return value;
    }

    static String project() {
        return require("CUTKIT_GCP_PROJECT");
    }
}

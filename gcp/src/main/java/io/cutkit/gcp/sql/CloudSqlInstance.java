package io.cutkit.gcp.sql;

import java.util.Objects;
import java.util.regex.Pattern;

/** A Cloud SQL instance: its project and instance id (not the connection name). */
public record CloudSqlInstance(String project, String instance) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9:.\\-]{0,127}");

    public CloudSqlInstance {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(instance, "instance");
        if (!ID.matcher(project).matches()) {
            throw new IllegalArgumentException("'" + project + "' is not a Google Cloud project id");
        }
        if (!ID.matcher(instance).matches() || instance.contains(":")) {
            throw new IllegalArgumentException("'" + instance + "' is not a Cloud SQL instance id (give the id, "
                    + "not the project:region:instance connection name)");
        }
    }

    public static CloudSqlInstance of(String project, String instance) {
        return new CloudSqlInstance(project, instance);
    }

    @Override
    public String toString() {
        return project + "/" + instance;
    }
}

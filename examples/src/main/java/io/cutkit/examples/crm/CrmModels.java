package io.cutkit.examples.crm;

import io.cutkit.mysql.schema.ExpectedSchema;

/**
 * The columns the new CRM code declares in its models, i.e. what its startup schema sync would
 * make the live tables look like. The rehearsal checks live data against it before anything moves.
 */
public final class CrmModels {

    private CrmModels() {
    }

    /**
     * The models as the new code has them. With {@code forkedReferenceId} the {@code leads} model
     * still declares {@code referenceId} as the fork's VARCHAR(32), not the contractor's widened
     * VARCHAR(64) (field report blocker 3).
     */
    public static ExpectedSchema expected(boolean forkedReferenceId) {
        return ExpectedSchema.builder()
                .column("users", "email", "VARCHAR(191)")
                .column("users", "passwordHash", "CHAR(60)")
                .column("leads", "referenceId", forkedReferenceId ? "VARCHAR(32)" : "VARCHAR(64)")
                .column("leads", "email", "TEXT")
                .column("leads", "company", "VARCHAR(191)")
                .column("leads", "status", "VARCHAR(20)")
                .column("phone_numbers", "number", "VARCHAR(20)")
                .build();
    }
}

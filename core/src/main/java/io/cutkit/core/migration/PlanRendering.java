package io.cutkit.core.migration;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Renders a plan as text; JSON is written by hand so core needs no JSON library. */
final class PlanRendering {

    private PlanRendering() {
    }

    static String table(MigrationPlan plan) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"#", "migration", "version", "action", "reason", "detail"});
        int n = 1;
        for (PlanEntry e : plan.entries()) {
            rows.add(new String[] {String.valueOf(n++), e.name(), versionText(e.version()), action(e),
                    e.reason().name().toLowerCase().replace('_', ' '), e.detail().replaceAll("\\s+", " ")});
        }
        int[] widths = new int[5];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("Migration plan for ").append(plan.target()).append(" (history: ")
                .append(String.join(", ", plan.histories())).append("; ").append(plan.historyRows())
                .append(" rows, hash ").append(plan.historyHash(), 0, Math.min(12, plan.historyHash().length()))
                .append(")\n");
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int i = 0; i < widths.length; i++) {
                out.append(pad(row[i], widths[i])).append("  ");
            }
            out.append(row[5]).append('\n');
            if (r == 0) {
                int total = 0;
                for (int w : widths) {
                    total += w + 2;
                }
                out.append("-".repeat(total + 6)).append('\n');
            }
        }
        out.append(summary(plan)).append('\n');
        for (String note : plan.notes()) {
            out.append("note: ").append(note).append('\n');
        }
        return out.toString();
    }

    static String summary(MigrationPlan plan) {
        Map<PlanReason, Long> counts = new EnumMap<>(PlanReason.class);
        for (PlanEntry e : plan.entries()) {
            counts.merge(e.reason(), 1L, Long::sum);
        }
        StringBuilder s = new StringBuilder();
        counts.forEach((reason, count) -> s.append(s.length() == 0 ? "" : ", ").append(count).append(' ')
                .append(reason.name().toLowerCase().replace('_', ' ')));
        s.append(plan.executable() ? " -> " + plan.toApply().size() + " to apply"
                : " -> " + plan.conflicts().size() + " conflict(s): migrate() will refuse");
        return s.toString();
    }

    private static String action(PlanEntry e) {
        if (e instanceof PlanEntry.Apply) {
            return "apply";
        }
        if (e instanceof PlanEntry.Skip) {
            return "skip";
        }
        return "CONFLICT";
    }

    private static String versionText(OptionalLong v) {
        return v.isPresent() ? String.valueOf(v.getAsLong()) : "-";
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }

    static String json(MigrationPlan plan) {
        StringBuilder j = new StringBuilder(256 + plan.entries().size() * 160);
        j.append("{\"target\":").append(quote(plan.target()));
        j.append(",\"histories\":[");
        for (int i = 0; i < plan.histories().size(); i++) {
            j.append(i == 0 ? "" : ",").append(quote(plan.histories().get(i)));
        }
        j.append("],\"historyRows\":").append(plan.historyRows());
        j.append(",\"historyHash\":").append(quote(plan.historyHash()));
        j.append(",\"createdAt\":").append(quote(plan.createdAt().toString()));
        j.append(",\"executable\":").append(plan.executable());
        j.append(",\"counts\":{");
        boolean first = true;
        for (PlanReason reason : PlanReason.values()) {
            j.append(first ? "" : ",").append(quote(reason.name())).append(':').append(plan.count(reason));
            first = false;
        }
        j.append("},\"entries\":[");
        for (int i = 0; i < plan.entries().size(); i++) {
            PlanEntry e = plan.entries().get(i);
            j.append(i == 0 ? "{" : ",{");
            j.append("\"name\":").append(quote(e.name()));
            j.append(",\"version\":").append(e.version().isPresent() ? String.valueOf(e.version().getAsLong()) : "null");
            j.append(",\"action\":").append(quote(action(e).toLowerCase()));
            j.append(",\"reason\":").append(quote(e.reason().name()));
            if (e instanceof PlanEntry.Apply a) {
                j.append(",\"checksum\":").append(quote(a.checksum()));
                j.append(",\"lineage\":").append(quote(a.lineage()));
            } else if (e instanceof PlanEntry.Skip s && s.appliedAs().isPresent()) {
                j.append(",\"appliedAs\":").append(quote(s.appliedAs().get()));
            } else if (e instanceof PlanEntry.Conflict c) {
                if (c.conflictsWith().isPresent()) {
                    j.append(",\"conflictsWith\":").append(quote(c.conflictsWith().get()));
                }
                if (c.suggestedVersion().isPresent()) {
                    j.append(",\"suggestedVersion\":").append(c.suggestedVersion().getAsLong());
                }
                if (c.suggestedName().isPresent()) {
                    j.append(",\"suggestedName\":").append(quote(c.suggestedName().get()));
                }
            }
            j.append(",\"detail\":").append(quote(e.detail())).append('}');
        }
        j.append("],\"notes\":[");
        for (int i = 0; i < plan.notes().size(); i++) {
            j.append(i == 0 ? "" : ",").append(quote(plan.notes().get(i)));
        }
        return j.append("]}").toString();
    }

    static String quote(String s) {
        StringBuilder q = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}

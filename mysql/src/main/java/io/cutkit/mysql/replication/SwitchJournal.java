package io.cutkit.mysql.replication;

import io.cutkit.core.replication.ReplicationException;
import io.cutkit.core.replication.ReplicationPosition;
import io.cutkit.core.replication.SwitchStage;
import io.cutkit.core.runbook.JsonLine;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The switch's point-of-no-return journal: JSON lines, each written before the switch goes on and
 * forced to disk at least at the point of no return, so that after a crash of the controlling
 * process {@link SwitchRecovery} knows how far a switch got. Events: {@code switch-started} (which side was the primary, which takes over),
 * {@code stage} (a stage done and the next one starting, with the positions read), and
 * {@code switch-ended} (switched, aborted and undone, or recovered). A torn last line (a crash while
 * writing it) never happened. It holds side names, stages, positions and times: never a secret.
 */
final class SwitchJournal implements AutoCloseable {

    /** Outcome of a switch that completed in the process that ran it. */
    static final String SWITCHED = "switched";
    /** Outcome of a switch that stopped at a stage and was undone in the process that ran it. */
    static final String ABORTED = "aborted";
    /** Outcome of a switch that {@link SwitchRecovery} undid after a crash. */
    static final String RECOVERED_UNDONE = "undone by recovery";
    /** Outcome of a switch that {@link SwitchRecovery} completed after a crash. */
    static final String RECOVERED_COMPLETED = "completed by recovery";

    /** For crash tests only: runs after each line is on disk. */
    static volatile Consumer<String> afterLine = line -> { };

    private final Path path;
    private final FileChannel channel;

    private SwitchJournal(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    static SwitchJournal open(Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new SwitchJournal(path, FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new ReplicationException("Cannot open the switch journal " + path + ": " + e.getMessage()
                    + "; nothing was changed");
        }
    }

    void started(Side from, Side to) {
        append(Map.of("event", "switch-started", "from", from.name(), "to", to.name()), true);
    }

    /**
     * {@code done} finished (with {@code facts}, e.g. a position) and {@code next} starts; {@code next}
     * null after the last. Inside the freeze, before the point of no return, lines are written but not
     * forced: a crash of the process keeps them (they are in the file), and the point-of-no-return
     * line forces them to disk with it, so the freeze pays for one forced write, not seven. After a
     * crash of the machine such a line may be missing; recovery then undoes, as it would with it.
     */
    void stage(SwitchStage done, SwitchStage next, Map<String, Object> facts) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", "stage");
        line.put("done", done.name());
        line.put("next", next == null ? null : next.name());
        line.putAll(facts);
        boolean insideFreezeBeforeNoReturn = done.compareTo(SwitchStage.STOP_WRITES) >= 0
                && done.compareTo(SwitchStage.NEW_PRIMARY_POSITION) < 0;
        append(line, !insideFreezeBeforeNoReturn);
    }

    void ended(String outcome) {
        append(Map.of("event", "switch-ended", "outcome", outcome), true);
    }

    /** The four fields of a position under {@code prefix}. */
    static Map<String, Object> position(String prefix, ReplicationPosition p) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(prefix + ".flavour", p.flavour().name());
        fields.put(prefix + ".gtids", p.gtids());
        fields.put(prefix + ".file", p.binlogFile());
        fields.put(prefix + ".offset", p.binlogOffset());
        return fields;
    }

    private void append(Map<String, Object> fields, boolean force) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("at", Instant.now().toString());
        line.putAll(fields);
        String text = JsonLine.write(line);
        try {
            ByteBuffer buffer = ByteBuffer.wrap((text + "\n").getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (force) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw new ReplicationException("Cannot write the switch journal " + path + ": " + e.getMessage(), e);
        }
        afterLine.accept(text);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // every line was forced to disk already
        }
    }

    /**
     * What the journal says about its last switch.
     *
     * @param from side name of the primary before it
     * @param to side name of the primary after it
     * @param lastDone the last stage finished; empty when none was
     * @param next the stage that was starting; empty after the last or before the first
     * @param newPrimaryStart the new primary's position before its first write, once read
     * @param outcome how it ended ({@code switched}, {@code aborted}, {@code undone by recovery},
     *     {@code completed by recovery}); empty when it did not end: the process died in it
     */
    record LastSwitch(String from, String to, Optional<SwitchStage> lastDone, Optional<SwitchStage> next,
                      Optional<ReplicationPosition> newPrimaryStart, Optional<String> outcome) {

        /** Whether the new primary may have taken writes: its opening had started. */
        boolean pastPointOfNoReturn() {
            return lastDone.map(s -> s.compareTo(SwitchStage.NEW_PRIMARY_POSITION) >= 0).orElse(false);
        }
    }

    static Optional<LastSwitch> readLast(Path path) {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReplicationException("Cannot read the switch journal " + path + ": " + e.getMessage(), e);
        }
        LastSwitch last = null;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            Map<String, Object> line;
            try {
                line = JsonLine.read(lines.get(i));
            } catch (IllegalArgumentException e) {
                if (i == lines.size() - 1) {
                    break; // torn by a crash while it was written: that event never happened
                }
                throw new ReplicationException("Switch journal " + path + " line " + (i + 1) + " is not a journal event ("
                        + e.getMessage() + "); check the servers by hand, then move the file away");
            }
            String event = String.valueOf(line.get("event"));
            if (event.equals("switch-started")) {
                last = new LastSwitch(String.valueOf(line.get("from")), String.valueOf(line.get("to")), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty());
            } else if (last != null && event.equals("stage")) {
                Optional<ReplicationPosition> start = line.containsKey("newPrimaryStart.flavour")
                        ? Optional.of(readPosition(line, "newPrimaryStart")) : last.newPrimaryStart();
                last = new LastSwitch(last.from(), last.to(), Optional.of(SwitchStage.valueOf((String) line.get("done"))),
                        Optional.ofNullable((String) line.get("next")).map(SwitchStage::valueOf), start, last.outcome());
            } else if (last != null && event.equals("switch-ended")) {
                last = new LastSwitch(last.from(), last.to(), last.lastDone(), last.next(), last.newPrimaryStart(),
                        Optional.of(String.valueOf(line.get("outcome"))));
            }
        }
        return Optional.ofNullable(last);
    }

    private static ReplicationPosition readPosition(Map<String, Object> line, String prefix) {
        return new ReplicationPosition(ReplicationPosition.Flavour.valueOf((String) line.get(prefix + ".flavour")),
                (String) line.get(prefix + ".gtids"), (String) line.get(prefix + ".file"),
                ((Number) line.get(prefix + ".offset")).longValue());
    }
}

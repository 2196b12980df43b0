package io.cutkit.core.runbook;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The append-only JSON-lines record of runs. Each event is one line, written and forced to disk
 * before the run goes on, so a crash loses at most the line being written (a torn last line is
 * ignored on reading). It holds step numbers, statuses, times and facts: never a secret.
 */
final class Journal implements AutoCloseable {

    private final Path path;
    private final FileChannel channel;

    private Journal(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    static Journal openForAppend(Path path) {
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new Journal(path, FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new RunbookRefusedException("Cannot open the runbook journal " + path + ": " + e.getMessage());
        }
    }

    void append(String event, Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", event);
        line.put("at", Instant.now().toString());
        line.putAll(fields);
        byte[] bytes = (JsonLine.write(line) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the runbook journal " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // every line was already forced to disk
        }
    }

    /** What the journal says about the last run it records. */
    record LastRun(boolean exists, boolean finished, String plan, Set<Integer> doneSteps,
                   Map<Integer, Long> doneMillis, Map<String, String> facts, boolean aborted) {

        static final LastRun NONE = new LastRun(false, true, "", Set.of(), Map.of(), Map.of(), false);

        boolean resumable() {
            return exists && !finished;
        }
    }

    static LastRun readLastRun(Path path) {
        if (!Files.exists(path)) {
            return LastRun.NONE;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RunbookRefusedException("Cannot read the runbook journal " + path + ": " + e.getMessage());
        }
        String plan = "";
        Set<Integer> done = new HashSet<>();
        Map<Integer, Long> doneMillis = new HashMap<>();
        Map<String, String> facts = new LinkedHashMap<>();
        boolean finished = true;
        boolean aborted = false;
        boolean exists = false;
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank()) {
                continue;
            }
            Map<String, Object> line;
            try {
                line = JsonLine.read(text);
            } catch (IllegalArgumentException e) {
                if (i == lines.size() - 1) {
                    break; // torn by a crash while writing: that event never happened
                }
                throw new RunbookRefusedException("Runbook journal " + path + " line " + (i + 1)
                        + " is not a journal event (" + e.getMessage() + "); move the file away to start afresh.");
            }
            switch (String.valueOf(line.get("event"))) {
                case "run-started" -> {
                    if (!Boolean.TRUE.equals(line.get("resumed"))) {
                        done = new HashSet<>();
                        doneMillis = new HashMap<>();
                        facts = new LinkedHashMap<>();
                        aborted = false;
                    }
                    exists = true;
                    finished = false;
                    plan = String.valueOf(line.get("plan"));
                }
                case "step-finished" -> {
                    int step = ((Number) line.get("step")).intValue();
                    if ("DONE".equals(line.get("status"))) {
                        done.add(step);
                        doneMillis.put(step, ((Number) line.get("elapsedMillis")).longValue());
                    } else {
                        aborted = true;
                    }
                }
                case "fact" -> facts.put(String.valueOf(line.get("key")), String.valueOf(line.get("value")));
                case "run-finished" -> finished = true;
                default -> {
                    // step-started, rollback-finished: informative only
                }
            }
        }
        return exists ? new LastRun(true, finished, plan, Set.copyOf(done), Map.copyOf(doneMillis),
                Collections.unmodifiableMap(facts), aborted) : LastRun.NONE;
    }
}

package io.natter.bench.diagnostics;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a JVM server's time goes, from a JFR recording ({@code bin/bench --profile} writes one per
 * JVM target and pass): the methods on top of the sampled stacks (self time) and the methods
 * anywhere on them (total time), as shares of all execution samples.
 *
 * <p>{@code java -cp ... io.natter.bench.diagnostics.JfrTop [--alloc] <file.jfr> [rows] [frame-filter|-] [S[-E]]}:
 * with {@code S}, only the samples from S seconds before the recording's end count (up to E seconds
 * before it): the measured window, without the start-up and warm-up, whose cold code would skew
 * the shares. With {@code --alloc}, the same for memory: JFR's allocation samples weighted by the
 * bytes each stands for, and the allocated classes besides the methods.
 */
public final class JfrTop {

    private JfrTop() {
    }

    /** Prints the top methods of the recording. */
    public static void main(String[] args) throws IOException {
        boolean alloc = args.length > 0 && args[0].equals("--alloc");
        if (alloc) {
            args = Arrays.copyOfRange(args, 1, args.length);
        }
        Path file = Path.of(args[0]);
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        String filter = args.length > 2 && !args[2].equals("-") ? args[2] : null;
        String type = alloc ? "jdk.ObjectAllocationSample" : "jdk.ExecutionSample";
        List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals(type))
                .toList();
        Instant from = Instant.MIN;
        Instant to = Instant.MAX;
        if (args.length > 3 && !events.isEmpty()) {
            Instant end = events.stream().map(RecordedEvent::getStartTime).max(Instant::compareTo).orElseThrow();
            String[] range = args[3].split("-");
            from = end.minusMillis((long) (Double.parseDouble(range[0]) * 1000));
            if (range.length > 1) {
                to = end.minusMillis((long) (Double.parseDouble(range[1]) * 1000));
            }
        }
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> total = new HashMap<>();
        Map<String, Long> classes = new HashMap<>();
        long samples = 0;
        for (RecordedEvent e : events) {
            if (e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) {
                continue;
            }
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            long weight = alloc ? e.getLong("weight") : 1;
            samples += weight;
            List<RecordedFrame> frames = st.getFrames();
            self.merge(name(frames.get(0)), weight, Long::sum);
            if (alloc) {
                classes.merge(e.getClass("objectClass").getName(), weight, Long::sum);
            }
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                String n = name(f);
                if (seen.add(n) && (filter == null || n.contains(filter))) {
                    total.merge(n, weight, Long::sum);
                }
            }
        }
        String what = "time";
        if (alloc) {
            System.out.printf("%,d bytes sampled by allocation samples in %s%n%nclasses:%n", samples, file);
            print(classes, samples, rows);
            what = "allocation";
        } else {
            System.out.printf("%d execution samples in %s%n", samples, file);
        }
        System.out.printf("%nself %s:%n", what);
        print(self, samples, rows);
        System.out.printf("%ntotal %s%s:%n", what, filter == null ? "" : " (frames containing '" + filter + "')");
        print(total, samples, rows);
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void print(Map<String, Long> counts, long samples, int rows) {
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(rows)
                .forEach(en -> System.out.printf(Locale.ROOT, "%6.1f%%  %s%n", 100.0 * en.getValue() / samples, en.getKey()));
    }
}

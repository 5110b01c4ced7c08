package io.natter.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
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
 * <p>{@code java -cp ... io.natter.bench.JfrTop <file.jfr> [rows] [frame-filter|-] [S[-E]]}: with
 * {@code S}, only the samples from S seconds before the recording's end count (up to E seconds
 * before it): the measured window, without the start-up and warm-up, whose cold code would skew
 * the shares.
 */
public final class JfrTop {

    private JfrTop() {
    }

    /** Prints the top methods of the recording. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        String filter = args.length > 2 && !args[2].equals("-") ? args[2] : null;
        List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("jdk.ExecutionSample"))
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
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : events) {
            if (e.getStartTime().isBefore(from) || e.getStartTime().isAfter(to)) {
                continue;
            }
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = st.getFrames();
            self.merge(name(frames.get(0)), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                String n = name(f);
                if (seen.add(n) && (filter == null || n.contains(filter))) {
                    total.merge(n, 1, Integer::sum);
                }
            }
        }
        System.out.printf("%d execution samples in %s%n%nself time:%n", samples, file);
        print(self, samples, rows);
        System.out.printf("%ntotal time%s:%n", filter == null ? "" : " (frames containing '" + filter + "')");
        print(total, samples, rows);
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void print(Map<String, Integer> counts, int samples, int rows) {
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(rows)
                .forEach(en -> System.out.printf(Locale.ROOT, "%6.1f%%  %s%n", 100.0 * en.getValue() / samples, en.getKey()));
    }
}

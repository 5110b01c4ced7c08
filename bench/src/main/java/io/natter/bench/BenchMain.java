package io.natter.bench;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.natter.bench.load.Generator;
import io.natter.bench.measure.Proc;
import io.natter.bench.report.Machine;
import io.natter.bench.report.Report;
import io.natter.bench.report.Row;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the benchmark suite and writes its report: {@code results/bench-<time>.md} (the tables),
 * {@code results/bench-<time>.json} (every row), and, with {@code --readme}, its header and goals
 * table into the README between its markers. {@code bin/bench} is the way to call it.
 */
public final class BenchMain {

    static final String BEGIN = "<!-- bench:results:begin -->";
    static final String END = "<!-- bench:results:end -->";

    // Sockets dropped on purpose (churn, a target stopped) are not errors worth a log line each.
    private static final java.util.logging.Logger VERTX_LOG = java.util.logging.Logger.getLogger("io.vertx");

    private BenchMain() {
    }

    /** Entry point; see {@link Options} for the arguments. */
    public static void main(String[] args) throws IOException {
        VERTX_LOG.setLevel(java.util.logging.Level.OFF);
        Options options = Options.parse(args);
        if (options.render != null) {
            render(options);
            return;
        }
        Machine machine = Machine.describe();
        long started = System.nanoTime();
        List<String> stalls = stalls(options);
        List<Row> rows;
        int eventLoops = Math.max(1, Proc.self().allowedCpus());
        try (Generator generator = new Generator(eventLoops)) {
            Suite.log("generator: %d event loop(s), native transport %s, CPUs %s", eventLoops, generator.nativeTransport(),
                    Proc.self().allowedCpuList());
            rows = new Suite(options, generator).run();
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        String md = Report.markdown(rows, options.targets, header(options, machine, minutes, stalls));
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Files.createDirectories(options.out);
        Path mdFile = options.out.resolve("bench-" + stamp + ".md");
        Files.writeString(mdFile, md);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(options.out.resolve("bench-" + stamp + ".json").toFile(), rows);
        if (options.readme != null) {
            updateReadme(options.readme, md, mdFile);
        }
        System.out.println(md);
        Suite.log("report: %s (%.1f min)", mdFile, minutes);
    }

    /**
     * Renders a finished run again with this code's report (after the report learnt something new):
     * the rows from its {@code .json}, the header from the {@code .md} beside it (its lines before
     * the first table's heading), the result over that {@code .md} and, with {@code --readme}, into
     * the README.
     */
    private static void render(Options options) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature());
        List<Row> rows = List.of(json.readValue(options.render.toFile(), Row[].class));
        Path mdFile = options.render.resolveSibling(options.render.getFileName().toString().replaceFirst("\\.json$", "") + ".md");
        List<String> header = Files.readAllLines(mdFile).stream().takeWhile(l -> !l.startsWith("### ")).toList();
        List<String> targets = rows.stream().map(Row::target).distinct()
                .sorted(java.util.Comparator.comparingInt(t -> options.targets.contains(t) ? options.targets.indexOf(t) : Integer.MAX_VALUE))
                .toList();
        String md = Report.markdown(rows, targets, header.subList(0, lastNonBlank(header) + 1));
        Files.writeString(mdFile, md);
        if (options.readme != null) {
            updateReadme(options.readme, md, mdFile);
        }
        Suite.log("rendered %d rows again: %s", rows.size(), mdFile);
    }

    /** The report's header and its goals table, with a line naming the file that has every table. */
    static String summary(String md, Path tables) {
        int first = md.indexOf("\n### ");
        int goals = md.indexOf("### " + Report.GOALS_TITLE);
        String header = (first >= 0 ? md.substring(0, first) : md).strip();
        return header + "\n\nEvery table of this run (each scenario, target and configuration): `" + tables
                + "` (bench/results/ is not committed; results/HISTORY.md keeps the tables of the runs it describes)."
                + (goals >= 0 ? "\n\n" + md.substring(goals).strip() : "");
    }

    private static int lastNonBlank(List<String> lines) {
        int i = lines.size() - 1;
        while (i >= 0 && lines.get(i).isBlank()) {
            i--;
        }
        return i;
    }

    private static List<String> stalls(Options o) {
        List<String> lines = o.diagnostics().stalls(o.serverCpus, Proc.self().allowedCpuList());
        lines.forEach(line -> Suite.log("%s", line.substring(2)));
        return lines;
    }

    private static List<String> header(Options o, Machine m, double minutes, List<String> stalls) {
        Proc self = Proc.self();
        List<String> h = new ArrayList<>();
        h.add("Run of " + m.date() + ", " + o.passes + " pass(es), " + String.format(java.util.Locale.ROOT, "%.1f", minutes)
                + " min: `" + o.command + "`");
        h.add("");
        h.add("- Machine: " + m.cpu() + ", " + m.cores() + " cores, " + m.memory() + "; " + m.kernel() + "; "
                + m.java() + "; Node " + m.node() + ". Load average at the start: " + m.load() + ", at the end: "
                + Machine.loadAverage() + " (the machine is shared: see the *others* column).");
        h.addAll(stalls);
        h.add(o.diagnostics().describe());
        h.add("- Servers: " + (o.serverCpus == null ? "not pinned" : "pinned with `taskset -c " + o.serverCpus + "`")
                + "; every JVM server (Natter, relay, jawampa) runs with `" + String.join(" ", o.jvmOptions)
                + "`; Node peers run single-threaded as Node does (`node --expose-gc`).");
        h.add("- Generator: this JVM on CPUs " + self.allowedCpuList() + " (`" + jvmFlags() + "`), Vert.x raw frames, "
                + "one event loop per CPU it may use.");
        h.add("- Windows: warm-up " + o.warmup.toMillis() + " ms then " + o.measure.toMillis()
                + " ms measured per configuration (pub/sub latency " + o.pubsubLatencyMeasure().toMillis()
                + " ms); figures are median [min–max] over passes; ratios are Natter ÷ router "
                + "in the same pass, then median [min–max].");
        h.add("- CPU from /proc/<pid>/stat (utime+stime) over the measured window, in cores; *bound* names the party above "
                + Math.round(Row.SATURATED * 100) + "% of the cores it may use (generator-bound figures are lower bounds for the server).");
        return h;
    }

    private static String jvmFlags() {
        List<String> flags = new ArrayList<>();
        for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("-XX:") || a.startsWith("-Xm")) {
                flags.add(a);
            }
        }
        return flags.isEmpty() ? "JVM defaults" : String.join(" ", flags);
    }

    /**
     * Puts the run's summary into the README between its markers: the header and the goals table,
     * with where the run's other tables are ({@code mdFile}); the README stays short.
     */
    private static void updateReadme(Path readme, String md, Path mdFile) throws IOException {
        String text = Files.exists(readme) ? Files.readString(readme) : "";
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        String block = BEGIN + "\n" + summary(md, readme.getParent().relativize(mdFile)) + "\n" + END;
        String updated = b >= 0 && e > b ? text.substring(0, b) + block + text.substring(e + END.length()) : text + "\n" + block + "\n";
        Files.writeString(readme, updated);
    }
}

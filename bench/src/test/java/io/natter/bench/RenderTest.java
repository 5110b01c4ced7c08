package io.natter.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.natter.bench.report.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A finished run rendered again: its rows from the JSON, its header kept, the README's block replaced by its summary. */
class RenderTest {

    @TempDir
    Path dir;

    @Test
    void aRunIsRenderedAgainFromItsRows_keepingItsHeader_andReplacingTheReadmeBlock() throws Exception {
        List<Row> rows = List.of(
                new Row(1, "relay", "rpc-lat", "json 1 caller", Map.of("p99 µs", 3800.0, "gen lag p99 µs", 2100.0), 0.6, 0.5, 0, "neither", ""),
                new Row(1, "natter", "rpc-lat", "json 1 caller", Map.of("p99 µs", 3900.0, "gen lag p99 µs", 2900.0), 0.5, 0.5, 0, "neither", ""),
                Row.unavailable(1, "fox-wamp", "rpc-lat", "msgpack 1 caller", "n/a: fox-wamp speaks wamp.2.json only"));
        Path json = dir.resolve("bench-20261206-022821.json");
        new ObjectMapper().writeValue(json.toFile(), rows);
        Files.writeString(dir.resolve("bench-20261206-022821.md"),
                "Run of 2026-12-06 02:13 UTC, 1 pass(es)\n\n- Machine: test\n\n### Pub/sub at saturation\n\nold table\n");
        Path readme = dir.resolve("README.md");
        Files.writeString(readme, "# Bench\n\n" + BenchMain.BEGIN + "\nold\n" + BenchMain.END + "\n\ntail\n");

        BenchMain.main(new String[] {"--render", json.toString(), "--readme", readme.toString()});

        String md = Files.readString(dir.resolve("bench-20261206-022821.md"));
        assertThat(md).startsWith("Run of 2026-12-06 02:13 UTC, 1 pass(es)\n\n- Machine: test\n\n### ")
                .doesNotContain("old table")
                .contains("| natter | json 1 caller | ")
                .contains("n/a: fox-wamp speaks wamp.2.json only")
                .contains("| RPC p99 < 1 ms at 50% of saturation (µs) | json 1 caller | 3900; relay 3800;"
                        + " generator's own send lag p99 2900 | no (the relay too; the generator's own send lag too) |");
        assertThat(md.indexOf("| natter | json 1 caller")).isLessThan(md.indexOf("| relay | json 1 caller"));
        String goals = md.substring(md.indexOf("### Against the targets of issue #5")).strip();
        assertThat(Files.readString(readme)).isEqualTo("# Bench\n\n" + BenchMain.BEGIN + "\n"
                + "Run of 2026-12-06 02:13 UTC, 1 pass(es)\n\n- Machine: test\n\n"
                + "Every table of this run (each scenario, target and configuration): `bench-20261206-022821.md`"
                + " (bench/results/ is not committed; results/HISTORY.md keeps the tables of the runs it describes).\n\n"
                + goals + "\n" + BenchMain.END + "\n\ntail\n");
        assertThat(goals).contains("| RPC p99 < 1 ms at 50% of saturation (µs) | json 1 caller |");
    }
}

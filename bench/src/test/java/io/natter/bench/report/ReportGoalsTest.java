package io.natter.bench.report;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The goals table says what the machine allowed beside each latency verdict. */
class ReportGoalsTest {

    private static Row latency(int pass, String target, double p99, String bound) {
        return new Row(pass, target, "rpc-lat", "json 16 callers", Map.of("p99 µs", p99), 0.7, 0.8, 0, bound, "");
    }

    private static Row latency(int pass, String target, double p99, double lagP99) {
        return new Row(pass, target, "rpc-lat", "json 16 callers", Map.of("p99 µs", p99, "gen lag p99 µs", lagP99), 0.7, 0.8, 0,
                "neither", "");
    }

    private static String goalLine(List<Row> rows) {
        return Report.markdown(rows, List.of("natter", "relay"), List.of()).lines()
                .filter(l -> l.startsWith("| RPC p99 < 1 ms")).findFirst().orElseThrow();
    }

    @Test
    void aLatencyGoalMissedByTheRelayToo_saysSo_withTheRelaysFigures() {
        List<Row> rows = new ArrayList<>();
        for (int pass = 1; pass <= 3; pass++) {
            rows.add(latency(pass, "natter", 1500 + pass, pass == 2 ? "generator" : "neither"));
            rows.add(latency(pass, "relay", 1200 + pass, "neither"));
        }
        assertThat(goalLine(rows)).isEqualTo(
                "| RPC p99 < 1 ms at 50% of saturation (µs) | json 16 callers | 1502 [1501–1503]; relay 1202 [1201–1203];"
                        + " generator-bound in 1 of 3 passes | no (the relay too) |");
    }

    @Test
    void aLatencyGoalMissedWhereTheRelayMeetsIt_isAPlainNo() {
        List<Row> rows = List.of(latency(1, "natter", 1500, "neither"), latency(1, "relay", 600, "neither"));
        assertThat(goalLine(rows)).isEqualTo(
                "| RPC p99 < 1 ms at 50% of saturation (µs) | json 16 callers | 1500; relay 600 | no |");
    }

    @Test
    void aLatencyGoalMetInEveryPass_isAYes_andWithoutARelayNamesNone() {
        List<Row> rows = List.of(latency(1, "natter", 400, "neither"), latency(2, "natter", 900, "neither"));
        assertThat(goalLine(rows)).isEqualTo(
                "| RPC p99 < 1 ms at 50% of saturation (µs) | json 16 callers | 650 [400–900] | yes |");
    }

    @Test
    void aLatencyGoalMissedWhileTheGeneratorItselfSentLate_namesTheGeneratorsLag() {
        List<Row> rows = List.of(latency(1, "natter", 3900, 2900.0), latency(2, "natter", 4100, 1100.0),
                latency(1, "relay", 800, 300.0), latency(2, "relay", 900, 200.0));
        assertThat(goalLine(rows)).isEqualTo(
                "| RPC p99 < 1 ms at 50% of saturation (µs) | json 16 callers | 4000 [3900–4100]; relay 850 [800–900];"
                        + " generator's own send lag p99 2000 [1100–2900] | no (the generator's own send lag too) |");
    }

    @Test
    void theP99FromWhenEachCallLeft_followsTheGeneratorsLag() {
        List<Row> rows = List.of(new Row(1, "natter", "rpc-lat", "json 16 callers",
                Map.of("p99 µs", 3900.0, "gen lag p99 µs", 2900.0, "p99 from sent µs", 640.0), 0.7, 0.8, 0, "neither", ""));
        assertThat(goalLine(rows)).isEqualTo(
                "| RPC p99 < 1 ms at 50% of saturation (µs) | json 16 callers | 3900; generator's own send lag p99 2900;"
                        + " p99 from sent 640 | no (the generator's own send lag too) |");
    }

    @Test
    void aLatencyGoalMetDespiteALateSendHereAndThere_isStillJudgedOnTheRouter() {
        List<Row> rows = List.of(latency(1, "natter", 700, 300.0), latency(2, "natter", 900, 1200.0));
        assertThat(goalLine(rows)).isEqualTo(
                "| RPC p99 < 1 ms at 50% of saturation (µs) | json 16 callers | 800 [700–900];"
                        + " generator's own send lag p99 750 [300–1200] | yes |");
    }
}

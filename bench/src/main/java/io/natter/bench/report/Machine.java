package io.natter.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;

/** What the figures were measured on, for the report's header. */
public record Machine(String date, String cpu, int cores, String memory, String kernel, String java, String node,
                      String load) {

    /** Reads the machine now. */
    public static Machine describe() {
        return new Machine(
                ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")),
                firstMatch(Path.of("/proc/cpuinfo"), "model name"),
                onlineCpus(),
                totalMemory(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                run("node", "--version"),
                loadAverage());
    }

    /** Load average (1, 5, 15 min) right now. */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    // Not availableProcessors(): the generator runs with -XX:ActiveProcessorCount=1.
    private static int onlineCpus() {
        try {
            return (int) Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("processor")).count();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String totalMemory() {
        String kb = firstMatch(Path.of("/proc/meminfo"), "MemTotal").replaceAll("[^0-9]", "");
        return kb.isEmpty() ? "?" : Math.round(Long.parseLong(kb) / 1024.0 / 1024.0) + " GiB";
    }

    private static String firstMatch(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return "?";
        }
        return "?";
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "not found";
        } catch (IOException e) {
            return "not found";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}

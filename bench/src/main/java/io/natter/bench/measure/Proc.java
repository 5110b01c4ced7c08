package io.natter.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Readings of one process from {@code /proc}: CPU time (utime + stime of all its threads) and
 * resident set size. Linux only; readings of a process that is gone are -1.
 */
public final class Proc {

    /** Clock ticks per second of {@code /proc/<pid>/stat} times; 100 on every Linux we run. */
    private static final double TICKS_PER_SECOND = ticksPerSecond();

    private final long pid;

    /** Readings of process {@code pid}. */
    public Proc(long pid) {
        this.pid = pid;
    }

    /** Readings of this JVM. */
    public static Proc self() {
        return new Proc(ProcessHandle.current().pid());
    }

    /** The process id. */
    public long pid() {
        return pid;
    }

    /** CPU seconds used so far, user plus system, all threads (reaped children excluded). */
    public double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name may hold spaces; fields after it are space-separated from ") ".
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(f[11]);
            long stime = Long.parseLong(f[12]);
            return (utime + stime) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Nanoseconds its threads have run on a CPU so far (the first field of each live thread's
     * {@code schedstat}), or -1: finer than {@link #cpuSeconds()}'s clock ticks, for telling a
     * quiet process from a busy one over tens of milliseconds.
     */
    public long runNanos() {
        return runNanos(task -> true);
    }

    /**
     * Nanoseconds the threads {@code counted} accepts (each given as its {@code /proc/<pid>/task/<tid>}
     * directory) have run so far, or -1 where the process is gone.
     */
    public long runNanos(java.util.function.Predicate<Path> counted) {
        try (var tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            long sum = 0;
            for (Path task : tasks) {
                if (!counted.test(task)) {
                    continue;
                }
                try {
                    String stat = Files.readString(task.resolve("schedstat"));
                    sum += Long.parseLong(stat.substring(0, stat.indexOf(' ')));
                } catch (IOException | RuntimeException e) {
                    // The thread ended between the listing and the read.
                }
            }
            return sum;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Resident set size in bytes (VmRSS), or -1. */
    public long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** How many CPUs the process may run on (its affinity mask), or -1. */
    public int allowedCpus() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return countCpus(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** The affinity as {@code /proc} writes it (e.g. {@code 1} or {@code 0-1}), or {@code ?}. */
    public String allowedCpuList() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return "?";
        }
        return "?";
    }

    /** How many CPUs a {@code taskset -c} style list names ({@code 1} → 1, {@code 0-1} → 2). */
    public static int countCpusOf(String list) {
        return countCpus(list);
    }

    static int countCpus(String list) {
        int n = 0;
        for (String part : list.split(",")) {
            String[] range = part.split("-");
            n += range.length == 1 ? 1 : Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1;
        }
        return n;
    }

    /** Busy CPU seconds of the whole machine (all cores, everything but idle and iowait). */
    public static double machineBusySeconds() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
            String[] f = lines.get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static double ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            return Double.parseDouble(out);
        } catch (IOException | RuntimeException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}

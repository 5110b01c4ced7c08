package io.natter.bench.measure;

/**
 * Counters read at one instant: wall clock, the scenario's count, CPU of server, generator and
 * whole machine.
 */
public record Snapshot(long nanos, long count, double serverCpu, double generatorCpu, double machineCpu) {

    /** Reads everything now. */
    public static Snapshot take(long count, Proc server, Proc generator) {
        return new Snapshot(System.nanoTime(), count,
                server == null ? 0 : server.cpuSeconds(), generator.cpuSeconds(), Proc.machineBusySeconds());
    }
}

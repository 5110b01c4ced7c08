package io.natter.bench.measure;

/**
 * What happened between two {@link Snapshot}s: the count, the wall time and the CPU each party
 * used. {@code others} is the machine's busy time that was neither server nor generator (the
 * other tenants of a shared machine), in cores.
 *
 * @param count        things counted (events, calls, joins)
 * @param seconds      wall time
 * @param serverCpu    server CPU seconds
 * @param generatorCpu generator CPU seconds
 * @param machineCpu   all busy CPU seconds of the machine
 */
public record Window(long count, double seconds, double serverCpu, double generatorCpu, double machineCpu) {

    /** The window between {@code a} and {@code b}. */
    public static Window between(Snapshot a, Snapshot b) {
        return new Window(b.count() - a.count(), (b.nanos() - a.nanos()) / 1e9,
                b.serverCpu() - a.serverCpu(), b.generatorCpu() - a.generatorCpu(), b.machineCpu() - a.machineCpu());
    }

    /** Count per wall second. */
    public double rate() {
        return count / seconds;
    }

    /** Count per server CPU second (the figure that survives a noisy machine when the server is the limit). */
    public double perServerCoreSecond() {
        return serverCpu <= 0 ? Double.NaN : count / serverCpu;
    }

    /** Server CPU in cores (1.0 = one core busy all the time). */
    public double serverCores() {
        return serverCpu / seconds;
    }

    /** Generator CPU in cores. */
    public double generatorCores() {
        return generatorCpu / seconds;
    }

    /** Other tenants' CPU in cores. */
    public double otherCores() {
        return Math.max(0, (machineCpu - serverCpu - generatorCpu) / seconds);
    }
}

package io.jenkins.plugins.aiworkflow.bench.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much CPU something other than this JVM used over an interval, in cores: the machine's busy
 * time (Linux {@code /proc/stat}, steal included) minus this process's own CPU time. On a shared
 * 2-core build host another engineer's Maven build can halve a reader's speed for a few seconds;
 * this lets the benchmark wait for a quiet machine and tell a clean round from a disturbed one.
 * Where {@code /proc/stat} is missing it reports 0 (nothing known, nothing discarded).
 */
final class ForeignLoad {
    private static final Path PROC_STAT = Path.of("/proc/stat");
    private static final double TICK_SECONDS = 0.01; // USER_HZ is 100 on every Linux the JDK supports

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long busyTicks;
    private long ownNanos;
    private long wallNanos;

    ForeignLoad() {
        mark();
    }

    /** Starts an interval. */
    void mark() {
        busyTicks = busyTicks();
        ownNanos = os.getProcessCpuTime();
        wallNanos = System.nanoTime();
    }

    /** Cores used by others since {@link #mark()}; at 10 ms resolution, so short intervals are rough. */
    double coresSinceMark() {
        double wall = (System.nanoTime() - wallNanos) / 1e9;
        if (wall <= 0 || busyTicks < 0) {
            return 0;
        }
        double busy = (busyTicks() - busyTicks) * TICK_SECONDS;
        double own = (os.getProcessCpuTime() - ownNanos) / 1e9;
        return Math.max(0, (busy - own) / wall);
    }

    /** Waits, up to {@code maxSeconds}, for a second in which others used under {@code cores}; true if one came. */
    boolean awaitQuiet(double cores, int maxSeconds) throws InterruptedException {
        for (int second = 0; second < maxSeconds; second++) {
            mark();
            Thread.sleep(1_000);
            if (coresSinceMark() < cores) {
                return true;
            }
        }
        return false;
    }

    private static long busyTicks() {
        try {
            String cpu = Files.readAllLines(PROC_STAT).get(0); // cpu user nice system idle iowait irq softirq steal ...
            String[] fields = cpu.trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // not idle, not iowait
                    busy += Long.parseLong(fields[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}

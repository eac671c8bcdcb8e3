package dev.authkit.benchmarks;

import dev.authkit.core.AuthKit;
import dev.authkit.testkit.FakeWorkOS;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Heap growth of an {@link AuthKit} after it has seen many distinct sessions (each a new cookie
 * with a new access token): used heap after full GCs, before and after, with FakeWorkOS's own
 * records of the sessions dropped ({@code reset}) before the second reading. Prints
 * {@code sessions=N growthBytes=B}, and a checkpoint every 10,000 sessions (the caches are bounded,
 * so the growth levels off once they are full). Usage: {@code HeapGrowth [sessions]}, default 100,000.
 */
public final class HeapGrowth {
    private HeapGrowth() {
    }

    public static void main(String[] args) {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        try (FakeWorkOS fake = Sessions.fake()) {
            AuthKit authKit = Sessions.authKit(fake);
            Sessions.requireSignedIn(authKit.handle(Sessions.request(Sessions.newCookie(fake))), false);
            fake.reset();
            long before = usedAfterGc();
            long start = System.nanoTime();
            for (int i = 0; i < sessions; i++) {
                Sessions.requireSignedIn(authKit.handle(Sessions.request(Sessions.newCookie(fake))), false);
                if (i % 10_000 == 9_999) {
                    fake.reset(); // FakeWorkOS remembers every session it opened; authkit's memory is what is measured
                    System.out.printf("checkpoint %d sessions growthBytes=%d (%.0f s)%n", i + 1, usedAfterGc() - before,
                            (System.nanoTime() - start) / 1e9);
                    System.out.flush();
                }
            }
            fake.reset();
            long after = usedAfterGc();
            System.out.printf("sessions=%d growthBytes=%d%n", sessions, after - before);
            if (authKit.config() == null) {
                throw new IllegalStateException(); // keeps authKit reachable up to the second reading
            }
        }
    }

    private static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}

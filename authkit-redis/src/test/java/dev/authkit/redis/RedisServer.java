package dev.authkit.redis;

import static org.junit.jupiter.api.Assertions.fail;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} (Debian's), run by the tests as a child process on a free loopback
 * port, without persistence, and killed with SIGKILL when asked (a crash, not a shutdown).
 * Without redis-server the tests are skipped, except under {@code CI=true} where they fail.
 */
final class RedisServer implements AutoCloseable {
    private final int port;
    private final Path dir;
    private Process process;

    private RedisServer(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    static RedisServer start() {
        return start(false);
    }

    /**
     * @param persistent keep every write in an append-only file (fsync always), so a server killed
     *                   and restarted comes back with its data, as a production Redis with AOF does
     */
    static RedisServer start(boolean persistent) {
        String binary = find();
        try {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            RedisServer server = new RedisServer(port, Files.createTempDirectory("authkit-redis-test"));
            server.binary = binary;
            server.persistent = persistent;
            server.launch();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String binary;
    private boolean persistent;
    /** One connection for INFO and KEYS, so that connecting (HELLO, CLIENT SETINFO) does not count between two looks. */
    private RedisClient statsClient;
    private StatefulRedisConnection<String, String> stats;

    private static String find() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, "redis-server");
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        for (String p : List.of("/usr/bin/redis-server", "/usr/sbin/redis-server", "/usr/local/bin/redis-server")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        if ("true".equals(System.getenv("CI"))) {
            fail("redis-server is not installed; .ci/run installs Debian's redis-server");
        }
        Assumptions.abort("redis-server is not installed (apt-get install redis-server); Redis tests skipped");
        return null;
    }

    private void launch() throws IOException {
        process = new ProcessBuilder(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", persistent ? "yes" : "no", "--appendfsync", "always", "--dir", dir.toString(), "--protected-mode", "no")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try {
                new Socket("127.0.0.1", port).close();
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("redis-server exited: " + Files.readString(dir.resolve("redis.log")));
                }
                sleep(Duration.ofMillis(20));
            }
        }
        throw new IllegalStateException("redis-server did not listen on port " + port + " within 10 s");
    }

    String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** SIGKILL, as a crash or an operator's kill -9; waits until the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts a new redis-server on the same port (after {@link #kill()}): empty, or with its data when persistent. */
    void restart() {
        try {
            launch();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code INFO commandstats} counts, minus INFO itself: the commands clients sent so far. */
    long commandsServed() {
        String info = observer().sync().info("commandstats");
        long total = 0;
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("cmdstat_") && !line.startsWith("cmdstat_info:")) {
                int calls = line.indexOf("calls=");
                total += Long.parseLong(line.substring(calls + 6, line.indexOf(',', calls)));
            }
        }
        return total;
    }

    boolean isRunning() {
        return process.isAlive();
    }

    /** Empties the server, so one test never sees what another left for the grace period. */
    void flushAll() {
        observer().sync().flushall();
    }

    List<String> keys(String pattern) {
        return observer().sync().keys(pattern);
    }

    /** What a stranger with access to Redis can do: write any value, with no expiry. */
    void set(String key, String value) {
        observer().sync().set(key, value);
    }

    void expire(String key, Duration ttl) {
        observer().sync().pexpire(key, ttl.toMillis());
    }

    String get(String key) {
        return observer().sync().get(key);
    }

    void publish(String channel, String message) {
        observer().sync().publish(channel, message);
    }

    long observerTtlMillis(String key) {
        return observer().sync().pttl(key);
    }

    /** The test's own connection, opened once (and reopened after a restart). */
    private synchronized StatefulRedisConnection<String, String> observer() {
        if (stats == null || !stats.isOpen()) {
            if (statsClient == null) {
                statsClient = RedisClient.create(uri());
            }
            stats = statsClient.connect();
        }
        return stats;
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (statsClient != null) {
            statsClient.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
        kill();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}

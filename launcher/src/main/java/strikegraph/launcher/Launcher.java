package strikegraph.launcher;

import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.kernel.internal.Version;

/**
 * Strikegraph embedded Neo4j Community launcher.
 *
 * <pre>
 * java $(jvm.options) -Xmx512m -cp target/classes:target/lib/* strikegraph.launcher.Launcher \
 *      --home DIR --port N [--pagecache 64m] [--tx-memory 256m] [--tx-max 128m]
 * </pre>
 *
 * Protocol with the parent process:
 * <ul>
 *   <li>stdout carries exactly one line: {@code READY bolt://127.0.0.1:<port>} or {@code FAILED <reason>}.
 *       Everything else (including anything Neo4j or libraries print to System.out) goes to stderr.</li>
 *   <li>Exit codes: 0 clean shutdown, 1 failed to start, 2 bad command line.</li>
 *   <li>SIGTERM / SIGINT, or EOF on stdin, shut the DBMS down cleanly and exit 0.</li>
 * </ul>
 */
public final class Launcher {

    private static final String BOLT_HOST = "127.0.0.1";
    private static final long DEFAULT_PAGECACHE = 64L * 1024 * 1024;
    private static final long DEFAULT_TX_MEMORY = 256L * 1024 * 1024;
    // One transaction may take half of DEFAULT_TX_MEMORY: a batch of 500
    // ACLED rows, the import's default, takes more than 48 MiB.
    private static final long DEFAULT_TX_MAX = 128L * 1024 * 1024;
    private static final long AVAILABILITY_TIMEOUT_MS = 120_000;
    private static final long STARTUP_WAIT_ON_STOP_MS = 60_000;
    private static final long MAIN_START_NANOS = System.nanoTime();

    /** The real stdout; System.out is redirected to stderr before Neo4j is touched. */
    private static PrintStream protocolOut;
    private static final PrintStream err = System.err;

    private static final AtomicBoolean stopRequested = new AtomicBoolean();
    private static final CountDownLatch startFinished = new CountDownLatch(1);
    private static final CountDownLatch stopDone = new CountDownLatch(1);
    private static volatile DatabaseManagementService dbms;

    private Launcher() {}

    static final class Options {
        Path home;
        int port = -1;
        long pagecache = DEFAULT_PAGECACHE;
        long txMemory = DEFAULT_TX_MEMORY;
        long txMax = DEFAULT_TX_MAX;
    }

    static final class UsageException extends Exception {
        UsageException(String msg) {
            super(msg);
        }
    }

    public static void main(String[] args) {
        // Claim stdout for the protocol and send everybody else's System.out to stderr.
        protocolOut = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(err);

        Options opts;
        try {
            opts = parseArgs(args);
        } catch (UsageException e) {
            err.println("strikegraph-launcher: " + e.getMessage());
            err.flush();
            System.exit(2);
            return;
        }

        installStopTriggers();

        String version = safeVersion();
        err.println("strikegraph-launcher: starting Neo4j " + version + " (home=" + opts.home + ", port=" + opts.port
                + ", pagecache=" + opts.pagecache + ", tx-memory=" + opts.txMemory + ", tx-max=" + opts.txMax + ")");

        int boltPort;
        try {
            boltPort = start(opts);
        } catch (Throwable t) {
            startFinished.countDown();
            if (stopRequested.get()) {
                // Start was interrupted by a stop request; the stopper thread exits the JVM.
                awaitQuietly(stopDone);
                return;
            }
            fail(t);
            return;
        }

        if (stopRequested.get()) {
            awaitQuietly(stopDone);
            return;
        }
        protocolOut.println("READY bolt://" + BOLT_HOST + ":" + boltPort);
        protocolOut.flush();
        err.println("strikegraph-launcher: ready on bolt://" + BOLT_HOST + ":" + boltPort + " (startup took " + sinceMainStart() + ")");
        err.flush();
        // Main thread is done; Neo4j's non-daemon threads keep the JVM alive until a stop trigger fires.
    }

    // ---------------------------------------------------------------------------------------------
    // Startup

    private static int start(Options opts) throws Exception {
        DatabaseManagementService service;
        try {
            Files.createDirectories(opts.home);
            if (opts.port != 0) {
                // Fail fast: Neo4j binds Bolt only after both databases have started (several seconds).
                checkPortFree(opts.port);
            }
            dbms = new DatabaseManagementServiceBuilder(opts.home)
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(BOLT_HOST, opts.port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(BOLT_HOST, opts.port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    .setConfig(GraphDatabaseSettings.udc_enabled, false) // dbms.usage_report.enabled
                    .setConfig(GraphDatabaseSettings.pagecache_memory, opts.pagecache)
                    .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, opts.txMemory)
                    .setConfig(GraphDatabaseSettings.memory_transaction_max_size, opts.txMax)
                    // Bolt's netty event loop otherwise waits a 5 s "quiet period" on every shutdown.
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                    .build();
        } finally {
            // dbms is published before startFinished is released (see stopAndWait).
            startFinished.countDown();
        }
        service = dbms;
        if (stopRequested.get()) {
            throw new IllegalStateException("stop requested during startup");
        }

        String dbName = GraphDatabaseSettings.DEFAULT_DATABASE_NAME;
        GraphDatabaseService db = service.database(dbName);
        if (!db.isAvailable(AVAILABILITY_TIMEOUT_MS)) {
            throw new IllegalStateException("database '" + dbName + "' not available after "
                    + (AVAILABILITY_TIMEOUT_MS / 1000) + "s (see " + opts.home.resolve("logs").resolve("debug.log") + ")");
        }
        Object one = db.executeTransactionally("RETURN 1 AS one", java.util.Map.of(),
                r -> r.hasNext() ? r.next().get("one") : null);
        if (!(one instanceof Number) || ((Number) one).longValue() != 1L) {
            throw new IllegalStateException("sanity query RETURN 1 returned " + one);
        }

        int port = opts.port;
        if (db instanceof GraphDatabaseAPI) {
            ConnectorPortRegister register = ((GraphDatabaseAPI) db).getDependencyResolver()
                    .resolveDependency(ConnectorPortRegister.class);
            HostnamePort bound = register.getLocalAddress(ConnectorType.BOLT);
            if (bound != null) {
                port = bound.getPort();
            }
        }
        if (port <= 0) {
            throw new IllegalStateException("could not determine the bound Bolt port");
        }
        checkBoltHandshake(port);
        return port;
    }

    private static void checkPortFree(int port) throws IOException {
        try (java.net.ServerSocket ss = new java.net.ServerSocket()) {
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(BOLT_HOST, port));
        } catch (java.net.BindException e) {
            throw new IOException("Bolt port " + BOLT_HOST + ":" + port + " is already in use", e);
        }
    }

    /** Connects to the Bolt port and performs the version handshake, proving Bolt accepts connections. */
    private static void checkBoltHandshake(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(BOLT_HOST, port), 5_000);
            s.setSoTimeout(10_000);
            OutputStream o = s.getOutputStream();
            byte[] hello = new byte[] {
                (byte) 0x60, (byte) 0x60, (byte) 0xB0, (byte) 0x17, // magic preamble
                0, 0, 4, 5, // 5.4
                0, 0, 0, 5, // 5.0
                0, 0, 4, 4, // 4.4
                0, 0, 0, 4, // 4.0
            };
            o.write(hello);
            o.flush();
            byte[] reply = new byte[4];
            new DataInputStream(s.getInputStream()).readFully(reply);
            if (reply[0] == 0 && reply[1] == 0 && reply[2] == 0 && reply[3] == 0) {
                throw new IOException("Bolt handshake rejected all offered protocol versions");
            }
        }
    }

    private static void fail(Throwable t) {
        String reason = oneLineReason(t);
        err.println("strikegraph-launcher: failed to start: " + reason);
        t.printStackTrace(err);
        err.flush();
        protocolOut.println("FAILED " + reason);
        protocolOut.flush();
        // The shutdown hook stops a partially started DBMS (if any) before the JVM exits.
        System.exit(1);
    }

    /** Picks the most informative message in the cause chain and flattens it to one line. */
    static String oneLineReason(Throwable t) {
        Throwable root = t;
        String best = null;
        for (Throwable c = t; c != null; c = c.getCause()) {
            root = c;
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                best = c.getClass().getSimpleName() + ": " + c.getMessage();
            }
            if (c.getCause() == c) {
                break;
            }
        }
        if (best == null) {
            best = root.getClass().getName();
        }
        // Add the top-level message too when it differs and adds context.
        if (t != root && t.getMessage() != null && !t.getMessage().isBlank() && !best.contains(t.getMessage())) {
            best = t.getMessage() + " -- caused by " + best;
        }
        return best.replaceAll("[\\r\\n\\t]+", " ").trim();
    }

    private static String sinceMainStart() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - MAIN_START_NANOS) + " ms";
    }

    private static String safeVersion() {
        try {
            return Version.getNeo4jVersion();
        } catch (Throwable t) {
            return "unknown";
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Shutdown

    private static void installStopTriggers() {
        // Shutdown hook: covers System.exit from any path and signals we do not handle explicitly (e.g. SIGHUP).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAndWait("JVM shutdown"), "strikegraph-shutdown-hook"));

        // SIGTERM / SIGINT: stop cleanly, then exit 0 (the JVM's default would be 143 / 130).
        for (String sig : new String[] {"TERM", "INT"}) {
            try {
                handleSignal(sig, () -> exitAfterStop("SIG" + sig));
            } catch (Throwable e) {
                err.println("strikegraph-launcher: could not install SIG" + sig + " handler: " + e);
            }
        }

        // Parent-death detection: EOF on stdin.
        Thread stdinWatcher = new Thread(() -> {
            InputStream in = System.in;
            byte[] buf = new byte[256];
            try {
                while (in.read(buf) >= 0) {
                    // ignore input
                }
            } catch (IOException e) {
                // treat read errors like EOF
            }
            exitAfterStop("stdin closed");
        }, "strikegraph-stdin-watcher");
        stdinWatcher.setDaemon(true);
        stdinWatcher.start();
    }

    /**
     * Installs a handler via sun.misc.Signal (module jdk.unsupported, no flags needed). Done reflectively only so
     * that javac does not warn about the internal API.
     */
    private static void handleSignal(String name, Runnable action) throws ReflectiveOperationException {
        Class<?> signalClass = Class.forName("sun.misc.Signal");
        Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
        Object signal = signalClass.getConstructor(String.class).newInstance(name);
        Object handler = java.lang.reflect.Proxy.newProxyInstance(Launcher.class.getClassLoader(),
                new Class<?>[] {handlerClass}, (proxy, method, args) -> {
                    if ("handle".equals(method.getName())) {
                        action.run();
                        return null;
                    }
                    switch (method.getName()) {
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        case "toString":
                            return "strikegraph-signal-handler(" + name + ")";
                        default:
                            return null;
                    }
                });
        signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
    }

    /** Runs the stop on a fresh non-daemon thread so signal dispatch threads are never blocked. */
    private static void exitAfterStop(String why) {
        Thread t = new Thread(() -> {
            stopAndWait(why);
            System.exit(0);
        }, "strikegraph-stopper");
        t.setDaemon(false);
        t.start();
    }

    /** Idempotent: the first caller shuts the DBMS down, every other caller waits for it to finish. */
    private static void stopAndWait(String why) {
        if (stopRequested.compareAndSet(false, true)) {
            try {
                err.println("strikegraph-launcher: stopping (" + why + ")");
                err.flush();
                if (!awaitQuietly(startFinished, STARTUP_WAIT_ON_STOP_MS)) {
                    err.println("strikegraph-launcher: startup still running after "
                            + (STARTUP_WAIT_ON_STOP_MS / 1000) + "s, exiting without clean shutdown");
                }
                DatabaseManagementService s = dbms;
                if (s != null) {
                    long t0 = System.nanoTime();
                    try {
                        s.shutdown();
                    } catch (Throwable t) {
                        err.println("strikegraph-launcher: error during shutdown: " + oneLineReason(t));
                        t.printStackTrace(err);
                    }
                    err.println("strikegraph-launcher: stopped in "
                            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
                } else {
                    err.println("strikegraph-launcher: stopped (DBMS was not running)");
                }
                err.flush();
            } finally {
                stopDone.countDown();
            }
        } else {
            awaitQuietly(stopDone);
        }
    }

    /** Returns false if the timeout elapsed. */
    private static boolean awaitQuietly(CountDownLatch latch, long timeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return latch.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Command line

    static Options parseArgs(String[] args) throws UsageException {
        Options o = new Options();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            switch (name) {
                case "--home":
                case "--port":
                case "--pagecache":
                case "--tx-memory":
                case "--tx-max":
                    break;
                default:
                    throw new UsageException("unknown argument: " + a + " (usage: --home DIR --port N [--pagecache SIZE] [--tx-memory SIZE] [--tx-max SIZE])");
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException("missing value for " + name);
                }
                value = args[++i];
            }
            switch (name) {
                case "--home":
                    if (value.isBlank()) {
                        throw new UsageException("--home must not be empty");
                    }
                    o.home = Path.of(value).toAbsolutePath().normalize();
                    break;
                case "--port":
                    try {
                        o.port = Integer.parseInt(value.trim());
                    } catch (NumberFormatException e) {
                        throw new UsageException("invalid --port: " + value);
                    }
                    if (o.port < 0 || o.port > 65535) {
                        throw new UsageException("invalid --port: " + value + " (must be 0..65535)");
                    }
                    break;
                case "--pagecache":
                    o.pagecache = parseSize(name, value, false);
                    break;
                case "--tx-memory":
                    // 0 means "unlimited" for dbms.memory.transaction.total.max; Neo4j itself enforces a 10m minimum otherwise.
                    o.txMemory = parseSize(name, value, true);
                    break;
                case "--tx-max":
                    // 0: no limit of its own, only the pool's (db.memory.transaction.max).
                    o.txMax = parseSize(name, value, true);
                    break;
                default:
                    throw new AssertionError(name);
            }
        }
        if (o.home == null) {
            throw new UsageException("--home is required");
        }
        if (o.port < 0) {
            throw new UsageException("--port is required");
        }
        if (Files.exists(o.home) && !Files.isDirectory(o.home)) {
            throw new UsageException("--home is not a directory: " + o.home);
        }
        return o;
    }

    private static long parseSize(String name, String value, boolean zeroAllowed) throws UsageException {
        String v = value.trim();
        if (!v.matches("(?i)[0-9]+\\s*([kmgt]i?b?|b)?")) {
            throw new UsageException("invalid " + name + ": " + value + " (expected e.g. 64m, 512k, 1g)");
        }
        long bytes;
        try {
            bytes = ByteUnit.parse(v);
        } catch (RuntimeException e) {
            throw new UsageException("invalid " + name + ": " + value + " (" + e.getMessage() + ")");
        }
        if (bytes < 0 || (bytes == 0 && !zeroAllowed)) {
            throw new UsageException("invalid " + name + ": " + value + " (must be > 0)");
        }
        return bytes;
    }
}

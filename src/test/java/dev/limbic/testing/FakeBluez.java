package dev.limbic.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fake BlueZ for tests: a private {@code dbus-daemon} on the socket named by {@code DBUS_SYSTEM_BUS_ADDRESS} (set by
 * the {@code fake-bluez} surefire execution) and python3-dbusmock serving {@code org.bluez} from
 * {@code src/test/resources/bluez/fake_bluez.py}. It checks Limbic's D-Bus contract with TinyB, not a radio. Missing
 * tools fail the test with a message naming the README's test command; nothing is skipped.
 */
public final class FakeBluez implements AutoCloseable {
    private static final String PYTHON = "/usr/bin/python3";
    private static final String HINT = " (run the README's test command, src/scripts/test.sh, which installs "
            + "dbus-daemon and python3-dbusmock)";

    private static boolean busStarted;
    private final Path socket;
    private final Path dir;
    private final Process daemon;
    private Process mock;

    private FakeBluez(Path socket, Process daemon) {
        this.socket = socket;
        this.dir = socket.getParent();
        this.daemon = daemon;
    }

    /** A private bus with BlueZ on it; one per JVM. */
    public static FakeBluez start() throws Exception {
        FakeBluez bus = busWithoutBluez();
        bus.startBluez();
        return bus;
    }

    /** A private system bus where nobody serves {@code org.bluez} yet. */
    public static synchronized FakeBluez busWithoutBluez() throws Exception {
        if (busStarted) {
            throw new IllegalStateException("one fake bus per JVM (TinyB's manager is a process-wide singleton): run "
                    + "each *OnFakeBluezTest class in its own JVM, as Maven's fake-bluez execution does");
        }
        busStarted = true;
        String address = System.getenv("DBUS_SYSTEM_BUS_ADDRESS");
        if (address == null || !address.startsWith("unix:path=")) {
            throw new IllegalStateException("DBUS_SYSTEM_BUS_ADDRESS must name a private socket (unix:path=...): run "
                    + "this test through Maven, whose fake-bluez execution sets it" + HINT);
        }
        require(Path.of("/usr/bin/dbus-daemon"), "dbus-daemon");
        require(Path.of(PYTHON), "Debian's python3");
        Path socket = Path.of(address.substring("unix:path=".length()));
        Files.createDirectories(socket.getParent());
        Files.deleteIfExists(socket);
        // The bus must outlive every TinyB call of this JVM: GLib ends a process whose system bus closes (SIGTERM,
        // "exit-on-close"). So the daemon is stopped by a shell that waits for this JVM's end (its stdin closing).
        Process daemon = new ProcessBuilder("/bin/sh", "-c", "/usr/bin/dbus-daemon --session --nofork --nopidfile "
                + "--address=\"$1\" & d=$!; cat >/dev/null; kill $d", "fake-system-bus", address)
                .redirectErrorStream(true).redirectOutput(socket.resolveSibling("dbus-daemon.log").toFile()).start();
        for (int i = 0; i < 100 && !Files.exists(socket); i++) {
            Thread.sleep(20);
        }
        if (!Files.exists(socket)) {
            daemon.destroy();
            throw new IllegalStateException("dbus-daemon did not open " + socket);
        }
        return new FakeBluez(socket, daemon);
    }

    private static void require(Path program, String what) {
        if (!Files.isExecutable(program)) {
            throw new IllegalStateException(what + " is missing at " + program + HINT);
        }
    }

    /** Starts serving {@code org.bluez} (one adapter, no devices). */
    public void startBluez() throws Exception {
        Path template = dir.resolve("fake_bluez.py");
        try (InputStream in = FakeBluez.class.getResourceAsStream("/bluez/fake_bluez.py")) {
            Files.copy(in, template, StandardCopyOption.REPLACE_EXISTING);
        }
        Process check = new ProcessBuilder(PYTHON, "-c", "import dbusmock").redirectErrorStream(true).start();
        if (check.waitFor() != 0) {
            throw new IllegalStateException("python3-dbusmock is not installed for " + PYTHON + HINT);
        }
        Files.deleteIfExists(log());
        mock = new ProcessBuilder(PYTHON, "-m", "dbusmock", "--system", "-t", template.toString(), "-l", log().toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("dbusmock.out").toFile()).start();
        for (int i = 0; i < 200; i++) {
            if (run(false, "--dest=org.bluez", "/", "org.freedesktop.DBus.ObjectManager.GetManagedObjects")) {
                return;
            }
            Thread.sleep(25);
        }
        throw new IllegalStateException("the fake BlueZ did not come up: " + Files.readString(dir.resolve("dbusmock.out")));
    }

    private Path log() {
        return dir.resolve("bluez-calls.log");
    }

    /** A strap advertising 0x180D appears. */
    public void addStrap(String address, String name, int rssi, int manufacturerId) throws Exception {
        mock("AddStrap", "string:" + address, "string:" + name, "int16:" + rssi, "int32:" + manufacturerId);
    }

    /** While the strap notifies, it sends {@code frame} every {@code intervalMillis}. */
    public void stream(String address, byte[] frame, int intervalMillis) throws Exception {
        StringBuilder bytes = new StringBuilder("array:byte:");
        for (int i = 0; i < frame.length; i++) {
            bytes.append(i == 0 ? "" : ",").append(frame[i] & 0xFF);
        }
        mock("Stream", "string:" + address, bytes.toString(), "uint32:" + intervalMillis);
    }

    /** The link drops silently: notifications stop and the GATT objects go away. */
    public void dropLink(String address) throws Exception {
        mock("DropLink", "string:" + address);
    }

    /** The method calls BlueZ received so far, by name ({@code Connect}, {@code StartNotify}, …). */
    public List<String> calls() throws IOException {
        List<String> calls = new ArrayList<>();
        if (Files.exists(log())) {
            for (String line : Files.readAllLines(log(), StandardCharsets.UTF_8)) {
                String[] words = line.split(" ");
                if (words.length > 1 && !words[1].equals("emit")) {
                    calls.add(words[1]);
                }
            }
        }
        return calls;
    }

    private void mock(String method, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("--dest=org.bluez", "/", "org.bluez.Mock." + method));
        command.addAll(List.of(args));
        if (!run(true, command.toArray(String[]::new))) {
            throw new IllegalStateException("fake BlueZ refused " + method);
        }
    }

    private boolean run(boolean report, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("dbus-send", "--system", "--print-reply", "--reply-timeout=5000"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ok = process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        if (!ok && report) {
            System.err.println(String.join(" ", command) + ": " + output);
        }
        return ok;
    }

    @Override
    public void close() throws Exception {
        if (mock != null) {
            mock.destroy();
            mock.waitFor(5, TimeUnit.SECONDS);
        }
        // the bus itself ends with the JVM (see busWithoutBluez)
    }
}

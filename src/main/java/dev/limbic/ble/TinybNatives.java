package dev.limbic.ble;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Loads TinyB's native libraries from the jar: {@code libtinyb.so} first (the JNI library links to it by soname),
 * then {@code libjavatinyb.so}, both extracted to a private temporary directory. The jar carries them for linux
 * x86_64, x86_32 and armv6 only; elsewhere (aarch64) install a locally built TinyB and start with
 * {@code -Djava.library.path=DIR} holding both libraries.
 *
 * <p>TinyB's own classes also call {@code System.loadLibrary} while they initialise and print "Native code library
 * failed to load" when the libraries are not on {@code java.library.path}, although the ones loaded here serve them;
 * {@link #load()} initialises those classes with that one message held back.
 */
public final class TinybNatives {
    private static final String[] LIBRARIES = {"libtinyb.so", "libjavatinyb.so"};
    private static volatile boolean loaded;

    private TinybNatives() {
    }

    /**
     * Loads the natives once per process.
     *
     * @throws BluetoothUnavailableException when this platform has no bundled natives or they cannot be loaded
     */
    public static synchronized void load() throws BluetoothUnavailableException {
        if (loaded) {
            return;
        }
        if (onLibraryPath()) {
            initialiseTinybClasses();
            loaded = true;
            return;
        }
        String folder = nativeFolder();
        try {
            Path dir = Files.createTempDirectory("limbic-tinyb");
            dir.toFile().deleteOnExit();
            for (String library : LIBRARIES) {
                Path target = dir.resolve(library);
                try (InputStream in = TinybNatives.class.getResourceAsStream("/native/" + folder + "/" + library)) {
                    if (in == null) {
                        throw new BluetoothUnavailableException("TinyB's " + library + " for " + folder
                                + " is not in the jar");
                    }
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                target.toFile().deleteOnExit();
                System.load(target.toAbsolutePath().toString());
            }
        } catch (IOException | UnsatisfiedLinkError e) {
            throw new BluetoothUnavailableException("TinyB's native libraries cannot be loaded: " + e.getMessage(), e);
        }
        initialiseTinybClasses();
        loaded = true;
    }

    /** Whether both libraries are on {@code java.library.path} (a locally built TinyB). */
    private static boolean onLibraryPath() {
        String path = System.getProperty("java.library.path", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isReadable(Path.of(dir, LIBRARIES[0])) && Files.isReadable(Path.of(dir, LIBRARIES[1]))) {
                return true;
            }
        }
        return false;
    }

    /** The jar's folder of natives for this platform. */
    static String nativeFolder() throws BluetoothUnavailableException {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            throw new BluetoothUnavailableException("Bluetooth LE through TinyB needs Linux with BlueZ (this is " + os + ")");
        }
        return switch (arch) {
            case "amd64", "x86_64" -> "linux/x86_64";
            case "x86", "i386", "i486", "i586", "i686" -> "linux/x86_32";
            case "arm", "armv6", "armv6l", "armv7l" -> "arm/armv6";
            default -> throw new BluetoothUnavailableException("TinyB's jar has no natives for " + arch
                    + "; build TinyB there and start Limbic with -Djava.library.path=DIR (libtinyb.so, libjavatinyb.so)");
        };
    }

    /** Runs the static initialisers of TinyB's classes, holding back their "failed to load" line. */
    private static void initialiseTinybClasses() throws BluetoothUnavailableException {
        PrintStream err = System.err;
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        System.setErr(new PrintStream(held, true, StandardCharsets.UTF_8));
        try {
            Class.forName("tinyb.BluetoothObject", true, TinybNatives.class.getClassLoader());
            Class.forName("tinyb.BluetoothManager", true, TinybNatives.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new BluetoothUnavailableException("TinyB's classes are missing from the class path", e);
        } finally {
            System.setErr(err);
        }
        for (String line : held.toString(StandardCharsets.UTF_8).split("\\R")) {
            if (!line.isBlank() && !line.startsWith("Native code library failed to load")
                    && !line.startsWith("java.lang.UnsatisfiedLinkError: no ")) {
                err.println(line);
            }
        }
    }
}

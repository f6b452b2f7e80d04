package dev.portscope.platform.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * User names from {@code /etc/passwd} ({@code passwd(5)}), read once on first use. Users known
 * only to a directory service (LDAP, SSSD) keep their numeric uid.
 */
public final class PasswdUsers {

    private final Path passwdFile;
    private Map<Integer, String> names;

    PasswdUsers(Path passwdFile) {
        this.passwdFile = passwdFile;
    }

    synchronized String nameOf(int uid) {
        if (names == null) {
            names = load(passwdFile);
        }
        String name = names.get(uid);
        return name != null ? name : Integer.toString(uid);
    }

    /** The uid of a user name in a passwd file, empty when the file does not name it. */
    public static java.util.OptionalInt uidOf(Path passwdFile, String name) {
        for (Map.Entry<Integer, String> e : load(passwdFile).entrySet()) {
            if (e.getValue().equals(name)) {
                return java.util.OptionalInt.of(e.getKey());
            }
        }
        return java.util.OptionalInt.empty();
    }

    /** The primary group of a uid in a passwd file (its fourth field), empty when the file does not name it. */
    static java.util.OptionalInt primaryGroupOf(Path passwdFile, int uid) {
        try {
            for (String line : Files.readString(passwdFile, StandardCharsets.UTF_8).split("\n")) {
                String[] fields = line.split(":", 5);
                if (fields.length >= 4 && !line.startsWith("#") && fields[2].equals(Integer.toString(uid)) && fields[3].matches("\\d{1,10}")) {
                    return java.util.OptionalInt.of(Integer.parseInt(fields[3]));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // unknown
        }
        return java.util.OptionalInt.empty();
    }

    /** The home directory of a uid in a passwd file (its sixth field), empty when the file does not name it. */
    static java.util.Optional<String> homeOf(Path passwdFile, int uid) {
        try {
            for (String line : Files.readString(passwdFile, StandardCharsets.UTF_8).split("\n")) {
                String[] fields = line.split(":", 7);
                if (fields.length >= 6 && !line.startsWith("#") && fields[2].equals(Integer.toString(uid)) && fields[5].startsWith("/")) {
                    return java.util.Optional.of(fields[5]);
                }
            }
        } catch (IOException e) {
            // unknown
        }
        return java.util.Optional.empty();
    }

    private static Map<Integer, String> load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Map.of();
        }
    }

    /** Maps uid to name; lines that are not {@code name:pw:uid:...} are skipped. The first name of a uid wins. */
    static Map<Integer, String> parse(String text) {
        Map<Integer, String> names = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] fields = line.split(":", 4);
            if (fields.length < 4 || fields[0].isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                names.putIfAbsent(Integer.parseInt(fields[2]), fields[0]);
            } catch (NumberFormatException e) {
                // a broken line names nobody
            }
        }
        return names;
    }
}

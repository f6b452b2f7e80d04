package dev.portscope.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads the files a command is given (policies, baselines, recordings) and the state it keeps,
 * bounded: only a regular file is opened, its type checked before {@code open(2)} so that a FIFO
 * without a writer or {@code /dev/zero} cannot hang or fill memory, and never more than a limit
 * said in the message.
 *
 * <p>Example: {@code String text = InputFiles.text(InputFiles.read(path, "read policy", InputFiles.POLICY_LIMIT), path, "read policy")}
 */
public final class InputFiles {

    /**
     * A policy: hand-written ones are a few KiB; {@code audit --init} writes about 150 bytes per
     * listener, so 4 MiB holds some 25,000 of them, and the YAML reader takes a few seconds at most.
     */
    public static final long POLICY_LIMIT = 4L << 20;
    /** A baseline: about 250 bytes per listener in JSON, so 64 MiB holds every port of both protocols many times over. */
    public static final long BASELINE_LIMIT = 64L << 20;
    /** A recording of {@code record}: 1 GiB is some 4 million sockets of raw netlink answers; it is mapped, not copied. */
    public static final long RECORDING_LIMIT = 1L << 30;

    private InputFiles() {}

    /**
     * The bytes of {@code file}, following links (the user named it), refused unless it is a regular
     * file of at most {@code limit} bytes.
     *
     * @param action for messages: {@code read policy} makes {@code cannot read policy FILE: ...}
     */
    public static byte[] read(Path file, String action, long limit) throws FileException {
        check(file, action, limit);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(cap(limit));
            if (bytes.length > limit) { // it grew since it was looked at
                throw new FileException(action, file, "it is larger than " + size(limit) + ", the most portscope reads");
            }
            return bytes;
        } catch (IOException e) {
            throw failure(action, file, e);
        }
    }

    /**
     * Checks, without opening it, that {@code file} (links followed) is a readable regular file of at
     * most {@code limit} bytes; for readers that open the file themselves, as a replay maps it.
     */
    public static void check(Path file, String action, long limit) throws FileException {
        FileKind kind;
        try {
            kind = FileKind.of(file, true);
        } catch (IOException e) {
            throw failure(action, file, e);
        }
        if (kind.type() != FileKind.Type.REGULAR) {
            throw new FileException(action, file, "it is " + kind.type().text() + ", not a regular file");
        }
        if (kind.size() > limit) {
            throw new FileException(action, file, "it is " + size(kind.size()) + "; portscope reads at most " + size(limit));
        }
        if (!Files.isReadable(file)) {
            throw new FileException(action, file, "permission denied");
        }
    }

    /**
     * State that portscope keeps for itself ({@code health}'s counters): read only when {@code file}
     * is a regular file, not a link, owned by {@code owner}, of at most {@code limit} bytes; anything
     * else is as if there were none (empty).
     */
    public static Optional<byte[]> readOwn(Path file, OptionalInt owner, long limit) {
        try {
            FileKind kind = FileKind.of(file, false);
            if (kind.type() != FileKind.Type.REGULAR || owner.isEmpty() || kind.uid() != owner.getAsInt() || kind.size() > limit) {
                return Optional.empty();
            }
            // O_NOFOLLOW: a link swapped in since the look is not followed
            try (var channel = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                    InputStream in = Channels.newInputStream(channel)) {
                byte[] bytes = in.readNBytes(cap(limit));
                return bytes.length > limit ? Optional.empty() : Optional.of(bytes);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** One byte past the limit, to tell a file that grew past it. */
    private static int cap(long limit) {
        return (int) Math.min(limit + 1, Integer.MAX_VALUE - 8);
    }

    /** The bytes as UTF-8 text; malformed UTF-8 is refused, never replaced. */
    public static String text(byte[] bytes, Path file, String action) throws FileException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new FileException(action, file, "not UTF-8 text");
        }
    }

    /** {@code 4 MiB}, {@code 3.0 GiB}: sizes as the messages and the README say them. */
    static String size(long bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
        int unit = 0;
        double value = bytes;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        if (unit == 0) {
            return bytes + " bytes";
        }
        return value == Math.rint(value) ? (long) value + " " + units[unit] : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    static FileException failure(String action, Path file, IOException e) {
        return FileException.from(action, file, e);
    }
}

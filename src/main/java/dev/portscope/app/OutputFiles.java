package dev.portscope.app;

import dev.portscope.platform.Platform;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Every file portscope writes ({@code snapshot save}, {@code audit --init}, {@code record},
 * {@code health}'s counters) is written here, as what the path names, looked at before it is opened:
 * <ul>
 *   <li>a regular file, or none yet: written to a new file beside it (mode 0600, or the mode of the file
 *       it replaces) that is renamed over it when complete, so a reader never sees half of it, a
 *       failure leaves the old file, and a name that turned into a link meanwhile is replaced, not
 *       followed ({@code rename(2)} does not follow links);</li>
 *   <li>a character device or a FIFO ({@code /dev/null}, a terminal, a pipe): written to directly,
 *       never replaced, and a failed write ({@code /dev/full}: ENOSPC) is an error;</li>
 *   <li>a symbolic link: followed only when it cannot have been planted by someone else, that is when
 *       its directory is neither sticky nor writable by everyone (not {@code /tmp}) and the link
 *       belongs to root or to the user running portscope ({@code /dev/stdout} is); a link to nothing
 *       is never followed, so no file is created where a link points (fs.protected_symlinks, proc(5),
 *       says why);</li>
 *   <li>anything else (a directory, a block device, a socket): refused.</li>
 * </ul>
 * Errors are {@link FileException}s: one line naming the file and the reason.
 *
 * <p>Example: {@code try (var output = OutputFiles.of(platform).open(path)) { output.stream().write(bytes); output.commit(); }}
 */
public final class OutputFiles {

    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_FILE = PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE);
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_DIRECTORY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final String WRITE = "write";

    private final OptionalInt effectiveUid;

    /** @param effectiveUid who runs portscope: their links are followed, their directories used for state */
    public OutputFiles(OptionalInt effectiveUid) {
        this.effectiveUid = effectiveUid;
    }

    public static OutputFiles of(Platform platform) {
        return new OutputFiles(platform.credentials().effectiveUid());
    }

    /** Writes {@code content} whole to {@code file} (see the class comment for what each kind of path gets). */
    public void write(Path file, byte[] content) throws FileException {
        try (Output output = open(file)) {
            output.write(content);
            output.commit();
        }
    }

    /**
     * Opens {@code file} for writing; the caller writes to {@link Output#stream()} and then calls
     * {@link Output#commit()}. Closed without a commit, a regular file is left as it was.
     */
    public Output open(Path file) throws FileException {
        FileKind kind;
        try {
            kind = FileKind.of(file, false);
        } catch (NoSuchFileException e) {
            return Output.replacing(file, file, null);
        } catch (IOException e) {
            throw InputFiles.failure(WRITE, file, e);
        }
        return switch (kind.type()) {
            case REGULAR -> Output.replacing(file, file, kind);
            case CHARACTER_DEVICE, FIFO -> Output.direct(file, false);
            case LINK -> throughLink(file, kind);
            case DIRECTORY -> throw new FileException(WRITE, file, "it is a directory");
            default -> throw new FileException(WRITE, file, "it is " + kind.type().text()
                    + "; portscope writes only regular files, character devices and FIFOs");
        };
    }

    /**
     * Opens {@code file} to append to it, creating it (mode 0600) when missing: a log that grows,
     * as {@code events --record} writes. Only a regular file, a character device or a FIFO, never
     * through a symbolic link (an append cannot be made atomic, so a link is never judged).
     */
    public OutputStream append(Path file) throws FileException {
        try {
            FileKind kind;
            try {
                kind = FileKind.of(file, false);
            } catch (NoSuchFileException e) {
                return Channels.newOutputStream(FileChannel.open(file, Set.<OpenOption>of(StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS), PRIVATE_FILE));
            }
            return switch (kind.type()) {
                case REGULAR, CHARACTER_DEVICE, FIFO -> Files.newOutputStream(file, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
                case LINK -> throw new FileException(WRITE, file, "it is a symbolic link; portscope appends only to the file itself");
                case DIRECTORY -> throw new FileException(WRITE, file, "it is a directory");
                default -> throw new FileException(WRITE, file, "it is " + kind.type().text()
                        + "; portscope writes only regular files, character devices and FIFOs");
            };
        } catch (NoSuchFileException e) {
            throw new FileException(WRITE, file, "no such directory");
        } catch (IOException e) {
            throw InputFiles.failure(WRITE, file, e);
        }
    }

    private Output throughLink(Path file, FileKind link) throws FileException {
        Path directory = file.toAbsolutePath().getParent();
        try {
            if (FileKind.of(directory, true).sharedDirectory()) {
                throw new FileException(WRITE, file, "it is a symbolic link in " + directory
                        + ", a directory others can write to; portscope does not follow it (name the file itself)");
            }
            if (link.uid() != 0 && (effectiveUid.isEmpty() || link.uid() != effectiveUid.getAsInt())) {
                throw new FileException(WRITE, file, "it is a symbolic link of another user (uid " + link.uid()
                        + "); portscope does not follow it (name the file itself)");
            }
            FileKind target;
            try {
                target = FileKind.of(file, true);
            } catch (NoSuchFileException e) {
                throw new FileException(WRITE, file, "it is a symbolic link to nothing; portscope does not create files through links");
            }
            return switch (target.type()) {
                case REGULAR -> {
                    Path real = file.toRealPath();
                    yield Output.replacing(file, real, target);
                }
                case CHARACTER_DEVICE, FIFO -> Output.direct(file, true);
                default -> throw new FileException(WRITE, file, "it is a symbolic link to " + target.type().text()
                        + "; portscope writes only regular files, character devices and FIFOs");
            };
        } catch (IOException e) {
            throw InputFiles.failure(WRITE, file, e);
        }
    }

    /**
     * Writes state that portscope keeps for itself: {@code file} is replaced whole by a new file of
     * mode 0600, never followed if it is a link; anything but a regular file or a link is refused.
     * Its directory is checked by {@link #privateDirectory}.
     */
    public void writeState(Path file, byte[] content) throws FileException {
        FileKind kind = null;
        try {
            kind = FileKind.of(file, false);
        } catch (NoSuchFileException e) {
            // a first run
        } catch (IOException e) {
            throw InputFiles.failure(WRITE, file, e);
        }
        if (kind != null && kind.type() != FileKind.Type.REGULAR && kind.type() != FileKind.Type.LINK) {
            throw new FileException(WRITE, file, "it is " + kind.type().text());
        }
        try (Output output = Output.replacing(file, file, null)) {
            output.write(content);
            output.commit();
        }
    }

    /**
     * A directory for state, created with its missing parents (mode 0700) when {@code create}; used
     * only when it is a directory, not a link, owned by the user running portscope, and so is each
     * parent it created. A missing directory is created only inside one of that user's or root's:
     * root with another user's {@code HOME} (sudo) keeps nothing there.
     *
     * @throws FileException saying why the directory cannot be used
     */
    public Path privateDirectory(Path dir, boolean create) throws FileException {
        Path absolute = dir.toAbsolutePath().normalize();
        Deque<Path> missing = new ArrayDeque<>();
        Path existing = absolute;
        while (existing != null) {
            try {
                FileKind.of(existing, false);
                break;
            } catch (NoSuchFileException e) {
                missing.push(existing);
                existing = existing.getParent();
            } catch (IOException e) {
                throw InputFiles.failure("use", existing, e);
            }
        }
        if (missing.isEmpty()) {
            owned(absolute);
            return absolute;
        }
        if (!create) {
            throw new FileException("use", absolute, "no such directory");
        }
        if (existing == null) {
            throw new FileException("use", absolute, "no such directory");
        }
        try {
            FileKind parent = FileKind.of(existing, true); // a link to a home on another disk is fine here
            if (parent.type() != FileKind.Type.DIRECTORY) {
                throw new FileException("use", existing, "it is " + parent.type().text() + ", not a directory");
            }
            if (parent.uid() != 0 && (effectiveUid.isEmpty() || parent.uid() != effectiveUid.getAsInt())) {
                throw new FileException("use", existing, "it belongs to another user (uid " + parent.uid() + ")");
            }
            for (Path directory : missing) {
                try {
                    Files.createDirectory(directory, PRIVATE_DIRECTORY);
                } catch (FileAlreadyExistsException e) {
                    // made meanwhile, by another run or someone else: checked below
                }
                owned(directory);
            }
        } catch (FileException e) {
            throw e;
        } catch (IOException e) {
            throw InputFiles.failure("create", existing, e);
        }
        return absolute;
    }

    private void owned(Path directory) throws FileException {
        FileKind kind;
        try {
            kind = FileKind.of(directory, false);
        } catch (IOException e) {
            throw InputFiles.failure("use", directory, e);
        }
        if (kind.type() == FileKind.Type.LINK) {
            throw new FileException("use", directory, "it is a symbolic link; portscope keeps its state only in a directory of its own");
        }
        if (kind.type() != FileKind.Type.DIRECTORY) {
            throw new FileException("use", directory, "it is " + kind.type().text() + ", not a directory");
        }
        if (effectiveUid.isEmpty() || kind.uid() != effectiveUid.getAsInt()) {
            throw new FileException("use", directory, "it belongs to another user (uid " + kind.uid() + ")");
        }
    }

    /** A file being written; see {@link #open}. */
    public static final class Output implements AutoCloseable {

        private final Path name;
        private final Path target;
        private final Path temp;
        private final FileChannel channel;
        private final OutputStream raw;
        private final Counting stream;
        private boolean committed;

        private Output(Path name, Path target, Path temp, FileChannel channel, OutputStream raw) {
            this.name = name;
            this.target = target;
            this.temp = temp;
            this.channel = channel;
            this.raw = raw;
            this.stream = new Counting(raw);
        }

        /** A new file beside {@code target}, renamed over it on commit; {@code existing} gives its mode, or null. */
        static Output replacing(Path name, Path target, FileKind existing) throws FileException {
            Path absolute = target.toAbsolutePath();
            Path directory = absolute.getParent();
            String base = absolute.getFileName().toString();
            base = base.length() > 200 ? base.substring(0, 200) : base; // NAME_MAX is 255
            for (int attempt = 0; ; attempt++) {
                Path temp = directory.resolve("." + base + "."
                        + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()) + ".tmp");
                try {
                    // O_CREAT|O_EXCL: never an existing file, never through a link
                    FileChannel channel = FileChannel.open(temp, Set.<OpenOption>of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                            LinkOption.NOFOLLOW_LINKS), PRIVATE_FILE);
                    Output output = new Output(name, absolute, temp, channel, Channels.newOutputStream(channel));
                    if (existing != null && (existing.mode() & 0777) != 0600) {
                        output.keepMode(existing.mode() & 0777);
                    }
                    return output;
                } catch (FileAlreadyExistsException e) {
                    if (attempt == 10) {
                        throw new FileException(WRITE, name, "cannot create a temporary file in " + directory);
                    }
                } catch (NoSuchFileException e) {
                    throw new FileException(WRITE, name, "no such directory");
                } catch (IOException e) {
                    throw InputFiles.failure(WRITE, name, e);
                }
            }
        }

        /** The device or FIFO itself, opened without creating and, unless the link was judged safe, without following one. */
        static Output direct(Path file, boolean throughLink) throws FileException {
            OpenOption[] options = throughLink ? new OpenOption[] {StandardOpenOption.WRITE}
                    : new OpenOption[] {StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS};
            try {
                return new Output(file, file, null, null, Files.newOutputStream(file, options));
            } catch (IOException e) {
                throw InputFiles.failure(WRITE, file, e);
            }
        }

        private void keepMode(int mode) throws IOException {
            Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
            PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE, high bit first
            for (int i = 0; i < bits.length; i++) {
                if ((mode & (0400 >> i)) != 0) {
                    permissions.add(bits[i]);
                }
            }
            Files.getFileAttributeView(temp, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).setPermissions(permissions);
        }

        /**
         * Where to write. Closing it only flushes: the file is finished by {@link #commit()}.
         * Write failures surface as {@link IOException}s from the stream.
         */
        public OutputStream stream() {
            return stream;
        }

        /** Bytes written so far. */
        public long written() {
            return stream.count;
        }

        /** Writes all of {@code bytes}; a failure is a {@link FileException} naming the file. */
        public void write(byte[] bytes) throws FileException {
            try {
                stream.write(bytes);
            } catch (IOException e) {
                throw InputFiles.failure(WRITE, name, e);
            }
        }

        /** Finishes the file: flushed, on disk, and (a regular file) renamed over the target. */
        public void commit() throws FileException {
            try {
                stream.flush();
                if (temp == null) {
                    raw.close(); // a device reports a failed write at the latest here
                } else {
                    channel.force(true);
                    channel.close();
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                }
                committed = true;
            } catch (IOException e) {
                throw InputFiles.failure(WRITE, name, e);
            }
        }

        /** Without a commit: the temporary file is removed and the target left as it was. */
        @Override
        public void close() {
            try {
                raw.close();
            } catch (IOException e) {
                // what failed was said by the write or the commit
            }
            if (temp != null && !committed) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // a hidden temporary file left behind; nothing better to do
                }
            }
        }
    }

    /** Counts what passes; {@code close} only flushes, so a caller's try-with-resources does not end the file. */
    private static final class Counting extends OutputStream {
        private final OutputStream out;
        long count;

        Counting(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}

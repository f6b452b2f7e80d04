package dev.portscope.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a path names, with its owner and mode, from one {@code lstat(2)} or {@code stat(2)}: the
 * kind decides how a file is read or written before it is opened, so that a FIFO is never opened
 * to be read (it would block) and a device is never replaced by a regular file.
 *
 * @param type  the file type ({@code S_IFMT} of {@code st_mode}, inode(7))
 * @param uid   the owner
 * @param mode  the permission bits, with set-id and sticky ({@code 07777})
 * @param size  the size in bytes (regular files)
 */
record FileKind(Type type, int uid, int mode, long size) {

    enum Type {
        REGULAR("a regular file"), DIRECTORY("a directory"), LINK("a symbolic link"), CHARACTER_DEVICE("a character device"),
        BLOCK_DEVICE("a block device"), FIFO("a FIFO (named pipe)"), SOCKET("a socket"), UNKNOWN("not a regular file");

        private final String text;

        Type(String text) {
            this.text = text;
        }

        /** {@code a block device}, for messages. */
        String text() {
            return text;
        }
    }

    static final int STICKY = 01000;
    static final int WORLD_WRITABLE = 0002;

    /** Of the link itself when {@code follow} is false; throws {@link java.nio.file.NoSuchFileException} when there is none. */
    static FileKind of(Path path, boolean follow) throws IOException {
        LinkOption[] options = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        Map<String, Object> unix = Files.readAttributes(path, "unix:mode,uid,size", options);
        int stMode = (Integer) unix.get("mode");
        // inode(7): S_IFMT 0170000 and its types
        Type type = switch (stMode & 0170000) {
            case 0100000 -> Type.REGULAR;
            case 0040000 -> Type.DIRECTORY;
            case 0120000 -> Type.LINK;
            case 0020000 -> Type.CHARACTER_DEVICE;
            case 0060000 -> Type.BLOCK_DEVICE;
            case 0010000 -> Type.FIFO;
            case 0140000 -> Type.SOCKET;
            default -> Type.UNKNOWN;
        };
        return new FileKind(type, (Integer) unix.get("uid"), stMode & 07777, (Long) unix.get("size"));
    }

    /** A directory where anyone may create names, as {@code /tmp}: its links are planted by whoever likes. */
    boolean sharedDirectory() {
        return (mode & STICKY) != 0 || (mode & WORLD_WRITABLE) != 0;
    }
}

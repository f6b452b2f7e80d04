package dev.portscope.platform.linux.ffm;

/**
 * Errno numbers, and the one text portscope gives each: its name and the kernel's own description,
 * as in {@code EADDRINUSE (address already in use)}. The table is
 * {@code include/uapi/asm-generic/errno-base.h} (1–34) and {@code errno.h} (35–133), shared by
 * x86-64, arm64 and riscv64, with the descriptions of the headers' comments.
 *
 * <p>A table rather than {@code strerror(3)}: the words are the same on every machine and libc
 * (glibc and musl differ), a replayed recording reads as it did live, the name is what a reader
 * searches for, and no function is linked for the failure path. Pure, no native access.
 */
public final class Errno {

    // include/uapi/asm-generic/errno-base.h
    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int EIO = 5;
    public static final int EAGAIN = 11;
    public static final int ENOMEM = 12;
    public static final int EACCES = 13;
    public static final int ENOTDIR = 20;
    public static final int EINVAL = 22;
    public static final int ENFILE = 23;
    public static final int EMFILE = 24;
    // include/uapi/asm-generic/errno.h
    public static final int ENAMETOOLONG = 36;
    public static final int EPROTONOSUPPORT = 93;
    public static final int EOPNOTSUPP = 95;
    public static final int EAFNOSUPPORT = 97;
    public static final int EADDRINUSE = 98;
    public static final int ENETUNREACH = 101;
    public static final int ENOBUFS = 105;
    public static final int ETIMEDOUT = 110;
    public static final int ECONNREFUSED = 111;
    public static final int EHOSTUNREACH = 113;
    public static final int EALREADY = 114;
    public static final int EINPROGRESS = 115;

    private Errno() {}

    /**
     * The name and description of an errno value, e.g. {@code EACCES (permission denied)}; for a
     * number the table does not know, {@code errno 1234}, never a guess.
     */
    public static String text(int errno) {
        return switch (errno) {
            case 1 -> "EPERM (operation not permitted)";
            case 2 -> "ENOENT (no such file or directory)";
            case 3 -> "ESRCH (no such process)";
            case 4 -> "EINTR (interrupted system call)";
            case 5 -> "EIO (I/O error)";
            case 6 -> "ENXIO (no such device or address)";
            case 7 -> "E2BIG (argument list too long)";
            case 8 -> "ENOEXEC (exec format error)";
            case 9 -> "EBADF (bad file number)";
            case 10 -> "ECHILD (no child processes)";
            case 11 -> "EAGAIN (try again)";
            case 12 -> "ENOMEM (out of memory)";
            case 13 -> "EACCES (permission denied)";
            case 14 -> "EFAULT (bad address)";
            case 15 -> "ENOTBLK (block device required)";
            case 16 -> "EBUSY (device or resource busy)";
            case 17 -> "EEXIST (file exists)";
            case 18 -> "EXDEV (cross-device link)";
            case 19 -> "ENODEV (no such device)";
            case 20 -> "ENOTDIR (not a directory)";
            case 21 -> "EISDIR (is a directory)";
            case 22 -> "EINVAL (invalid argument)";
            case 23 -> "ENFILE (file table overflow)";
            case 24 -> "EMFILE (too many open files)";
            case 25 -> "ENOTTY (not a typewriter)";
            case 26 -> "ETXTBSY (text file busy)";
            case 27 -> "EFBIG (file too large)";
            case 28 -> "ENOSPC (no space left on device)";
            case 29 -> "ESPIPE (illegal seek)";
            case 30 -> "EROFS (read-only file system)";
            case 31 -> "EMLINK (too many links)";
            case 32 -> "EPIPE (broken pipe)";
            case 33 -> "EDOM (math argument out of domain of func)";
            case 34 -> "ERANGE (math result not representable)";
            case 35 -> "EDEADLK (resource deadlock would occur)";
            case 36 -> "ENAMETOOLONG (file name too long)";
            case 37 -> "ENOLCK (no record locks available)";
            case 38 -> "ENOSYS (invalid system call number)";
            case 39 -> "ENOTEMPTY (directory not empty)";
            case 40 -> "ELOOP (too many symbolic links encountered)";
            case 42 -> "ENOMSG (no message of desired type)";
            case 43 -> "EIDRM (identifier removed)";
            case 44 -> "ECHRNG (channel number out of range)";
            case 45 -> "EL2NSYNC (level 2 not synchronized)";
            case 46 -> "EL3HLT (level 3 halted)";
            case 47 -> "EL3RST (level 3 reset)";
            case 48 -> "ELNRNG (link number out of range)";
            case 49 -> "EUNATCH (protocol driver not attached)";
            case 50 -> "ENOCSI (no CSI structure available)";
            case 51 -> "EL2HLT (level 2 halted)";
            case 52 -> "EBADE (invalid exchange)";
            case 53 -> "EBADR (invalid request descriptor)";
            case 54 -> "EXFULL (exchange full)";
            case 55 -> "ENOANO (no anode)";
            case 56 -> "EBADRQC (invalid request code)";
            case 57 -> "EBADSLT (invalid slot)";
            case 59 -> "EBFONT (bad font file format)";
            case 60 -> "ENOSTR (device not a stream)";
            case 61 -> "ENODATA (no data available)";
            case 62 -> "ETIME (timer expired)";
            case 63 -> "ENOSR (out of streams resources)";
            case 64 -> "ENONET (machine is not on the network)";
            case 65 -> "ENOPKG (package not installed)";
            case 66 -> "EREMOTE (object is remote)";
            case 67 -> "ENOLINK (link has been severed)";
            case 68 -> "EADV (advertise error)";
            case 69 -> "ESRMNT (srmount error)";
            case 70 -> "ECOMM (communication error on send)";
            case 71 -> "EPROTO (protocol error)";
            case 72 -> "EMULTIHOP (multihop attempted)";
            case 73 -> "EDOTDOT (RFS specific error)";
            case 74 -> "EBADMSG (not a data message)";
            case 75 -> "EOVERFLOW (value too large for defined data type)";
            case 76 -> "ENOTUNIQ (name not unique on network)";
            case 77 -> "EBADFD (file descriptor in bad state)";
            case 78 -> "EREMCHG (remote address changed)";
            case 79 -> "ELIBACC (can not access a needed shared library)";
            case 80 -> "ELIBBAD (accessing a corrupted shared library)";
            case 81 -> "ELIBSCN (.lib section in a.out corrupted)";
            case 82 -> "ELIBMAX (attempting to link in too many shared libraries)";
            case 83 -> "ELIBEXEC (cannot exec a shared library directly)";
            case 84 -> "EILSEQ (illegal byte sequence)";
            case 85 -> "ERESTART (interrupted system call should be restarted)";
            case 86 -> "ESTRPIPE (streams pipe error)";
            case 87 -> "EUSERS (too many users)";
            case 88 -> "ENOTSOCK (socket operation on non-socket)";
            case 89 -> "EDESTADDRREQ (destination address required)";
            case 90 -> "EMSGSIZE (message too long)";
            case 91 -> "EPROTOTYPE (protocol wrong type for socket)";
            case 92 -> "ENOPROTOOPT (protocol not available)";
            case 93 -> "EPROTONOSUPPORT (protocol not supported)";
            case 94 -> "ESOCKTNOSUPPORT (socket type not supported)";
            case 95 -> "EOPNOTSUPP (operation not supported on transport endpoint)";
            case 96 -> "EPFNOSUPPORT (protocol family not supported)";
            case 97 -> "EAFNOSUPPORT (address family not supported by protocol)";
            case 98 -> "EADDRINUSE (address already in use)";
            case 99 -> "EADDRNOTAVAIL (cannot assign requested address)";
            case 100 -> "ENETDOWN (network is down)";
            case 101 -> "ENETUNREACH (network is unreachable)";
            case 102 -> "ENETRESET (network dropped connection because of reset)";
            case 103 -> "ECONNABORTED (software caused connection abort)";
            case 104 -> "ECONNRESET (connection reset by peer)";
            case 105 -> "ENOBUFS (no buffer space available)";
            case 106 -> "EISCONN (transport endpoint is already connected)";
            case 107 -> "ENOTCONN (transport endpoint is not connected)";
            case 108 -> "ESHUTDOWN (cannot send after transport endpoint shutdown)";
            case 109 -> "ETOOMANYREFS (too many references: cannot splice)";
            case 110 -> "ETIMEDOUT (connection timed out)";
            case 111 -> "ECONNREFUSED (connection refused)";
            case 112 -> "EHOSTDOWN (host is down)";
            case 113 -> "EHOSTUNREACH (no route to host)";
            case 114 -> "EALREADY (operation already in progress)";
            case 115 -> "EINPROGRESS (operation now in progress)";
            case 116 -> "ESTALE (stale file handle)";
            case 117 -> "EUCLEAN (structure needs cleaning)";
            case 118 -> "ENOTNAM (not a XENIX named type file)";
            case 119 -> "ENAVAIL (no XENIX semaphores available)";
            case 120 -> "EISNAM (is a named type file)";
            case 121 -> "EREMOTEIO (remote I/O error)";
            case 122 -> "EDQUOT (quota exceeded)";
            case 123 -> "ENOMEDIUM (no medium found)";
            case 124 -> "EMEDIUMTYPE (wrong medium type)";
            case 125 -> "ECANCELED (operation canceled)";
            case 126 -> "ENOKEY (required key not available)";
            case 127 -> "EKEYEXPIRED (key has expired)";
            case 128 -> "EKEYREVOKED (key has been revoked)";
            case 129 -> "EKEYREJECTED (key was rejected by service)";
            case 130 -> "EOWNERDEAD (owner died)";
            case 131 -> "ENOTRECOVERABLE (state not recoverable)";
            case 132 -> "ERFKILL (operation not possible due to RF-kill)";
            case 133 -> "EHWPOISON (memory page has hardware error)";
            default -> "errno " + errno;
        };
    }
}

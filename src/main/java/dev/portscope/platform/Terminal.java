package dev.portscope.platform;

/** The terminal standard output writes to. */
public interface Terminal {

    /** Its width in columns, 0 when unknown or not a terminal. */
    int columns();
}

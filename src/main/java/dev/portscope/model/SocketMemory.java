package dev.portscope.model;

/** Socket memory in bytes ({@code SK_MEMINFO_*} of {@code include/uapi/linux/sock_diag.h}). */
public record SocketMemory(long receiveAllocated, long receiveBuffer, long sendAllocated, long sendBuffer) {}

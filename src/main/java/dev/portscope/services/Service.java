package dev.portscope.services;

/** A named service: {@code ssh} "Secure Shell". The description is empty when only a name is known. */
public record Service(String name, String description) {}

package dev.portscope.platform;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one socket backend fills on this platform, field by field: each {@link Capability} is
 * either there or missing with the reason, so that {@code portscope backends} can say why and tests
 * can leave out of a comparison what a backend declares missing.
 *
 * @param backend  the name {@code --backend} takes
 * @param platform the platform it runs on ({@code linux}, {@code windows}, {@code macos}…)
 * @param missing  the capabilities it lacks, each with why
 */
public record BackendCapabilities(String backend, String platform, Map<Capability, String> missing) {

    public BackendCapabilities {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(platform, "platform");
        missing = missing.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(missing));
    }

    public boolean has(Capability capability) {
        return !missing.containsKey(capability);
    }

    /** Why the backend lacks {@code capability}, or null when it has it. */
    public String whyMissing(Capability capability) {
        return missing.get(capability);
    }
}

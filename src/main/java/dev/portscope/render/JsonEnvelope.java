package dev.portscope.render;

import java.time.Instant;
import java.util.Objects;

/**
 * What every JSON document says of itself after its format and version.
 *
 * @param generator the program that wrote it: {@code portscope 0.1.0}
 * @param time      when its facts were read (UTC), not when it was written
 * @param host      the machine they were read on; null when unknown (a recording that does not name it)
 */
public record JsonEnvelope(String generator, Instant time, String host) {

    public JsonEnvelope {
        Objects.requireNonNull(generator, "generator");
        Objects.requireNonNull(time, "time");
    }
}

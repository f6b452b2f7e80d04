package dev.portscope.analysis.probe;

import dev.portscope.services.Service;
import java.util.Optional;

/**
 * One probed port.
 *
 * @param target    the listener and its processes
 * @param service   the service its number is registered to, if any
 * @param detection what it was found to speak
 * @param mismatch  how that disagrees with the port number, said in words; empty when it does not
 */
public record ProbeResult(ProbeTarget target, Optional<Service> service, Detection detection, Optional<String> mismatch) {}

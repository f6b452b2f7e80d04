package dev.portscope.api.violation;

import dev.portscope.render.ListingContext;

/** Deliberately breaks a rule: the library reaching the renderers. Never run. */
final class LibraryRendering {

    private LibraryRendering() {}

    static Class<?> renderer() {
        return ListingContext.class;
    }
}

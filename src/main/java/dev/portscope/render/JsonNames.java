package dev.portscope.render;

import java.util.Locale;

/** How the JSON documents spell a constant: {@code ALL_INTERFACES} becomes {@code all-interfaces}. */
final class JsonNames {

    private JsonNames() {}

    static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

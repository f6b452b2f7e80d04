package dev.portscope.platform.linux.ffm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The native edge stays in one package (STYLE.md, "native code stays at the edge"): only
 * {@code platform/linux/ffm} touches {@code java.lang.foreign}, only {@link Libc} links a function,
 * and each kernel number of {@link LinuxConstants} and {@link Errno} is defined there alone.
 */
class NativeBoundaryTest {

    private static final Path MAIN = Path.of("src/main/java");
    private static final String FFM = "dev/portscope/platform/linux/ffm/";

    private static Map<String, String> sources() {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(MAIN)) {
            for (Path file : walk.filter(f -> f.toString().endsWith(".java")).toList()) {
                sources.put(MAIN.relativize(file).toString().replace('\\', '/'), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(sources).containsKey(FFM + "Libc.java");
        return sources;
    }

    @Test
    void onlyTheFfmPackageUsesJavaLangForeign() {
        List<String> outside = new ArrayList<>();
        sources().forEach((file, text) -> {
            if (text.contains("java.lang.foreign") && !file.startsWith(FFM)) {
                outside.add(file);
            }
        });
        assertThat(outside).isEmpty();
    }

    @Test
    void onlyLibcLinksAFunction() {
        Map<String, Integer> linking = new TreeMap<>();
        sources().forEach((file, text) -> {
            int calls = text.split("downcallHandle\\(", -1).length - 1;
            if (calls > 0 || text.contains("defaultLookup()") || text.contains("libraryLookup(")) {
                linking.put(file, calls);
            }
        });
        assertThat(linking).containsExactly(Map.entry(FFM + "Libc.java", 1));
    }

    @Test
    void eachKernelNumberIsDefinedOnce() throws IllegalAccessException {
        Map<String, String> sources = sources();
        List<String> duplicates = new ArrayList<>();
        for (Class<?> owner : List.of(LinuxConstants.class, Errno.class)) {
            for (Field field : owner.getFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                Pattern definition = Pattern.compile("static final \\w+ " + field.getName() + "\\s*=");
                sources.forEach((file, text) -> {
                    if (!file.equals(FFM + owner.getSimpleName() + ".java") && definition.matcher(text).find()) {
                        duplicates.add(field.getName() + " in " + file);
                    }
                });
            }
        }
        assertThat(duplicates).isEmpty();
    }

    @Test
    void oneBindingAnswersEveryCaller() {
        // the probe and the binding agree, and ask for the same one instance each time
        if (Libc.unavailableReason().isEmpty()) {
            assertThat(Libc.shared()).isSameAs(Libc.shared());
        }
        assertThat(Libc.unavailableReason()).isEqualTo(Libc.unavailableReason());
    }
}

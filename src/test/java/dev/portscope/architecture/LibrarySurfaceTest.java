package dev.portscope.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The library's exported surface: only {@code dev.portscope.api} is exported, and what it shows a
 * caller (public types, their public members, the types in their signatures with their type
 * arguments) names only its own types and the JDK's, so a program on the module path can use all of
 * it. Every public type documents itself with an example.
 */
class LibrarySurfaceTest {

    private static final String API = "dev.portscope.api";

    private static List<Class<?>> publicTypes() {
        List<Class<?>> types = new ArrayList<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(API)) {
            Class<?> type = c.reflect();
            if (type.getPackageName().equals(API) && Modifier.isPublic(type.getModifiers())) {
                types.add(type);
            }
        }
        return types;
    }

    @Test
    void theModuleExportsTheApiAlone() throws IOException {
        ModuleDescriptor descriptor;
        try (var in = Files.newInputStream(Path.of("target/classes/module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
        assertThat(descriptor.name()).isEqualTo("dev.portscope");
        assertThat(descriptor.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly(API);
        assertThat(descriptor.exports()).allMatch(e -> !e.isQualified());
        assertThat(descriptor.opens()).isEmpty();
    }

    @Test
    void signaturesNameOnlyTheApiAndTheJdk() {
        List<Class<?>> types = publicTypes();
        assertThat(types).extracting(Class::getSimpleName).contains("PortScope", "Listing", "SocketEntry", "PortUsers", "BindCheck",
                "BindQuestion", "AuditResult", "AuditPolicy", "ConnectionQuery");
        Set<String> foreign = new TreeSet<>();
        for (Class<?> type : types) {
            List<Type> shown = new ArrayList<>();
            if (type.getGenericSuperclass() != null) {
                shown.add(type.getGenericSuperclass());
            }
            shown.addAll(List.of(type.getGenericInterfaces()));
            for (Method m : type.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers())) {
                    shown.add(m.getGenericReturnType());
                    addSignature(m, shown);
                }
            }
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (Modifier.isPublic(c.getModifiers()) || Modifier.isProtected(c.getModifiers())) {
                    addSignature(c, shown);
                }
            }
            for (Field f : type.getDeclaredFields()) {
                if (Modifier.isPublic(f.getModifiers()) || Modifier.isProtected(f.getModifiers())) {
                    shown.add(f.getGenericType());
                }
            }
            for (Type t : shown) {
                for (Class<?> named : named(t)) {
                    String pkg = named.getPackageName();
                    if (!pkg.equals(API) && !pkg.startsWith("java.") && !named.isPrimitive()) {
                        foreign.add(type.getSimpleName() + " shows " + named.getName());
                    }
                }
            }
        }
        assertThat(foreign).as("internal types in the exported signatures").isEmpty();
    }

    @Test
    void everyPublicTypeHasAnExample() throws IOException {
        Set<String> without = new TreeSet<>();
        for (Class<?> type : publicTypes()) {
            Class<?> top = type;
            while (top.getEnclosingClass() != null) {
                top = top.getEnclosingClass();
            }
            String source = Files.readString(Path.of("src/main/java", top.getName().replace('.', '/') + ".java"));
            if (!source.contains("{@snippet")) {
                without.add(type.getSimpleName());
            }
        }
        assertThat(without).as("public types without a {@snippet} example").isEmpty();
        assertThat(Files.readString(Path.of("src/main/java/dev/portscope/api/package-info.java"))).contains("{@snippet");
    }

    private static void addSignature(Executable e, List<Type> shown) {
        shown.addAll(List.of(e.getGenericParameterTypes()));
        shown.addAll(List.of(e.getGenericExceptionTypes()));
    }

    /** Every class a type names, with its type arguments, bounds and array components. */
    private static Set<Class<?>> named(Type type) {
        return switch (type) {
            case Class<?> c when c.isArray() -> named(c.getComponentType());
            case Class<?> c -> Set.of(c);
            case ParameterizedType p -> {
                Set<Class<?>> all = new java.util.HashSet<>(named(p.getRawType()));
                for (Type a : p.getActualTypeArguments()) {
                    all.addAll(named(a));
                }
                yield all;
            }
            case GenericArrayType a -> named(a.getGenericComponentType());
            case WildcardType w -> java.util.stream.Stream.concat(List.of(w.getUpperBounds()).stream(), List.of(w.getLowerBounds()).stream())
                    .flatMap(t -> named(t).stream()).collect(Collectors.toSet());
            case TypeVariable<?> v -> List.of(v.getBounds()).stream().flatMap(t -> named(t).stream()).collect(Collectors.toSet());
            default -> Set.of();
        };
    }
}

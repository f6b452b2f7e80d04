package dev.portscope.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.domain.properties.HasOwner;
import dev.portscope.analysis.who.PortHolders;
import dev.portscope.analysis.why.BindAnalyzer;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.Test;

/**
 * The import rules of the README's "Architecture" section, checked on the compiled classes:
 * data flows one way (model ← services ← query ← platform ← analysis ← render ← app ← api ← engine ← tui, serve ← cli),
 * the Linux provider is reached only through {@code Platforms}, FFM stays in the native package, and the
 * command line answers who and why through the lookups the library ({@code dev.portscope.api}) answers them with.
 */
class ArchitectureTest {

    private static final JavaClasses PORTSCOPE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.portscope");

    static final ArchRule LAYERS = Architectures.layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("model").definedBy("dev.portscope.model..")
            .layer("services").definedBy("dev.portscope.services..")
            .layer("query").definedBy("dev.portscope.query..")
            .layer("platform").definedBy("dev.portscope.platform")
            .layer("linux").definedBy("dev.portscope.platform.linux..")
            .layer("analysis").definedBy("dev.portscope.analysis..")
            .layer("render").definedBy("dev.portscope.render..")
            .layer("app").definedBy("dev.portscope.app..")
            .layer("api").definedBy("dev.portscope.api..")
            .layer("engine").definedBy("dev.portscope.engine..")
            .layer("tui").definedBy("dev.portscope.tui..")
            .layer("serve").definedBy("dev.portscope.serve..")
            .layer("cli").definedBy("dev.portscope.cli..")
            .whereLayer("model").mayOnlyAccessLayers("model")
            .whereLayer("services").mayOnlyAccessLayers("model")
            .whereLayer("query").mayOnlyAccessLayers("model", "services")
            .whereLayer("platform").mayOnlyAccessLayers("model", "services", "query", "linux")
            .whereLayer("linux").mayOnlyAccessLayers("model", "query", "platform")
            .whereLayer("analysis").mayOnlyAccessLayers("model", "services", "query", "platform")
            .whereLayer("render").mayOnlyAccessLayers("model", "services", "query", "platform", "analysis")
            .whereLayer("app").mayOnlyAccessLayers("model", "services", "query", "platform", "analysis", "render")
            // the library: the layers below the renderers and the session, never the renderers themselves
            .whereLayer("api").mayOnlyAccessLayers("model", "services", "query", "platform", "analysis", "app")
            .whereLayer("engine").mayOnlyAccessLayers("model", "services", "query", "platform", "analysis", "render", "app", "api")
            .whereLayer("tui").mayOnlyAccessLayers("model", "services", "query", "platform", "analysis", "render", "app", "api", "engine")
            .whereLayer("serve").mayOnlyAccessLayers("model", "services", "query", "platform", "analysis", "render", "app", "api", "engine")
            .whereLayer("cli").mayOnlyAccessLayers("model", "services", "query", "platform", "analysis", "render", "app", "api", "engine",
                    "tui", "serve");

    /**
     * {@code who} and {@code why} get their answers from the lookups {@code PortScope.who} and {@code why}
     * use ({@code PortLookup}, {@code BindLookup}), so the command and the library cannot drift apart: no
     * command runs the analyses itself. {@code kill} finds a port's holders its own way (every holder, for
     * acting on them) and is the one exception.
     */
    static final ArchRule WHO_AND_WHY_THROUGH_THE_LIBRARY_LOOKUPS = noClasses()
            .that().resideInAPackage("dev.portscope.cli..")
            .and().doNotHaveFullyQualifiedName("dev.portscope.cli.KillCommand")
            .should().callMethodWhere(JavaCall.Predicates.target(HasOwner.Predicates.With.owner(
                    JavaClass.Predicates.belongToAnyOf(PortHolders.class, BindAnalyzer.class)))
                    .and(JavaCall.Predicates.target(HasName.Predicates.name("analyze"))))
            .because("who and why answer through PortLookup and BindLookup, which the library's PortScope uses too");

    /** The platform package reaches its providers in one class only: the one that picks them. */
    static final ArchRule ONE_SELECTION_POINT = noClasses()
            .that().resideOutsideOfPackage("dev.portscope.platform.linux..")
            .and().doNotHaveFullyQualifiedName("dev.portscope.platform.Platforms")
            .should().dependOnClassesThat().resideInAPackage("dev.portscope.platform.linux..")
            .because("Linux is chosen behind the platform seam, in Platforms alone");

    static final ArchRule FFM_QUARANTINE = noClasses()
            .that().resideOutsideOfPackage("dev.portscope.platform.linux.ffm")
            .should().dependOnClassesThat().resideInAPackage("java.lang.foreign")
            .because("native bindings live in one package");

    static final ArchRule ONE_EXIT = noClasses()
            .that().doNotHaveFullyQualifiedName("dev.portscope.cli.Main")
            .should().callMethod(System.class, "exit", int.class)
            .because("main is the only function that ends the process");

    @Test
    void packagesImportOnlyTheLayersBelowThem() {
        LAYERS.check(PORTSCOPE);
    }

    @Test
    void onlyPlatformsNamesTheLinuxProvider() {
        ONE_SELECTION_POINT.check(PORTSCOPE);
    }

    @Test
    void foreignFunctionCodeStaysInTheNativePackage() {
        FFM_QUARANTINE.check(PORTSCOPE);
    }

    @Test
    void whoAndWhyAnswerThroughTheLibrarysLookups() {
        WHO_AND_WHY_THROUGH_THE_LIBRARY_LOOKUPS.check(PORTSCOPE);
    }

    @Test
    void onlyMainExits() {
        ONE_EXIT.check(PORTSCOPE);
    }

    /** The rules are not vacuous: each catches a deliberate violation (the test sources' {@code violation} packages). */
    @Test
    void eachRuleCatchesADeliberateViolation() {
        JavaClasses violations = new ClassFileImporter().importPackages("dev.portscope.model.violation",
                "dev.portscope.analysis.violation", "dev.portscope.render.violation", "dev.portscope.app.violation",
                "dev.portscope.cli.violation", "dev.portscope.api.violation");
        assertThat(LAYERS.evaluate(violations).hasViolation()).as("a model class that imports the CLI").isTrue();
        assertThat(ONE_SELECTION_POINT.evaluate(violations).hasViolation()).as("an analysis class that names the Linux provider").isTrue();
        assertThat(FFM_QUARANTINE.evaluate(violations).hasViolation()).as("FFM outside the native package").isTrue();
        assertThat(ONE_EXIT.evaluate(violations).hasViolation()).as("System.exit outside main").isTrue();
        assertThat(WHO_AND_WHY_THROUGH_THE_LIBRARY_LOOKUPS.evaluate(violations).hasViolation())
                .as("a command that runs the bind analysis itself").isTrue();
        JavaClasses libraryRendering = new ClassFileImporter().importPackages("dev.portscope.api.violation");
        assertThat(LAYERS.evaluate(libraryRendering).hasViolation()).as("the library importing a renderer").isTrue();
    }
}

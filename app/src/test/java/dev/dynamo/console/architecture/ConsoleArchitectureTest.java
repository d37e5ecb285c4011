package dev.dynamo.console.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

@AnalyzeClasses(packages = "dev.dynamo.console", importOptions = ImportOption.DoNotIncludeTests.class)
class ConsoleArchitectureTest {
    private static final String[] SCREENS = {"connect", "live", "history", "priority", "schedule", "simulation",
            "sites", "site", "alerts", "decisions"};

    @ArchTest
    static final ArchRule only_the_client_speaks_http = noClasses()
            .that().resideOutsideOfPackage("dev.dynamo.console.client..")
            .should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "com.fasterxml.jackson..")
            .because("screens reach the engine only through the client");

    @ArchTest
    static final ArchRule only_the_embedded_starter_touches_the_engine = noClasses()
            .that().resideOutsideOfPackage("dev.dynamo.console.embedded..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.dynamo.server..", "dev.dynamo.site..",
                    "dev.dynamo.api..", "dev.dynamo.allocation..", "dev.dynamo.store..", "dev.dynamo.schedule..",
                    "dev.dynamo.history..", "dev.dynamo.ocpp..", "dev.dynamo.simulation..", "dev.dynamo.cli..")
            .because("the console is a client of the HTTP contract; only embedded runs the engine or its simulator in-process");

    @ArchTest
    static final ArchRule screens_do_not_use_each_other = screensIndependent();

    @ArchTest
    static final ArchRule views_never_call_the_client_api = noClasses()
            .that().haveSimpleNameEndingWith("View")
            .should().dependOnClassesThat().haveSimpleName("EngineApi")
            .orShould().dependOnClassesThat().haveSimpleName("HttpEngineClient")
            .because("views bind to view-models; only view-models start engine calls");

    @ArchTest
    static final ArchRule view_models_hold_no_nodes = noClasses()
            .that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..")
            .because("view-models are driven by tests without a window");

    @ArchTest
    static final ArchRule screens_use_the_background_abstraction = noClasses()
            .that().resideInAnyPackage(screenPackages())
            .should().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
            .orShould().dependOnClassesThat().resideInAnyPackage("java.util.concurrent")
            .because("background work goes through dev.dynamo.console.task.Background");

    private static ArchRule screensIndependent() {
        CompositeArchRule rule = null;
        for (var screen : SCREENS) {
            ArchRule one = noClasses().that().resideInAPackage("dev.dynamo.console." + screen + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(othersThan(screen))
                    .because("a screen never imports another screen's internals");
            rule = rule == null ? CompositeArchRule.of(one) : rule.and(one);
        }
        return rule;
    }

    private static String[] othersThan(String screen) {
        return java.util.Arrays.stream(SCREENS).filter(s -> !s.equals(screen))
                .map(s -> "dev.dynamo.console." + s + "..").toArray(String[]::new);
    }

    private static String[] screenPackages() {
        return java.util.Arrays.stream(SCREENS).map(s -> "dev.dynamo.console." + s + "..").toArray(String[]::new);
    }
}

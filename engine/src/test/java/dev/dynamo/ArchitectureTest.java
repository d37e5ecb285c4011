package dev.dynamo;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.dynamo.store.DecisionRecord;
import dev.dynamo.store.StoreException;

/** The engine's layers (docs: architecture.md). */
@AnalyzeClasses(packages = "dev.dynamo", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule allocation_is_a_pure_core = noClasses().that().resideInAPackage("dev.dynamo.allocation..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.dynamo.site..", "dev.dynamo.schedule..", "dev.dynamo.api..", "dev.dynamo.ocpp..",
                    "dev.dynamo.history..", "dev.dynamo.store..", "dev.dynamo.simulation..", "dev.dynamo.cli..",
                    "dev.dynamo.server..", "io.javalin..", "org.eclipse.jetty..", "java.sql..", "javax.sql..",
                    "com.fasterxml.jackson..", "org.slf4j..", "java.io..", "java.nio.file..", "javafx..");

    /**
     * The decision records the history hands out are data, and a store failure is an answer to map (503);
     * the store itself (and JDBC) is out of reach.
     */
    @ArchTest
    static final ArchRule api_and_ocpp_never_touch_the_store = noClasses()
            .that().resideInAnyPackage("dev.dynamo.api..", "dev.dynamo.ocpp..")
            .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.dynamo.store..")
                    .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(DecisionRecord.class, StoreException.class))))
            .orShould().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.flywaydb..");

    @ArchTest
    static final ArchRule nothing_depends_on_the_command_line = noClasses()
            .that().resideOutsideOfPackage("dev.dynamo.cli..")
            .should().dependOnClassesThat().resideInAPackage("dev.dynamo.cli..");

    @ArchTest
    static final ArchRule the_site_layer_does_not_know_http_or_ocpp = noClasses().that().resideInAPackage("dev.dynamo.site..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.dynamo.api..", "dev.dynamo.ocpp..",
                    "dev.dynamo.server..", "dev.dynamo.history..", "io.javalin..");
}

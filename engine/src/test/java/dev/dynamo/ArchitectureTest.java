package dev.dynamo;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import dev.dynamo.store.DecisionRecord;
import dev.dynamo.store.StoreException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The engine's layers (docs: architecture.md). */
@AnalyzeClasses(packages = "dev.dynamo", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /**
     * The "may use" table of the design map, as the code has it: each package of ours and the packages of
     * ours it may depend on. {@code ocpp} and {@code meter} plug into {@code server} (its {@code EnginePlugin}):
     * the composition root does not know them, {@code cli} hands them in.
     */
    static final Map<String, Set<String>> MAY_USE = mayUse();

    private static Map<String, Set<String>> mayUse() {
        var table = new LinkedHashMap<String, Set<String>>();
        table.put("contract", Set.of("allocation", "schedule"));
        table.put("allocation", Set.of());
        table.put("schedule", Set.of("allocation"));
        table.put("store", Set.of());
        table.put("history", Set.of("store"));
        table.put("site", Set.of("allocation", "contract", "schedule", "store"));
        table.put("api", Set.of("allocation", "contract", "site", "history", "store"));
        table.put("ocpp", Set.of("allocation", "contract", "site", "server"));
        table.put("meter", Set.of("allocation", "contract", "site", "server"));
        table.put("simulation", Set.of("allocation", "contract", "schedule", "site", "store"));
        table.put("server", Set.of("allocation", "contract", "schedule", "site", "store", "history", "api", "simulation"));
        table.put("cli", Set.of("allocation", "contract", "schedule", "site", "store", "history", "api", "simulation",
                "server", "ocpp", "meter"));
        return table;
    }

    @ArchTest
    static final ArchRule no_package_cycles = slices().matching("dev.dynamo.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule every_package_uses_only_what_the_map_allows = mayUseRules();

    private static ArchRule mayUseRules() {
        var rules = new ArrayList<ArchRule>();
        MAY_USE.forEach((pkg, allowed) -> {
            var forbidden = MAY_USE.keySet().stream()
                    .filter(other -> !other.equals(pkg) && !allowed.contains(other))
                    .map(other -> "dev.dynamo." + other + "..").toArray(String[]::new);
            if (forbidden.length > 0) {
                rules.add(noClasses().that().resideInAPackage("dev.dynamo." + pkg + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                        .because(pkg + " may use only " + (allowed.isEmpty() ? "nothing of ours" : allowed))
                        .allowEmptyShould(true));
            }
        });
        return CompositeArchRule.of(rules);
    }

    /** Every package of ours is in the table: a new one must say what it may use. */
    @ArchTest
    static void every_package_is_in_the_table(JavaClasses classes) {
        var unknown = new java.util.TreeSet<String>();
        for (var c : classes) {
            var name = c.getPackageName();
            if (!name.startsWith("dev.dynamo.")) continue;
            var top = name.substring("dev.dynamo.".length()).split("\\.")[0];
            if (!MAY_USE.containsKey(top)) unknown.add(top);
        }
        org.assertj.core.api.Assertions.assertThat(unknown).as("packages missing from MAY_USE").isEmpty();
    }

    private static final DescribedPredicate<JavaMethodCall> READS_A_CLOCK = new DescribedPredicate<>("reads a clock") {
        @Override
        public boolean test(JavaMethodCall call) {
            var owner = call.getTargetOwner().getName();
            var name = call.getName();
            return (owner.startsWith("java.time.") && name.equals("now"))
                    || (owner.equals(System.class.getName()) && (name.equals("currentTimeMillis") || name.equals("nanoTime")))
                    || owner.equals(java.time.Clock.class.getName()) || owner.equals(java.time.InstantSource.class.getName());
        }
    };

    /** The core is given its instant: it never reads one (no {@code now()}, no clock, no system time). */
    @ArchTest
    static final ArchRule allocation_reads_no_clock = noClasses().that().resideInAPackage("dev.dynamo.allocation..")
            .should().callMethodWhere(READS_A_CLOCK)
            .orShould().dependOnClassesThat().belongToAnyOf(java.time.Clock.class, java.time.InstantSource.class);

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

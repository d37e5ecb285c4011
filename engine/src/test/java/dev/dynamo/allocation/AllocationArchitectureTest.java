package dev.dynamo.allocation;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.dynamo.allocation", importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class AllocationArchitectureTest {

    @ArchTest
    static final ArchRule the_core_depends_on_the_jdk_and_itself_only = classes()
            .that().resideInAPackage("dev.dynamo.allocation")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.dynamo.allocation");
}

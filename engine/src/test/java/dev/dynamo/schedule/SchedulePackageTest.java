package dev.dynamo.schedule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class SchedulePackageTest {

    @Test
    void schedule_depends_only_on_the_jdk_and_the_allocation_records() {
        var classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.dynamo.schedule");

        classes().that().resideInAPackage("dev.dynamo.schedule")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.dynamo.schedule", "dev.dynamo.allocation", "java..")
                .check(classes);
    }
}

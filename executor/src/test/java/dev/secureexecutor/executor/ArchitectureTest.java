package dev.secureexecutor.executor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * Over the compiled main classes of all three modules (the test classpath holds them): no package cycles anywhere,
 * and the layering executor → sandbox → masking.
 */
@AnalyzeClasses(packages = "dev.secureexecutor", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule NO_PACKAGE_CYCLES =
            slices().matching("dev.secureexecutor.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule MASKING_DEPENDS_ON_NOTHING_OF_OURS = classes()
            .that()
            .resideInAPackage("dev.secureexecutor.masking..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "org.jspecify.annotations..", "dev.secureexecutor.masking..");

    @ArchTest
    static final ArchRule SANDBOX_DOES_NOT_DEPEND_ON_EXECUTOR = noClasses()
            .that()
            .resideInAPackage("dev.secureexecutor.sandbox..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.secureexecutor.executor..");

    @ArchTest
    static final ArchRule ONLY_DRIVER_OUTPUT_WRITES_TO_STDOUT_AND_STDERR = noClasses()
            .that()
            .doNotHaveFullyQualifiedName("dev.secureexecutor.executor.io.DriverOutput")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("every byte of prepare, run and cleanup is masked by DriverOutput; log through SLF4J instead");
}

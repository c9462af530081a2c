package dev.secureexecutor.masking;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/** The masker is the bottom layer: JDK only, nothing of ours, no package cycles (over the compiled main classes). */
@AnalyzeClasses(packages = "dev.secureexecutor", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule NO_PACKAGE_CYCLES =
            slices().matching("dev.secureexecutor.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule MASKING_DEPENDS_ON_THE_JDK_ONLY = classes()
            .that()
            .resideInAPackage("dev.secureexecutor.masking..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "org.jspecify.annotations..", "dev.secureexecutor.masking..")
            .because("JDK only, plus JSpecify's nullness annotations for NullAway");

    @ArchTest
    static final ArchRule NO_STANDARD_STREAMS = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.because(
            "the executor's DriverOutput masks every byte; log through SLF4J instead");
}

package dev.secureexecutor.sandbox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;

/**
 * Over the compiled main classes of sandbox (and masking below it): no package cycles; sandbox never reaches up into
 * executor; the checks judge plain facts, so they never hold a Docker client.
 */
@AnalyzeClasses(packages = "dev.secureexecutor", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule NO_PACKAGE_CYCLES =
            slices().matching("dev.secureexecutor.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule SANDBOX_DOES_NOT_DEPEND_ON_EXECUTOR = noClasses()
            .that()
            .resideInAPackage("dev.secureexecutor.sandbox..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.secureexecutor.executor..");

    @ArchTest
    static final ArchRule CHECKS_JUDGE_PLAIN_FACTS = noClasses()
            .that()
            .resideInAPackage("dev.secureexecutor.sandbox.checks..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.github.dockerjava..")
            .because("a check gets what the daemon said as plain data (DaemonFacts), gathered once by the engine");

    @ArchTest
    static final ArchRule POLICY_IS_A_LEAF = noClasses()
            .that()
            .resideInAPackage("dev.secureexecutor.sandbox.policy..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.secureexecutor.sandbox",
                    "dev.secureexecutor.sandbox.checks..",
                    "dev.secureexecutor.sandbox.docker..")
            .because("the policy is the admin's file, read before anything else; everything else is built on it");

    @ArchTest
    static final ArchRule NO_STANDARD_STREAMS = GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.because(
            "the executor's DriverOutput masks every byte; log through SLF4J instead");
}

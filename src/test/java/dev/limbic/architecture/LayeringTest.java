package dev.limbic.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The domain core depends on the JDK only; the edges depend on the core, never the reverse. */
@AnalyzeClasses(packages = "dev.limbic", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {
    static final String[] CORE = {
            "dev.limbic.heartrate..", "dev.limbic.stress..", "dev.limbic.alert..",
            "dev.limbic.escalation..", "dev.limbic.schedule..", "dev.limbic.care..", "dev.limbic.delivery..",
            "dev.limbic.firmware.."};

    @ArchTest
    static final ArchRule coreImportsNoFrameworks = noClasses().that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.vertx..", "io.netty..", "io.micrometer..", "com.fasterxml..", "picocli..", "org.slf4j..",
                    "tinyb..", "org.jfree..")
            .because("the domain core is pure Java, deterministic and testable without a server");

    @ArchTest
    static final ArchRule coreDoesNotReachTheEdges = noClasses().that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.limbic.app..", "dev.limbic.cli..", "dev.limbic.ingest..", "dev.limbic.config..",
                    "dev.limbic.metrics..", "dev.limbic.store..", "dev.limbic.notify..", "dev.limbic.web..",
                    "dev.limbic.ble..", "dev.limbic.edge..", "dev.limbic.intake..", "dev.limbic.replay..",
                    "dev.limbic.bench..", "dev.limbic.demo..", "dev.limbic.paging..")
            .because("dependencies point from the edges to the core, never back");
}

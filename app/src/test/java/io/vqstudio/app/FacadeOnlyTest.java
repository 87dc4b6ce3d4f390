package io.vqstudio.app;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The studio is a face of the engine's facade: it uses the api ({@code VqBridge}, jobs, events,
 * {@code UserFiles}, {@code RunRecord}) and the shared values of {@code core}, and beyond them only
 * the immutable spec records the api takes (a run's {@code *Spec}, its {@code RunPlan}) and the
 * {@code TrainSummary} it returns. Never a model, a tensor, a file format or a trainer.
 */
@AnalyzeClasses(packages = "io.vqstudio.app", importOptions = ImportOption.DoNotIncludeTests.class)
class FacadeOnlyTest {

    @ArchTest
    static final ArchRule theAppUsesOnlyTheFacadeAndCore = noClasses().that().resideInAPackage("io.vqstudio.app..")
            .should().dependOnClassesThat(resideInAnyPackage("io.vqstudio.bridge..")
                    .and(not(resideInAnyPackage("io.vqstudio.bridge.api..", "io.vqstudio.bridge.core..")))
                    .and(not(simpleNameEndingWith("Spec")))
                    .and(not(nameStartingWith("io.vqstudio.bridge.train.RunPlan")))
                    .and(not(simpleName("TrainSummary"))))
            .because("the studio reaches the engine through the facade (api) and the shared values (core) only");

    @ArchTest
    static final ArchRule theAppNeverTouchesTheTensorLibrary = noClasses().that().resideInAPackage("io.vqstudio.app..")
            .should().dependOnClassesThat().resideInAPackage("ai.djl..")
            .because("the UI never touches an NDArray: the engine thread owns every model");
}

package io.vqstudio.bridge;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The engine's layering, checked on its compiled classes: each layer uses only the layers below it,
 * and no two packages need each other. From the bottom: the shared values (core, runtime); the
 * blocks (nn); files and data (io, data, the torch.save reader, the quantizer); the contracts every
 * family implements (tokenizer, and imports for the families read from other projects' files); the
 * model families; their registry; losses and evaluation; the work that runs models (training,
 * tokenizing, benchmarks); the facade; the command line. The studio's own rule is in the app module.
 */
@AnalyzeClasses(packages = "io.vqstudio.bridge", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    private static final String[] CORE = {"..bridge.core..", "..bridge.runtime.."};
    private static final String[] BLOCKS = {"..bridge.nn.."};
    private static final String[] FILES = {"..bridge.io..", "..bridge.data..", "..bridge.torchsave..", "..bridge.vq.."};
    private static final String[] CONTRACTS = {"..bridge.tokenizer..", "..bridge.imports.."};
    private static final String[] FAMILIES = {"..bridge.vit..", "..bridge.cnn..",
        "..bridge.taming..", "..bridge.llamagen..", "..bridge.llamagpt..", "..bridge.taminggpt..", "..bridge.enhancing..", "..bridge.prior..",
        "..bridge.classifier.."};
    private static final String[] REGISTRY = {"..bridge.family.."};
    private static final String[] EVALUATION = {"..bridge.gan..", "..bridge.perceptual..", "..bridge.metrics.."};
    private static final String[] WORK = {"..bridge.train..", "..bridge.bench.."};

    @ArchTest
    static final ArchRule eachLayerUsesOnlyTheLayersBelow = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("core").definedBy(CORE)
            .layer("blocks").definedBy(BLOCKS)
            .layer("files").definedBy(FILES)
            .layer("contracts").definedBy(CONTRACTS)
            .layer("families").definedBy(FAMILIES)
            .layer("registry").definedBy(REGISTRY)
            .layer("evaluation").definedBy(EVALUATION)
            .layer("work").definedBy(WORK)
            .layer("facade").definedBy("..bridge.api..")
            .layer("cli").definedBy("..bridge.cli..")
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("facade").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("work").mayOnlyBeAccessedByLayers("facade", "cli")
            .whereLayer("evaluation").mayOnlyBeAccessedByLayers("work", "facade", "cli")
            .whereLayer("registry").mayOnlyBeAccessedByLayers("evaluation", "work", "facade", "cli")
            .whereLayer("families").mayOnlyBeAccessedByLayers("registry", "evaluation", "work", "facade", "cli")
            .whereLayer("contracts").mayOnlyBeAccessedByLayers("families", "registry", "evaluation", "work", "facade", "cli")
            .whereLayer("files").mayOnlyBeAccessedByLayers("contracts", "families", "registry", "evaluation", "work", "facade", "cli")
            .whereLayer("blocks").mayOnlyBeAccessedByLayers("files", "contracts", "families", "registry", "evaluation", "work", "facade",
                    "cli");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.vqstudio.bridge.(*)..").should().beFreeOfCycles();
}

package org.nash.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering docs/ARCHITECTURE.md draws, checked on the compiled classes of every module (the
 * cli module's test class path holds them all): no package cycles, and each layer depends only on
 * the layers below it.
 */
class ArchitectureTest {
  /** The core: what every module builds on. */
  static final String[] CORE = {"org.nash", "org.nash.data..", "org.nash.table..", "org.nash.space..",
      "org.nash.benchmark..", "org.nash.nb201..", "org.nash.tnb..", "org.nash.oracle..", "org.nash.search..",
      "org.nash.plugin..", "org.nash.config..", "org.nash.plan..", "org.nash.run..", "org.nash.results..",
      "org.nash.io..", "org.nash.random..", "org.nash.process.."};
  /** The experiment's flow through the core: each step knows only the steps before it. */
  static final String CONFIG = "org.nash.config..";
  static final String PLAN = "org.nash.plan..";
  static final String RUN = "org.nash.run..";
  static final String RESULTS = "org.nash.results..";
  /** Everything above the core. */
  static final String[] ABOVE_CORE = {"org.nash.nb101..", "org.nash.analysis..", "org.nash.report..",
      "org.nash.searchers..", "org.nash.surrogate..", "org.nash.retrain..", "org.nash.cli.."};

  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    // Test classes of other modules arrive as *-tests.jar, which the predefined option does not catch.
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.contains("-tests.jar")).importPackages("org.nash");
  }

  static void check(ArchRule rule) {
    rule.check(classes);
  }

  @Test
  void noPackageCycles() {
    check(slices().matching("org.nash.(**)").should().beFreeOfCycles());
  }

  @Test
  void coreDependsOnNothingAboveIt() {
    check(noClasses().that().resideInAnyPackage(CORE).should().dependOnClassesThat().resideInAnyPackage(ABOVE_CORE));
  }

  @Test
  void coreHasNoUserInterfacePlottingOrDeepLearningDependency() {
    check(noClasses().that().resideInAnyPackage(CORE).should().dependOnClassesThat()
        .resideInAnyPackage("picocli..", "org.knowm.xchart..", "me.tongfei..", "java.awt..", "javax.swing..", "ai.djl..",
            "org.apache.commons.math3.."));
  }

  @Test
  void generalCoreKnowsNoConcreteBenchmark() {
    check(noClasses().that().resideInAnyPackage("org.nash.data..", "org.nash.table..", "org.nash.space..",
            "org.nash.benchmark..", "org.nash.oracle..", "org.nash.search..", "org.nash.plugin..", CONFIG, PLAN, RUN,
            RESULTS)
        .should().dependOnClassesThat().resideInAnyPackage("org.nash.nb201..", "org.nash.tnb..", "org.nash.nb101.."));
  }

  @Test
  void analysesKnowNoSearcherOracleModuleOrCommand() {
    check(noClasses().that().resideInAnyPackage("org.nash.analysis..", "org.nash.report..")
        .should().dependOnClassesThat().resideInAnyPackage("org.nash.searchers..", "org.nash.surrogate..",
            "org.nash.retrain..", "org.nash.cli.."));
  }

  /** The child-process library is general: it knows nash only by its exception type. */
  @Test
  void processLibraryKnowsNoOtherPartOfNash() {
    check(noClasses().that().resideInAPackage("org.nash.process..").should().dependOnClassesThat()
        .resideOutsideOfPackages("org.nash", "org.nash.process..", "java.."));
  }

  @Test
  void searchersUseOnlyTheSearchSpi() {
    check(noClasses().that().resideInAPackage("org.nash.searchers..").should().dependOnClassesThat()
        .resideInAnyPackage(CONFIG, PLAN, RUN, RESULTS, "org.nash.oracle..", "org.nash.benchmark..",
            "org.nash.analysis..", "org.nash.cli.."));
  }

  @Test
  void theConfigKnowsNothingOfPlanningRunningOrResults() {
    check(noClasses().that().resideInAPackage(CONFIG).should().dependOnClassesThat()
        .resideInAnyPackage(PLAN, RUN, RESULTS, "org.nash.benchmark..", "org.nash.oracle..", "org.nash.search.."));
  }

  @Test
  void planningKnowsNothingOfRunningOrResults() {
    check(noClasses().that().resideInAPackage(PLAN).should().dependOnClassesThat().resideInAnyPackage(RUN, RESULTS));
  }

  @Test
  void theResultsFormatDoesNotDependOnTheRunner() {
    check(noClasses().that().resideInAPackage(RESULTS).should().dependOnClassesThat().resideInAPackage(RUN));
  }

  @Test
  void analysesReadResultsThroughTheResultsPackageOnly() {
    // An analysis sees trials and saved experiments, never the planner or the runner that made them.
    check(noClasses().that().resideInAnyPackage("org.nash.analysis..", "org.nash.report..")
        .should().dependOnClassesThat().resideInAnyPackage(PLAN, RUN));
  }
}

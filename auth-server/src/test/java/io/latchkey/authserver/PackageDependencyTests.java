package io.latchkey.authserver;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package layout of ARCHITECTURE.md, kept by the build: feature packages never import
 * each other in a cycle, and none of them imports {@code web}, which assembles them.
 */
class PackageDependencyTests {

	private static final JavaClasses main = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.latchkey.authserver");

	@Test
	void featurePackagesWhenImportedThenFreeOfCycles() {
		slices().matching("io.latchkey.authserver.(*)..").should().beFreeOfCycles().check(main);
	}

	@Test
	void featurePackagesWhenImportedThenNoneDependsOnWeb() {
		noClasses().that()
			.resideOutsideOfPackages("io.latchkey.authserver.web..")
			.and()
			.resideOutsideOfPackage("io.latchkey.authserver")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("io.latchkey.authserver.web..")
			.check(main);
	}

}

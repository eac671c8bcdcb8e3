package dev.authkit.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layout DESIGN.md promises ("Where code goes as it grows"), checked on the compiled core and
 * on every module's sources, so that the pipeline stays readable as features land.
 */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.authkit.core");
    /** The path algorithms, allowed past the size limit: each is one algorithm that reads best whole. */
    private static final Set<String> PATH_ALGORITHMS = Set.of("UrlPaths.java", "PathToRegexp.java");
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @Test
    void stagesNeverCallBackIntoTheFacades() {
        noClasses().that().resideInAPackage("dev.authkit.core.internal..")
                .should().dependOnClassesThat().belongToAnyOf(AuthKit.class, AuthFlow.class, SessionManager.class)
                .because("only the facades wire the stages; a stage hands values on and never calls back up")
                .check(CORE);
    }

    @Test
    void stagePackagesFormNoCycle() {
        slices().matching("dev.authkit.core.internal.(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void noTwoCoreClassesDependOnEachOther() {
        slices().assignedFrom(new TopLevelClasses("dev.authkit.core")).should().beFreeOfCycles()
                .because("a class that depends on a class depending on it cannot be read, tested or moved alone")
                .check(CORE);
    }

    @Test
    void theFacadeAndEveryOtherCoreClassStaySmall() throws IOException {
        Map<String, Long> tooLong = new TreeMap<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String name = f.getFileName().toString();
                long lines;
                try (Stream<String> l = Files.lines(f)) {
                    lines = l.count();
                }
                long limit = name.equals("AuthKit.java") ? 420 : PATH_ALGORITHMS.contains(name) ? Long.MAX_VALUE : 350;
                if (lines > limit) {
                    tooLong.put(name, lines);
                }
            }
        }
        assertThat(tooLong).as("core classes over their size limit (AuthKit 420 lines, others 350)").isEmpty();
    }

    @Test
    void noModuleButTheCoreAndTheBenchmarksImportsTheCoresInternals() throws IOException {
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> modules = Files.list(REPOSITORY)) {
            for (Path module : (Iterable<Path>) modules::iterator) {
                String name = module.getFileName().toString();
                if (name.equals("authkit-core") || name.equals("benchmarks") || !Files.isDirectory(module)) {
                    continue;
                }
                offenders.addAll(importsOfInternals(module));
            }
        }
        offenders.addAll(importsOfInternals(REPOSITORY.resolve("examples")));
        assertThat(offenders).as("sources outside authkit-core importing dev.authkit.core.internal").isEmpty();
    }

    private static List<String> importsOfInternals(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java")
                    && !p.toString().contains("/target/") && !p.toString().contains("/node_modules/"))::iterator) {
                if (Files.readString(f).contains("dev.authkit.core.internal")) {
                    out.add(REPOSITORY.relativize(f).toString());
                }
            }
        }
        return out;
    }

    /** One slice per top-level class (nested classes belong to theirs). */
    private record TopLevelClasses(String rootPackage) implements SliceAssignment {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            if (!javaClass.getPackageName().startsWith(rootPackage)) {
                return SliceIdentifier.ignore();
            }
            String name = javaClass.getName();
            int nested = name.indexOf('$');
            return SliceIdentifier.of(nested < 0 ? name : name.substring(0, nested));
        }

        @Override
        public String getDescription() {
            return "top-level classes of " + rootPackage;
        }
    }
}

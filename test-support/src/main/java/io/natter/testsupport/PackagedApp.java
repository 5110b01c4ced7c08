package io.natter.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A Quarkus service as {@code quarkus:build} packages it: the directory {@code quarkus-app} with
 * {@code quarkus-run.jar}, built from the module {@code module}.
 *
 * @param module the Maven module that builds it (named in the "build it first" message)
 * @param dir    the {@code quarkus-app} directory
 */
public record PackagedApp(String module, Path dir) {

    public PackagedApp {
        Objects.requireNonNull(module, "module");
        dir = dir.toAbsolutePath().normalize();
    }

    /** {@code <root>/<module>/target/quarkus-app}. */
    public static PackagedApp of(Path root, String module) {
        return new PackagedApp(module, root.resolve(module).resolve("target/quarkus-app"));
    }

    public Path jar() {
        return dir.resolve("quarkus-run.jar");
    }

    /** Fails, naming the command that builds it, unless {@code quarkus-run.jar} is there. */
    public PackagedApp requirePresent() {
        if (!Files.isRegularFile(jar())) {
            throw new IllegalStateException(jar() + " is missing; build " + module + " first: ./mvnw -B -q -pl " + module
                    + " -am install -DskipTests");
        }
        return this;
    }

    /**
     * A copy of the whole {@code quarkus-app} in {@code target} (replacing what was there), so that
     * a rebuild of the module while the tests run, or between a kill and its restart, never changes
     * the binary under a running or restarting process.
     */
    public PackagedApp copyTo(Path target) {
        requirePresent();
        try {
            deleteTree(target);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path from : (Iterable<Path>) files::iterator) {
                    Path to = target.resolve(dir.relativize(from).toString());
                    if (Files.isDirectory(from)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot copy " + dir + " to " + target + ": " + e, e);
        }
        return new PackagedApp(module, target);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

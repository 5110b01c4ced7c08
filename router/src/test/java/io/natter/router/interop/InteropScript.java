package io.natter.router.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One interop client script (Autobahn|JS under Node, autobahn-python) run as a process: it prints
 * one line per passed check and exits 0 only when all passed. Its output is kept in a log file,
 * printed, and shown in the failure when it fails, hangs or exits with anything but 0.
 */
final class InteropScript {

    /** A script's own watchdog fails it after 60 s; this only catches a hung interpreter. */
    static final long TIMEOUT_SECONDS = 90;

    private InteropScript() {
    }

    /** Runs {@code command} (in {@code directory}, null: the current one) and returns its output. */
    static String run(String what, List<String> command, Path directory, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Process process = builder.start();
        boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.print(output);
        if (!finished) {
            fail(what + " did not finish within " + TIMEOUT_SECONDS + " s:\n" + output);
        }
        if (process.exitValue() != 0) {
            fail(what + " failed (exit " + process.exitValue() + "):\n" + output);
        }
        return output;
    }
}

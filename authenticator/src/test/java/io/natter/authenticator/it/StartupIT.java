package io.natter.authenticator.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged authenticator refuses to start without its service credential, naming the property. */
class StartupIT {

    @Test
    void withoutTheServiceCredentialTheStartStopsNamingTheProperty() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(key -> key.startsWith("NATTER_") || key.startsWith("QUARKUS_"));
        builder.environment().put("NATTER_AUTHENTICATOR_PORT", "0");
        builder.environment().put("NATTER_WAMP_SECRET", "do-not-print-me");
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the authenticator started without a service credential");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(output).contains("natter.internal.credential is required").doesNotContain("do-not-print-me");
    }
}

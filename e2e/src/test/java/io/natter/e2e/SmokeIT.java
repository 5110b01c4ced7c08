package io.natter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.e2e.support.Stack;
import io.natter.e2e.support.StackExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** smoke.mjs, the compose check's smoke test, passes against a whole stack and fails without one. */
@ExtendWith(StackExtension.class)
class SmokeIT {

    record Run(int exit, String output) {
    }

    @Test
    void smokePassesAgainstTheStack(Stack stack) {
        Run run = smoke(stack, stack.appUrl().toString(), stack.wsUrl());
        assertThat(run.output()).contains("smoke: OK");
        assertThat(run.exit()).as(run.output()).isZero();
    }

    @Test
    void smokeFailsClearlyWhenTheRouterIsNotThere(Stack stack) {
        Run run = smoke(stack, stack.appUrl().toString(), "ws://127.0.0.1:1/ws");
        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("smoke: FAILED").contains("could not join");
    }

    private static Run smoke(Stack stack, String appUrl, String wsUrl) {
        try {
            Process p = new ProcessBuilder("node", "--experimental-websocket", "--no-warnings", "smoke.mjs", appUrl, wsUrl)
                    .directory(stack.jsDir().toFile())
                    .redirectErrorStream(true)
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("smoke.mjs finished").isTrue();
            return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run smoke.mjs: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}

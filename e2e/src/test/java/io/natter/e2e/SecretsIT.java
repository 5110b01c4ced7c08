package io.natter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.natter.e2e.support.AppApi;
import io.natter.e2e.support.Device;
import io.natter.e2e.support.JsClient;
import io.natter.e2e.support.Stack;
import io.natter.e2e.support.StackExtension;
import io.natter.e2e.support.User;
import io.natter.wamp.auth.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No password, token or service secret reaches a log, whatever happened: sign-up, login, joins,
 * a wrong token, logout. Read from every log the services wrote in this run.
 */
@ExtendWith(StackExtension.class)
class SecretsIT {

    @Test
    void noSecretReachesALog(Stack stack) throws IOException {
        AppApi app = stack.app();
        User alice = app.signUp("alice");
        Device phone = app.login(alice);
        JsClient client = stack.client("alice");
        client.joinRefused(phone.withToken(alice.name() + ".wrong"));
        client.join(phone);
        client.leave();
        assertThat(app.logout(phone).status()).isEqualTo(204);
        assertThat(app.tokens(phone).status()).isEqualTo(401);

        List<Secret> secrets = new ArrayList<>(stack.generatedSecrets());
        secrets.add(alice.password());
        secrets.add(alice.device().token());
        secrets.add(phone.token());
        for (Path log : serviceLogs(stack.logDir())) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            for (Secret secret : secrets) {
                assertThat(text.contains(secret.reveal()))
                        .as("a secret (%s) appears in %s", secret, log.getFileName())
                        .isFalse();
            }
        }
    }

    private static List<Path> serviceLogs(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> logs = files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".log"))
                    .filter(p -> !p.getFileName().toString().startsWith("client-"))
                    .toList();
            assertThat(logs).extracting(p -> p.getFileName().toString())
                    .contains("router.log", "app-api.log", "authenticator.log");
            return logs;
        }
    }
}

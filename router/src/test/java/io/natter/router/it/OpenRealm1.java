package io.natter.router.it;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/**
 * The router on {@code config/realm1-open.json}: the embedded default's realm and anonymous role,
 * but with every meta procedure granted (the default keeps killing and listing sessions for a
 * trusted role), for the tests of the meta API itself.
 */
public class OpenRealm1 implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("natter.router.config", Path.of("src/test/resources/config/realm1-open.json").toAbsolutePath().toString());
    }
}

package io.natter.wamp.quarkus;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(Profiles.Json.class)
class WampSessionJsonTest extends WampSessionTestBase {

    @Override
    String subprotocol() {
        return "wamp.2.json";
    }
}

package io.natter.wamp.quarkus;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(Profiles.Msgpack.class)
class WampSessionMsgpackTest extends WampSessionTestBase {

    @Override
    String subprotocol() {
        return "wamp.2.msgpack";
    }
}

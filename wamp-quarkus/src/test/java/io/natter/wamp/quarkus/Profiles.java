package io.natter.wamp.quarkus;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** One test profile per serialization, each with a router of its own. */
final class Profiles {

    private Profiles() {
    }

    public static final class Json implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RouterResource.class, Map.of("serializer", "json")));
        }
    }

    public static final class Msgpack implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RouterResource.class, Map.of("serializer", "msgpack")));
        }
    }
}

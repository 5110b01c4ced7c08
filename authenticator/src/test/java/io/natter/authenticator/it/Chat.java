package io.natter.authenticator.it;

import static io.natter.authenticator.it.Sessions.await;

import io.natter.testsupport.AppApiHttp.Device;
import io.natter.testsupport.AppApiHttp;
import io.natter.testsupport.Randoms;
import io.natter.testsupport.WampSessions;
import io.natter.wamp.client.EventDetails;
import io.natter.wamp.client.Subscription;
import io.natter.wamp.client.WampClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The scenario most tests start from: users signed up (each name made unique for the run), one of
 * them owning a thread, some of them its members; then their sessions join, subscribe to the
 * thread's topic and publish on it. Users are named in a test by their plain name ("alice").
 */
final class Chat {

    private final AppApiHttp api;
    private final WampSessions sessions;
    private final Map<String, Device> devices = new HashMap<>();
    private final Device owner;
    private final String thread;

    private Chat(AppApiHttp api, WampSessions sessions, String title, String owner) throws Exception {
        this.api = api;
        this.sessions = sessions;
        this.owner = signUp(owner);
        this.thread = api.openThread(this.owner, title);
    }

    /** Signs up {@code owner} and {@code members}, opens the thread {@code title} and adds the members. */
    static Chat open(AppApiHttp api, WampSessions sessions, String title, String owner, String... members) throws Exception {
        Chat chat = new Chat(api, sessions, title, owner);
        for (String member : members) {
            chat.signUp(member);
            chat.add(member);
        }
        return chat;
    }

    /** {@code base} with a random suffix: no other test or run meets that user. */
    static String uniqueName(String base) {
        return base + "-" + Randoms.hex(3);
    }

    /** Signs up {@code who}, not a member (until {@link #add}); returns the first device. */
    Device signUp(String who) throws Exception {
        Device device = api.signUp(uniqueName(who));
        devices.put(who, device);
        return device;
    }

    /** {@code who} logs in on another device. */
    Device logIn(String who) throws Exception {
        return api.logIn(device(who).name());
    }

    /** {@code who}'s first device. */
    Device device(String who) {
        Device device = devices.get(who);
        if (device == null) {
            throw new IllegalArgumentException(who + " is not signed up in this chat");
        }
        return device;
    }

    String thread() {
        return thread;
    }

    /** The thread's chat topic. */
    String topic() {
        return "natter.thread." + thread;
    }

    /** The thread's presence topic. */
    String presence() {
        return "natter.presence." + thread;
    }

    /** The owner adds {@code who} to the thread. */
    void add(String who) throws Exception {
        api.addMember(owner, thread, device(who).name());
    }

    /** The owner removes {@code who} from the thread. */
    void remove(String who) throws Exception {
        api.removeMember(owner, thread, device(who).name());
    }

    /** {@code who}'s first device joins; fails if refused. */
    WampClient join(String who) throws Exception {
        return sessions.join(device(who));
    }

    /** Subscribes {@code client} to the thread's topic; fails if refused. */
    Subscription subscribe(WampClient client, Consumer<EventDetails> handler) throws Exception {
        return await(client.subscribe(topic(), Map.of(), handler));
    }

    /** Publishes {@code text} on the thread's topic with acknowledgement; fails if refused. */
    void publish(WampClient client, String text) throws Exception {
        await(client.publish(topic(), List.of(text), Map.of(), Map.of("acknowledge", true)));
    }
}

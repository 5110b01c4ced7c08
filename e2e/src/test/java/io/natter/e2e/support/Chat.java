package io.natter.e2e.support;

import static io.natter.e2e.support.Replies.expect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenario most tests start from: users signed up, one of them owning a thread, some of them
 * its members; then their Node clients join and subscribe to the thread's topic. Users are named
 * in a test by their plain name ("alice"); app-api knows them under a unique one
 * ({@link AppApi#uniqueName}), and each client is labelled with the plain name.
 */
public final class Chat {

    private final Stack stack;
    private final AppApi app;
    private final Map<String, User> users = new HashMap<>();
    private final List<User> members = new ArrayList<>();
    private final User owner;
    private final String thread;

    private Chat(Stack stack, String owner, String... members) {
        this.stack = stack;
        this.app = stack.app();
        this.owner = signUp(owner);
        for (String member : members) {
            this.members.add(signUp(member));
        }
        this.thread = app.threadWith(this.owner, this.members.toArray(User[]::new));
    }

    /** Signs up {@code owner} and {@code members} and opens a thread of the owner with the members in it. */
    public static Chat open(Stack stack, String owner, String... members) {
        return new Chat(stack, owner, members);
    }

    /** Signs up {@code who}, not a member (until {@link #add}). */
    public User signUp(String who) {
        User user = app.signUp(who);
        users.put(who, user);
        return user;
    }

    public User user(String who) {
        User user = users.get(who);
        if (user == null) {
            throw new IllegalArgumentException(who + " is not signed up in this chat");
        }
        return user;
    }

    /** {@code who} logs in on another device. */
    public Device login(String who) {
        return app.login(user(who));
    }

    public String thread() {
        return thread;
    }

    /** The thread's chat topic. */
    public String topic() {
        return AppApi.topic(thread);
    }

    /** Opens another thread of the same owner with the members the chat started with; returns its topic. */
    public String anotherTopic() {
        return AppApi.topic(app.threadWith(owner, members.toArray(User[]::new)));
    }

    /** The owner adds {@code who} to the thread; app-api's answer. */
    public AppApi.Response add(String who) {
        return app.addMember(owner.device(), thread, user(who).name());
    }

    /** The owner removes {@code who} from the thread; app-api's answer. */
    public AppApi.Response remove(String who) {
        return app.removeMember(owner.device(), thread, user(who).name());
    }

    /** A Node client labelled {@code who}, joined with {@code who}'s first device. */
    public JsClient join(String who) {
        return join(who, user(who).device());
    }

    /** A Node client labelled {@code label}, joined with {@code device}. */
    public JsClient join(String label, Device device) {
        JsClient client = stack.client(label);
        client.join(device);
        return client;
    }

    /** {@link #join(String)}, then subscribed to the thread's topic. */
    public JsClient subscribed(String who) {
        return subscribed(who, user(who).device());
    }

    /** {@link #join(String, Device)}, then subscribed to the thread's topic. */
    public JsClient subscribed(String label, Device device) {
        JsClient client = join(label, device);
        expect(client.subscribe(topic()), "subscribed");
        return client;
    }
}

package io.natter.router.access;

/** What a session asks to do on a URI, as authorizers and Crossbar permissions name it. */
public enum Action {
    PUBLISH("publish"),
    SUBSCRIBE("subscribe"),
    CALL("call"),
    REGISTER("register");

    private final String wireName;

    Action(String wireName) {
        this.wireName = wireName;
    }

    /** The name Crossbar's permissions and dynamic authorizers use, e.g. {@code publish}. */
    public String wireName() {
        return wireName;
    }
}

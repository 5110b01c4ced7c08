package io.natter.router.config;

/**
 * The authentication methods a transport accepts ({@code auth}); each is null when not configured.
 * A transport without an {@code auth} key accepts anonymous clients under the role
 * {@code anonymous}, as Crossbar does ({@link #DEFAULT}).
 *
 * @param anonymous {@code anonymous}, or null
 * @param ticket {@code ticket}, or null
 * @param wampcra {@code wampcra}, or null
 */
public record AuthConfig(AnonymousAuthConfig anonymous, TicketAuthConfig ticket, WampCraAuthConfig wampcra) {

    /** What a transport without {@code auth} accepts: anonymous clients under role {@code anonymous}. */
    public static final AuthConfig DEFAULT = new AuthConfig(new AnonymousAuthConfig("anonymous"), null, null);
}

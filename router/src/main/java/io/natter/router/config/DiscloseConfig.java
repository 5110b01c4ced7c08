package io.natter.router.config;

/**
 * Whether the router discloses who acts ({@code disclose} in Crossbar's config): the caller's
 * identity to callees, the publisher's to subscribers. Each missing one is false.
 *
 * @param caller disclose the caller ({@code caller}, {@code caller_authid}, {@code caller_authrole})
 * @param publisher disclose the publisher ({@code publisher}, {@code publisher_authid}, ...)
 */
public record DiscloseConfig(boolean caller, boolean publisher) {

    /** Nothing disclosed (Crossbar's default). */
    public static final DiscloseConfig NONE = new DiscloseConfig(false, false);
}

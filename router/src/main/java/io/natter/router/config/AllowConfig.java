package io.natter.router.config;

/**
 * The actions a permission grants ({@code allow} in Crossbar's config); each missing one is false.
 *
 * @param call CALL of matching procedures
 * @param register REGISTER of matching procedures
 * @param publish PUBLISH to matching topics
 * @param subscribe SUBSCRIBE to matching topics
 */
public record AllowConfig(boolean call, boolean register, boolean publish, boolean subscribe) {

    /** Nothing allowed. */
    public static final AllowConfig NONE = new AllowConfig(false, false, false, false);

    /** Everything allowed. */
    public static final AllowConfig ALL = new AllowConfig(true, true, true, true);
}

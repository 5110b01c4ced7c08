package io.natter.wamp;

/**
 * The error and close-reason URIs that the WAMP v2 specification predefines. Peers use them in
 * ERROR, ABORT and GOODBYE; the sentence after each is the spec's meaning.
 */
public final class WampErrors {

    /** Peer provided an incorrect URI for any URI-based attribute of a WAMP message. */
    public static final String INVALID_URI = "wamp.error.invalid_uri";
    /** A Dealer could not perform a call, since no procedure is currently registered under the given URI. */
    public static final String NO_SUCH_PROCEDURE = "wamp.error.no_such_procedure";
    /** A procedure could not be registered, since a procedure with the given URI is already registered. */
    public static final String PROCEDURE_ALREADY_EXISTS = "wamp.error.procedure_already_exists";
    /** A procedure could not be registered with a shared-registration policy different from the one it is registered with (Crossbar's and Autobahn's name). */
    public static final String PROCEDURE_EXISTS_WITH_DIFFERENT_INVOCATION_POLICY = "wamp.error.procedure_exists_with_different_invocation_policy";
    /** A session meta procedure named a session that does not exist (Crossbar's name). */
    public static final String NO_SUCH_SESSION = "wamp.error.no_such_session";
    /** A Dealer could not perform an unregister, since the given registration is not active. */
    public static final String NO_SUCH_REGISTRATION = "wamp.error.no_such_registration";
    /** A Broker could not perform an unsubscribe, since the given subscription is not active. */
    public static final String NO_SUCH_SUBSCRIPTION = "wamp.error.no_such_subscription";
    /** A call failed since the given argument types or values are not acceptable to the called procedure. */
    public static final String INVALID_ARGUMENT = "wamp.error.invalid_argument";
    /** The Peer is shutting down completely, used as a GOODBYE or ABORT reason. */
    public static final String SYSTEM_SHUTDOWN = "wamp.close.system_shutdown";
    /** The Peer wants to leave the realm, used as a GOODBYE reason. */
    public static final String CLOSE_REALM = "wamp.close.close_realm";
    /** A Peer acknowledges ending of a session, used as a GOODBYE reply reason. */
    public static final String GOODBYE_AND_OUT = "wamp.close.goodbye_and_out";
    /** A Peer received invalid WAMP protocol message. */
    public static final String PROTOCOL_VIOLATION = "wamp.error.protocol_violation";
    /** A join, call, register, publish or subscribe failed, since the Peer is not authorized to perform the operation. */
    public static final String NOT_AUTHORIZED = "wamp.error.not_authorized";
    /** A Dealer or Broker could not determine if the Peer is authorized to perform a join, call, register, publish or subscribe, since the authorization operation itself failed. */
    public static final String AUTHORIZATION_FAILED = "wamp.error.authorization_failed";
    /** Peer wanted to join a non-existing realm (and the Router did not allow to auto-create the realm). */
    public static final String NO_SUCH_REALM = "wamp.error.no_such_realm";
    /** A Peer was to be authenticated under a Role that does not (or no longer) exists on the Router. */
    public static final String NO_SUCH_ROLE = "wamp.error.no_such_role";
    /** A Dealer or Callee canceled a call previously issued. */
    public static final String CANCELED = "wamp.error.canceled";
    /** A Peer requested an interaction with an option that was disallowed by the Router. */
    public static final String OPTION_NOT_ALLOWED = "wamp.error.option_not_allowed";
    /** A Dealer could not perform a call, since a procedure with the given URI is registered, but Callee Black- and Whitelisting and/or Caller Exclusion lead to the exclusion of (any) Callee providing the procedure. */
    public static final String NO_ELIGIBLE_CALLEE = "wamp.error.no_eligible_callee";
    /** A Router rejected client request to disclose its identity. */
    public static final String OPTION_DISALLOWED_DISCLOSE_ME = "wamp.error.option_disallowed.disclose_me";
    /** A Router encountered a network failure. */
    public static final String NETWORK_FAILURE = "wamp.error.network_failure";
    /** A call did not complete within its timeout (Crossbar's name for call timeout). */
    public static final String TIMEOUT = "wamp.error.timeout";
    /** Authentication failed: wrong credentials or an unknown authid (Crossbar's name). */
    public static final String AUTHENTICATION_FAILED = "wamp.error.authentication_failed";
    /** No authentication method the client offered is configured on the transport (Crossbar's name). */
    public static final String NO_AUTH_METHOD = "wamp.error.no_auth_method";
    /** The router killed the session via the session meta API (Crossbar's name). */
    public static final String KILLED = "wamp.close.killed";
    /** The session's outbound queue overflowed: the peer stopped reading (Natter's reason). */
    public static final String SLOW_CONSUMER = "natter.close.slow_consumer";

    private WampErrors() {
    }
}

"""Drives the router with autobahn-python (Debian's python3-autobahn 22.7), asyncio flavour.

Usage: /usr/bin/python3 interop.py <group> <ws-url> <json|msgpack>

Groups: realm (anonymous and WAMP-CRA join, refusals), pubsub (exclude_me, acknowledge,
retained events, an error URI), rpc (progressive results, error URIs, shared registrations,
cancel).
Prints one "ok - ..." line per passed check; the first failed check prints "FAILED - ..."
and the script exits 1. Exit 2: bad usage or autobahn missing. The router runs on
src/test/resources/config/interop-python.json.
"""

import asyncio
import sys
import traceback
import uuid
from urllib.parse import urlparse

try:
    import txaio
    txaio.use_asyncio()
    from autobahn.asyncio.wamp import ApplicationSession
    from autobahn.asyncio.websocket import WampWebSocketClientFactory
    from autobahn.wamp import auth
    from autobahn.wamp.exception import ApplicationError
    from autobahn.wamp.serializer import JsonSerializer, MsgPackSerializer
    from autobahn.wamp.types import (CallOptions, ComponentConfig, PublishOptions, RegisterOptions,
                                     SubscribeOptions)
except ImportError as e:  # the Java side checks this first; keep the message plain anyway
    print(f"autobahn-python is not importable: {e}", file=sys.stderr)
    sys.exit(2)

WAIT_S = 5
REALM = "realm1"
# interop-python.json: alice has a plain secret, bob a salted one (the config holds the derived key).
ALICE_SECRET = "alice-secret"
BOB_PASSWORD = "secret123"


class CheckFailed(Exception):
    pass


def ok(what):
    print(f"ok - {what}", flush=True)


def check(what, condition, detail=""):
    if not condition:
        raise CheckFailed(f"{what}{': ' + str(detail) if detail else ''}")
    ok(what)


def equal(what, actual, expected):
    check(what, actual == expected, f"expected {expected!r}, got {actual!r}")


class Peer(ApplicationSession):
    """One session: joins with the given auth methods and answers a WAMP-CRA challenge."""

    def __init__(self, config, joined, left, authmethods, authid, secret):
        super().__init__(config)
        self._joined = joined
        self._left = left
        self._authmethods = authmethods
        self._authid = authid
        self._secret = secret

    def onConnect(self):
        self.join(self.config.realm, authmethods=self._authmethods, authid=self._authid)

    def onChallenge(self, challenge):
        if challenge.method != "wampcra":
            raise Exception(f"unexpected challenge {challenge.method}")
        key = self._secret
        if "salt" in challenge.extra:
            key = auth.derive_key(self._secret, challenge.extra["salt"], challenge.extra.get("iterations", 1000),
                                  challenge.extra.get("keylen", 32))
        signature = auth.compute_wcs(key, challenge.extra["challenge"])
        return signature.decode("ascii") if isinstance(signature, bytes) else signature

    def onJoin(self, details):
        if not self._joined.done():
            self._joined.set_result(details)

    def onLeave(self, details):
        if not self._joined.done():
            self._joined.set_exception(CheckFailed(f"refused: {details.reason} {details.message}"))
        if not self._left.done():
            self._left.set_result(details)
        self.disconnect()


class Client:
    def __init__(self, url, serializer):
        self.url = urlparse(url)
        self.serializer = serializer
        self.sessions = []

    async def join(self, authmethods=("anonymous",), authid=None, secret=None):
        """A joined session (returned with its WELCOME details), or CheckFailed with the ABORT reason."""
        loop = asyncio.get_running_loop()
        joined = loop.create_future()
        left = loop.create_future()
        box = {}

        def make():
            box["session"] = Peer(ComponentConfig(REALM), joined, left, list(authmethods), authid, secret)
            return box["session"]

        serializers = [JsonSerializer() if self.serializer == "json" else MsgPackSerializer()]
        factory = WampWebSocketClientFactory(make, url=self.url.geturl(), serializers=serializers)
        await loop.create_connection(factory, self.url.hostname, self.url.port)
        details = await asyncio.wait_for(joined, WAIT_S)
        session = box["session"]
        session.left = left
        self.sessions.append(session)
        return session, details

    async def refused(self, **kwargs):
        """The ABORT reason of a join that must fail."""
        try:
            session, _ = await self.join(**kwargs)
        except CheckFailed as e:
            return str(e)
        session.leave()
        raise CheckFailed(f"join with {kwargs.get('authid')} was accepted")

    async def close(self):
        for session in self.sessions:
            if session.is_attached():
                session.leave()
        await asyncio.sleep(0.1)


def run_id():
    return "io.natter.interop.python.r" + uuid.uuid4().hex[:8]


async def realm(c):
    anon, d = await c.join()
    equal("anonymous join: WELCOME realm", d.realm, REALM)
    equal("anonymous join: authmethod", d.authmethod, "anonymous")
    equal("anonymous join: authrole", d.authrole, "anonymous")
    check("anonymous join: a session ID", isinstance(d.session, int) and d.session > 0, d.session)

    _, d = await c.join(authmethods=["wampcra"], authid="alice", secret=ALICE_SECRET)
    equal("WAMP-CRA join (plain secret): authid", d.authid, "alice")
    equal("WAMP-CRA join (plain secret): authmethod", d.authmethod, "wampcra")
    equal("WAMP-CRA join (plain secret): authrole", d.authrole, "user")

    _, d = await c.join(authmethods=["wampcra"], authid="bob", secret=BOB_PASSWORD)
    equal("WAMP-CRA join (salted, key derived by auth.derive_key): authid", d.authid, "bob")
    equal("WAMP-CRA join (salted): authprovider", d.authprovider, "static")

    _, d = await c.join(authmethods=["wampcra", "anonymous"], authid="alice", secret=ALICE_SECRET)
    equal("the client's authmethods order is honoured (wampcra first)", d.authmethod, "wampcra")

    reason = await c.refused(authmethods=["wampcra"], authid="alice", secret="wrong")
    check("a wrong WAMP-CRA secret is refused with wamp.error.not_authorized", "wamp.error.not_authorized" in reason, reason)
    reason = await c.refused(authmethods=["wampcra"], authid="nobody", secret="x")
    check("an unknown authid is refused the same way", "wamp.error.not_authorized" in reason, reason)

    result = await anon.call("wamp.session.count")
    check("wamp.session.count answers", isinstance(result, int) and result >= 1, result)


async def pubsub(c):
    prefix = run_id()
    pub, _ = await c.join()
    sub, _ = await c.join()
    topic = prefix + ".news"
    to_pub, to_sub = asyncio.Queue(), asyncio.Queue()
    await pub.subscribe(lambda *a, **kw: to_pub.put_nowait((a, kw)), topic)
    s = await sub.subscribe(lambda *a, **kw: to_sub.put_nowait((a, kw)), topic)
    check("SUBSCRIBED carries a subscription ID", s.id > 0, s.id)

    publication = await pub.publish(topic, "hello", 42, [1, "two"], ratio=0.5, nested={"k": [True, None]},
                                    options=PublishOptions(acknowledge=True))
    check("acknowledged publish: PUBLISHED with a publication ID", publication is not None and publication.id > 0, publication)
    args, kwargs = await asyncio.wait_for(to_sub.get(), WAIT_S)
    equal("subscriber gets args unchanged", list(args), ["hello", 42, [1, "two"]])
    equal("subscriber gets kwargs unchanged", kwargs, {"ratio": 0.5, "nested": {"k": [True, None]}})

    unacked = pub.publish(topic, "no ack")
    equal("publish without acknowledge returns nothing", unacked, None)
    args, _ = await asyncio.wait_for(to_sub.get(), WAIT_S)
    equal("an unacknowledged publication is delivered", list(args), ["no ack"])

    await pub.publish(topic, "include me", options=PublishOptions(acknowledge=True, exclude_me=False))
    args, _ = await asyncio.wait_for(to_pub.get(), WAIT_S)
    equal("exclude_me=False: the publisher gets its own event", list(args), ["include me"])
    await asyncio.wait_for(to_sub.get(), WAIT_S)
    equal("exclude_me (default true): the publisher got none of the earlier events", to_pub.qsize(), 0)

    try:
        await pub.publish("wamp.reserved.topic", "x", options=PublishOptions(acknowledge=True))
        raise CheckFailed("publishing to a wamp.* topic was acknowledged")
    except ApplicationError as e:
        equal("acknowledged publish to a reserved topic: ERROR URI", e.error, "wamp.error.invalid_uri")

    retained_topic = prefix + ".retained"
    await pub.publish(retained_topic, "first", options=PublishOptions(acknowledge=True, retain=True))
    await pub.publish(retained_topic, "last", options=PublishOptions(acknowledge=True, retain=True))
    late, _ = await c.join()
    got = asyncio.Queue()
    await late.subscribe(lambda *a, details=None: got.put_nowait((a, details)), retained_topic,
                         options=SubscribeOptions(get_retained=True, details_arg="details"))
    args, details = await asyncio.wait_for(got.get(), WAIT_S)
    equal("get_retained: a late subscriber gets the last retained event at once", list(args), ["last"])
    equal("get_retained: EVENT details say retained", details.retained, True)
    plain = asyncio.Queue()
    await late.subscribe(lambda *a: plain.put_nowait(a), prefix + ".retained.other", options=SubscribeOptions(get_retained=True))
    await asyncio.sleep(0.3)
    equal("get_retained on a topic with nothing retained: no event", plain.qsize(), 0)


async def rpc(c):
    prefix = run_id()
    callee, _ = await c.join()
    caller, _ = await c.join()

    async def count(n, details=None):
        for i in range(n):
            if details.progress:
                details.progress(i)
        return "done"

    reg = await callee.register(count, prefix + ".count", options=RegisterOptions(details_arg="details"))
    check("REGISTERED carries a registration ID", reg.id > 0, reg.id)

    progress = []
    result = await caller.call(prefix + ".count", 3, options=CallOptions(on_progress=lambda i: progress.append(i)))
    equal("progressive call: the final result", result, "done")
    equal("progressive call: every progressive result, in order", progress, [0, 1, 2])
    result = await caller.call(prefix + ".count", 2)
    equal("a call without receive_progress gets only the final result", result, "done")

    def fail(*args):
        raise ApplicationError("com.example.oops", "it went wrong", code=7)

    await callee.register(fail, prefix + ".fail")
    try:
        await caller.call(prefix + ".fail")
        raise CheckFailed("a failing callee's call resolved")
    except ApplicationError as e:
        equal("a callee's error URI reaches the caller", e.error, "com.example.oops")
        equal("with its args", list(e.args), ["it went wrong"])
        equal("and its kwargs", e.kwargs, {"code": 7})

    try:
        await caller.call(prefix + ".nobody")
        raise CheckFailed("a call of an unregistered procedure resolved")
    except ApplicationError as e:
        equal("no callee: wamp.error.no_such_procedure", e.error, "wamp.error.no_such_procedure")

    try:
        await callee.register(lambda: None, prefix + ".count")
        raise CheckFailed("a second registration of the same procedure succeeded")
    except ApplicationError as e:
        equal("registering a taken procedure: wamp.error.procedure_already_exists", e.error,
              "wamp.error.procedure_already_exists")

    await callee.register(lambda: "a", prefix + ".shared", options=RegisterOptions(invoke="roundrobin"))
    other, _ = await c.join()
    try:
        await other.register(lambda: "b", prefix + ".shared", options=RegisterOptions(invoke="random"))
        raise CheckFailed("a registration with another invocation policy succeeded")
    except ApplicationError as e:
        equal("another invoke policy for a shared registration: Crossbar's URI", e.error,
              "wamp.error.procedure_exists_with_different_invocation_policy")
    await other.register(lambda: "b", prefix + ".shared", options=RegisterOptions(invoke="roundrobin"))
    results = {await caller.call(prefix + ".shared") for _ in range(2)}
    equal("the same policy joins the registration (roundrobin reaches both)", results, {"a", "b"})

    started = asyncio.get_running_loop().create_future()
    interrupted = asyncio.get_running_loop().create_future()

    async def slow():
        started.set_result(True)
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:
            interrupted.set_result(True)
            raise
        return "too late"

    await callee.register(slow, prefix + ".slow")
    call = asyncio.ensure_future(caller.call(prefix + ".slow"))
    await asyncio.wait_for(started, WAIT_S)
    call.cancel()  # autobahn sends CANCEL (the router's default mode, killnowait)
    try:
        await asyncio.wait_for(call, WAIT_S)
        raise CheckFailed("a canceled call resolved")
    except asyncio.CancelledError:
        ok("cancel: the caller's call ends canceled")
    except ApplicationError as e:
        equal("cancel: the caller gets wamp.error.canceled", e.error, "wamp.error.canceled")
    await asyncio.wait_for(interrupted, WAIT_S)
    ok("cancel: the callee (call_canceling) got INTERRUPT and its invocation was canceled")
    result = await caller.call(prefix + ".count", 1)
    equal("the session calls on after a cancel", result, "done")


GROUPS = {"realm": realm, "pubsub": pubsub, "rpc": rpc}


async def main(group, url, serializer):
    c = Client(url, serializer)
    try:
        await asyncio.wait_for(GROUPS[group](c), 60)
        return 0
    except CheckFailed as e:
        print(f"FAILED - {e}", flush=True)
        return 1
    except Exception:
        print("FAILED - unexpected exception:", flush=True)
        traceback.print_exc(file=sys.stdout)
        return 1
    finally:
        await c.close()


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in GROUPS or sys.argv[3] not in ("json", "msgpack"):
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(asyncio.run(main(*sys.argv[1:])))

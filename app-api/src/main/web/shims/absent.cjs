// Stands in for Autobahn|JS's optional Node-side dependencies (the MessagePack and CBOR
// serializers, the `when` promise library, `fs` for tracing) in the browser bundle: the app
// speaks JSON, and Autobahn falls back to native promises when `when` fails to load.
throw new Error('not part of the Natter browser bundle');

// Autobahn|JS loads msgpack5 and cbor at start, outside any try, and builds its MessagePack
// serializer from msgpack5 at once. In the browser bundle both load and fail only if used: the app
// joins with the JSON serializer.
function unavailable() {
  throw new Error('not part of the Natter browser bundle');
}
module.exports = function codec() {
  return { encode: unavailable, decode: unavailable };
};
module.exports.encodeAsync = unavailable;
module.exports.decodeFirstSync = unavailable;

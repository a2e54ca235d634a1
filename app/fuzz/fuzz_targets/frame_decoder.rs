//! Fuzz target `frame_decoder`: arbitrary bytes into
//! [`app::sync::Message::decode`], the decoder of the automerge-repo CBOR
//! frames that every peer on the internet can send to the relay.
//!
//! Properties checked, for every input:
//!
//! 1. `decode` returns (`Ok` or `Err`) without panicking, overflowing the
//!    stack or allocating out of proportion to the input (libFuzzer's RSS
//!    limit and AddressSanitizer catch the latter two).
//! 2. Round trip: when the bytes decode to a message `m`, then
//!    `decode(encode(m))` succeeds and equals `m` — the encoder writes
//!    everything the decoder accepted, and nothing is lost or changed.
//! 3. The encoding is canonical: encoding that second message gives exactly
//!    the same bytes as the first encoding.

#![no_main]

use app::sync::Message;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(message) = Message::decode(data) else {
        return;
    };
    let encoded = message.encode();
    let again = match Message::decode(&encoded) {
        Ok(again) => again,
        Err(error) => panic!(
            "a decoded message does not decode after re-encoding: {error}\n\
             message: {message:?}\nencoded: {encoded:02x?}"
        ),
    };
    assert_eq!(
        again, message,
        "round trip changed the message; encoded: {encoded:02x?}"
    );
    assert_eq!(again.encode(), encoded, "encoding is not stable");
});

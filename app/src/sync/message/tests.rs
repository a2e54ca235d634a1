//! Tests of the frame codec against hand-built cbor-x style frames.

use proptest::prelude::*;

use super::{DecodeError, MAX_NESTING, Message, PROTOCOL_VERSION, PeerMetadata, RemoteHeads};
use crate::sync::ids::{DocumentId, PeerId, StorageId};

// ---------------------------------------------------------------------------
// A hand-rolled writer that produces bytes the way cbor-x does with
// `{ tagUint8Array: false, useRecords: false }`: every object is a map with a
// 16-bit length (0xb9), strings and arrays have minimal heads, integers up to
// 32 bits are integers and anything else a 64-bit float, `undefined` is 0xf7.
// It shares no code with the encoder under test.
// ---------------------------------------------------------------------------

#[derive(Default)]
struct Js(Vec<u8>);

impl Js {
    fn new() -> Self {
        Self::default()
    }

    fn raw(mut self, bytes: &[u8]) -> Self {
        self.0.extend_from_slice(bytes);
        self
    }

    fn head(self, major: u8, n: u64) -> Self {
        let m = major << 5;
        match n {
            0..=23 => self.raw(&[m | n as u8]),
            24..=0xff => self.raw(&[m | 24, n as u8]),
            0x100..=0xffff => self.raw(&[m | 25]).raw(&(n as u16).to_be_bytes()),
            0x1_0000..=0xffff_ffff => self.raw(&[m | 26]).raw(&(n as u32).to_be_bytes()),
            _ => self.raw(&[m | 27]).raw(&n.to_be_bytes()),
        }
    }

    /// An object with `n` properties.
    fn map(self, n: u16) -> Self {
        self.raw(&[0xb9]).raw(&n.to_be_bytes())
    }

    fn text(self, s: &str) -> Self {
        self.head(3, s.len() as u64).raw(s.as_bytes())
    }

    fn bytes(self, b: &[u8]) -> Self {
        self.head(2, b.len() as u64).raw(b)
    }

    fn array(self, n: u64) -> Self {
        self.head(4, n)
    }

    fn texts(self, items: &[&str]) -> Self {
        items
            .iter()
            .fold(self.array(items.len() as u64), |js, s| js.text(s))
    }

    fn number(self, n: f64) -> Self {
        if n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX) {
            self.head(0, n as u64)
        } else {
            self.raw(&[0xfb]).raw(&n.to_be_bytes())
        }
    }

    fn boolean(self, b: bool) -> Self {
        self.raw(&[if b { 0xf5 } else { 0xf4 }])
    }

    fn undefined(self) -> Self {
        self.raw(&[0xf7])
    }

    fn null(self) -> Self {
        self.raw(&[0xf6])
    }

    fn tag(self, t: u64) -> Self {
        self.head(6, t)
    }

    fn done(self) -> Vec<u8> {
        self.0
    }
}

fn doc() -> DocumentId {
    DocumentId::from_bytes([
        0x3b, 0x8e, 0x11, 0x02, 0x9f, 0x40, 0x77, 0xc1, 0x05, 0xaa, 0x19, 0x64, 0xe2, 0x5d, 0x0c,
        0x81,
    ])
}

fn peer(name: &str) -> PeerId {
    PeerId(name.to_owned())
}

fn storage(name: &str) -> StorageId {
    StorageId(name.to_owned())
}

/// One of every variant, with optional parts both present and absent.
fn samples() -> Vec<Message> {
    vec![
        Message::Join {
            sender_id: peer("tablet-1"),
            supported_protocol_versions: vec![PROTOCOL_VERSION.to_owned()],
            metadata: Some(PeerMetadata {
                storage_id: Some(storage("idb-store")),
                is_ephemeral: false,
            }),
        },
        Message::Join {
            sender_id: peer("tablet-2"),
            supported_protocol_versions: vec![],
            metadata: None,
        },
        Message::Peer {
            sender_id: peer("relay"),
            target_id: peer("tablet-1"),
            selected_protocol_version: PROTOCOL_VERSION.to_owned(),
            metadata: Some(PeerMetadata {
                storage_id: None,
                is_ephemeral: true,
            }),
        },
        Message::Peer {
            sender_id: peer("relay"),
            target_id: peer("tablet-1"),
            selected_protocol_version: PROTOCOL_VERSION.to_owned(),
            metadata: None,
        },
        Message::Leave {
            sender_id: peer("tablet-1"),
        },
        Message::Error {
            message: "unsupported protocol version".to_owned(),
        },
        Message::Request {
            document_id: doc(),
            sender_id: peer("tablet-1"),
            target_id: peer("relay"),
            data: vec![0x42, 0x00, 0xff],
        },
        Message::Sync {
            document_id: doc(),
            sender_id: peer("relay"),
            target_id: peer("tablet-1"),
            data: (0..=255).collect(),
        },
        Message::Sync {
            document_id: doc(),
            sender_id: peer("relay"),
            target_id: peer("tablet-1"),
            data: vec![],
        },
        Message::DocUnavailable {
            document_id: doc(),
            sender_id: peer("relay"),
            target_id: peer("tablet-1"),
        },
        Message::Ephemeral {
            document_id: doc(),
            sender_id: peer("tablet-1"),
            target_id: peer("relay"),
            count: 7,
            session_id: "0.123456789".to_owned(),
            data: vec![0xa1, 0x61, 0x78, 0x01],
        },
        Message::Ephemeral {
            document_id: doc(),
            sender_id: peer("tablet-1"),
            target_id: peer("relay"),
            count: u64::MAX,
            session_id: String::new(),
            data: vec![1],
        },
        Message::RemoteSubscriptionChange {
            sender_id: peer("tablet-1"),
            target_id: peer("relay"),
            add: vec![storage("a"), storage("b")],
            remove: vec![],
        },
        Message::RemoteSubscriptionChange {
            sender_id: peer("tablet-1"),
            target_id: peer("relay"),
            add: vec![],
            remove: vec![storage("c")],
        },
        Message::RemoteHeadsChanged {
            document_id: doc(),
            sender_id: peer("relay"),
            target_id: peer("tablet-1"),
            new_heads: vec![
                (
                    storage("idb-store"),
                    RemoteHeads {
                        heads: vec!["q83vEjRWeJA=".to_owned(), "AAEC".to_owned()],
                        timestamp: 1_767_225_600_000,
                    },
                ),
                (
                    storage("other"),
                    RemoteHeads {
                        heads: vec![],
                        timestamp: 12,
                    },
                ),
            ],
        },
    ]
}

// ---------------------------------------------------------------------------
// Round trips and what the encoder writes
// ---------------------------------------------------------------------------

#[test]
fn every_variant_round_trips() {
    for message in samples() {
        let bytes = message.encode();
        assert_eq!(Message::decode(&bytes), Ok(message.clone()), "{message:?}");
    }
}

#[test]
fn type_names_and_document_ids() {
    let names: Vec<_> = samples().iter().map(Message::type_name).collect();
    assert_eq!(
        names,
        [
            "join",
            "join",
            "peer",
            "peer",
            "leave",
            "error",
            "request",
            "sync",
            "sync",
            "doc-unavailable",
            "ephemeral",
            "ephemeral",
            "remote-subscription-change",
            "remote-subscription-change",
            "remote-heads-changed",
        ]
    );
    for message in samples() {
        let expected = matches!(
            message,
            Message::Request { .. }
                | Message::Sync { .. }
                | Message::DocUnavailable { .. }
                | Message::Ephemeral { .. }
                | Message::RemoteHeadsChanged { .. }
        )
        .then(doc);
        assert_eq!(message.document_id(), expected, "{message:?}");
    }
}

#[test]
fn encodes_sync_exactly_as_cbor_x_would_modulo_map_header() {
    let message = Message::Sync {
        document_id: doc(),
        sender_id: peer("relay"),
        target_id: peer("tablet-1"),
        data: vec![1, 2, 3],
    };
    let expected = Js::new()
        .raw(&[0xa5]) // minicbor writes the minimal map head; cbor-x 0xb9 0x00 0x05.
        .text("type")
        .text("sync")
        .text("senderId")
        .text("relay")
        .text("targetId")
        .text("tablet-1")
        .text("documentId")
        .text(&doc().to_bs58check())
        .text("data")
        .bytes(&[1, 2, 3])
        .done();
    assert_eq!(message.encode(), expected);
}

#[test]
fn encodes_join_with_peer_metadata_key() {
    let message = samples().remove(0);
    let expected = Js::new()
        .raw(&[0xa4])
        .text("type")
        .text("join")
        .text("senderId")
        .text("tablet-1")
        .text("peerMetadata")
        .raw(&[0xa2])
        .text("storageId")
        .text("idb-store")
        .text("isEphemeral")
        .boolean(false)
        .text("supportedProtocolVersions")
        .texts(&["1"])
        .done();
    assert_eq!(message.encode(), expected);
}

#[test]
fn leaves_out_absent_metadata_and_empty_add_but_keeps_remove() {
    let join = Message::Join {
        sender_id: peer("t"),
        supported_protocol_versions: vec!["1".to_owned()],
        metadata: None,
    };
    let bytes = join.encode();
    assert_eq!(bytes[0], 0xa3);
    assert!(!contains(&bytes, b"peerMetadata"));
    assert!(!contains(&bytes, b"metadata"));

    let change = Message::RemoteSubscriptionChange {
        sender_id: peer("t"),
        target_id: peer("r"),
        add: vec![],
        remove: vec![],
    };
    let bytes = change.encode();
    assert_eq!(bytes[0], 0xa4);
    assert!(!contains(&bytes, b"add"));
    assert!(contains(&bytes, &Js::new().text("remove").array(0).done()));
}

#[test]
fn writes_large_numbers_as_floats_like_cbor_x() {
    let timestamp = 1_767_225_600_000_u64;
    let message = Message::RemoteHeadsChanged {
        document_id: doc(),
        sender_id: peer("r"),
        target_id: peer("t"),
        new_heads: vec![(
            storage("s"),
            RemoteHeads {
                heads: vec![],
                timestamp,
            },
        )],
    };
    let float = Js::new().text("timestamp").number(timestamp as f64).done();
    assert_eq!(float[10], 0xfb);
    assert!(contains(&message.encode(), &float));

    let small = Message::Ephemeral {
        document_id: doc(),
        sender_id: peer("t"),
        target_id: peer("r"),
        count: 300,
        session_id: "s".to_owned(),
        data: vec![1],
    };
    assert!(contains(
        &small.encode(),
        &[0x65, b'c', b'o', b'u', b'n', b't', 0x19, 0x01, 0x2c]
    ));
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

// ---------------------------------------------------------------------------
// Frames as a JavaScript peer sends them
// ---------------------------------------------------------------------------

#[test]
fn decodes_a_literal_leave_frame() {
    // {"type": "leave", "senderId": "p"} as cbor-x writes it.
    let bytes = [
        0xb9, 0x00, 0x02, 0x64, b't', b'y', b'p', b'e', 0x65, b'l', b'e', b'a', b'v', b'e', 0x68,
        b's', b'e', b'n', b'd', b'e', b'r', b'I', b'd', 0x61, b'p',
    ];
    assert_eq!(
        Message::decode(&bytes),
        Ok(Message::Leave {
            sender_id: peer("p")
        })
    );
}

#[test]
fn decodes_js_join_with_peer_metadata() {
    let bytes = Js::new()
        .map(4)
        .text("type")
        .text("join")
        .text("senderId")
        .text("d2a1f3c0-browser")
        .text("peerMetadata")
        .map(2)
        .text("storageId")
        .text("4b5c0e3d-storage")
        .text("isEphemeral")
        .boolean(false)
        .text("supportedProtocolVersions")
        .texts(&["1"])
        .done();
    assert_eq!(
        Message::decode(&bytes),
        Ok(Message::Join {
            sender_id: peer("d2a1f3c0-browser"),
            supported_protocol_versions: vec!["1".to_owned()],
            metadata: Some(PeerMetadata {
                storage_id: Some(storage("4b5c0e3d-storage")),
                is_ephemeral: false,
            }),
        })
    );
}

#[test]
fn decodes_js_join_without_storage() {
    // `storageId: await storageSubsystem?.id()` is `undefined` without storage.
    let bytes = Js::new()
        .map(4)
        .text("type")
        .text("join")
        .text("senderId")
        .text("b")
        .text("peerMetadata")
        .map(2)
        .text("storageId")
        .undefined()
        .text("isEphemeral")
        .boolean(true)
        .text("supportedProtocolVersions")
        .texts(&["1"])
        .done();
    let Ok(Message::Join { metadata, .. }) = Message::decode(&bytes) else {
        panic!("not a join");
    };
    assert_eq!(
        metadata,
        Some(PeerMetadata {
            storage_id: None,
            is_ephemeral: true
        })
    );

    // The client adapter defaults to `{}`; the server may send `undefined`.
    for (value, expected) in [
        (Js::new().map(0), Some(PeerMetadata::default())),
        (Js::new().undefined(), None),
        (Js::new().null(), None),
    ] {
        let bytes = Js::new()
            .map(4)
            .text("type")
            .text("join")
            .text("senderId")
            .text("b")
            .text("peerMetadata")
            .raw(&value.done())
            .text("supportedProtocolVersions")
            .texts(&["1"])
            .done();
        let Ok(Message::Join { metadata, .. }) = Message::decode(&bytes) else {
            panic!("not a join");
        };
        assert_eq!(metadata, expected);
    }
}

#[test]
fn accepts_the_specification_metadata_key_too() {
    let bytes = Js::new()
        .map(4)
        .text("type")
        .text("join")
        .text("senderId")
        .text("b")
        .text("metadata")
        .map(1)
        .text("isEphemeral")
        .boolean(true)
        .text("supportedProtocolVersions")
        .texts(&["1"])
        .done();
    let Ok(Message::Join { metadata, .. }) = Message::decode(&bytes) else {
        panic!("not a join");
    };
    assert_eq!(
        metadata,
        Some(PeerMetadata {
            storage_id: None,
            is_ephemeral: true
        })
    );
}

#[test]
fn decodes_js_peer() {
    let bytes = Js::new()
        .map(5)
        .text("type")
        .text("peer")
        .text("senderId")
        .text("sync-server")
        .text("peerMetadata")
        .map(2)
        .text("storageId")
        .text("srv-storage")
        .text("isEphemeral")
        .boolean(false)
        .text("selectedProtocolVersion")
        .text("1")
        .text("targetId")
        .text("browser")
        .done();
    assert_eq!(
        Message::decode(&bytes),
        Ok(Message::Peer {
            sender_id: peer("sync-server"),
            target_id: peer("browser"),
            selected_protocol_version: "1".to_owned(),
            metadata: Some(PeerMetadata {
                storage_id: Some(storage("srv-storage")),
                is_ephemeral: false,
            }),
        })
    );
}

fn js_doc_frame(kind: &str, extra: u16) -> Js {
    Js::new()
        .map(4 + extra)
        .text("type")
        .text(kind)
        .text("targetId")
        .text("relay")
        .text("documentId")
        .text(&doc().to_bs58check())
        .text("senderId")
        .text("browser")
}

#[test]
fn decodes_js_request_sync_and_doc_unavailable() {
    let request = js_doc_frame("request", 1)
        .text("data")
        .bytes(&[0x42, 1])
        .done();
    assert_eq!(
        Message::decode(&request),
        Ok(Message::Request {
            document_id: doc(),
            sender_id: peer("browser"),
            target_id: peer("relay"),
            data: vec![0x42, 1],
        })
    );
    let sync = js_doc_frame("sync", 1)
        .text("data")
        .bytes(&[0x42; 300])
        .done();
    assert_eq!(
        Message::decode(&sync),
        Ok(Message::Sync {
            document_id: doc(),
            sender_id: peer("browser"),
            target_id: peer("relay"),
            data: vec![0x42; 300],
        })
    );
    let unavailable = js_doc_frame("doc-unavailable", 0).done();
    assert_eq!(
        Message::decode(&unavailable),
        Ok(Message::DocUnavailable {
            document_id: doc(),
            sender_id: peer("browser"),
            target_id: peer("relay"),
        })
    );
}

#[test]
fn decodes_js_ephemeral() {
    let bytes = js_doc_frame("ephemeral", 3)
        .text("count")
        .number(5.0)
        .text("sessionId")
        .text("0.8191")
        .text("data")
        .bytes(&[0xa1, 0x61, 0x78, 0x01])
        .done();
    assert_eq!(
        Message::decode(&bytes),
        Ok(Message::Ephemeral {
            document_id: doc(),
            sender_id: peer("browser"),
            target_id: peer("relay"),
            count: 5,
            session_id: "0.8191".to_owned(),
            data: vec![0xa1, 0x61, 0x78, 0x01],
        })
    );
}

#[test]
fn decodes_js_error_with_sender_and_target() {
    let bytes = Js::new()
        .map(4)
        .text("type")
        .text("error")
        .text("senderId")
        .text("server")
        .text("message")
        .text("unsupported protocol version")
        .text("targetId")
        .text("client")
        .done();
    assert_eq!(
        Message::decode(&bytes),
        Ok(Message::Error {
            message: "unsupported protocol version".to_owned()
        })
    );
}

#[test]
fn decodes_js_leave() {
    let bytes = Js::new()
        .map(2)
        .text("type")
        .text("leave")
        .text("senderId")
        .text("b")
        .done();
    assert_eq!(
        Message::decode(&bytes),
        Ok(Message::Leave {
            sender_id: peer("b")
        })
    );
}

#[test]
fn decodes_js_remote_subscription_change_with_undefined_side() {
    // Repo.ts sends `{ add: message.add, remove: message.remove }`, one of
    // which is `undefined`.
    let bytes = Js::new()
        .map(5)
        .text("type")
        .text("remote-subscription-change")
        .text("targetId")
        .text("relay")
        .text("add")
        .texts(&["s1", "s2"])
        .text("remove")
        .undefined()
        .text("senderId")
        .text("browser")
        .done();
    assert_eq!(
        Message::decode(&bytes),
        Ok(Message::RemoteSubscriptionChange {
            sender_id: peer("browser"),
            target_id: peer("relay"),
            add: vec![storage("s1"), storage("s2")],
            remove: vec![],
        })
    );
    let bytes = Js::new()
        .map(4)
        .text("type")
        .text("remote-subscription-change")
        .text("targetId")
        .text("relay")
        .text("remove")
        .texts(&["s3"])
        .text("senderId")
        .text("browser")
        .done();
    assert_eq!(
        Message::decode(&bytes),
        Ok(Message::RemoteSubscriptionChange {
            sender_id: peer("browser"),
            target_id: peer("relay"),
            add: vec![],
            remove: vec![storage("s3")],
        })
    );
}

#[test]
fn decodes_js_remote_heads_changed_with_float_timestamp() {
    let timestamp = 1_767_225_600_123_u64;
    let bytes = js_doc_frame("remote-heads-changed", 1)
        .text("newHeads")
        .map(2)
        .text("storage-a")
        .map(2)
        .text("heads")
        .texts(&["q83vEjRWeJA="])
        .text("timestamp")
        .number(timestamp as f64)
        .text("storage-b")
        .map(2)
        .text("timestamp")
        .number(3.0)
        .text("heads")
        .texts(&[])
        .done();
    assert_eq!(
        Message::decode(&bytes),
        Ok(Message::RemoteHeadsChanged {
            document_id: doc(),
            sender_id: peer("browser"),
            target_id: peer("relay"),
            new_heads: vec![
                (
                    storage("storage-a"),
                    RemoteHeads {
                        heads: vec!["q83vEjRWeJA=".to_owned()],
                        timestamp,
                    }
                ),
                (
                    storage("storage-b"),
                    RemoteHeads {
                        heads: vec![],
                        timestamp: 3,
                    }
                ),
            ],
        })
    );
}

#[test]
fn accepts_integral_floats_of_every_width() {
    for encoded in [
        &[0xf9, 0x45, 0x00][..],                   // f16 5.0
        &[0xfa, 0x40, 0xa0, 0x00, 0x00][..],       // f32 5.0
        &[0xfb, 0x40, 0x14, 0, 0, 0, 0, 0, 0][..], // f64 5.0
        &[0x1b, 0, 0, 0, 0, 0, 0, 0, 5][..],       // u64 5
    ] {
        let bytes = js_doc_frame("ephemeral", 3)
            .text("count")
            .raw(encoded)
            .text("sessionId")
            .text("s")
            .text("data")
            .bytes(&[1])
            .done();
        let Ok(Message::Ephemeral { count, .. }) = Message::decode(&bytes) else {
            panic!("{encoded:x?} refused");
        };
        assert_eq!(count, 5);
    }
    for refused in [
        Js::new().number(1.5).done(),
        Js::new().number(-1.0).done(),
        Js::new().raw(&[0x20]).done(),             // -1
        Js::new().raw(&[0xf9, 0x7c, 0x00]).done(), // f16 infinity
        Js::new().raw(&[0xfb]).raw(&f64::NAN.to_be_bytes()).done(),
        Js::new().number(2f64.powi(64)).done(),
        Js::new().text("5").done(),
    ] {
        let bytes = js_doc_frame("ephemeral", 3)
            .text("count")
            .raw(&refused)
            .text("sessionId")
            .text("s")
            .text("data")
            .bytes(&[1])
            .done();
        assert!(
            matches!(
                Message::decode(&bytes),
                Err(DecodeError::InvalidField {
                    message_type: "ephemeral",
                    field: "count",
                    ..
                })
            ),
            "{refused:x?} accepted"
        );
    }
}

#[test]
fn accepts_tag_64_byte_strings() {
    let bytes = js_doc_frame("sync", 1)
        .text("data")
        .tag(64)
        .bytes(&[9, 8, 7])
        .done();
    let Ok(Message::Sync { data, .. }) = Message::decode(&bytes) else {
        panic!("tagged data refused");
    };
    assert_eq!(data, [9, 8, 7]);

    // Another tag is not a Uint8Array.
    let bytes = js_doc_frame("sync", 1)
        .text("data")
        .tag(2)
        .bytes(&[9])
        .done();
    assert!(matches!(
        Message::decode(&bytes),
        Err(DecodeError::InvalidField { field: "data", .. })
    ));
}

#[test]
fn ignores_unknown_keys_of_any_shape() {
    let bytes = Js::new()
        .map(7)
        .text("futureScalar")
        .number(12.5)
        .text("type")
        .text("leave")
        .text("futureMap")
        .map(2)
        .text("a")
        .array(2)
        .tag(1)
        .number(1.0)
        .raw(&[0x9f, 0x01, 0xbf, 0x61, b'k', 0xf6, 0xff, 0xff]) // [_ 1, {_ "k": null}]
        .text("b")
        .bytes(&[1, 2])
        .raw(&[0x01]) // a non-text key …
        .raw(&[0x82, 0x01, 0x02]) // … with an array value
        .text("senderId")
        .text("b")
        .text("trailingKey")
        .raw(&[0x7f, 0x61, b'x', 0x61, b'y', 0xff]) // indefinite text
        .text("documentId")
        .text("not checked for leave")
        .done();
    assert_eq!(
        Message::decode(&bytes),
        Ok(Message::Leave {
            sender_id: peer("b")
        })
    );
}

#[test]
fn accepts_indefinite_lengths_everywhere() {
    let bytes = Js::new()
        .raw(&[0xbf]) // indefinite map
        .text("data")
        .raw(&[0x5f, 0x42, 1, 2, 0x41, 3, 0xff]) // indefinite bytes
        .text("documentId")
        .text(&doc().to_bs58check())
        .raw(&[0x7f, 0x64]) // indefinite key "senderId" in two chunks
        .raw(b"send")
        .raw(&[0x64])
        .raw(b"erId")
        .raw(&[0xff])
        .text("browser")
        .text("targetId")
        .text("relay")
        .text("type")
        .text("request")
        .raw(&[0xff])
        .done();
    assert_eq!(
        Message::decode(&bytes),
        Ok(Message::Request {
            document_id: doc(),
            sender_id: peer("browser"),
            target_id: peer("relay"),
            data: vec![1, 2, 3],
        })
    );

    let bytes = Js::new()
        .map(3)
        .text("type")
        .text("join")
        .text("senderId")
        .text("b")
        .text("supportedProtocolVersions")
        .raw(&[0x9f, 0x61, b'1', 0x61, b'2', 0xff])
        .done();
    let Ok(Message::Join {
        supported_protocol_versions,
        ..
    }) = Message::decode(&bytes)
    else {
        panic!("indefinite array refused");
    };
    assert_eq!(supported_protocol_versions, ["1", "2"]);
}

#[test]
fn repeated_keys_keep_the_last_value() {
    let bytes = Js::new()
        .map(3)
        .text("senderId")
        .text("first")
        .text("type")
        .text("leave")
        .text("senderId")
        .text("last")
        .done();
    assert_eq!(
        Message::decode(&bytes),
        Ok(Message::Leave {
            sender_id: peer("last")
        })
    );
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

#[test]
fn refuses_what_is_not_a_map() {
    for bytes in [
        Js::new().texts(&["type", "leave"]).done(),
        Js::new().number(1.0).done(),
        Js::new().text("leave").done(),
        Js::new().null().done(),
        Js::new().tag(55799).map(0).done(),
    ] {
        assert_eq!(
            Message::decode(&bytes),
            Err(DecodeError::NotAMap),
            "{bytes:x?}"
        );
    }
    assert!(matches!(Message::decode(&[]), Err(DecodeError::Cbor(_))));
    assert!(matches!(
        Message::decode(&[0xff]),
        Err(DecodeError::NotAMap | DecodeError::Cbor(_))
    ));
}

#[test]
fn refuses_missing_invalid_and_unknown_types() {
    let no_type = Js::new().map(1).text("senderId").text("b").done();
    assert_eq!(Message::decode(&no_type), Err(DecodeError::MissingType));

    let undefined_type = Js::new().map(1).text("type").undefined().done();
    assert_eq!(
        Message::decode(&undefined_type),
        Err(DecodeError::MissingType)
    );

    let numeric_type = Js::new().map(1).text("type").number(3.0).done();
    assert!(matches!(
        Message::decode(&numeric_type),
        Err(DecodeError::InvalidType(_))
    ));

    let unknown = Js::new()
        .map(2)
        .text("type")
        .text("hello")
        .text("senderId")
        .text("b")
        .done();
    assert_eq!(
        Message::decode(&unknown),
        Err(DecodeError::UnknownType("hello".to_owned()))
    );
}

#[test]
fn refuses_missing_fields() {
    let cases = [
        (
            Js::new().map(1).text("type").text("leave").done(),
            DecodeError::MissingField {
                message_type: "leave",
                field: "senderId",
            },
        ),
        (
            Js::new()
                .map(2)
                .text("type")
                .text("join")
                .text("senderId")
                .text("b")
                .done(),
            DecodeError::MissingField {
                message_type: "join",
                field: "supportedProtocolVersions",
            },
        ),
        (
            js_doc_frame("sync", 0).done(),
            DecodeError::MissingField {
                message_type: "sync",
                field: "data",
            },
        ),
        (
            js_doc_frame("sync", 1).text("data").undefined().done(),
            DecodeError::MissingField {
                message_type: "sync",
                field: "data",
            },
        ),
        (
            Js::new().map(1).text("type").text("error").done(),
            DecodeError::MissingField {
                message_type: "error",
                field: "message",
            },
        ),
        (
            js_doc_frame("remote-heads-changed", 0).done(),
            DecodeError::MissingField {
                message_type: "remote-heads-changed",
                field: "newHeads",
            },
        ),
        (
            Js::new()
                .map(3)
                .text("type")
                .text("request")
                .text("senderId")
                .text("a")
                .text("targetId")
                .text("b")
                .done(),
            DecodeError::MissingField {
                message_type: "request",
                field: "documentId",
            },
        ),
    ];
    for (bytes, expected) in cases {
        assert_eq!(Message::decode(&bytes), Err(expected));
    }
}

fn invalid_field(bytes: &[u8]) -> (&'static str, &'static str) {
    match Message::decode(bytes) {
        Err(DecodeError::InvalidField {
            message_type,
            field,
            ..
        }) => (message_type, field),
        other => panic!("expected an invalid field, got {other:?}"),
    }
}

#[test]
fn refuses_fields_of_the_wrong_type() {
    assert_eq!(
        invalid_field(&js_doc_frame("sync", 1).text("data").text("AQID").done()),
        ("sync", "data")
    );
    assert_eq!(
        invalid_field(
            &Js::new()
                .map(2)
                .text("type")
                .text("leave")
                .text("senderId")
                .number(4.0)
                .done()
        ),
        ("leave", "senderId")
    );
    assert_eq!(
        invalid_field(
            &Js::new()
                .map(3)
                .text("type")
                .text("join")
                .text("senderId")
                .text("b")
                .text("supportedProtocolVersions")
                .text("1")
                .done()
        ),
        ("join", "supportedProtocolVersions")
    );
    assert_eq!(
        invalid_field(
            &Js::new()
                .map(3)
                .text("type")
                .text("join")
                .text("senderId")
                .text("b")
                .text("supportedProtocolVersions")
                .array(1)
                .number(1.0)
                .done()
        ),
        ("join", "supportedProtocolVersions")
    );
    assert_eq!(
        invalid_field(
            &Js::new()
                .map(4)
                .text("type")
                .text("join")
                .text("senderId")
                .text("b")
                .text("peerMetadata")
                .map(1)
                .text("isEphemeral")
                .text("yes")
                .text("supportedProtocolVersions")
                .texts(&["1"])
                .done()
        ),
        ("join", "peerMetadata")
    );
    assert_eq!(
        invalid_field(
            &js_doc_frame("remote-heads-changed", 1)
                .text("newHeads")
                .map(1)
                .text("s")
                .map(1)
                .text("heads")
                .texts(&[])
                .done()
        ),
        ("remote-heads-changed", "newHeads")
    );
    assert_eq!(
        invalid_field(
            &Js::new()
                .map(4)
                .text("type")
                .text("remote-subscription-change")
                .text("senderId")
                .text("a")
                .text("targetId")
                .text("b")
                .text("add")
                .text("s1")
                .done()
        ),
        ("remote-subscription-change", "add")
    );
}

#[test]
fn refuses_invalid_document_ids() {
    let mut broken = doc().to_bs58check();
    broken.pop();
    broken.push(if broken.ends_with('2') { '3' } else { '2' });
    for id in [
        broken.as_str(),
        "",
        "0OIl",
        &crate::sync::base58check::encode(&[1u8; 8]),
    ] {
        let bytes = Js::new()
            .map(4)
            .text("type")
            .text("doc-unavailable")
            .text("senderId")
            .text("a")
            .text("targetId")
            .text("b")
            .text("documentId")
            .text(id)
            .done();
        assert_eq!(
            invalid_field(&bytes),
            ("doc-unavailable", "documentId"),
            "{id:?}"
        );
    }
    // The `automerge:` URL form is tolerated, as `DocumentId::parse` allows.
    let bytes = Js::new()
        .map(4)
        .text("type")
        .text("doc-unavailable")
        .text("senderId")
        .text("a")
        .text("targetId")
        .text("b")
        .text("documentId")
        .text(&doc().to_url())
        .done();
    assert_eq!(
        Message::decode(&bytes).map(|m| m.document_id()),
        Ok(Some(doc()))
    );
}

#[test]
fn refuses_trailing_bytes() {
    let mut bytes = samples()[4].encode();
    bytes.extend_from_slice(&[0x00, 0x01]);
    assert_eq!(Message::decode(&bytes), Err(DecodeError::TrailingBytes(2)));
    let mut twice = samples()[4].encode();
    twice.extend_from_slice(&samples()[4].encode());
    assert!(matches!(
        Message::decode(&twice),
        Err(DecodeError::TrailingBytes(_))
    ));
}

fn leave_with_junk(junk: &[u8]) -> Vec<u8> {
    Js::new()
        .map(3)
        .text("type")
        .text("leave")
        .text("senderId")
        .text("b")
        .text("junk")
        .raw(junk)
        .done()
}

#[test]
fn limits_nesting_depth() {
    // The junk value sits at level 1, so MAX_NESTING arrays fit exactly.
    let fits = [vec![0x81; MAX_NESTING - 1], vec![0x80]].concat();
    assert_eq!(
        Message::decode(&leave_with_junk(&fits)),
        Ok(Message::Leave {
            sender_id: peer("b")
        })
    );
    let too_deep = [vec![0x81; MAX_NESTING], vec![0x80]].concat();
    assert_eq!(
        Message::decode(&leave_with_junk(&too_deep)),
        Err(DecodeError::TooDeep(MAX_NESTING))
    );

    // Deep enough to overflow the stack of an unbounded recursive walk.
    for unit in [&[0x81][..], &[0x9f], &[0xa1, 0x00], &[0xc1]] {
        let junk = unit.repeat(1_000_000);
        assert_eq!(
            Message::decode(&leave_with_junk(&junk)),
            Err(DecodeError::TooDeep(MAX_NESTING))
        );
    }
}

#[test]
fn survives_huge_length_prefixes() {
    for head in [
        &[0x5b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff][..], // bytes
        &[0x7b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],     // text
        &[0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],     // array
        &[0xbb, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],     // map
    ] {
        assert!(matches!(
            Message::decode(&leave_with_junk(head)),
            Err(DecodeError::Cbor(_))
        ));
        let mut frame = head.to_vec();
        frame.push(0x00);
        assert!(Message::decode(&frame).is_err());
    }
    let sync = js_doc_frame("ephemeral", 1)
        .text("data")
        .raw(&[0x5b, 0, 0, 0x10, 0, 0, 0, 0, 0])
        .done();
    assert!(matches!(Message::decode(&sync), Err(DecodeError::Cbor(_))));
}

#[test]
fn refuses_every_truncation_of_every_sample() {
    for message in samples() {
        let bytes = message.encode();
        for cut in 0..bytes.len() {
            assert!(
                Message::decode(&bytes[..cut]).is_err(),
                "{message:?} cut at {cut}"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------

fn arb_peer() -> impl Strategy<Value = PeerId> {
    ".{0,12}".prop_map(PeerId)
}

fn arb_storage() -> impl Strategy<Value = StorageId> {
    ".{0,12}".prop_map(StorageId)
}

fn arb_doc() -> impl Strategy<Value = DocumentId> {
    any::<[u8; 16]>().prop_map(DocumentId::from_bytes)
}

fn arb_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(any::<u8>(), 0..64)
}

fn arb_metadata() -> impl Strategy<Value = Option<PeerMetadata>> {
    prop::option::of((prop::option::of(arb_storage()), any::<bool>()).prop_map(
        |(storage_id, is_ephemeral)| PeerMetadata {
            storage_id,
            is_ephemeral,
        },
    ))
}

fn arb_message() -> impl Strategy<Value = Message> {
    prop_oneof![
        (
            arb_peer(),
            prop::collection::vec(".{0,3}", 0..3),
            arb_metadata()
        )
            .prop_map(
                |(sender_id, supported_protocol_versions, metadata)| Message::Join {
                    sender_id,
                    supported_protocol_versions,
                    metadata,
                }
            ),
        (arb_peer(), arb_peer(), ".{0,3}", arb_metadata()).prop_map(
            |(sender_id, target_id, selected_protocol_version, metadata)| Message::Peer {
                sender_id,
                target_id,
                selected_protocol_version,
                metadata,
            }
        ),
        arb_peer().prop_map(|sender_id| Message::Leave { sender_id }),
        ".{0,40}".prop_map(|message| Message::Error { message }),
        (arb_doc(), arb_peer(), arb_peer(), arb_bytes()).prop_map(
            |(document_id, sender_id, target_id, data)| {
                Message::Request {
                    document_id,
                    sender_id,
                    target_id,
                    data,
                }
            }
        ),
        (arb_doc(), arb_peer(), arb_peer(), arb_bytes()).prop_map(
            |(document_id, sender_id, target_id, data)| {
                Message::Sync {
                    document_id,
                    sender_id,
                    target_id,
                    data,
                }
            }
        ),
        (arb_doc(), arb_peer(), arb_peer()).prop_map(|(document_id, sender_id, target_id)| {
            Message::DocUnavailable {
                document_id,
                sender_id,
                target_id,
            }
        }),
        (
            arb_doc(),
            arb_peer(),
            arb_peer(),
            any::<u64>(),
            ".{0,12}",
            arb_bytes()
        )
            .prop_map(
                |(document_id, sender_id, target_id, count, session_id, data)| Message::Ephemeral {
                    document_id,
                    sender_id,
                    target_id,
                    count,
                    session_id,
                    data,
                }
            ),
        (
            arb_peer(),
            arb_peer(),
            prop::collection::vec(arb_storage(), 0..4),
            prop::collection::vec(arb_storage(), 0..4)
        )
            .prop_map(|(sender_id, target_id, add, remove)| {
                Message::RemoteSubscriptionChange {
                    sender_id,
                    target_id,
                    add,
                    remove,
                }
            }),
        (
            arb_doc(),
            arb_peer(),
            arb_peer(),
            prop::collection::vec(
                (
                    arb_storage(),
                    prop::collection::vec("[A-Za-z0-9+/=]{0,12}", 0..3),
                    prop_oneof![any::<u64>(), 0..(1u64 << 53)]
                ),
                0..3
            )
        )
            .prop_map(|(document_id, sender_id, target_id, entries)| {
                Message::RemoteHeadsChanged {
                    document_id,
                    sender_id,
                    target_id,
                    new_heads: entries
                        .into_iter()
                        .map(|(storage, heads, timestamp)| {
                            (storage, RemoteHeads { heads, timestamp })
                        })
                        .collect(),
                }
            }),
    ]
}

proptest! {
    #[test]
    fn arbitrary_messages_round_trip(message in arb_message()) {
        prop_assert_eq!(Message::decode(&message.encode()), Ok(message));
    }

    #[test]
    fn every_truncation_is_an_error(message in arb_message()) {
        let bytes = message.encode();
        for cut in 0..bytes.len() {
            prop_assert!(Message::decode(&bytes[..cut]).is_err());
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = Message::decode(&bytes);
    }

    #[test]
    fn arbitrary_map_bodies_never_panic(
        head in prop_oneof![Just(0xbfu8), 0xa0u8..0xb8],
        body in prop::collection::vec(any::<u8>(), 0..512),
    ) {
        let _ = Message::decode(&[vec![head], body].concat());
    }

    #[test]
    fn corrupted_encodings_never_panic(
        message in arb_message(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
    ) {
        let mut bytes = message.encode();
        for (index, byte) in edits {
            let at = index.index(bytes.len());
            bytes[at] = byte;
        }
        let _ = Message::decode(&bytes);
    }
}

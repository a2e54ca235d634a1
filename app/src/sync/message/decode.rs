//! Reading frames.
//!
//! Decoding runs in two passes over the borrowed input:
//!
//! 1. [`scan`] walks the whole top-level map once, checking that it is
//!    well-formed CBOR nested at most [`MAX_NESTING`] deep, that nothing
//!    follows it, and noting where the value of each known key starts.
//! 2. Once the `type` is known, each field that type needs is read from its
//!    noted position and checked.
//!
//! Nothing is allocated from a length prefix: collections grow one decoded
//! item at a time, so memory stays proportional to the input.

use std::borrow::Cow;

use minicbor::Decoder;
use minicbor::data::Type;

use super::{DecodeError, MAX_NESTING, Message, PeerMetadata, RemoteHeads, keys, types};
use crate::sync::ids::{DocumentId, PeerId, StorageId};

/// CBOR tag 64: a byte string holding a `Uint8Array`.
const UINT8_ARRAY_TAG: u64 = 64;

/// The keys of a frame that some message type reads.
#[derive(Clone, Copy)]
enum Key {
    Type,
    SenderId,
    TargetId,
    DocumentId,
    Data,
    PeerMetadata,
    Metadata,
    SupportedProtocolVersions,
    SelectedProtocolVersion,
    Message,
    Count,
    SessionId,
    Add,
    Remove,
    NewHeads,
}

impl Key {
    const COUNT: usize = 15;

    fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            keys::TYPE => Self::Type,
            keys::SENDER_ID => Self::SenderId,
            keys::TARGET_ID => Self::TargetId,
            keys::DOCUMENT_ID => Self::DocumentId,
            keys::DATA => Self::Data,
            keys::PEER_METADATA => Self::PeerMetadata,
            keys::METADATA => Self::Metadata,
            keys::SUPPORTED_PROTOCOL_VERSIONS => Self::SupportedProtocolVersions,
            keys::SELECTED_PROTOCOL_VERSION => Self::SelectedProtocolVersion,
            keys::MESSAGE => Self::Message,
            keys::COUNT => Self::Count,
            keys::SESSION_ID => Self::SessionId,
            keys::ADD => Self::Add,
            keys::REMOVE => Self::Remove,
            keys::NEW_HEADS => Self::NewHeads,
            _ => return None,
        })
    }

    const fn name(self) -> &'static str {
        match self {
            Self::Type => keys::TYPE,
            Self::SenderId => keys::SENDER_ID,
            Self::TargetId => keys::TARGET_ID,
            Self::DocumentId => keys::DOCUMENT_ID,
            Self::Data => keys::DATA,
            Self::PeerMetadata => keys::PEER_METADATA,
            Self::Metadata => keys::METADATA,
            Self::SupportedProtocolVersions => keys::SUPPORTED_PROTOCOL_VERSIONS,
            Self::SelectedProtocolVersion => keys::SELECTED_PROTOCOL_VERSION,
            Self::Message => keys::MESSAGE,
            Self::Count => keys::COUNT,
            Self::SessionId => keys::SESSION_ID,
            Self::Add => keys::ADD,
            Self::Remove => keys::REMOVE,
            Self::NewHeads => keys::NEW_HEADS,
        }
    }
}

/// Why a value was refused, before it is tied to a message type and key.
type Reason = String;

/// The outcome of reading one value in the second pass.
type Read<T> = Result<T, Reason>;

pub(super) fn decode(input: &[u8]) -> Result<Message, DecodeError> {
    let frame = scan(input)?;
    let type_name = match frame.decoder(Key::Type) {
        None => return Err(DecodeError::MissingType),
        Some(mut d) => text(&mut d).map_err(DecodeError::InvalidType)?,
    };
    let message = match type_name.as_ref() {
        types::JOIN => {
            let f = frame.of(types::JOIN);
            Message::Join {
                sender_id: f.required(Key::SenderId, peer_id)?,
                supported_protocol_versions: f.required(Key::SupportedProtocolVersions, texts)?,
                metadata: f.metadata()?,
            }
        }
        types::PEER => {
            let f = frame.of(types::PEER);
            Message::Peer {
                sender_id: f.required(Key::SenderId, peer_id)?,
                target_id: f.required(Key::TargetId, peer_id)?,
                selected_protocol_version: f.required(Key::SelectedProtocolVersion, owned_text)?,
                metadata: f.metadata()?,
            }
        }
        types::LEAVE => {
            let f = frame.of(types::LEAVE);
            Message::Leave {
                sender_id: f.required(Key::SenderId, peer_id)?,
            }
        }
        types::ERROR => {
            let f = frame.of(types::ERROR);
            Message::Error {
                message: f.required(Key::Message, owned_text)?,
            }
        }
        types::REQUEST => {
            let f = frame.of(types::REQUEST);
            Message::Request {
                document_id: f.required(Key::DocumentId, document_id)?,
                sender_id: f.required(Key::SenderId, peer_id)?,
                target_id: f.required(Key::TargetId, peer_id)?,
                data: f.required(Key::Data, bytes)?,
            }
        }
        types::SYNC => {
            let f = frame.of(types::SYNC);
            Message::Sync {
                document_id: f.required(Key::DocumentId, document_id)?,
                sender_id: f.required(Key::SenderId, peer_id)?,
                target_id: f.required(Key::TargetId, peer_id)?,
                data: f.required(Key::Data, bytes)?,
            }
        }
        types::DOC_UNAVAILABLE => {
            let f = frame.of(types::DOC_UNAVAILABLE);
            Message::DocUnavailable {
                document_id: f.required(Key::DocumentId, document_id)?,
                sender_id: f.required(Key::SenderId, peer_id)?,
                target_id: f.required(Key::TargetId, peer_id)?,
            }
        }
        types::EPHEMERAL => {
            let f = frame.of(types::EPHEMERAL);
            Message::Ephemeral {
                document_id: f.required(Key::DocumentId, document_id)?,
                sender_id: f.required(Key::SenderId, peer_id)?,
                target_id: f.required(Key::TargetId, peer_id)?,
                count: f.required(Key::Count, number)?,
                session_id: f.required(Key::SessionId, owned_text)?,
                data: f.required(Key::Data, bytes)?,
            }
        }
        types::REMOTE_SUBSCRIPTION_CHANGE => {
            let f = frame.of(types::REMOTE_SUBSCRIPTION_CHANGE);
            Message::RemoteSubscriptionChange {
                sender_id: f.required(Key::SenderId, peer_id)?,
                target_id: f.required(Key::TargetId, peer_id)?,
                add: f.optional(Key::Add, storage_ids)?.unwrap_or_default(),
                remove: f.optional(Key::Remove, storage_ids)?.unwrap_or_default(),
            }
        }
        types::REMOTE_HEADS_CHANGED => {
            let f = frame.of(types::REMOTE_HEADS_CHANGED);
            Message::RemoteHeadsChanged {
                document_id: f.required(Key::DocumentId, document_id)?,
                sender_id: f.required(Key::SenderId, peer_id)?,
                target_id: f.required(Key::TargetId, peer_id)?,
                new_heads: f.required(Key::NewHeads, new_heads)?,
            }
        }
        other => return Err(DecodeError::UnknownType(other.to_owned())),
    };
    Ok(message)
}

/// A frame after the first pass: where each known key's value starts.
struct Frame<'b> {
    input: &'b [u8],
    /// For each [`Key`], the position of its last value, unless that value
    /// is absent, `null` or `undefined`.
    values: [Option<usize>; Key::COUNT],
}

impl<'b> Frame<'b> {
    /// A decoder positioned on the value of `key`, if the frame has one.
    fn decoder(&self, key: Key) -> Option<Decoder<'b>> {
        self.values[key as usize].map(|position| {
            let mut d = Decoder::new(self.input);
            d.set_position(position);
            d
        })
    }

    /// The frame's fields, read as a message of type `message_type`.
    const fn of(&self, message_type: &'static str) -> Fields<'_, 'b> {
        Fields {
            frame: self,
            message_type,
        }
    }
}

/// The fields of a frame whose type is known, for error messages.
struct Fields<'f, 'b> {
    frame: &'f Frame<'b>,
    message_type: &'static str,
}

impl<'b> Fields<'_, 'b> {
    fn optional<T>(
        &self,
        key: Key,
        read: impl FnOnce(&mut Decoder<'b>) -> Read<T>,
    ) -> Result<Option<T>, DecodeError> {
        let Some(mut d) = self.frame.decoder(key) else {
            return Ok(None);
        };
        read(&mut d)
            .map(Some)
            .map_err(|reason| DecodeError::InvalidField {
                message_type: self.message_type,
                field: key.name(),
                reason,
            })
    }

    fn required<T>(
        &self,
        key: Key,
        read: impl FnOnce(&mut Decoder<'b>) -> Read<T>,
    ) -> Result<T, DecodeError> {
        self.optional(key, read)?.ok_or(DecodeError::MissingField {
            message_type: self.message_type,
            field: key.name(),
        })
    }

    /// `peerMetadata`, or failing that the specification's `metadata`.
    fn metadata(&self) -> Result<Option<PeerMetadata>, DecodeError> {
        match self.optional(Key::PeerMetadata, peer_metadata)? {
            Some(metadata) => Ok(Some(metadata)),
            None => self.optional(Key::Metadata, peer_metadata),
        }
    }
}

// ---------------------------------------------------------------------------
// First pass
// ---------------------------------------------------------------------------

/// Checks that `input` is one well-formed CBOR map and notes its known keys.
fn scan(input: &[u8]) -> Result<Frame<'_>, DecodeError> {
    let mut d = Decoder::new(input);
    if !matches!(d.datatype().map_err(cbor)?, Type::Map | Type::MapIndef) {
        return Err(DecodeError::NotAMap);
    }
    let mut values = [None; Key::COUNT];
    let entries = d.map().map_err(cbor)?;
    let mut seen: u64 = 0;
    while more(&mut d, entries, seen).map_err(cbor)? {
        seen += 1;
        let key = match d.datatype().map_err(cbor)? {
            Type::String | Type::StringIndef => {
                let name = text(&mut d).map_err(DecodeError::Cbor)?;
                Key::from_name(&name)
            }
            // A JavaScript object only has text keys; anything else is noise.
            _ => {
                skip(&mut d, 1)?;
                None
            }
        };
        let position = d.position();
        let absent = is_absent(&d).map_err(cbor)?;
        skip(&mut d, 1)?;
        if let Some(key) = key {
            values[key as usize] = if absent { None } else { Some(position) };
        }
    }
    match input.len() - d.position() {
        0 => Ok(Frame { input, values }),
        trailing => Err(DecodeError::TrailingBytes(trailing)),
    }
}

/// Skips one CBOR value found at nesting `level`, checking it is well-formed.
fn skip(d: &mut Decoder<'_>, level: usize) -> Result<(), DecodeError> {
    if level > MAX_NESTING {
        return Err(DecodeError::TooDeep(MAX_NESTING));
    }
    match d.datatype().map_err(cbor)? {
        Type::Array | Type::ArrayIndef => {
            let len = d.array().map_err(cbor)?;
            let mut seen: u64 = 0;
            while more(d, len, seen).map_err(cbor)? {
                seen += 1;
                skip(d, level + 1)?;
            }
        }
        Type::Map | Type::MapIndef => {
            let len = d.map().map_err(cbor)?;
            let mut seen: u64 = 0;
            while more(d, len, seen).map_err(cbor)? {
                seen += 1;
                skip(d, level + 1)?;
                skip(d, level + 1)?;
            }
        }
        Type::Tag => {
            d.tag().map_err(cbor)?;
            skip(d, level + 1)?;
        }
        Type::String | Type::StringIndef => {
            text(d).map_err(DecodeError::Cbor)?;
        }
        Type::Bytes | Type::BytesIndef => {
            for chunk in d.bytes_iter().map_err(cbor)? {
                chunk.map_err(cbor)?;
            }
        }
        Type::F16 => {
            half(d).map_err(DecodeError::Cbor)?;
        }
        Type::Break => {
            return Err(DecodeError::Cbor(format!(
                "unexpected break at {}",
                d.position()
            )));
        }
        Type::Unknown(byte) => {
            return Err(DecodeError::Cbor(format!(
                "invalid initial byte {byte:#04x} at {}",
                d.position()
            )));
        }
        // Integers, floats, simple values: minicbor's own skip reads one
        // scalar without recursing.
        _ => d.skip().map_err(cbor)?,
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Readers for the second pass (and shared helpers)
// ---------------------------------------------------------------------------

/// Whether a collection of `len` items (`None`: indefinite) of which `seen`
/// were read has more; consumes the closing break of an indefinite one.
fn more(d: &mut Decoder<'_>, len: Option<u64>, seen: u64) -> Result<bool, minicbor::decode::Error> {
    match len {
        Some(len) => Ok(seen < len),
        None => {
            if d.datatype()? == Type::Break {
                d.set_position(d.position() + 1);
                Ok(false)
            } else {
                Ok(true)
            }
        }
    }
}

/// Whether the value at the decoder is `null` or `undefined`.
fn is_absent(d: &Decoder<'_>) -> Result<bool, minicbor::decode::Error> {
    Ok(matches!(d.datatype()?, Type::Null | Type::Undefined))
}

/// A text string, definite or indefinite.
fn text<'b>(d: &mut Decoder<'b>) -> Read<Cow<'b, str>> {
    match d.datatype().map_err(reason)? {
        Type::String => d.str().map(Cow::Borrowed).map_err(reason),
        Type::StringIndef => {
            let mut whole = String::new();
            for chunk in d.str_iter().map_err(reason)? {
                whole.push_str(chunk.map_err(reason)?);
            }
            Ok(Cow::Owned(whole))
        }
        other => Err(expected("text", other)),
    }
}

fn owned_text(d: &mut Decoder<'_>) -> Read<String> {
    text(d).map(Cow::into_owned)
}

fn peer_id(d: &mut Decoder<'_>) -> Read<PeerId> {
    owned_text(d).map(PeerId)
}

fn document_id(d: &mut Decoder<'_>) -> Read<DocumentId> {
    DocumentId::parse(&text(d)?).map_err(|e| e.to_string())
}

/// A byte string, definite or indefinite, possibly tagged as a `Uint8Array`.
fn bytes(d: &mut Decoder<'_>) -> Read<Vec<u8>> {
    match d.datatype().map_err(reason)? {
        Type::Tag => {
            let tag = d.tag().map_err(reason)?;
            if tag.as_u64() != UINT8_ARRAY_TAG {
                return Err(format!("expected bytes, found tag {}", tag.as_u64()));
            }
            match d.datatype().map_err(reason)? {
                Type::Bytes | Type::BytesIndef => bytes(d),
                other => Err(expected("bytes inside tag 64", other)),
            }
        }
        Type::Bytes => d.bytes().map(<[u8]>::to_vec).map_err(reason),
        Type::BytesIndef => {
            let mut whole = Vec::new();
            for chunk in d.bytes_iter().map_err(reason)? {
                whole.extend_from_slice(chunk.map_err(reason)?);
            }
            Ok(whole)
        }
        other => Err(expected("bytes", other)),
    }
}

fn boolean(d: &mut Decoder<'_>) -> Read<bool> {
    match d.datatype().map_err(reason)? {
        Type::Bool => d.bool().map_err(reason),
        other => Err(expected("a boolean", other)),
    }
}

/// A non-negative integer, written by JavaScript as an integer or a float.
fn number(d: &mut Decoder<'_>) -> Read<u64> {
    let float = match d.datatype().map_err(reason)? {
        Type::U8 | Type::U16 | Type::U32 | Type::U64 => return d.u64().map_err(reason),
        Type::F16 => half(d)?,
        Type::F32 | Type::F64 => d.f64().map_err(reason)?,
        other => return Err(expected("a non-negative integer", other)),
    };
    // 2^64 is exact in an f64; anything at or above it does not fit.
    #[allow(clippy::cast_precision_loss)]
    let limit = u64::MAX as f64;
    if float.is_finite() && float >= 0.0 && float.fract() == 0.0 && float < limit {
        // In range and integral, so the conversion is exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Ok(float as u64)
    } else {
        Err(format!("expected a non-negative integer, found {float}"))
    }
}

/// A half-precision float (minicbor reads those only with its `half`
/// feature, which this crate does not enable).
fn half(d: &mut Decoder<'_>) -> Read<f64> {
    let start = d.position();
    let raw = d
        .input()
        .get(start + 1..start + 3)
        .ok_or_else(|| format!("truncated half float at {start}"))?;
    let bits = u16::from_be_bytes(raw.try_into().map_err(|_| "half float")?);
    d.set_position(start + 3);
    let sign = if bits & 0x8000 == 0 { 1.0 } else { -1.0 };
    let exponent = i32::from((bits >> 10) & 0x1f);
    let fraction = f64::from(bits & 0x03ff);
    Ok(match exponent {
        0 => sign * fraction * 2f64.powi(-24),
        0x1f if fraction == 0.0 => sign * f64::INFINITY,
        0x1f => f64::NAN,
        _ => sign * (1.0 + fraction / 1024.0) * 2f64.powi(exponent - 15),
    })
}

/// Reads the items of an array, definite or indefinite, with `item`.
fn array<'b, T>(
    d: &mut Decoder<'b>,
    mut item: impl FnMut(&mut Decoder<'b>) -> Read<T>,
) -> Read<Vec<T>> {
    let len = match d.datatype().map_err(reason)? {
        Type::Array | Type::ArrayIndef => d.array().map_err(reason)?,
        other => return Err(expected("an array", other)),
    };
    let mut items = Vec::new();
    while more(d, len, items.len() as u64).map_err(reason)? {
        items.push(item(d)?);
    }
    Ok(items)
}

/// Reads the entries of a map with text keys, definite or indefinite.
/// `entry` gets each key and must consume its value.
fn map<'b>(
    d: &mut Decoder<'b>,
    mut entry: impl FnMut(Cow<'b, str>, &mut Decoder<'b>) -> Read<()>,
) -> Read<()> {
    let len = match d.datatype().map_err(reason)? {
        Type::Map | Type::MapIndef => d.map().map_err(reason)?,
        other => return Err(expected("a map", other)),
    };
    let mut seen: u64 = 0;
    while more(d, len, seen).map_err(reason)? {
        seen += 1;
        let key = text(d).map_err(|e| format!("map key: {e}"))?;
        entry(key, d)?;
    }
    Ok(())
}

fn texts(d: &mut Decoder<'_>) -> Read<Vec<String>> {
    array(d, owned_text)
}

fn storage_ids(d: &mut Decoder<'_>) -> Read<Vec<StorageId>> {
    array(d, |d| owned_text(d).map(StorageId))
}

/// `{ storageId?, isEphemeral? }`, a top-level value (level 1).
fn peer_metadata(d: &mut Decoder<'_>) -> Read<PeerMetadata> {
    let mut metadata = PeerMetadata::default();
    map(d, |key, d| {
        if is_absent(d).map_err(reason)? {
            return skip(d, 2).map_err(|e| e.to_string());
        }
        match key.as_ref() {
            keys::STORAGE_ID => metadata.storage_id = Some(StorageId(owned_text(d)?)),
            keys::IS_EPHEMERAL => metadata.is_ephemeral = boolean(d)?,
            _ => skip(d, 2).map_err(|e| e.to_string())?,
        }
        Ok(())
    })?;
    Ok(metadata)
}

/// `{ <storage id>: { heads: [text], timestamp: uint } }`, a top-level value.
fn new_heads(d: &mut Decoder<'_>) -> Read<Vec<(StorageId, RemoteHeads)>> {
    let mut all = Vec::new();
    map(d, |storage_id, d| {
        let heads = remote_heads(d).map_err(|e| format!("entry {storage_id:?}: {e}"))?;
        all.push((StorageId(storage_id.into_owned()), heads));
        Ok(())
    })?;
    Ok(all)
}

/// One `newHeads` entry (level 2).
fn remote_heads(d: &mut Decoder<'_>) -> Read<RemoteHeads> {
    let mut heads = None;
    let mut timestamp = None;
    map(d, |key, d| {
        match key.as_ref() {
            keys::HEADS => heads = Some(texts(d)?),
            keys::TIMESTAMP => timestamp = Some(number(d)?),
            _ => skip(d, 3).map_err(|e| e.to_string())?,
        }
        Ok(())
    })?;
    Ok(RemoteHeads {
        heads: heads.ok_or_else(|| format!("missing {:?}", keys::HEADS))?,
        timestamp: timestamp.ok_or_else(|| format!("missing {:?}", keys::TIMESTAMP))?,
    })
}

fn expected(what: &str, found: Type) -> Reason {
    format!("expected {what}, found {found}")
}

#[allow(clippy::needless_pass_by_value)]
fn reason(error: minicbor::decode::Error) -> Reason {
    error.to_string()
}

#[allow(clippy::needless_pass_by_value)]
fn cbor(error: minicbor::decode::Error) -> DecodeError {
    DecodeError::Cbor(error.to_string())
}

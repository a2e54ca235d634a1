//! Writing frames: definite-length maps with the JavaScript key names.

use std::convert::Infallible;

use minicbor::Encoder;

use super::{Message, PeerMetadata, RemoteHeads, keys};
use crate::sync::ids::{PeerId, StorageId};

/// What the encoder's methods return when writing into a `Vec`.
type Written = Result<(), minicbor::encode::Error<Infallible>>;

/// The largest integer a JavaScript number holds exactly (2^53).
const MAX_SAFE_INTEGER: u64 = 1 << 53;

/// Encodes `message` as one CBOR map.
pub(super) fn encode(message: &Message) -> Vec<u8> {
    let mut encoder = Encoder::new(Vec::new());
    match write_message(&mut encoder, message) {
        Ok(()) => encoder.into_writer(),
        // A `Vec` writer never fails and nothing here builds custom errors.
        Err(error) => unreachable!("writing CBOR into a Vec failed: {error}"),
    }
}

fn write_message(e: &mut Encoder<Vec<u8>>, message: &Message) -> Written {
    let type_name = message.type_name();
    match message {
        Message::Join {
            sender_id,
            supported_protocol_versions,
            metadata,
        } => {
            e.map(3 + u64::from(metadata.is_some()))?;
            e.str(keys::TYPE)?.str(type_name)?;
            peer(e, keys::SENDER_ID, sender_id)?;
            if let Some(metadata) = metadata {
                e.str(keys::PEER_METADATA)?;
                peer_metadata(e, metadata)?;
            }
            e.str(keys::SUPPORTED_PROTOCOL_VERSIONS)?;
            e.array(len(supported_protocol_versions))?;
            for version in supported_protocol_versions {
                e.str(version)?;
            }
        }
        Message::Peer {
            sender_id,
            target_id,
            selected_protocol_version,
            metadata,
        } => {
            e.map(4 + u64::from(metadata.is_some()))?;
            e.str(keys::TYPE)?.str(type_name)?;
            peer(e, keys::SENDER_ID, sender_id)?;
            if let Some(metadata) = metadata {
                e.str(keys::PEER_METADATA)?;
                peer_metadata(e, metadata)?;
            }
            e.str(keys::SELECTED_PROTOCOL_VERSION)?
                .str(selected_protocol_version)?;
            peer(e, keys::TARGET_ID, target_id)?;
        }
        Message::Leave { sender_id } => {
            e.map(2)?;
            e.str(keys::TYPE)?.str(type_name)?;
            peer(e, keys::SENDER_ID, sender_id)?;
        }
        Message::Error { message } => {
            e.map(2)?;
            e.str(keys::TYPE)?.str(type_name)?;
            e.str(keys::MESSAGE)?.str(message)?;
        }
        Message::Request {
            document_id,
            sender_id,
            target_id,
            data,
        }
        | Message::Sync {
            document_id,
            sender_id,
            target_id,
            data,
        } => {
            e.map(5)?;
            e.str(keys::TYPE)?.str(type_name)?;
            peer(e, keys::SENDER_ID, sender_id)?;
            peer(e, keys::TARGET_ID, target_id)?;
            e.str(keys::DOCUMENT_ID)?.str(&document_id.to_bs58check())?;
            e.str(keys::DATA)?.bytes(data)?;
        }
        Message::DocUnavailable {
            document_id,
            sender_id,
            target_id,
        } => {
            e.map(4)?;
            e.str(keys::TYPE)?.str(type_name)?;
            peer(e, keys::SENDER_ID, sender_id)?;
            peer(e, keys::TARGET_ID, target_id)?;
            e.str(keys::DOCUMENT_ID)?.str(&document_id.to_bs58check())?;
        }
        Message::Ephemeral {
            document_id,
            sender_id,
            target_id,
            count,
            session_id,
            data,
        } => {
            e.map(7)?;
            e.str(keys::TYPE)?.str(type_name)?;
            peer(e, keys::SENDER_ID, sender_id)?;
            peer(e, keys::TARGET_ID, target_id)?;
            e.str(keys::COUNT)?;
            number(e, *count)?;
            e.str(keys::SESSION_ID)?.str(session_id)?;
            e.str(keys::DOCUMENT_ID)?.str(&document_id.to_bs58check())?;
            e.str(keys::DATA)?.bytes(data)?;
        }
        Message::RemoteSubscriptionChange {
            sender_id,
            target_id,
            add,
            remove,
        } => {
            e.map(4 + u64::from(!add.is_empty()))?;
            e.str(keys::TYPE)?.str(type_name)?;
            peer(e, keys::SENDER_ID, sender_id)?;
            peer(e, keys::TARGET_ID, target_id)?;
            if !add.is_empty() {
                e.str(keys::ADD)?;
                storage_ids(e, add)?;
            }
            e.str(keys::REMOVE)?;
            storage_ids(e, remove)?;
        }
        Message::RemoteHeadsChanged {
            document_id,
            sender_id,
            target_id,
            new_heads,
        } => {
            e.map(5)?;
            e.str(keys::TYPE)?.str(type_name)?;
            peer(e, keys::SENDER_ID, sender_id)?;
            peer(e, keys::TARGET_ID, target_id)?;
            e.str(keys::DOCUMENT_ID)?.str(&document_id.to_bs58check())?;
            e.str(keys::NEW_HEADS)?.map(len(new_heads))?;
            for (storage_id, heads) in new_heads {
                e.str(&storage_id.0)?;
                remote_heads(e, heads)?;
            }
        }
    }
    Ok(())
}

/// One `key: peer id` entry.
fn peer(e: &mut Encoder<Vec<u8>>, key: &str, id: &PeerId) -> Written {
    e.str(key)?.str(id.as_str())?;
    Ok(())
}

fn peer_metadata(e: &mut Encoder<Vec<u8>>, metadata: &PeerMetadata) -> Written {
    e.map(1 + u64::from(metadata.storage_id.is_some()))?;
    if let Some(storage_id) = &metadata.storage_id {
        e.str(keys::STORAGE_ID)?.str(&storage_id.0)?;
    }
    e.str(keys::IS_EPHEMERAL)?.bool(metadata.is_ephemeral)?;
    Ok(())
}

fn storage_ids(e: &mut Encoder<Vec<u8>>, ids: &[StorageId]) -> Written {
    e.array(len(ids))?;
    for id in ids {
        e.str(&id.0)?;
    }
    Ok(())
}

fn remote_heads(e: &mut Encoder<Vec<u8>>, heads: &RemoteHeads) -> Written {
    e.map(2)?;
    e.str(keys::HEADS)?.array(len(&heads.heads))?;
    for head in &heads.heads {
        e.str(head)?;
    }
    e.str(keys::TIMESTAMP)?;
    number(e, heads.timestamp)
}

/// Writes a JavaScript number the way cbor-x does.
///
/// cbor-x writes integers of up to 32 bits as CBOR integers and larger ones
/// (such as `Date.now()`) as 64-bit floats; it decodes a 64-bit CBOR integer
/// into a `BigInt`, which the automerge-repo code does not expect. So values
/// that a JavaScript number holds exactly go out as floats, and only values
/// beyond 2^53 (which no JavaScript peer can produce) as 64-bit integers.
fn number(e: &mut Encoder<Vec<u8>>, value: u64) -> Written {
    if value <= u64::from(u32::MAX) || value > MAX_SAFE_INTEGER {
        e.u64(value)?;
    } else {
        // Exact: the value has at most 53 significant bits.
        #[allow(clippy::cast_precision_loss)]
        e.f64(value as f64)?;
    }
    Ok(())
}

/// A collection length as CBOR writes it.
fn len<T>(items: &[T]) -> u64 {
    // `usize` is at most 64 bits on every supported target.
    items.len() as u64
}

//! Reading document content that a foreign client may have written: a value
//! of an unexpected type reads as absent, never as an error or a panic.

use automerge::{Automerge, ChangeHash, ObjId, ObjType, ROOT, ReadDoc, ScalarValue, Value};

use crate::domain::ids::MemberId;

/// A string, written as a text object or as a plain string.
pub(crate) fn string(doc: &Automerge, obj: &ObjId, key: &str) -> Option<String> {
    match doc.get(obj, key).ok()?? {
        (Value::Object(ObjType::Text), id) => doc.text(&id).ok(),
        (Value::Scalar(s), _) => s.as_str().map(str::to_owned),
        (Value::Object(_), _) => None,
    }
}

/// A time or integer.
pub(crate) fn time(doc: &Automerge, obj: &ObjId, key: &str) -> Option<i64> {
    match doc.get(obj, key).ok()?? {
        (Value::Scalar(s), _) => match s.as_ref() {
            ScalarValue::Timestamp(t) | ScalarValue::Int(t) => Some(*t),
            ScalarValue::Uint(u) => i64::try_from(*u).ok(),
            _ => None,
        },
        (Value::Object(_), _) => None,
    }
}

/// A boolean (absent or of another type: false).
pub(crate) fn flag(doc: &Automerge, obj: &ObjId, key: &str) -> bool {
    matches!(
        doc.get(obj, key),
        Ok(Some((Value::Scalar(s), _))) if matches!(s.as_ref(), ScalarValue::Boolean(true))
    )
}

/// A map object.
pub(crate) fn map(doc: &Automerge, obj: &ObjId, key: &str) -> Option<ObjId> {
    match doc.get(obj, key).ok()?? {
        (Value::Object(ObjType::Map), id) => Some(id),
        _ => None,
    }
}

/// A text object.
pub(crate) fn text(doc: &Automerge, obj: &ObjId, key: &str) -> Option<ObjId> {
    match doc.get(obj, key).ok()?? {
        (Value::Object(ObjType::Text), id) => Some(id),
        _ => None,
    }
}

/// A member id, written as a string.
pub(crate) fn member(doc: &Automerge, obj: &ObjId, key: &str) -> Option<MemberId> {
    MemberId::parse(&string(doc, obj, key)?).ok()
}

/// Whether `key` holds anything.
pub(crate) fn exists(doc: &Automerge, obj: &ObjId, key: &str) -> bool {
    matches!(doc.get(obj, key), Ok(Some(_)))
}

/// The keys of `obj`, in order.
pub(crate) fn keys(doc: &Automerge, obj: &ObjId) -> Vec<String> {
    doc.keys(obj).collect()
}

/// The ROOT keys that start with `prefix` (which ends with `:`), with the
/// prefix removed, in key order.
pub(crate) fn prefixed(doc: &Automerge, prefix: &str) -> Vec<String> {
    let Some(stem) = prefix.strip_suffix(':') else {
        return Vec::new();
    };
    // `;` follows `:`: the range holds exactly the keys with the prefix.
    let end = format!("{stem};");
    doc.map_range(ROOT, prefix.to_owned()..end)
        .filter_map(|item| item.key.strip_prefix(prefix).map(str::to_owned))
        .collect()
}

/// A string as it was at `heads` (a past state of the document), written
/// as a text object or as a plain string.
pub(crate) fn string_at(
    doc: &Automerge,
    obj: &ObjId,
    key: &str,
    heads: &[ChangeHash],
) -> Option<String> {
    match doc.get_at(obj, key, heads).ok()?? {
        (Value::Object(ObjType::Text), id) => doc.text_at(&id, heads).ok(),
        (Value::Scalar(s), _) => s.as_str().map(str::to_owned),
        (Value::Object(_), _) => None,
    }
}

/// A map object as it was at `heads`.
pub(crate) fn map_at(
    doc: &Automerge,
    obj: &ObjId,
    key: &str,
    heads: &[ChangeHash],
) -> Option<ObjId> {
    match doc.get_at(obj, key, heads).ok()?? {
        (Value::Object(ObjType::Map), id) => Some(id),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use automerge::transaction::Transactable;

    use super::*;

    #[test]
    fn prefixed_keys_are_exactly_those_with_the_prefix() {
        let mut doc = Automerge::new();
        let mut tx = doc.transaction();
        for key in [
            "mine", "mine:", "mine:a", "mine:b:c", "mine;", "mines", "minf:a", "mind:a",
        ] {
            tx.put(ROOT, key, 1).expect("put");
        }
        tx.commit();
        assert_eq!(prefixed(&doc, "mine:"), vec!["", "a", "b:c"]);
    }
}

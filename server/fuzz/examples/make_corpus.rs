//! Writes the seed corpus of the `storage_loader` fuzz target into
//! `corpus/storage_loader/`, in its input layout (header byte, then chunks;
//! see the target's documentation): a saved document, incremental changes in
//! and out of order, a snapshot followed by a change, a change whose
//! dependencies are missing, and one garbage file.
//!
//! Run from anywhere: `cargo run --manifest-path server/fuzz/Cargo.toml --example make_corpus`.

use std::fs;
use std::path::Path;

use automerge::{
    ActorId, AutoCommit, ROOT,
    transaction::{CommitOptions, Transactable},
};

/// The header for `count` chunks (1..=4), the first as a snapshot or not.
fn header(count: usize, snapshot_first: bool) -> u8 {
    let count = u8::try_from(count - 1).expect("at most 4 chunks") & 3;
    count | if snapshot_first { 4 } else { 0 }
}

/// One input: every chunk but the last is length-prefixed.
fn input(snapshot_first: bool, chunks: &[&[u8]]) -> Vec<u8> {
    let mut out = vec![header(chunks.len(), snapshot_first)];
    let (last, rest) = chunks.split_last().expect("a chunk");
    for chunk in rest {
        let len = u16::try_from(chunk.len()).expect("a short chunk");
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(chunk);
    }
    out.extend_from_slice(last);
    out
}

fn main() {
    let mut doc = AutoCommit::new().with_actor(ActorId::from(b"seed-actor-one".as_slice()));
    let mut incrementals = Vec::new();
    for (key, value) in [("title", "Plan"), ("colour", "bleu"), ("title", "Suite")] {
        doc.put(ROOT, key, value).expect("put");
        doc.commit_with(CommitOptions::default().with_time(0));
        incrementals.push(doc.save_incremental());
    }
    let saved = doc.save();
    let mut forked = doc
        .fork()
        .with_actor(ActorId::from(b"seed-actor-two".as_slice()));
    forked.put(ROOT, "autre", 3_i64).expect("put");
    forked.commit_with(CommitOptions::default().with_time(0));
    let later = forked.save_after(&doc.get_heads());

    let seeds: Vec<(&str, Vec<u8>)> = vec![
        ("saved-doc", input(false, &[&saved])),
        ("snapshot-then-change", input(true, &[&saved, &later])),
        (
            "incrementals",
            input(
                false,
                &[&incrementals[0], &incrementals[1], &incrementals[2]],
            ),
        ),
        (
            "incrementals-reversed",
            input(
                false,
                &[&incrementals[2], &incrementals[1], &incrementals[0]],
            ),
        ),
        ("missing-deps", input(false, &[&incrementals[1]])),
        (
            "garbage",
            b"\x02\x05\x00\x85\x6f\x4a\x83\xffgarbage\x00\x00not automerge".to_vec(),
        ),
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("corpus")
        .join("storage_loader");
    fs::create_dir_all(&dir).expect("create the corpus directory");
    for (name, bytes) in seeds {
        fs::write(dir.join(name), bytes).expect("write a seed");
    }
    println!("wrote seeds under {}", dir.display());
}

//! The relay's access rule at the protocol level: a connection reaches the
//! documents of the space it proved, and a document of another space is
//! answered exactly like one that does not exist.

use super::*;

const OTHER: DocumentId = DocumentId::from_bytes([0xbb; 16]);

/// Client 0 in `SPACE` owns a document; client 1 proved `OTHER`.
fn two_spaces() -> Net {
    let mut net = Net::new(2);
    net.spaces[1] = OTHER;
    net.link(0);
    net.link(1);
    net.clients[0].create(id(20), doc_with_title("Plan vélo"));
    net.pump();
    assert_eq!(net.relay_claims.get(&id(20)), Some(&SPACE));
    net
}

fn unavailable_sent_to(effects: &[Effect], to: ConnectionId, doc: DocumentId) -> bool {
    effects.iter().any(|e| {
        matches!(e, Effect::Send { connection, message: Message::DocUnavailable { document_id, .. } }
            if *connection == to && *document_id == doc)
    })
}

fn syncs_sent_to(effects: &[Effect], to: ConnectionId) -> usize {
    effects.iter().filter(|e| matches!(e, Effect::Send { connection, message: Message::Sync { .. } } if *connection == to)).count()
}

#[test]
fn another_space_asking_for_a_document_gets_unavailable_and_nothing_else() {
    let mut net = two_spaces();
    net.relay_log.clear();
    net.clients[1].request(id(20));
    net.pump();
    assert!(unavailable_sent_to(&net.relay_log, ConnectionId(2), id(20)));
    assert_eq!(
        syncs_sent_to(&net.relay_log, ConnectionId(2)),
        0,
        "not one sync frame"
    );
    assert_eq!(net.title(1, id(20)), None);
    assert!(
        net.clients[1]
            .document(&id(20))
            .is_some_and(|d| d.get_heads().is_empty())
    );
    // Later edits by the owner never reach it either.
    set_title(&mut net.clients[0], id(20), "title", "Plan vélo 2");
    net.pump();
    assert_eq!(net.title(1, id(20)), None);
}

#[test]
fn the_answer_is_the_same_as_for_a_document_that_does_not_exist() {
    let mut net = two_spaces();
    net.relay_log.clear();
    net.clients[1].request(id(20));
    net.clients[1].request(id(99));
    net.pump();
    let answers: Vec<Message> = net
        .relay_log
        .iter()
        .filter_map(|e| match e {
            Effect::Send {
                connection,
                message,
            } if *connection == ConnectionId(2) => Some(message.clone()),
            _ => None,
        })
        .collect();
    let shape = |doc: DocumentId| {
        answers
            .iter()
            .filter(
                |m| matches!(m, Message::DocUnavailable { document_id, .. } if *document_id == doc),
            )
            .count()
    };
    assert_eq!(shape(id(20)), 1);
    assert_eq!(shape(id(99)), 1);
    assert_eq!(answers.len(), 2, "{answers:?}");
}

#[test]
fn another_space_cannot_write_into_a_document() {
    let mut net = two_spaces();
    let relay_heads = net.relay.document(&id(20)).map(Automerge::get_heads);
    // Client 1 somehow holds a copy and edits it, then offers it to the relay.
    let mut copy = net.clients[0].document(&id(20)).expect("doc").fork();
    copy.transact::<_, _, automerge::AutomergeError>(|tx| {
        tx.put(ROOT, "title", "Piraté")?;
        Ok(())
    })
    .expect("edit");
    net.relay_log.clear();
    net.clients[1].create(id(20), copy);
    net.pump();
    assert!(unavailable_sent_to(&net.relay_log, ConnectionId(2), id(20)));
    assert!(
        !net.relay_log
            .iter()
            .any(|e| matches!(e, Effect::Save { .. })),
        "nothing stored"
    );
    assert_eq!(
        net.relay.document(&id(20)).map(Automerge::get_heads),
        relay_heads
    );
    assert_eq!(net.title(0, id(20)).as_deref(), Some("Plan vélo"));
}

#[test]
fn the_rule_holds_after_the_relay_forgot_the_document() {
    let mut net = two_spaces();
    net.unlink(0);
    assert!(
        !net.relay.contains(&id(20)),
        "out of memory: the next request loads it"
    );
    net.relay_log.clear();
    net.clients[1].request(id(20));
    net.pump();
    assert!(
        net.relay_log
            .iter()
            .any(|e| matches!(e, Effect::Load { document } if *document == id(20)))
    );
    assert!(unavailable_sent_to(&net.relay_log, ConnectionId(2), id(20)));
    assert_eq!(net.title(1, id(20)), None);
    // Its owner still gets it.
    let mut fresh = Net::new(1);
    fresh.relay_storage = net.relay_storage.clone();
    fresh.relay_claims = net.relay_claims.clone();
    fresh.link(0);
    fresh.clients[0].request(id(20));
    fresh.pump();
    assert_eq!(fresh.title(0, id(20)).as_deref(), Some("Plan vélo"));
}

#[test]
fn a_waiting_request_from_another_space_is_dropped_when_the_document_is_claimed() {
    let mut net = Net::new(2);
    net.spaces[1] = OTHER;
    net.link(0);
    net.link(1);
    // Client 1 asks first, for a document nobody wrote yet.
    net.clients[1].request(id(21));
    net.pump();
    net.clients[0].create(id(21), doc_with_title("Cantine"));
    net.pump();
    assert_eq!(net.relay_claims.get(&id(21)), Some(&SPACE));
    assert_eq!(
        net.title(1, id(21)),
        None,
        "the early asker of another space hears nothing"
    );
    assert!(!net.relay.watchers(&id(21)).contains(&ConnectionId(2)));
}

#[test]
fn a_connection_without_proof_reaches_nothing() {
    let mut net = Net::new(1);
    net.clients[0].create(id(22), doc_with_title("Sans preuve"));
    net.links.insert(0, ConnectionId(1));
    net.relay.connect(ConnectionId(1));
    net.clients[0].connect(ConnectionId(1));
    net.pump();
    assert!(net.relay_storage.is_empty(), "nothing stored");
    assert!(net.relay_claims.is_empty());
    assert!(unavailable_sent_to(&net.relay_log, ConnectionId(1), id(22)));
}

#[test]
fn ephemeral_frames_of_another_space_are_not_forwarded() {
    let mut net = two_spaces();
    net.relay.take_effects();
    let eph = Message::Ephemeral {
        document_id: id(20),
        sender_id: PeerId("tablet-1".into()),
        target_id: PeerId("relay".into()),
        count: 1,
        session_id: "s".into(),
        data: vec![0xa0],
    };
    net.relay
        .receive(ConnectionId(2), eph)
        .expect("accepted, ignored");
    assert!(net.relay.take_effects().is_empty());
}

#[test]
fn the_claim_is_recorded_before_the_first_chunk() {
    let mut net = Net::new(1);
    net.link(0);
    net.relay_log.clear();
    net.clients[0].create(id(23), doc_with_title("Ordre"));
    net.pump();
    let claimed = net
        .relay_log
        .iter()
        .position(|e| matches!(e, Effect::Claimed { document, .. } if *document == id(23)));
    let saved = net
        .relay_log
        .iter()
        .position(|e| matches!(e, Effect::Save { document, .. } if *document == id(23)));
    assert!(claimed.is_some() && claimed < saved, "{:?}", net.relay_log);
}

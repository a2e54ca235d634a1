//! The relay's access control by space, against the real binary on a real
//! port: a connection must prove a space's secret to open at all, reaches
//! that space's documents only, gets `doc-unavailable` for any other space's
//! document (before and after a restart), cannot write into one, and the
//! secrets never appear in the relay's log.

mod support;

use app::sync::{DocumentId, SpaceSecret};
use support::{Client, RelayProcess, WAIT, doc_with_title, test_secret};
use tokio_tungstenite::connect_async;
use tokio_tungstenite::tungstenite::Error as WsError;

fn other_secret() -> SpaceSecret {
    SpaceSecret::from_bytes([0x77; 32])
}

/// The HTTP status of a refused upgrade.
async fn refused_status(url: &str) -> u16 {
    match connect_async(url).await {
        Err(WsError::Http(response)) => response.status().as_u16(),
        Err(other) => panic!("expected an HTTP refusal from {url}, got {other}"),
        Ok(_) => panic!("{url} was accepted"),
    }
}

#[tokio::test]
async fn a_connection_without_a_valid_proof_is_refused_before_any_frame() {
    let relay = RelayProcess::start();
    assert_eq!(refused_status(&relay.bare_url()).await, 401, "no secret");
    let base = relay.bare_url();
    assert_eq!(
        refused_status(&format!("{base}?secret=pas-un-secret")).await,
        400,
        "unreadable secret"
    );
    let named_other = format!(
        "{}&space={}",
        relay.url(),
        other_secret().space().to_bs58check()
    );
    assert_eq!(
        refused_status(&named_other).await,
        403,
        "a secret for another space than the one named"
    );
    let named_right = format!(
        "{}&space={}",
        relay.url(),
        test_secret().space().to_bs58check()
    );
    let client = Client::connect(&named_right).await;
    assert!(
        client.repo().is_open(client.connection()),
        "the right pair opens"
    );
}

#[tokio::test]
async fn a_device_without_the_secret_gets_nothing_of_the_space() {
    let mut relay = RelayProcess::start();
    let mut owner = Client::connect(&relay.url()).await;
    let doc = owner.create(doc_with_title("Budget participatif")).await;
    owner
        .wait_in_step(WAIT)
        .await
        .expect("the relay has the document");

    // Another space asks for it: unavailable, and not one change arrives.
    let mut stranger = Client::connect(&relay.url_for(&other_secret())).await;
    stranger.request(doc).await;
    stranger
        .wait_unavailable(doc, WAIT)
        .await
        .expect("answered unavailable");
    // Later edits by the owner do not reach it either.
    owner.put(doc, "title", "Budget participatif 2027").await;
    owner.wait_in_step(WAIT).await.expect("in step");
    let _ = stranger
        .wait_until(
            |repo| {
                repo.document(&doc)
                    .is_some_and(|d| !d.get_heads().is_empty())
            },
            std::time::Duration::from_millis(500),
        )
        .await;
    assert_eq!(stranger.text(&doc, "title"), None);

    // It cannot write into the document either.
    let mut forged = doc_with_title("Pris par un autre espace");
    forged.set_actor(automerge::ActorId::random());
    let mut intruder = Client::connect(&relay.url_for(&other_secret())).await;
    intruder.create_as(doc, forged).await;
    let accepted = intruder
        .wait_in_step(std::time::Duration::from_secs(1))
        .await;
    assert!(
        accepted.is_err(),
        "the relay never took the intruder's changes"
    );
    let owner_heads = owner.repo().document(&doc).expect("doc").get_heads();

    // After a restart the rule comes from the store.
    relay.terminate();
    let relay = RelayProcess::start_in(relay.data_dir());
    let mut stranger = Client::connect(&relay.url_for(&other_secret())).await;
    stranger.request(doc).await;
    stranger
        .wait_unavailable(doc, WAIT)
        .await
        .expect("still unavailable after a restart");
    let mut member = Client::connect(&relay.url()).await;
    member.request(doc).await;
    member
        .wait_until(
            |repo| {
                support::text_in(repo, &doc, "title").as_deref() == Some("Budget participatif 2027")
            },
            WAIT,
        )
        .await
        .expect("a member of the space still gets it");
    member.wait_in_step(WAIT).await.expect("in step");
    assert_eq!(
        member.repo().document(&doc).expect("doc").get_heads(),
        owner_heads,
        "and nothing of the intruder's"
    );

    let log = relay.log();
    for secret in [test_secret(), other_secret()] {
        assert!(
            !log.contains(&secret.to_bs58check()),
            "a secret was logged:\n{log}"
        );
    }
}

#[tokio::test]
async fn the_secrets_never_reach_the_log_even_when_refused() {
    let relay = RelayProcess::start();
    let named_other = format!(
        "{}&space={}",
        relay.url(),
        other_secret().space().to_bs58check()
    );
    let _ = refused_status(&named_other).await;
    let _ = Client::connect(&relay.url_for(&other_secret())).await;
    let unknown: DocumentId = DocumentId::from_bytes([9; 16]);
    let mut client = Client::connect(&relay.url()).await;
    client.request(unknown).await;
    client
        .wait_unavailable(unknown, WAIT)
        .await
        .expect("unavailable");
    let log = relay.log();
    assert!(
        log.contains("/sync"),
        "requests are logged, by path:\n{log}"
    );
    for secret in [test_secret(), other_secret()] {
        assert!(
            !log.contains(&secret.to_bs58check()),
            "a secret was logged:\n{log}"
        );
    }
}

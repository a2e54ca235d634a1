//! The relay's logs as a log collector reads them: started with
//! `--log-format json`, every line it writes on stderr is one JSON object
//! with a time, a level and a message; a peer joining, a refused
//! connection and a peer leaving are all logged; and no line holds the space's secret or a word of
//! what the documents say.

mod support;

use app::sync::SpaceSecret;
use support::{Client, RelayProcess, WAIT, doc_with_title, test_secret};
use tokio_tungstenite::connect_async;

#[tokio::test]
async fn json_logs_parse_line_by_line_and_hold_no_secret_or_content() {
    let mut relay = RelayProcess::start_with_args(None, &["--log-format".into(), "json".into()]);
    let mut client = Client::connect(&relay.url()).await;
    let content = "Contenu confidentiel : la liste des agents concernés";
    client.create(doc_with_title(content)).await;
    client.wait_in_step(WAIT).await.expect("synced");
    let wrong = SpaceSecret::from_bytes([0x42; 32]);
    let refused = format!(
        "{}&space={}",
        relay.url_for(&wrong),
        test_secret().space().to_bs58check()
    );
    assert!(
        connect_async(&refused).await.is_err(),
        "a proof for another space is refused"
    );
    drop(client);
    assert!(relay.terminate().success());

    let log = relay.log();
    let lines: Vec<&str> = log.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(
        lines.len() >= 3,
        "a connection, a refusal and a departure are logged:\n{log}"
    );
    for line in &lines {
        let value: serde_json::Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("not one JSON object ({e}): {line}"));
        let object = value
            .as_object()
            .unwrap_or_else(|| panic!("not an object: {line}"));
        for key in ["timestamp", "level", "fields"] {
            assert!(object.contains_key(key), "no {key:?} in {line}");
        }
        for secret in [test_secret().to_bs58check(), wrong.to_bs58check()] {
            assert!(!line.contains(&secret), "a secret in the log: {line}");
        }
        assert!(
            !line.contains("confidentiel"),
            "document content in the log: {line}"
        );
    }
    let messages: Vec<String> = lines
        .iter()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|value| value["fields"]["message"].as_str().map(str::to_owned))
        .collect();
    for expected in ["peer joined", "request refused", "peer disconnected"] {
        assert!(
            messages.iter().any(|m| m == expected),
            "{expected:?} in {messages:?}"
        );
    }
}

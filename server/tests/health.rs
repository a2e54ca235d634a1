//! The probes against the real binary: `/healthz` answers while the
//! process runs; `/readyz` says ready while the store can take a write,
//! 503 while another process holds the store's write lock (within its time
//! limit), and ready again once the lock is gone; a relay asked to stop
//! answers 503 « shutting down » while it drains, then stops.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use support::RelayProcess;

/// The status and body of `GET path`.
fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).expect("read");
    let status = answer
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .expect("a status line");
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_owned())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn healthz_answers_and_readyz_follows_the_store() {
    let relay = RelayProcess::start();
    assert_eq!(get(relay.port(), "/healthz"), (200, "ok\n".to_owned()));
    assert_eq!(get(relay.port(), "/readyz"), (200, "ready\n".to_owned()));

    // Another process takes the store's write lock.
    let mut holder =
        rusqlite::Connection::open(relay.data_dir().join("demineurs.sqlite3")).expect("open");
    let hold = holder.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate);
    let hold = hold.expect("take the lock");
    hold.execute("UPDATE spaces SET last_seen = last_seen", [])
        .expect("write under the lock");
    let asked = Instant::now();
    let (status, body) = get(relay.port(), "/readyz");
    assert_eq!((status, body.as_str()), (503, "storage unavailable\n"));
    assert!(
        asked.elapsed() < Duration::from_secs(8),
        "answered within its limit"
    );
    assert_eq!(
        get(relay.port(), "/healthz").0,
        200,
        "the process still answers"
    );
    hold.commit().expect("commit");
    drop(holder);

    // The relay's query may still wait for the lock it met: ready again soon.
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let (status, _) = get(relay.port(), "/readyz");
        if status == 200 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "ready again once the lock is gone"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn a_stopping_relay_says_it_is_not_ready_while_it_drains() {
    let mut relay = RelayProcess::start_with_args(None, &["--drain-seconds".into(), "3".into()]);
    assert_eq!(get(relay.port(), "/readyz").0, 200);
    relay.signal_term();
    let deadline = Instant::now() + Duration::from_secs(2);
    loop {
        let (status, body) = get(relay.port(), "/readyz");
        if status == 503 {
            assert_eq!(body, "shutting down\n");
            break;
        }
        assert!(Instant::now() < deadline, "503 while draining");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(
        get(relay.port(), "/healthz").0,
        200,
        "still serving while it drains"
    );
    assert!(relay.terminate().success(), "then it stops");
}

//! Helpers for tests that talk to a real relay process.
//!
//! * [`RelayProcess`] — the `server` binary on port 0 with a real data dir.
//! * [`Client`] — an [`app::sync::Repo`] (`Role::Client`) driven over a real
//!   WebSocket, as the tablet drives it.
//! * [`RawSocket`] — a bare WebSocket to send arbitrary frames and see exactly
//!   what comes back.
//! * [`Rng`] — a seeded PRNG for the randomised tests.

// Each test binary that includes this module uses only part of it.
#![allow(dead_code)]

use std::collections::HashSet;
use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc as std_mpsc;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use app::sync::{
    ConnectionId, DecodeError, DocumentId, Effect, Message, PeerId, Repo, Role, SpaceSecret,
    StorageId,
};
use automerge::sync::SyncDoc;
use automerge::transaction::Transactable;
use automerge::{Automerge, AutomergeError, ROOT, ReadDoc};
use futures::{SinkExt, StreamExt};
use tempfile::TempDir;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message as WsMessage;
use tokio_tungstenite::tungstenite::protocol::CloseFrame;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, connect_async};

/// How long the relay may take to print its address.
pub const STARTUP_TIMEOUT: Duration = Duration::from_secs(20);

/// How long the relay may take to exit after SIGTERM.
pub const SHUTDOWN_TIMEOUT: Duration = Duration::from_secs(15);

/// The default bound for anything the tests wait for over the network. Generous
/// because the machine is shared; a passing test never waits this long.
pub const WAIT: Duration = Duration::from_secs(15);

/// What the relay prints before its address.
const LISTENING_PREFIX: &str = "Les démineurs: listening on http://";

/// How much of the relay's stderr is kept for failure messages.
const LOG_TAIL_BYTES: usize = 64 * 1024;

/// The secret of the space the tests' clients prove unless told otherwise.
pub fn test_secret() -> SpaceSecret {
    SpaceSecret::from_bytes([0x5e; 32])
}

/// The WebSocket type every helper uses.
pub type Ws = WebSocketStream<MaybeTlsStream<TcpStream>>;

// ----- the relay process -----------------------------------------------------

/// A running `server` binary. Killed (SIGKILL) when dropped; its stderr is
/// printed if that happens while a test is failing.
pub struct RelayProcess {
    child: Child,
    port: u16,
    data_dir: PathBuf,
    /// Keeps a data dir the process owns alive (deleted after the process).
    owned_dir: Option<TempDir>,
    log: Arc<Mutex<String>>,
    status: Option<ExitStatus>,
}

impl RelayProcess {
    /// Starts a relay on a fresh temporary data dir.
    pub fn start() -> Self {
        Self::start_with(None, None)
    }

    /// Starts a relay on `data_dir`, which outlives the process (to restart on it).
    pub fn start_in(data_dir: &Path) -> Self {
        Self::start_with(Some(data_dir), None)
    }

    /// Starts a relay on a fresh temporary data dir that refuses frames over
    /// `max_frame_bytes`.
    pub fn start_with_frame_limit(max_frame_bytes: usize) -> Self {
        Self::start_with(None, Some(max_frame_bytes))
    }

    /// Starts the binary on port 0 with a site root that does not exist (relay
    /// only) and waits for it to print its address.
    ///
    /// # Panics
    /// When the process does not print its address within [`STARTUP_TIMEOUT`];
    /// the message holds what it wrote on stderr.
    pub fn start_with(data_dir: Option<&Path>, max_frame_bytes: Option<usize>) -> Self {
        let limit =
            max_frame_bytes.map(|limit| ["--max-frame-bytes".to_owned(), limit.to_string()]);
        Self::start_with_args(data_dir, limit.as_ref().map_or(&[][..], |args| &args[..]))
    }

    /// Starts the binary as [`RelayProcess::start_with`] does, with `args` added.
    pub fn start_with_args(data_dir: Option<&Path>, args: &[String]) -> Self {
        let owned_dir = match data_dir {
            Some(_) => None,
            None => Some(tempfile::tempdir().expect("temporary data dir")),
        };
        let data_dir = data_dir
            .map(Path::to_path_buf)
            .or_else(|| owned_dir.as_ref().map(|d| d.path().to_path_buf()))
            .expect("a data dir");
        let site_root = data_dir.join("no-site-here");
        let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
        command
            .arg("--listen")
            .arg("127.0.0.1:0")
            .arg("--data-dir")
            .arg(&data_dir)
            .arg("--site-root")
            .arg(&site_root)
            .env_remove("DEMINEURS_LISTEN")
            .env_remove("DEMINEURS_DATA_DIR")
            .env_remove("DEMINEURS_SITE_ROOT")
            .env_remove("DEMINEURS_MAX_FRAME_BYTES")
            .env_remove("DEMINEURS_SILENT_PEER_SECONDS")
            // Stopped and restarted often: no drain unless a test asks.
            .env("DEMINEURS_DRAIN_SECONDS", "0")
            // Plain log lines in failure messages.
            .env("NO_COLOR", "1")
            // Every request logged: the tests check no secret is.
            .env("RUST_LOG", "info,tower_http=debug")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        command.args(args);
        let mut child = command.spawn().expect("spawn the server binary");
        let log = Arc::new(Mutex::new(String::new()));
        let stderr_thread =
            drain_stderr(child.stderr.take().expect("piped stderr"), Arc::clone(&log));
        let ports = watch_stdout(child.stdout.take().expect("piped stdout"));
        let port = match ports.recv_timeout(STARTUP_TIMEOUT) {
            Ok(port) => port,
            Err(why) => {
                let _ = child.kill();
                let status = child.wait().ok();
                let _ = stderr_thread.join();
                let what = match why {
                    std_mpsc::RecvTimeoutError::Timeout => {
                        format!("no address within {STARTUP_TIMEOUT:?}")
                    }
                    std_mpsc::RecvTimeoutError::Disconnected => {
                        "stdout closed before the address".to_owned()
                    }
                };
                panic!(
                    "relay did not start ({what}); exit status {status:?}; stderr:\n{}",
                    lock(&log)
                );
            }
        };
        Self {
            child,
            port,
            data_dir,
            owned_dir,
            log,
            status: None,
        }
    }

    /// The TCP port it listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The WebSocket address of the sync endpoint, for the test space.
    pub fn url(&self) -> String {
        self.url_for(&test_secret())
    }

    /// The WebSocket address of the sync endpoint, proving `secret`.
    pub fn url_for(&self, secret: &SpaceSecret) -> String {
        format!(
            "ws://127.0.0.1:{}/sync?secret={}",
            self.port,
            secret.to_bs58check()
        )
    }

    /// The sync endpoint with no proof at all.
    pub fn bare_url(&self) -> String {
        format!("ws://127.0.0.1:{}/sync", self.port)
    }

    /// Its resident memory now and at its peak so far, in KiB (`VmRSS` and
    /// `VmHWM` of `/proc/<pid>/status`).
    pub fn memory_kib(&self) -> (u64, u64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("read the relay's /proc status");
        let field = |name: &str| {
            status
                .lines()
                .find_map(|line| line.strip_prefix(name))
                .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
                .unwrap_or_else(|| panic!("no {name} in the relay's /proc status"))
        };
        (field("VmRSS:"), field("VmHWM:"))
    }

    /// The data dir it was started on.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// What the process wrote on stderr so far (the last [`LOG_TAIL_BYTES`]).
    pub fn log(&self) -> String {
        lock(&self.log).clone()
    }

    /// Whether the process is still running.
    pub fn is_running(&mut self) -> bool {
        self.status.is_none()
            && self
                .child
                .try_wait()
                .expect("query the relay process")
                .is_none()
    }

    /// Sends SIGTERM and waits for the process to exit.
    ///
    /// # Panics
    /// When it is still running after [`SHUTDOWN_TIMEOUT`].
    pub fn terminate(&mut self) -> ExitStatus {
        if let Some(status) = self.status {
            return status;
        }
        self.signal_term();
        let deadline = Instant::now() + SHUTDOWN_TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().expect("query the relay process") {
                self.status = Some(status);
                return status;
            }
            assert!(
                Instant::now() < deadline,
                "relay still running {SHUTDOWN_TIMEOUT:?} after SIGTERM; stderr:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends SIGTERM and returns at once (the process drains, then stops;
    /// [`Self::terminate`] waits for it).
    pub fn signal_term(&self) {
        let sent = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status()
            .expect("run kill -TERM");
        assert!(sent.success(), "kill -TERM {} failed", self.child.id());
    }

    /// Sends SIGKILL (`Child::kill`) and waits for the process to be gone: a
    /// crash, with no chance to flush or clean up.
    pub fn kill_9(&mut self) -> ExitStatus {
        if let Some(status) = self.status {
            return status;
        }
        let _ = self.child.kill();
        let status = self.child.wait().expect("wait for the killed relay");
        self.status = Some(status);
        status
    }
}

impl Drop for RelayProcess {
    fn drop(&mut self) {
        self.kill_9();
        if std::thread::panicking() {
            eprintln!(
                "----- relay on port {} (stderr) -----\n{}",
                self.port,
                self.log()
            );
        }
        // The data dir (if owned) goes after the process that used it.
        drop(self.owned_dir.take());
    }
}

/// Locks the log even if a thread panicked while holding it.
fn lock(log: &Mutex<String>) -> std::sync::MutexGuard<'_, String> {
    log.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Reads stdout on a thread and sends the port once the address line appears;
/// keeps reading afterwards so the relay never writes to a closed pipe.
fn watch_stdout(stdout: impl Read + Send + 'static) -> std_mpsc::Receiver<u16> {
    let (tx, rx) = std_mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some(address) = line.strip_prefix(LISTENING_PREFIX) {
                let address = address.trim().trim_end_matches('/');
                if let Ok(address) = address.parse::<std::net::SocketAddr>() {
                    let _ = tx.send(address.port());
                }
            }
        }
    });
    rx
}

/// Reads stderr on a thread into `log`, keeping its tail, so the pipe never
/// fills up and a failing test can show what the relay said.
fn drain_stderr(stderr: impl Read + Send + 'static, log: Arc<Mutex<String>>) -> JoinHandle<()> {
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            let mut log = lock(&log);
            log.push_str(&line);
            log.push('\n');
            if log.len() > LOG_TAIL_BYTES {
                let mut cut = log.len() - LOG_TAIL_BYTES / 2;
                while !log.is_char_boundary(cut) {
                    cut += 1;
                }
                log.drain(..cut);
            }
        }
    })
}

// ----- documents ---------------------------------------------------------------

/// A new document whose root holds `title`.
pub fn doc_with_title(title: &str) -> Automerge {
    let mut doc = Automerge::new();
    put_text(&mut doc, "title", title);
    doc
}

/// Sets a text value at the root of `doc` in one transaction.
pub fn put_text(doc: &mut Automerge, key: &str, value: &str) {
    doc.transact::<_, _, AutomergeError>(|tx| {
        tx.put(ROOT, key, value)?;
        Ok(())
    })
    .expect("transaction");
}

/// The text value at `key` in the root of `doc`, if there is one.
pub fn text_at(doc: &Automerge, key: &str) -> Option<String> {
    let (value, _) = doc.get(ROOT, key).expect("read the root")?;
    value.as_str().map(str::to_owned)
}

/// The text value at `key` in document `id` of `repo`, if both exist.
pub fn text_in(repo: &Repo, id: &DocumentId, key: &str) -> Option<String> {
    repo.document(id).and_then(|doc| text_at(doc, key))
}

/// The first sync message an empty document sends (what a `request` carries).
pub fn first_sync_message() -> Vec<u8> {
    Automerge::new()
        .generate_sync_message(&mut automerge::sync::State::new())
        .expect("an empty document still says hello")
        .encode()
}

// ----- a well-behaved client -------------------------------------------------

/// Why [`Client::wait_until`] gave up.
pub struct Stalled(String);

impl fmt::Debug for Stalled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A device: an [`app::sync::Repo`] with `Role::Client` over one WebSocket to
/// the relay. Frames move only while a method of it is awaited.
pub struct Client {
    repo: Repo,
    connection: ConnectionId,
    ws: Ws,
    /// Why the connection ended, once it has.
    closed: Option<String>,
    /// Documents the repo reported unavailable.
    unavailable: HashSet<DocumentId>,
}

impl Client {
    /// Connects to `url` and completes the handshake (`join` → `peer`).
    pub async fn connect(url: &str) -> Self {
        let ws = open_socket(url).await;
        let me = PeerId::random("test-client").expect("randomness");
        let storage = StorageId(format!("storage-of-{me}"));
        let mut repo = Repo::new(Role::Client, me, Some(storage));
        let connection = ConnectionId(1);
        repo.connect(connection);
        let mut client = Self {
            repo,
            connection,
            ws,
            closed: None,
            unavailable: HashSet::new(),
        };
        client
            .wait_until(|repo| repo.is_open(connection), WAIT)
            .await
            .expect("the relay answers join with peer");
        client
    }

    /// The repo, to read documents and sync state.
    pub fn repo(&self) -> &Repo {
        &self.repo
    }

    /// The connection to the relay, as the repo numbers it.
    pub fn connection(&self) -> ConnectionId {
        self.connection
    }

    /// Adds `doc` under a fresh random id and offers it to the relay.
    pub async fn create(&mut self, doc: Automerge) -> DocumentId {
        let id = DocumentId::random().expect("randomness");
        self.repo.create(id, doc);
        self.flush().await;
        id
    }

    /// Adds `doc` under a chosen id (another space's, in access tests) and
    /// offers it to the relay.
    pub async fn create_as(&mut self, id: DocumentId, doc: Automerge) {
        self.repo.create(id, doc);
        self.flush().await;
    }

    /// Asks the relay for document `id`.
    pub async fn request(&mut self, id: DocumentId) {
        self.repo.request(id);
        self.flush().await;
    }

    /// Changes document `id` locally and sends what changed.
    ///
    /// # Panics
    /// When the document is not in the repo.
    pub async fn edit(&mut self, id: DocumentId, f: impl FnOnce(&mut Automerge)) {
        self.repo.edit(id, f).expect("document in memory");
        self.flush().await;
    }

    /// Sets the text at `key` in document `id` (see [`Client::edit`]).
    pub async fn put(&mut self, id: DocumentId, key: &str, value: &str) {
        self.edit(id, |doc| put_text(doc, key, value)).await;
    }

    /// The text at `key` in document `id`, if both exist.
    pub fn text(&self, id: &DocumentId, key: &str) -> Option<String> {
        text_in(&self.repo, id, key)
    }

    /// Waits until the relay has every change of every document here.
    pub async fn wait_in_step(&mut self, timeout: Duration) -> Result<(), Stalled> {
        let connection = self.connection;
        self.wait_until(move |repo| repo.in_step_with(connection), timeout)
            .await
    }

    /// Waits until the repo reported document `id` unavailable.
    pub async fn wait_unavailable(
        &mut self,
        id: DocumentId,
        timeout: Duration,
    ) -> Result<(), Stalled> {
        self.pump_until(|client| client.unavailable.contains(&id), timeout)
            .await
    }

    /// Moves frames both ways until `predicate` holds for the repo.
    ///
    /// # Errors
    /// When `timeout` passes first, or the connection ends.
    pub async fn wait_until(
        &mut self,
        predicate: impl Fn(&Repo) -> bool,
        timeout: Duration,
    ) -> Result<(), Stalled> {
        self.pump_until(|client| predicate(&client.repo), timeout)
            .await
    }

    /// Moves frames both ways until `predicate` holds for the client.
    async fn pump_until(
        &mut self,
        predicate: impl Fn(&Self) -> bool,
        timeout: Duration,
    ) -> Result<(), Stalled> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            self.flush().await;
            if predicate(self) {
                return Ok(());
            }
            if let Some(reason) = &self.closed {
                return Err(Stalled(format!(
                    "{}: connection ended: {reason}",
                    self.repo.peer_id()
                )));
            }
            match tokio::time::timeout_at(deadline, self.ws.next()).await {
                Err(_) => {
                    return Err(Stalled(format!(
                        "{}: condition still false after {timeout:?}",
                        self.repo.peer_id()
                    )));
                }
                Ok(Some(Ok(WsMessage::Binary(bytes)))) => {
                    if let Err(error) = self.repo.receive_bytes(self.connection, &bytes) {
                        self.flush().await;
                        self.closed =
                            Some(format!("client refused a frame from the relay: {error}"));
                    }
                }
                Ok(Some(Ok(WsMessage::Ping(_) | WsMessage::Pong(_) | WsMessage::Frame(_)))) => {}
                Ok(Some(Ok(WsMessage::Text(text)))) => {
                    self.closed = Some(format!("relay sent a text frame: {text}"));
                }
                Ok(Some(Ok(WsMessage::Close(frame)))) => {
                    self.closed = Some(format!("relay closed the connection: {frame:?}"));
                }
                Ok(Some(Err(error))) => self.closed = Some(format!("transport error: {error}")),
                Ok(None) => self.closed = Some("stream ended".to_owned()),
            }
        }
    }

    /// Carries out what the repo asked: frames to send, closes, unavailability.
    async fn flush(&mut self) {
        for effect in self.repo.take_effects() {
            match effect {
                Effect::Send {
                    connection,
                    message,
                } if connection == self.connection => {
                    if self.closed.is_some() {
                        continue;
                    }
                    let frame = WsMessage::Binary(message.encode().into());
                    match tokio::time::timeout(WAIT, self.ws.send(frame)).await {
                        Ok(Ok(())) => {}
                        Ok(Err(error)) => self.closed = Some(format!("cannot send: {error}")),
                        Err(_) => self.closed = Some(format!("send blocked for {WAIT:?}")),
                    }
                }
                Effect::Close { reason, .. } => {
                    self.closed.get_or_insert(reason);
                }
                Effect::Unavailable { document } => {
                    self.unavailable.insert(document);
                }
                _ => {}
            }
        }
    }
}

// ----- a raw WebSocket -------------------------------------------------------

/// One thing read from a [`RawSocket`].
#[derive(Debug)]
pub enum Received {
    /// A binary frame that decodes as a protocol message.
    Message(Message),
    /// A binary frame that does not decode.
    Undecodable(Vec<u8>, DecodeError),
    /// A text frame.
    Text(String),
    /// A WebSocket close frame.
    Close(Option<CloseFrame>),
    /// The stream ended (or failed) without a close frame.
    Ended(String),
}

/// How the relay refused a connection: its `error` message and close frame.
#[derive(Debug)]
pub struct Refusal {
    /// The `message` of the `error` frame.
    pub message: String,
    /// The close frame that followed it.
    pub close: Option<CloseFrame>,
}

/// A WebSocket to the relay that sends whatever it is told to.
pub struct RawSocket {
    ws: Ws,
    me: PeerId,
    relay: Option<PeerId>,
}

impl RawSocket {
    /// Opens a WebSocket to `url`; sends nothing.
    pub async fn connect(url: &str) -> Self {
        let ws = open_socket(url).await;
        Self {
            ws,
            me: PeerId::random("raw").expect("randomness"),
            relay: None,
        }
    }

    /// The peer id this socket uses in the frames it builds.
    pub fn me(&self) -> &PeerId {
        &self.me
    }

    /// The relay's peer id, once [`RawSocket::handshake`] is done.
    pub fn relay(&self) -> PeerId {
        self.relay.clone().expect("handshake done")
    }

    /// Sends one binary frame.
    pub async fn send_bytes(&mut self, bytes: Vec<u8>) -> Result<(), String> {
        self.send_frame(WsMessage::Binary(bytes.into())).await
    }

    /// Sends one text frame.
    pub async fn send_text(&mut self, text: &str) -> Result<(), String> {
        self.send_frame(WsMessage::Text(text.into())).await
    }

    /// Sends one protocol message as a binary frame.
    pub async fn send(&mut self, message: &Message) -> Result<(), String> {
        self.send_bytes(message.encode()).await
    }

    /// Sends any WebSocket frame, bounded by [`WAIT`].
    async fn send_frame(&mut self, frame: WsMessage) -> Result<(), String> {
        match tokio::time::timeout(WAIT, self.ws.send(frame)).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(error)) => Err(error.to_string()),
            Err(_) => Err(format!("send blocked for {WAIT:?}")),
        }
    }

    /// Sends `join` offering `versions`.
    pub async fn send_join(&mut self, versions: &[&str]) {
        let join = Message::Join {
            sender_id: self.me.clone(),
            supported_protocol_versions: versions.iter().map(|v| (*v).to_owned()).collect(),
            metadata: None,
        };
        self.send(&join).await.expect("send join");
    }

    /// Joins with protocol "1" and waits for the relay's `peer`.
    pub async fn handshake(&mut self) {
        self.send_join(&["1"]).await;
        match self.expect_message(WAIT).await {
            Message::Peer {
                sender_id,
                target_id,
                selected_protocol_version,
                ..
            } => {
                assert_eq!(target_id, self.me, "peer is addressed to the joining peer");
                assert_eq!(selected_protocol_version, "1");
                self.relay = Some(sender_id);
            }
            other => panic!("expected peer after join, got {other:?}"),
        }
    }

    /// A `request` for `document` with the first sync message of an empty document.
    pub fn request_for(&self, document: DocumentId) -> Message {
        Message::Request {
            document_id: document,
            sender_id: self.me.clone(),
            target_id: self
                .relay
                .clone()
                .unwrap_or_else(|| PeerId("relay".to_owned())),
            data: first_sync_message(),
        }
    }

    /// The next thing the relay sends; `None` when nothing comes within `timeout`.
    pub async fn next(&mut self, timeout: Duration) -> Option<Received> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let item = tokio::time::timeout_at(deadline, self.ws.next())
                .await
                .ok()?;
            return Some(match item {
                Some(Ok(WsMessage::Binary(bytes))) => match Message::decode(&bytes) {
                    Ok(message) => Received::Message(message),
                    Err(error) => Received::Undecodable(bytes.to_vec(), error),
                },
                Some(Ok(WsMessage::Text(text))) => Received::Text(text.to_string()),
                Some(Ok(WsMessage::Close(frame))) => Received::Close(frame),
                Some(Ok(WsMessage::Ping(_) | WsMessage::Pong(_) | WsMessage::Frame(_))) => continue,
                Some(Err(error)) => Received::Ended(error.to_string()),
                None => Received::Ended("end of stream".to_owned()),
            });
        }
    }

    /// The next protocol message.
    ///
    /// # Panics
    /// When something else comes, or nothing within `timeout`.
    pub async fn expect_message(&mut self, timeout: Duration) -> Message {
        match self.next(timeout).await {
            Some(Received::Message(message)) => message,
            other => panic!("expected a protocol message within {timeout:?}, got {other:?}"),
        }
    }

    /// Reads an `error` message, then a close frame, then the end of the stream.
    ///
    /// # Panics
    /// When anything else comes, or nothing within `timeout` (each step).
    pub async fn expect_error_then_close(&mut self, timeout: Duration) -> Refusal {
        let message = match self.next(timeout).await {
            Some(Received::Message(Message::Error { message })) => message,
            other => panic!("expected an error message within {timeout:?}, got {other:?}"),
        };
        let close = match self.next(timeout).await {
            Some(Received::Close(frame)) => frame,
            other => panic!("expected a close frame after error {message:?}, got {other:?}"),
        };
        match self.next(timeout).await {
            Some(Received::Ended(_)) => {}
            other => panic!("expected the end of the stream after the close frame, got {other:?}"),
        }
        Refusal { message, close }
    }

    /// The WebSocket itself, handshake done, to drive it by hand.
    pub fn into_ws(self) -> Ws {
        self.ws
    }

    /// Drops the socket without a close frame.
    pub fn drop_abruptly(self) {
        drop(self);
    }
}

/// Opens a WebSocket to `url` within [`WAIT`].
async fn open_socket(url: &str) -> Ws {
    match tokio::time::timeout(WAIT, connect_async(url)).await {
        Ok(Ok((ws, _response))) => ws,
        Ok(Err(error)) => panic!("cannot open a WebSocket to {url}: {error}"),
        Err(_) => panic!("opening a WebSocket to {url} took over {WAIT:?}"),
    }
}

// ----- a tiny seeded PRNG (SplitMix64) ----------------------------------------

/// Random enough for tests, and the same run after run for a given seed.
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator whose sequence `seed` decides.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next_u64() % u64::try_from(n.max(1)).expect("fits")).expect("fits")
    }

    pub fn in_range(&mut self, range: &std::ops::RangeInclusive<u64>) -> u64 {
        range.start() + self.next_u64() % (range.end() - range.start() + 1)
    }

    pub fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next_u64().to_le_bytes()[0]).collect()
    }

    /// Between 1 and `max` random bytes.
    pub fn some_bytes(&mut self, max: usize) -> Vec<u8> {
        let len = 1 + self.below(max);
        self.bytes(len)
    }

    pub fn document(&mut self) -> DocumentId {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next_u64().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next_u64().to_le_bytes());
        DocumentId::from_bytes(bytes)
    }
}

// ----- hand-made CBOR --------------------------------------------------------

/// The CBOR head of major type `major` with argument `value`.
fn cbor_head(major: u8, value: usize, out: &mut Vec<u8>) {
    let major = major << 5;
    match value {
        0..=23 => out.push(major | u8::try_from(value).expect("fits")),
        24..=0xff => out.extend([major | 24, u8::try_from(value).expect("fits")]),
        0x100..=0xffff => {
            out.push(major | 25);
            out.extend(u16::try_from(value).expect("fits").to_be_bytes());
        }
        _ => {
            out.push(major | 26);
            out.extend(u32::try_from(value).expect("fits").to_be_bytes());
        }
    }
}

/// A CBOR map from text keys to text values, written by hand so that it can
/// hold what [`Message::encode`] never writes (an unknown `type`, say).
pub fn cbor_text_map(entries: &[(&str, &str)]) -> Vec<u8> {
    let mut out = Vec::new();
    cbor_head(5, entries.len(), &mut out);
    for (key, value) in entries {
        for text in [key, value] {
            cbor_head(3, text.len(), &mut out);
            out.extend(text.as_bytes());
        }
    }
    out
}

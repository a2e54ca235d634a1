//! The operator's subcommands against the real binary, on the data
//! directory of a real relay: `space list` names the space and counts its
//! documents; `backup` taken while a client keeps writing restores, with
//! `restore`, into a new directory on which a relay serves every document
//! acknowledged before the backup; `verify` says a sound store is sound and
//! names the document of a damaged chunk (exit 1), and a backup of it is
//! refused by `restore`, which leaves nothing behind; each refusal (no store,
//! a backup that would overwrite, a directory not empty, a file that is not
//! a backup) is one line with its reason and a non-zero exit.

mod support;

use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use app::domain::member::MemberId;
use app::domain::{settings, space};
use support::{Client, RelayProcess, WAIT, doc_with_title, test_secret, text_in};

/// Runs `server <args>` to the end, with no environment of the server's.
fn server(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_server"))
        .args(args)
        .env_remove("DEMINEURS_DATA_DIR")
        .env("NO_COLOR", "1")
        .output()
        .expect("run the server binary")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn dir_arg(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temporary path")
}

/// A refusal: non-zero, one line on stderr that says `why`.
fn assert_refused(output: &Output, why: &str) {
    assert!(!output.status.success(), "should fail: {}", stdout(output));
    let said = stderr(output);
    assert_eq!(said.trim().lines().count(), 1, "one line: {said}");
    assert!(said.contains(why), "{why:?} in {said:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_backup_under_load_restore_and_verify() {
    // The data directory outlives the relay: the tasks run on it stopped too.
    let home = tempfile::tempdir().expect("temp dir");
    let relay = RelayProcess::start_in(home.path());
    let data = relay.data_dir().to_path_buf();
    let mut client = Client::connect(&relay.url()).await;
    // The space's index, named, and five ideas.
    let space_id = test_secret().space();
    let mut index = space::genesis(space_id).expect("genesis");
    settings::create_space(
        &mut index,
        MemberId::from_bytes([1; 16]),
        "Voirie",
        "",
        &[],
        1_000,
    )
    .expect("create");
    client.create_as(space_id, index).await;
    let mut ideas = Vec::new();
    for n in 0..5 {
        ideas.push(client.create(doc_with_title(&format!("Idée {n}"))).await);
    }
    client.wait_in_step(WAIT).await.expect("acknowledged");

    let listed = server(&["space", "list", "--data-dir", dir_arg(&data)]);
    assert!(listed.status.success(), "{}", stderr(&listed));
    let text = stdout(&listed);
    let line = text
        .lines()
        .find(|l| l.starts_with(&space_id.to_bs58check()))
        .unwrap_or_else(|| panic!("the space in {text}"));
    assert!(line.ends_with("Voirie"), "named: {line}");
    let columns: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(columns[1], "6", "the index and five ideas: {line}");
    assert!(text.contains("1 spaces"), "{text}");

    // A backup while the client keeps writing.
    let scratch = tempfile::tempdir().expect("temp dir");
    let backup = scratch.path().join("demineurs.backup");
    let writer = ideas[0];
    let written = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&written);
    let writing = tokio::spawn(async move {
        for n in 0..400 {
            client
                .put(writer, "note", &format!("écrit pendant la sauvegarde {n}"))
                .await;
            counter.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(2)).await;
        }
        client
    });
    while written.load(Ordering::SeqCst) < 20 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let (data_arg, backup_arg) = (dir_arg(&data).to_owned(), dir_arg(&backup).to_owned());
    let taken = tokio::task::spawn_blocking(move || {
        server(&["backup", "--data-dir", &data_arg, "--to", &backup_arg])
    })
    .await
    .expect("backup");
    let during = written.load(Ordering::SeqCst);
    assert!(taken.status.success(), "{}", stderr(&taken));
    assert!(stdout(&taken).starts_with("backup: "), "{}", stdout(&taken));
    let client = writing.await.expect("writer");
    assert!(
        during < 400,
        "the backup was taken while the client was still writing ({during} of 400 written)"
    );
    drop(client);
    assert_refused(
        &server(&[
            "backup",
            "--data-dir",
            dir_arg(&data),
            "--to",
            dir_arg(&backup),
        ]),
        "never overwrites",
    );

    // The store is sound while served.
    let verified = server(&["verify", "--data-dir", dir_arg(&data)]);
    assert!(
        verified.status.success(),
        "{}{}",
        stdout(&verified),
        stderr(&verified)
    );
    assert!(stdout(&verified).contains("verdict: sound"));

    // Restored into a new directory: a relay there serves every idea.
    let restored_dir = scratch.path().join("restored");
    let restored = server(&[
        "restore",
        "--data-dir",
        dir_arg(&restored_dir),
        "--from",
        dir_arg(&backup),
    ]);
    assert!(restored.status.success(), "{}", stderr(&restored));
    assert!(
        stdout(&restored).contains("documents: 6"),
        "{}",
        stdout(&restored)
    );
    assert_refused(
        &server(&[
            "restore",
            "--data-dir",
            dir_arg(&restored_dir),
            "--from",
            dir_arg(&backup),
        ]),
        "is not empty",
    );
    assert_refused(
        &server(&[
            "restore",
            "--data-dir",
            dir_arg(&data),
            "--from",
            dir_arg(&backup),
        ]),
        "is not empty",
    );
    let not_a_backup = scratch.path().join("notes.txt");
    std::fs::write(&not_a_backup, "pas une sauvegarde").expect("write");
    assert_refused(
        &server(&[
            "restore",
            "--data-dir",
            dir_arg(&scratch.path().join("elsewhere")),
            "--from",
            dir_arg(&not_a_backup),
        ]),
        "is not a backup",
    );
    // On the store of a stopped relay too.
    drop(relay);
    let verified = server(&["verify", "--data-dir", dir_arg(&data)]);
    assert!(verified.status.success(), "{}", stderr(&verified));
    let listed = server(&["space", "list", "--data-dir", dir_arg(&data)]);
    assert!(stdout(&listed).contains("Voirie"), "{}", stdout(&listed));
    let again = scratch.path().join("stopped.backup");
    let taken = server(&[
        "backup",
        "--data-dir",
        dir_arg(&data),
        "--to",
        dir_arg(&again),
    ]);
    assert!(taken.status.success(), "{}", stderr(&taken));
    let second = RelayProcess::start_in(&restored_dir);
    let mut reader = Client::connect(&second.url()).await;
    for (n, id) in ideas.iter().enumerate() {
        reader.request(*id).await;
        reader
            .wait_until(|repo| text_in(repo, id, "title").is_some(), WAIT)
            .await
            .unwrap_or_else(|e| panic!("idea {n} after the restore: {e:?}"));
        assert_eq!(reader.text(id, "title"), Some(format!("Idée {n}")));
    }
}

#[tokio::test]
async fn verify_names_the_document_of_a_damaged_chunk_and_refusals_are_one_line() {
    let relay = RelayProcess::start();
    let data = relay.data_dir().to_path_buf();
    let mut client = Client::connect(&relay.url()).await;
    let id = client.create(doc_with_title("Bancs au soleil")).await;
    client.wait_in_step(WAIT).await.expect("acknowledged");
    let store = data.join("demineurs.sqlite3");
    rusqlite::Connection::open(&store)
        .expect("open the store")
        .execute(
            "UPDATE chunks SET bytes = x'deadbeef' WHERE doc = ?1",
            [&id.as_bytes()[..]],
        )
        .expect("damage a chunk");
    let verified = server(&["verify", "--data-dir", dir_arg(&data)]);
    assert_eq!(verified.status.code(), Some(1), "{}", stdout(&verified));
    let text = stdout(&verified);
    assert!(text.contains(&format!("damaged: document {id}")), "{text}");
    assert!(text.contains("verdict: DAMAGED"), "{text}");

    // A backup of the damaged store is taken, and refused by restore.
    let scratch = tempfile::tempdir().expect("temp dir");
    let backup = scratch.path().join("damaged.backup");
    let taken = server(&[
        "backup",
        "--data-dir",
        dir_arg(&data),
        "--to",
        dir_arg(&backup),
    ]);
    assert!(taken.status.success(), "{}", stderr(&taken));
    let target = scratch.path().join("restored");
    assert_refused(
        &server(&[
            "restore",
            "--data-dir",
            dir_arg(&target),
            "--from",
            dir_arg(&backup),
        ]),
        "damaged.backup is damaged: 1 chunks do not load, of documents",
    );
    assert!(
        !target.exists() || target.read_dir().expect("read").next().is_none(),
        "nothing left behind"
    );

    let nowhere = tempfile::tempdir().expect("temp dir");
    let missing = nowhere.path().join("nothing-here");
    for args in [
        &["verify", "--data-dir", dir_arg(&missing)][..],
        &["space", "list", "--data-dir", dir_arg(&missing)][..],
        &[
            "backup",
            "--data-dir",
            dir_arg(&missing),
            "--to",
            dir_arg(&nowhere.path().join("b")),
        ][..],
    ] {
        assert_refused(&server(args), "no store at");
    }
    assert!(!missing.exists(), "no store was created by looking for one");
    let help = server(&["space", "list", "--help"]);
    assert!(help.status.success() && stdout(&help).contains("--data-dir"));
}

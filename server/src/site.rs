//! The static half of the web site: the files cargo-leptos builds into the site root
//! (content-hashed JS, wasm and CSS under the pkg dir, the manifest, the icons) and the
//! service worker that precaches them so the app starts offline.
//!
//! [`Site::scan`] reads the site root once at startup, lists what the service worker must
//! precache and derives a version from their contents; [`routes`] serves those files with
//! the right cache headers, precompressed when cargo-leptos wrote `.br`/`.gz` siblings
//! (`cargo leptos build --release --precompress`), and the generated `/sw.js`.
//! The HTML shell (`/` and every app route) is not served here: the server renders it.

mod routes;
mod service_worker;

use std::fs;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

pub use routes::routes;

/// URL of the HTML shell. The server renders the same data-free shell on every path, so
/// the service worker answers every navigation with this one cached response.
pub const SHELL_URL: &str = "/";

/// URL at which the generated service worker is served.
pub const SERVICE_WORKER_URL: &str = "/sw.js";

/// Extensions of files outside the pkg dir that the service worker precaches. Other files
/// of the site root are still served, but are not part of the offline shell.
const PRECACHED_EXTENSIONS: &[&str] = &[
    "avif",
    "css",
    "gif",
    "ico",
    "jpeg",
    "jpg",
    "js",
    "json",
    "png",
    "svg",
    "txt",
    "wasm",
    "webmanifest",
    "webp",
    "woff",
    "woff2",
];

/// The static site built by cargo-leptos, as found at startup.
#[derive(Debug, Clone)]
pub struct Site {
    root: PathBuf,
    pkg_dir: String,
    precache: Vec<String>,
    top_files: Vec<String>,
    top_dirs: Vec<String>,
    version: String,
    service_worker: String,
}

/// Why the site root could not be scanned.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    /// A file or directory of the site root could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The site root or the pkg dir is missing or is not a directory (is the front end
    /// built? `cargo leptos build` writes it).
    #[error("{0} is not a directory (build the front end with `cargo leptos build`)")]
    NotADirectory(PathBuf),
    /// The pkg dir is not a single plain path segment such as `pkg`.
    #[error("invalid pkg dir {0:?}: expected one plain path segment such as \"pkg\"")]
    InvalidPkgDir(String),
}

impl Site {
    /// Scans the site root built by cargo-leptos: lists every file of the pkg dir (the
    /// content-hashed js, wasm, css; skipping `.br`/`.gz` siblings) and the assets
    /// (manifest, icons), and computes the version from their contents.
    ///
    /// Hidden files and files whose name is not URL-safe are skipped (with a warning for
    /// the latter). This reads every precached file once, with blocking I/O: call it at
    /// startup, or from `tokio::task::spawn_blocking`.
    pub fn scan(root: &Path, pkg_dir: &str) -> Result<Site, SiteError> {
        if !is_url_safe_segment(pkg_dir) {
            return Err(SiteError::InvalidPkgDir(pkg_dir.to_owned()));
        }
        for dir in [root.to_path_buf(), root.join(pkg_dir)] {
            let meta = fs::metadata(&dir).map_err(|source| match source.kind() {
                std::io::ErrorKind::NotFound => SiteError::NotADirectory(dir.clone()),
                _ => SiteError::Io {
                    path: dir.clone(),
                    source,
                },
            })?;
            if !meta.is_dir() {
                return Err(SiteError::NotADirectory(dir));
            }
        }

        let mut files = Vec::new();
        walk(root, &mut Vec::new(), &mut files)?;

        let mut top_files = Vec::new();
        let mut top_dirs = Vec::new();
        let mut precached = Vec::new();
        for segments in &files {
            let [first, rest @ ..] = segments.as_slice() else {
                continue;
            };
            if rest.is_empty() {
                if first == SERVICE_WORKER_URL.trim_start_matches('/') {
                    tracing::warn!("{first} in the site root is shadowed by the generated one");
                    continue;
                }
                top_files.push(first.clone());
            } else if !top_dirs.contains(first) {
                top_dirs.push(first.clone());
            }
            let in_pkg = first == pkg_dir && !rest.is_empty();
            if in_pkg || has_precached_extension(segments) {
                precached.push(segments.clone());
            }
        }

        // The version covers the service worker's own logic, the URL list and every byte
        // of every precached file: any change gives a new cache and a new `/sw.js`.
        let template = service_worker::TEMPLATE;
        let mut hasher = Sha256::new();
        hasher.update(template.as_bytes());
        let mut precache = vec![SHELL_URL.to_owned()];
        for segments in &precached {
            let url = format!("/{}", segments.join("/"));
            let path = segments.iter().fold(root.to_path_buf(), |p, s| p.join(s));
            let bytes = fs::read(&path).map_err(|source| SiteError::Io { path, source })?;
            hasher.update(url.as_bytes());
            hasher.update([0]);
            hasher.update((bytes.len() as u64).to_le_bytes());
            hasher.update(&bytes);
            precache.push(url);
        }
        let digest = hasher.finalize();
        let version: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
        let service_worker = service_worker::render(template, &version, &precache);

        Ok(Site {
            root: root.to_path_buf(),
            pkg_dir: pkg_dir.to_owned(),
            precache,
            top_files,
            top_dirs,
            version,
            service_worker,
        })
    }

    /// A short hash of the precache list and of the contents of every precached file
    /// (and of the service worker template): it changes whenever any asset changes.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The site root this was scanned from.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The pkg dir (relative to the site root), e.g. `pkg`.
    pub fn pkg_dir(&self) -> &str {
        &self.pkg_dir
    }

    /// The URLs the service worker precaches: the shell `/` first, then every file of
    /// the pkg dir and every asset, sorted.
    pub fn precache(&self) -> &[String] {
        &self.precache
    }

    /// The generated service worker script served at [`SERVICE_WORKER_URL`].
    pub fn service_worker(&self) -> &str {
        &self.service_worker
    }

    /// Names of the files directly in the site root (each gets its own route).
    pub(crate) fn top_files(&self) -> &[String] {
        &self.top_files
    }

    /// Names of the directories directly in the site root (each is served as a tree).
    pub(crate) fn top_dirs(&self) -> &[String] {
        &self.top_dirs
    }
}

/// Collects, in a stable order, the path segments of every servable file under `dir`.
fn walk(dir: &Path, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) -> Result<(), SiteError> {
    let io = |source| SiteError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut entries = fs::read_dir(dir)
        .map_err(io)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(io)?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            tracing::warn!("skipping {}: file name is not UTF-8", path.display());
            continue;
        };
        // Precompressed siblings are served in place of their original, and
        // wasm-bindgen's TypeScript declarations are for developers, not tablets.
        if name.starts_with('.')
            || name.ends_with(".br")
            || name.ends_with(".gz")
            || name.ends_with(".ts")
        {
            continue;
        }
        if !is_url_safe_segment(name) {
            tracing::warn!("skipping {}: file name is not URL-safe", path.display());
            continue;
        }
        // Follows symlinks, like the file server does.
        let meta = fs::metadata(&path).map_err(|source| SiteError::Io {
            path: path.clone(),
            source,
        })?;
        prefix.push(name.to_owned());
        if meta.is_dir() {
            walk(&path, prefix, out)?;
        } else if meta.is_file() {
            out.push(prefix.clone());
        }
        prefix.pop();
    }
    Ok(())
}

/// Whether a name can appear as is in a URL path and an axum route: only RFC 3986
/// unreserved characters, and not `.` or `..`.
fn is_url_safe_segment(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~'))
}

fn has_precached_extension(segments: &[String]) -> bool {
    segments
        .last()
        .and_then(|name| name.rsplit_once('.'))
        .is_some_and(|(_, ext)| PRECACHED_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

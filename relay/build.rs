//! The app is embedded from `app/dist` (built by Trunk), each text asset with a brotli and a
//! gzip copy made here once, so the relay answers `Accept-Encoding` without compressing per
//! request. A plain `cargo build` or `cargo test` runs before any Trunk build, so an empty
//! folder is fine: the relay then serves a page saying how to build the app.

use std::{
    io::Write,
    path::{Path, PathBuf},
};

/// What compresses well; PNG and other already-compressed formats are served as they are.
const COMPRESSIBLE: &[&str] = &[
    "html",
    "js",
    "css",
    "wasm",
    "svg",
    "webmanifest",
    "json",
    "ico",
    "txt",
];

fn main() {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/dist");
    if let Err(error) = std::fs::create_dir_all(&dist) {
        println!("cargo::warning=cannot create {}: {error}", dist.display());
    }
    println!("cargo::rerun-if-changed=../app/dist");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("dist");
    // A stale copy of an asset Trunk no longer makes must not be embedded.
    let _ = std::fs::remove_dir_all(&out);
    // rust-embed needs the folder even when there is nothing to embed (a fresh clone).
    if let Err(error) = std::fs::create_dir_all(&out) {
        panic!("cannot create {}: {error}", out.display());
    }
    if let Err(error) = copy_compressed(&dist, &dist, &out) {
        panic!(
            "cannot prepare the embedded app from {}: {error}",
            dist.display()
        );
    }
}

fn copy_compressed(root: &Path, dir: &Path, out: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            copy_compressed(root, &path, out)?;
            continue;
        }
        let relative = path.strip_prefix(root).expect("under the root");
        let target = out.join(relative);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let data = std::fs::read(&path)?;
        std::fs::write(&target, &data)?;
        let compressible = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e));
        if !compressible {
            continue;
        }
        let brotli = brotli(&data)?;
        if brotli.len() < data.len() {
            std::fs::write(with_suffix(&target, "br"), brotli)?;
        }
        let gzip = gzip(&data)?;
        if gzip.len() < data.len() {
            std::fs::write(with_suffix(&target, "gz"), gzip)?;
        }
    }
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

fn brotli(data: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &data[..], &mut out, &params)?;
    Ok(out)
}

fn gzip(data: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data)?;
    encoder.finish()
}

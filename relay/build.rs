//! The app is embedded from `app/dist` (built by Trunk). A plain `cargo build` or `cargo test`
//! runs before any Trunk build, so make sure the folder exists; the relay then serves a page
//! saying how to build the app.
fn main() {
    let dist = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/dist");
    if let Err(error) = std::fs::create_dir_all(&dist) {
        println!("cargo::warning=cannot create {}: {error}", dist.display());
    }
    println!("cargo::rerun-if-changed=../app/dist");
}

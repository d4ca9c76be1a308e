//! `cargo xtask run`: build the app, embed it in the relay, start it.

use crate::{Result, root, tools};
use std::process::Command;

pub fn run(relay_args: Vec<String>) -> Result {
    tools::ensure_build_tools()?;
    tools::build_app()?;
    tools::step("Building the relay with the app embedded (cargo build --release)");
    tools::run(Command::new("cargo").current_dir(root()).args([
        "build",
        "--release",
        "--package",
        "switchboard-relay",
        "--bin",
        "switchboard",
    ]))?;
    let relay_args: Vec<String> = relay_args.into_iter().skip_while(|a| a == "--").collect();
    tools::step("Starting Switchboard (Ctrl+C stops it)");
    println!(
        "Open http://127.0.0.1:8080 (or SWITCHBOARD_LISTEN) and log in as `admin`: on first start the\n\
         one-time password is printed below, unless SWITCHBOARD_ADMIN_PASSWORD was set.\n\
         The Sandbox line and its Simulator (/simulator) work without a Meta account."
    );
    tools::run(
        Command::new(root().join("target/release/switchboard"))
            .current_dir(root())
            .args(relay_args),
    )
}

//! `cargo xtask test`: formatting, lints (native and wasm32), the workspace's tests, then the
//! browser suites against the release-built app. Ends with one `N passed, N failed` line.

use crate::{Result, root, tools};
use std::{
    io::{BufRead, BufReader},
    process::{Command, Stdio},
};

#[derive(Default)]
struct Counts {
    passed: u64,
    failed: u64,
}

impl Counts {
    /// Reads a libtest summary: `test result: ok. 15 passed; 0 failed; …`.
    fn add_line(&mut self, line: &str) {
        let Some(rest) = line.trim().strip_prefix("test result: ") else {
            return;
        };
        for part in rest.split(';') {
            let mut words = part.split_whitespace().rev();
            let (Some(kind), Some(number)) = (words.next(), words.next()) else {
                continue;
            };
            let Ok(number) = number.parse::<u64>() else {
                continue;
            };
            match kind {
                "passed" => self.passed += number,
                "failed" => self.failed += number,
                _ => {}
            }
        }
    }
}

/// Runs a cargo test command, echoing its output and counting its results.
fn cargo_test(counts: &mut Counts, args: &[&str], env: &[(&str, &str)]) -> Result {
    let mut command = Command::new("cargo");
    command
        .current_dir(root())
        .args(args)
        .env("PATH", tools::path_env())
        .stdout(Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    let mut child = command
        .spawn()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout)
            .lines()
            .map_while(std::result::Result::ok)
        {
            println!("{line}");
            counts.add_line(&line);
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("cargo {} failed", args.join(" ")))
    }
}

pub fn test() -> Result {
    let mut counts = Counts::default();
    let result = steps(&mut counts);
    println!(
        "\nsummary: {} passed, {} failed",
        counts.passed, counts.failed
    );
    result
}

fn steps(counts: &mut Counts) -> Result {
    tools::step("Formatting (cargo fmt --check)");
    tools::run(
        Command::new("cargo")
            .current_dir(root())
            .args(["fmt", "--all", "--", "--check"]),
    )?;

    tools::ensure_build_tools()?;

    tools::step("Lints, native (cargo clippy -D warnings)");
    tools::run(Command::new("cargo").current_dir(root()).args([
        "clippy",
        "--workspace",
        "--exclude",
        "switchboard-app",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    tools::step("Lints, wasm32 (cargo clippy --target wasm32-unknown-unknown -D warnings)");
    tools::run(Command::new("cargo").current_dir(root()).args([
        "clippy",
        "-p",
        "switchboard-app",
        "-p",
        "switchboard-domain",
        "--target",
        "wasm32-unknown-unknown",
        "--",
        "-D",
        "warnings",
    ]))?;

    tools::step("Unit and scenario tests (cargo test --workspace)");
    cargo_test(counts, &["test", "--workspace"], &[])?;

    tools::ensure_browser()?;
    tools::build_app()?;
    tools::step("Browser suites in headless Chromium");
    cargo_test(
        counts,
        &[
            "test",
            "-p",
            "switchboard-tests",
            "--test",
            "e2e",
            "--test",
            "translated",
            "--test",
            "phone",
            "--test",
            "first_load",
            "--test",
            "whatsapp_shapes",
            "--",
            "--ignored",
            "--test-threads=1",
        ],
        &[
            ("CHROMIUM", tools::CHROMIUM),
            ("CHROMEDRIVER", tools::CHROMEDRIVER),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::Counts;

    #[test]
    fn libtest_summaries_are_counted() {
        let mut counts = Counts::default();
        counts.add_line("test result: ok. 15 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 9.27s");
        counts.add_line(
            "test result: FAILED. 3 passed; 2 failed; 1 ignored; 0 measured; 0 filtered out",
        );
        counts.add_line("running 5 tests");
        assert_eq!((counts.passed, counts.failed), (18, 2));
    }
}

//! The `sembrar` command line (`--help`, `--version`, refused arguments: never a server started by
//! mistake) and the test command's guard that the repository refers to nothing outside itself
//! (`scripts/check-paths.sh`, run before anything is compiled).

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use tests::{TempDir, server_binary};

/// Runs `sembrar` with `args` in an empty folder, with settings that would start a server there on
/// a free port; kills it and fails if it has not exited within 30 s (a server started by mistake).
fn sembrar(args: &[&str]) -> (Output, TempDir) {
    let folder = TempDir::new("sembrar-cli");
    let mut child = Command::new(server_binary())
        .args(args)
        .current_dir(folder.path())
        .env("SEMBRAR_ADDR", "127.0.0.1:0")
        .env("SEMBRAR_DATA_DIR", folder.path().join("data"))
        .env_remove("SEMBRAR_DATABASE_URL")
        .env_remove("SEMBRAR_CONFIG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sembrar starts");
    let started = Instant::now();
    while child
        .try_wait()
        .expect("sembrar can be waited for")
        .is_none()
    {
        if started.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            let output = child.wait_with_output().expect("sembrar's output");
            panic!(
                "sembrar {args:?} did not exit within 30 s; it printed:\n{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    (child.wait_with_output().expect("sembrar's output"), folder)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn help_prints_the_usage_with_every_subcommand_and_starts_nothing() {
    for args in [
        &["--help"][..],
        &["-h"],
        &["help"],
        &["generate-national", "--help"],
    ] {
        let (output, folder) = sembrar(args);
        let stdout = text(&output.stdout);
        assert!(output.status.success(), "{args:?}: {:?}", output.status);
        for word in [
            "Usage:",
            "generate-national [--households N]",
            "--help",
            "--version",
            "SEMBRAR_DATABASE_URL",
        ] {
            assert!(stdout.contains(word), "{args:?} lacks {word}:\n{stdout}");
        }
        assert_eq!(text(&output.stderr), "", "{args:?}");
        assert!(
            !folder.path().join("data").exists(),
            "{args:?} made a data folder: a database was opened"
        );
    }
}

#[test]
fn version_prints_the_version_and_exits() {
    for flag in ["--version", "-V"] {
        let (output, folder) = sembrar(&[flag]);
        assert!(output.status.success(), "{flag}");
        assert_eq!(
            text(&output.stdout),
            format!("sembrar {}\n", env!("CARGO_PKG_VERSION"))
        );
        assert!(!folder.path().join("data").exists(), "{flag}");
    }
}

#[test]
fn an_unknown_argument_is_refused_with_the_usage_and_exit_code_2() {
    for (args, message) in [
        (&["--port", "8080"][..], "unknown argument '--port'"),
        (&["serve"], "unknown argument 'serve'"),
        (&["--version", "now"], "unknown argument 'now'"),
        (
            &["generate-national", "--households", "0"],
            "--households needs a whole number above 0, not '0'",
        ),
        (
            &["generate-national", "--fast"],
            "unknown argument '--fast'",
        ),
    ] {
        let (output, folder) = sembrar(args);
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with(&format!("sembrar: {message}\n")),
            "{args:?}: {stderr}"
        );
        assert!(stderr.contains("Usage:"), "{args:?}: {stderr}");
        assert_eq!(text(&output.stdout), "", "{args:?}");
        assert!(!folder.path().join("data").exists(), "{args:?}");
    }
}

/// The repository's root (the tests crate's parent folder).
fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate sits in the repository")
        .to_path_buf()
}

/// Runs the guard on `folder`.
fn check_paths(folder: &Path) -> Output {
    Command::new("bash")
        .arg(repository().join("scripts/check-paths.sh"))
        .arg(folder)
        .output()
        .expect("bash runs scripts/check-paths.sh")
}

fn write(root: &Path, path: &str, contents: &str) {
    let path = root.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, contents).unwrap();
}

#[test]
fn the_repository_refers_to_nothing_outside_itself() {
    let output = check_paths(&repository());
    assert!(
        output.status.success(),
        "scripts/check-paths.sh refused the repository:\n{}",
        text(&output.stderr)
    );
}

#[test]
fn the_path_guard_names_each_file_and_line_that_points_outside_the_repository() {
    // The hostile paths are put together here so that this file itself stays clean.
    const UP: &str = "..";
    let tree = TempDir::new("sembrar-paths");
    let root = tree.path();
    write(root, "Cargo.toml", "[workspace]\nmembers = [\"shared\"]\n");
    write(root, "shared/Cargo.toml", "[package]\nname = \"shared\"\n");
    write(
        root,
        "shared/src/fx.rs",
        &format!(
            "const OK: &str = include_str!(\"{UP}/testdata/fx/rates.csv\");\n\
             const OUT: &str = include_str!(concat!(\n    env!(\"CARGO_MANIFEST_DIR\"),\n    \
             \"/{UP}/{UP}/shared/data/fx/rates.csv\"\n));\n\
             const IN_CRATE: &str = concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/{UP}/README.md\");\n\
             let tail = &text[{UP}7];\n"
        ),
    );
    write(
        root,
        "scripts/run.sh",
        &format!(
            "source \"$(dirname \"${{BASH_SOURCE[0]}}\")/{UP}/scripts/env.sh\"\n\
             cp {UP}/shared/data/geo/peru.geojson data/\n"
        ),
    );
    write(
        root,
        "docs/notes.md",
        &format!("Rates were read from /{}/monitor/rates.csv.\n", "home"),
    );

    let output = check_paths(root);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "error: shared/src/fx.rs:4: '/{UP}/{UP}/shared/data/fx/rates.csv' points outside the repository"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "error: scripts/run.sh:2: '{UP}/shared/data/geo/peru.geojson' points outside the repository"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "error: docs/notes.md:1: '/{}/monitor/rates.csv' is an absolute path of a build machine",
            "home"
        )),
        "{stderr}"
    );
    assert!(stderr.contains("3 reference(s)"), "{stderr}");

    // The same tree as a git work tree: only tracked files count.
    std::fs::remove_file(root.join("docs/notes.md")).unwrap();
    std::fs::remove_file(root.join("scripts/run.sh")).unwrap();
    write(
        root,
        "shared/src/fx.rs",
        &format!("const OK: &str = include_str!(\"{UP}/testdata/fx/rates.csv\");\n"),
    );
    let git = |args: &[&str]| {
        let status = Command::new("git")
            .args(args)
            .current_dir(root)
            .stdout(Stdio::null())
            .status()
            .expect("git runs");
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    write(root, "untracked.sh", &format!("cat {UP}/{UP}/secret.csv\n"));
    let output = check_paths(root);
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(
        text(&output.stdout).contains("refers only to paths inside the repository"),
        "{}",
        text(&output.stdout)
    );

    git(&["add", "untracked.sh"]);
    let output = check_paths(root);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output.stderr).contains("error: untracked.sh:1:"),
        "{}",
        text(&output.stderr)
    );
}

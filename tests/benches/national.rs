//! National scale: a synthetic program of 250,000 households in 2,500 communities, 1,000,000
//! plots and about 10,000,000 plot observations (`sembrar generate-national`), served by the real
//! server on SQLite; prints how long a dashboard and a donor report for one donor and one year
//! (the report worked out, its XLSX and its HTML) take, and the server's peak memory. Targets: a
//! dashboard under 200 ms, the report under 1 s and 1 GiB. Run against a release server:
//!
//! ```sh
//! cargo build --release -p server && cargo bench -p tests --bench national
//! ```
//!
//! `SEMBRAR_BENCH_HOUSEHOLDS` sets a smaller size (10,000 households is one project);
//! `SEMBRAR_TEST_HTTP_TIMEOUT_SECONDS` a longer wait for each request than the tests' 60 s.

use serde_json::{Value, json};
use std::process::Command;
use std::time::{Duration, Instant};
use tests::{ADMIN_EMAIL, ADMIN_PASSWORD, TempDir, TestServer};

const RUNS: usize = 3;

fn median(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    (times[times.len() / 2], *times.last().unwrap())
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn peak_memory(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned())
}

fn main() {
    let households: u32 = std::env::var("SEMBRAR_BENCH_HOUSEHOLDS")
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(250_000);
    let data = TempDir::new("sembrar-national");
    let started = Instant::now();
    let status = Command::new(tests::server_binary())
        .args(["generate-national", "--households", &households.to_string()])
        .env("SEMBRAR_DATA_DIR", data.path())
        .env("SEMBRAR_ADMIN_EMAIL", ADMIN_EMAIL)
        .env("SEMBRAR_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .env("SEMBRAR_LOG", "warn")
        .env_remove("SEMBRAR_DATABASE_URL")
        .env_remove("SEMBRAR_CONFIG")
        .status()
        .expect("sembrar generate-national runs");
    assert!(status.success(), "generate-national failed");
    let generated = started.elapsed();
    let database = std::fs::metadata(data.path().join("sembrar.db"))
        .map(|m| m.len())
        .unwrap_or(0);

    let server = TestServer::spawn_with(|cmd| {
        cmd.env("SEMBRAR_DATA_DIR", data.path())
            .env("SEMBRAR_API_RATE_PER_MINUTE", "1000000")
            .env("SEMBRAR_LOG", "warn");
    });
    let admin = server.http();
    let programs = admin.get("/api/v1/programs").json();
    let program = programs
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"].as_str().unwrap_or("").starts_with("SYNTHETIC"))
        .expect("the synthetic program")["id"]
        .as_i64()
        .unwrap();
    let detail = admin.get(&format!("/api/v1/programs/{program}")).json();
    let project = detail["projects"][0]["id"].as_i64().expect("a project");
    // The donor of the first project (a fifth of the projects at national size).
    let donor = admin.get(&format!("/api/v1/projects/{project}")).json()["donors"][0]["id"]
        .as_i64()
        .expect("the project's donor");
    // A request is repeated RUNS times, unless it takes longer than 10 s (then once).
    let time = |path: &str| -> Vec<Duration> {
        let mut times = Vec::new();
        while times.len() < RUNS {
            let t = Instant::now();
            let response = admin.get(path);
            response.assert_status(200);
            times.push(t.elapsed());
            if t.elapsed() > Duration::from_secs(10) {
                break;
            }
        }
        times
    };
    let year = "from=2024-01-01&to=2024-12-31";
    let rows: Vec<(String, Vec<Duration>)> = vec![
        (
            "program dashboard, whole span".into(),
            time(&format!("/api/v1/programs/{program}/dashboard")),
        ),
        (
            "program dashboard, one donor, 2024".into(),
            time(&format!(
                "/api/v1/programs/{program}/dashboard?{year}&donor={donor}"
            )),
        ),
        (
            "project dashboard, whole span".into(),
            time(&format!("/api/v1/projects/{project}/dashboard")),
        ),
        (
            "donor dashboard, 2024".into(),
            time(&format!("/api/v1/donors/{donor}/dashboard?{year}")),
        ),
    ];
    // A field monitor's record moves one community's digest on: the next dashboard works that
    // digest out again from the community's records.
    let plot = admin.get("/api/v1/households/1").json()["plots"][0]["id"]
        .as_i64()
        .expect("a plot of the first household");
    admin
        .post_json(
            &format!("/api/v1/plots/{plot}/uses"),
            &json!({"observed_on": chrono::Utc::now().date_naive().to_string(), "crop": "cocoa",
                "hectares": "0.25", "source": "field_verification"}),
        )
        .assert_status(200);
    let t = Instant::now();
    admin
        .get(&format!("/api/v1/programs/{program}/dashboard"))
        .assert_status(200);
    let after_write = t.elapsed();
    let mut reports: Vec<Duration> = Vec::new();
    for n in 0..RUNS {
        if reports.last().is_some_and(|t| *t > Duration::from_secs(10)) {
            break;
        }
        let t = Instant::now();
        let made = admin.post_json(
            "/api/v1/reports",
            &json!({"title": format!("Informe 2024 ({n})"), "scope": "donor",
                "donor_id": donor.to_string(), "period_start": "2024-01-01",
                "period_end": "2024-12-31", "language": "es"}),
        );
        made.assert_status(201);
        let id: Value = made.json()["id"].clone();
        for file in ["report.xlsx", "report.html"] {
            let (status, _, body) = admin.get_bytes(&format!("/api/v1/reports/{id}/{file}"));
            assert_eq!(status, 200, "{file}");
            assert!(!body.is_empty(), "{file}");
        }
        reports.push(t.elapsed());
    }
    println!(
        "national program: {households} households, generated in {:.1} s, database {} MB",
        generated.as_secs_f64(),
        database / 1_000_000
    );
    println!(
        "{:<44} {:>10} {:>10}",
        "request (max: the first, digests from the DB)", "median", "max"
    );
    for (label, times) in rows {
        let (m, x) = median(times);
        println!("{label:<44} {:>10} {:>10}", ms(m), ms(x));
    }
    println!(
        "{:<44} {:>10}",
        "program dashboard after a plot record",
        ms(after_write)
    );
    let (m, x) = median(reports);
    println!(
        "{:<44} {:>10} {:>10}",
        "donor report 2024: worked out + XLSX + HTML",
        ms(m),
        ms(x)
    );
    println!("server peak memory (VmHWM): {}", peak_memory(server.pid()));
}

//! Hostile files and bodies, built here: each is answered with a 413 or 422 that names the limit
//! it broke, within 2 s of the server's CPU and 256 MiB more of its memory, and the server goes
//! on answering `/healthz`. Sparse spreadsheets, ZIP bombs, a string table that lies, huge
//! cells and rows, deep nesting, millions of tiny elements, polygons of 100,000 corners, NUL
//! bytes and invalid UTF-8.

use serde_json::{Value, json};
use std::io::{Cursor, Write};
use tests::{Http, Response, TestServer};

/// What answering one request cost the server.
struct Cost {
    cpu_seconds: f64,
    peak_growth_mib: f64,
}

/// The server process's CPU time (user + system) in seconds and its peak resident memory in
/// KiB, read from /proc.
fn usage(server: &TestServer) -> (f64, u64) {
    let pid = server.pid();
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // The fields after the command's closing parenthesis: utime and stime are the 12th and
    // 13th of them.
    let fields: Vec<&str> = stat[stat.rfind(')').unwrap() + 2..].split(' ').collect();
    let ticks: f64 = fields[11].parse::<f64>().unwrap() + fields[12].parse::<f64>().unwrap();
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let peak = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap();
    // Linux counts CPU time in ticks of 1/100 s on every platform this runs on.
    (ticks / 100.0, peak)
}

/// Sends a hostile request and checks the server's answer and what it cost.
fn answered_within_budget(server: &TestServer, send: impl FnOnce() -> Response) -> Response {
    let (cpu_before, _) = usage(server);
    let rss_before = {
        let status = std::fs::read_to_string(format!("/proc/{}/status", server.pid())).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .unwrap()
    };
    let response = send();
    let (cpu_after, peak) = usage(server);
    let cost = Cost {
        cpu_seconds: cpu_after - cpu_before,
        peak_growth_mib: peak.saturating_sub(rss_before) as f64 / 1024.0,
    };
    assert!(
        cost.cpu_seconds < 2.0,
        "{:.2} s of CPU answering it",
        cost.cpu_seconds
    );
    assert!(
        cost.peak_growth_mib < 256.0,
        "{:.0} MiB more memory answering it",
        cost.peak_growth_mib
    );
    server.anonymous().get("/healthz").assert_status(200);
    eprintln!(
        "answered {} in {:.2} s of CPU, peak memory +{:.0} MiB",
        response.status, cost.cpu_seconds, cost.peak_growth_mib
    );
    response
}

fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, content) in files {
        zip.start_file(*name, options).unwrap();
        zip.write_all(content).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const WORKBOOK: &str = r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="visits" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const RELS: &str = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;

fn workbook(sheet_data: &str, shared_strings: Option<&str>) -> Vec<u8> {
    let sheet = format!(
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_data}</sheetData></worksheet>"#
    );
    let mut files: Vec<(&str, &[u8])> = vec![
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ];
    if let Some(strings) = shared_strings {
        files.push(("xl/sharedStrings.xml", strings.as_bytes()));
    }
    zip_of(&files)
}

/// A server with a project whose imports a test uploads to; answers the project's id.
fn server_with_project() -> (TestServer, String) {
    let server = TestServer::spawn();
    let (project, _) =
        tests::fixtures::project_with_community(&server, "Sur", "Cacao", "CO", "La Carmelita");
    (server, project)
}

fn upload(http: &Http, project: &str, file_name: &str, bytes: Vec<u8>) -> Response {
    http.send(
        http.request(
            tests::Method::POST,
            &format!("/api/v1/projects/{project}/imports?file_name={file_name}"),
        )
        .header("content-type", "application/octet-stream")
        .body(bytes),
    )
}

/// The message of the upload's field error.
fn file_message(response: &Response) -> String {
    let body = response.json();
    body["error"]["fields"][0]["message"]
        .as_str()
        .or_else(|| body["error"]["message"].as_str())
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn a_5_kb_workbook_with_a_cell_in_the_last_column_of_the_last_row_is_refused_naming_the_limit() {
    let (server, project) = server_with_project();
    let bytes = workbook(
        r#"<row r="1"><c r="A1" t="inlineStr"><is><t>household_code</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
        None,
    );
    assert!(bytes.len() < 5_000);
    let answer = answered_within_budget(&server, || {
        upload(server.http(), &project, "visits.xlsx", bytes)
    });
    answer.assert_status(422);
    let message = file_message(&answer);
    assert!(message.contains("Row 1048576"), "{message}");
    assert!(message.contains("more than 1000 columns"), "{message}");
}

#[test]
fn a_zip_bomb_and_a_lying_string_table_are_refused_before_they_are_unpacked() {
    let (server, project) = server_with_project();
    let spaces = vec![b' '; 300 * 1024 * 1024];
    let bomb = zip_of(&[("visits.csv", spaces.as_slice())]);
    drop(spaces);
    assert!(bomb.len() < 2 * 1024 * 1024, "{}", bomb.len());
    let answer = answered_within_budget(&server, || {
        upload(server.http(), &project, "visits.zip", bomb)
    });
    answer.assert_status(422);
    assert!(
        file_message(&answer).contains("more than 256 MiB"),
        "{}",
        answer.body
    );

    // A string table announcing four billion strings, and a cell pointing at the last of them.
    let strings = r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4000000000" uniqueCount="4000000000"><si><t>household_code</t></si></sst>"#;
    let liar = workbook(
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>3999999999</v></c></row>"#,
        Some(strings),
    );
    let answer = answered_within_budget(&server, || {
        upload(server.http(), &project, "visits.xlsx", liar)
    });
    assert_eq!(answer.status, 422, "{}", answer.body);
}

#[test]
fn a_csv_of_one_endless_row_or_one_endless_cell_is_refused_at_the_limit() {
    let (server, project) = server_with_project();
    let commas = format!("household_code\n{}\n", ",".repeat(20 * 1024 * 1024));
    let answer = answered_within_budget(&server, || {
        upload(server.http(), &project, "visits.csv", commas.into_bytes())
    });
    answer.assert_status(422);
    assert!(
        file_message(&answer).contains("more than 1000 columns"),
        "{}",
        answer.body
    );

    let cell = format!("household_code\n\"{}\"\n", "é".repeat(10 * 1024 * 1024));
    let answer = answered_within_budget(&server, || {
        upload(server.http(), &project, "visits.csv", cell.into_bytes())
    });
    answer.assert_status(422);
    assert!(
        file_message(&answer).contains("32767 characters"),
        "{}",
        answer.body
    );

    let larger = vec![b'a'; 26 * 1024 * 1024];
    let answer = answered_within_budget(&server, || {
        upload(server.http(), &project, "visits.csv", larger)
    });
    answer.assert_status(413);
    assert!(file_message(&answer).contains("25 MiB"), "{}", answer.body);
}

#[test]
fn nul_bytes_and_invalid_utf_8_are_answered_not_fatal() {
    let (server, project) = server_with_project();
    let nul = b"household_code\nKR76\0\0\0\n".to_vec();
    let answer = answered_within_budget(&server, || {
        upload(server.http(), &project, "visits.csv", nul)
    });
    answer.assert_status(422);
    // Invalid UTF-8 is read as Windows-1252, as spreadsheets save it: a file, not an attack.
    let latin = b"household_code,fecha\n\xff\xfe\xc3(,2025-06-03\n".to_vec();
    let answer = answered_within_budget(&server, || {
        upload(server.http(), &project, "visits.csv", latin)
    });
    assert!(answer.status < 500, "{}", answer.body);
}

fn iati_import(http: &Http, program: &str, xml: String) -> Response {
    http.send(
        http.request(
            tests::Method::POST,
            &format!("/api/v1/programs/{program}/iati-import?illicit_crop=coca_bush&planned_crop=cocoa&planned_hectares=10"),
        )
        .header("content-type", "application/xml")
        .body(xml),
    )
}

#[test]
fn deep_and_endless_xml_is_refused_or_read_in_linear_time() {
    let (server, project) = server_with_project();
    let program = tests::fixtures::create_program(&server, "Norte", "");
    let deep = format!("<iati-activities>{}", "<a>".repeat(300_000));
    let answer = answered_within_budget(&server, || iati_import(server.http(), &program, deep));
    answer.assert_status(422);
    assert!(
        answer.body.contains("nested deeper than 100"),
        "{}",
        answer.body
    );

    let tiny = format!(
        "<iati-activities version=\"2.03\">{}</iati-activities>",
        "<x/>".repeat(250_000)
    );
    let answer = answered_within_budget(&server, || iati_import(server.http(), &program, tiny));
    assert!(answer.status < 500, "{}", answer.status);

    // The same shapes as a project area in KML.
    let kml = format!("<kml>{}</kml>", "<Folder>".repeat(120_000));
    let answer = answered_within_budget(&server, || {
        let http = server.http();
        http.send(
            http.request(
                tests::Method::PUT,
                &format!("/api/v1/projects/{project}/area"),
            )
            .header("content-type", "application/vnd.google-earth.kml+xml")
            .body(kml),
        )
    });
    answer.assert_status(422);
}

#[test]
fn deep_json_is_refused_with_a_clear_answer() {
    let server = TestServer::spawn();
    let deep = format!("{{\"name\": {}", "[".repeat(900_000));
    let answer = answered_within_budget(&server, || {
        let http = server.http();
        http.send(
            http.request(tests::Method::POST, "/api/v1/programs")
                .header("content-type", "application/json")
                .body(deep),
        )
    });
    assert!(
        answer.status == 400 || answer.status == 422,
        "{} {}",
        answer.status,
        answer.body
    );
}

fn put_area(http: &Http, project: &str, geometry: &Value) -> Response {
    http.send(
        http.request(
            tests::Method::PUT,
            &format!("/api/v1/projects/{project}/area"),
        )
        .json(geometry),
    )
}

#[test]
fn a_polygon_of_100000_corners_is_refused_naming_the_limit_and_10000_are_checked_quickly() {
    let (server, project) = server_with_project();
    // Corners on a circle, written to `scale` (1e3: three decimals).
    let corners = |n: usize, radius: f64, scale: f64| -> Vec<Value> {
        let mut ring: Vec<Value> = (0..n)
            .map(|i| {
                let a = i as f64 / n as f64 * std::f64::consts::TAU;
                json!([
                    ((-75.0 + radius * a.cos()) * scale).round() / scale,
                    ((2.0 + radius * a.sin()) * scale).round() / scale
                ])
            })
            .collect();
        ring.push(ring[0].clone());
        ring
    };
    let huge = json!({"type": "Polygon", "coordinates": [corners(100_000, 5.0, 1e3)]});
    let answer = answered_within_budget(&server, || put_area(server.http(), &project, &huge));
    if answer.status == 422 {
        assert!(
            answer.body.contains("more than 10000 corners"),
            "{}",
            answer.body
        );
    } else {
        answer.assert_status(413);
    }
    // The most corners an area may have (9,999 and the closing one).
    let most = json!({"type": "Polygon", "coordinates": [corners(9_999, 0.5, 1e7)]});
    let answer = answered_within_budget(&server, || put_area(server.http(), &project, &most));
    answer.assert_status(200);

    // A comb of 2,400 long fingers: 4,800 long sides side by side, each overlapping all the
    // others across, none crossing — the worst case of a sweep over the sides.
    let (long, spine, step) = (2.0, 0.1, 0.0002);
    let mut comb = vec![json!([0.0, 0.0])];
    for f in 0..2_400 {
        let y = f64::from(f) * 2.0 * step;
        comb.push(json!([long, y]));
        comb.push(json!([long, y + step]));
        comb.push(json!([spine, y + step]));
        comb.push(json!([spine, y + 2.0 * step]));
    }
    comb.push(json!([0.0, 2_400.0 * 2.0 * step]));
    comb.push(json!([0.0, 0.0]));
    let answer = answered_within_budget(&server, || {
        put_area(
            server.http(),
            &project,
            &json!({"type": "Polygon", "coordinates": [comb]}),
        )
    });
    answer.assert_status(200);
}

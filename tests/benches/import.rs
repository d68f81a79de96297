//! How an import of a large KoboToolbox export behaves: 10,000 submissions of 500 households,
//! each with a plot row in its repeat group, as one XLSX file. Prints how long reading the
//! upload and importing take, and how fast the server answers `/healthz` meanwhile (it must not
//! be blocked). Run against a release server:
//!
//! ```sh
//! cargo build --release -p server && cargo bench -p tests --bench import
//! ```

use serde_json::{Value, json};
use std::time::{Duration, Instant};
use tests::TestServer;
use tests::fixtures::project_with_community;

const HOUSEHOLDS: usize = 500;
const VISITS_EACH: usize = 20;

fn main() {
    // Setting up 500 households takes more requests than a person makes in a minute.
    let server = TestServer::spawn_with(|cmd| {
        cmd.env("SEMBRAR_API_RATE_PER_MINUTE", "1000000");
    });
    let admin = server.http();
    let (project, community) =
        project_with_community(&server, "Bench", "Proyecto grande", "CO", "Vereda");
    let started = Instant::now();
    let mut codes = Vec::with_capacity(HOUSEHOLDS);
    for _ in 0..HOUSEHOLDS {
        let h = admin.post_json(
            &format!("/api/v1/projects/{project}/households"),
            &json!({"community_id": community, "head_sex": "female", "head_age_band": "30_59",
                "members_female_30_59": 1, "land_tenure": "untitled_possession",
                "enrolled_on": "2025-01-05"}),
        );
        h.assert_status(201);
        let h = h.json();
        admin
            .post_json(
                &format!("/api/v1/households/{}/plots", h["id"]),
                &json!({"name": "Loma", "declared_hectares": "3", "longitude": -72.6, "latitude": 2.6}),
            )
            .assert_status(201);
        codes.push(h["code"].as_str().unwrap().to_owned());
    }
    println!(
        "setup: {HOUSEHOLDS} households with a plot in {:.1?}",
        started.elapsed()
    );

    let s = |v: &str| v.to_owned();
    let mut main = vec![vec![
        s("grp/household_code"),
        s("grp/fecha"),
        s("grp/cultivo"),
        s("grp/harvested_kg"),
        s("grp/sold_kg"),
        s("grp/precio"),
        s("grp/moneda"),
        s("grp/canal"),
        s("_uuid"),
        s("_index"),
    ]];
    let mut plots = vec![vec![
        s("plot_name"),
        s("illicit_crop"),
        s("illicit_hectares"),
        s("licit_crop"),
        s("established_hectares"),
        s("surviving_hectares"),
        s("_parent_index"),
    ]];
    let mut index = 0;
    for (h, code) in codes.iter().enumerate() {
        for v in 0..VISITS_EACH {
            index += 1;
            let day = format!("2025-{:02}-{:02}", 1 + v % 12, 1 + v / 12 + 10);
            main.push(vec![
                code.clone(),
                day,
                s("Cacao"),
                s("120"),
                s("100"),
                s("9000"),
                s("COP"),
                s("Cooperativa"),
                format!("{h:08x}-0000-4000-8000-{v:012x}"),
                index.to_string(),
            ]);
            plots.push(vec![
                s("Loma"),
                s("Coca"),
                s("0.5"),
                s("Cacao"),
                s("1.5"),
                s("1.2"),
                index.to_string(),
            ]);
        }
    }
    let file = tests::xlsx::workbook(&[("Visita", main), ("grp_predios", plots)]);
    println!("file: {} submissions, {} bytes", index, file.len());

    let t = Instant::now();
    let uploaded = admin.send(
        admin
            .request(
                reqwest::Method::POST,
                &format!("/api/v1/projects/{project}/imports?file_name=visitas.xlsx"),
            )
            .body(file),
    );
    uploaded.assert_status(201);
    let upload = t.elapsed();
    let import = uploaded.json();
    let id = import["id"].as_i64().unwrap();

    let t = Instant::now();
    admin
        .post_json(&format!("/api/v1/imports/{id}/start"), &import["mapping"])
        .assert_status(202);
    let mut health = Vec::new();
    let mut last: Value;
    loop {
        let h = Instant::now();
        server.anonymous().get("/healthz").assert_status(200);
        health.push(h.elapsed());
        last = admin.get(&format!("/api/v1/imports/{id}")).json();
        if last["status"] == "done" {
            break;
        }
        assert_eq!(last["status"], "running", "{last}");
        std::thread::sleep(Duration::from_millis(100));
    }
    let took = t.elapsed();
    health.sort();
    assert_eq!(last["imported"], index, "{}", last["issues"]);
    println!("upload (read and stored, answered): {upload:.2?}");
    println!(
        "import: {index} visits in {took:.1?} ({:.0} visits/s)",
        f64::from(u32::try_from(index).unwrap_or(0)) / took.as_secs_f64()
    );
    println!(
        "/healthz during the import: {} requests, median {:.1?}, max {:.1?}",
        health.len(),
        health[health.len() / 2],
        health[health.len() - 1]
    );
}

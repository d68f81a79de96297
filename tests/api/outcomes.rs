//! Outcomes over time: a project's illicit and licit hectares and its eradication agreements
//! quarter by quarter, checked against figures worked out here from the records posted in the
//! test; the charts as SVG and their numbers as CSV; who may read them.

use crate::access::{DEMO_ACCOUNTS, demo_server};
use serde_json::{Value, json};
use tests::{Http, TestServer};

fn made(http: &Http, path: &str, body: Value) -> i64 {
    let response = http.post_json(path, &body);
    response.assert_status(201);
    response.json()["id"].as_i64().unwrap()
}

/// The last days of the quarters from 2025 Q1 to `until`, the last one cut at `until`.
fn quarter_ends(until: &str) -> Vec<String> {
    let mut ends = Vec::new();
    for year in 2025..=2027 {
        for end in ["03-31", "06-30", "09-30", "12-31"] {
            let day = format!("{year}-{end}");
            if day.as_str() >= until {
                ends.push(until.to_owned());
                return ends;
            }
            ends.push(day);
        }
    }
    ends
}

/// Hundredths of a hectare in a decimal string.
fn centi(text: &str) -> i64 {
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    whole.parse::<i64>().unwrap() * 100 + format!("{frac:0<2}")[..2].parse::<i64>().unwrap()
}

#[test]
fn a_project_s_hectares_and_eradication_quarter_by_quarter_match_its_records() {
    let server = TestServer::spawn();
    let admin = server.http();
    let (project, community) = tests::fixtures::project_with_community(
        &server,
        "Programa de resultados",
        "Proyecto Pichari",
        "PE",
        "Natividad",
    );
    let households = format!("/api/v1/projects/{project}/households");
    let household = |sex: &str| {
        made(
            admin,
            &households,
            json!({"community_id": community, "head_sex": sex, "head_age_band": "30_59",
                format!("members_{sex}_30_59"): 1,
                "land_tenure": "untitled_possession", "enrolled_on": "2025-02-01"}),
        )
    };
    let (rosa, hugo) = (household("female"), household("male"));
    let plot = |household: i64, name: &str| {
        made(
            admin,
            &format!("/api/v1/households/{household}/plots"),
            json!({"name": name, "declared_hectares": "3", "longitude": -74.2, "latitude": -12.4}),
        )
    };
    let (a, b) = (plot(rosa, "La loma"), plot(hugo, "El bajo"));
    let uses = [
        (a, "2025-03-01", "coca_bush", "1.5"),
        (a, "2025-11-05", "coca_bush", "0.5"),
        (a, "2025-11-05", "cocoa", "1"),
        (b, "2025-04-01", "coca_bush", "2"),
    ];
    for (p, day, crop, ha) in uses {
        admin
            .post_json(
                &format!("/api/v1/plots/{p}/uses"),
                &json!({"observed_on": day, "crop": crop, "hectares": ha, "source": "field_verification"}),
            )
            .assert_status(200);
    }
    let agreement = |household: i64, signed: &str, committed: &str| {
        made(
            admin,
            &format!("/api/v1/households/{household}/agreements"),
            json!({"signed_on": signed, "crop": "coca_bush", "committed_hectares": committed,
                "eradicate_by": "2025-12-31"}),
        )
    };
    let agreements = [(rosa, "2025-03-01", "1"), (hugo, "2025-02-10", "2")];
    let ids: Vec<i64> = agreements
        .iter()
        .map(|(h, signed, committed)| agreement(*h, signed, committed))
        .collect();
    let visits = [
        (0, "2025-06-01", "0.4"),
        (0, "2025-09-01", "1"),
        (1, "2025-04-15", "2"),
        (1, "2025-08-01", "2"),
    ];
    for (n, day, eradicated) in visits {
        admin
            .post_json(
                &format!("/api/v1/agreements/{}/verifications", ids[n]),
                &json!({"visited_on": day, "method": "field_visit",
                    "eradicated_hectares": eradicated, "illicit_hectares_found": "0"}),
            )
            .assert_status(200);
    }

    let series = admin
        .get(&format!("/api/v1/projects/{project}/outcomes"))
        .assert_status(200)
        .json();
    let until = series["until"].as_str().unwrap().to_owned();
    assert_eq!(series["from"], "2025-01-01");
    let ends = quarter_ends(&until);
    // Worked out here: each plot's latest day by the quarter's end, its crops added up.
    let expected_hectares: Vec<(String, i64, i64, usize)> = ends
        .iter()
        .map(|end| {
            let (mut illicit, mut licit, mut plots) = (0, 0, 0);
            for p in [a, b] {
                let latest = uses
                    .iter()
                    .filter(|u| u.0 == p && u.1 <= end.as_str())
                    .map(|u| u.1)
                    .max();
                if let Some(day) = latest {
                    plots += 1;
                    for u in uses.iter().filter(|u| u.0 == p && u.1 == day) {
                        if u.2 == "coca_bush" {
                            illicit += centi(u.3);
                        } else {
                            licit += centi(u.3);
                        }
                    }
                }
            }
            (end.clone(), illicit, licit, plots)
        })
        .collect();
    let got: Vec<(String, i64, i64, usize)> = series["hectares"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["end"].as_str().unwrap().to_owned(),
                centi(p["illicit"].as_str().unwrap()),
                centi(p["licit"].as_str().unwrap()),
                p["plots"].as_u64().unwrap() as usize,
            )
        })
        .collect();
    assert_eq!(got, expected_hectares);
    assert_eq!(got[3], ("2025-12-31".to_owned(), 250, 100, 2));
    // Committed by the agreements signed by then; verified as each one's latest visit.
    let expected_eradication: Vec<(String, i64, i64)> = ends
        .iter()
        .map(|end| {
            let (mut committed, mut verified) = (0, 0);
            for (n, (_, signed, amount)) in agreements.iter().enumerate() {
                if *signed <= end.as_str() {
                    committed += centi(amount);
                    let latest = visits
                        .iter()
                        .filter(|v| v.0 == n && v.1 <= end.as_str())
                        .max_by_key(|v| v.1);
                    verified += latest.map_or(0, |v| centi(v.2).min(centi(amount)));
                }
            }
            (end.clone(), committed, verified)
        })
        .collect();
    let got: Vec<(String, i64, i64)> = series["eradication"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["end"].as_str().unwrap().to_owned(),
                centi(p["committed"].as_str().unwrap()),
                centi(p["verified"].as_str().unwrap()),
            )
        })
        .collect();
    assert_eq!(got, expected_eradication);

    // The files: the chart titled with the project and its unit, the numbers with their period.
    let svg = admin.get(&format!(
        "/api/v1/projects/{project}/outcomes/hectares.svg?lang=en"
    ));
    svg.assert_status(200);
    assert!(svg.content_type().unwrap().starts_with("image/svg+xml"));
    assert!(
        svg.body
            .contains("Illicit and licit crops: Proyecto Pichari")
    );
    assert!(svg.body.contains("Hectares (ha)"));
    let csv = admin.get(&format!(
        "/api/v1/projects/{project}/outcomes/eradication.csv?lang=en"
    ));
    csv.assert_status(200);
    assert!(csv.content_type().unwrap().starts_with("text/csv"));
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(
        lines[0],
        "subject,quarter,last_day,committed_hectares_ha,verified_eradicated_hectares_ha,agreements_signed"
    );
    assert_eq!(lines[2], "Proyecto Pichari,2025 Q2,2025-06-30,3,2.4,2");
    assert_eq!(lines.len(), ends.len() + 1);
    admin
        .get(&format!("/api/v1/projects/{project}/outcomes/other.png"))
        .assert_status(404);
    let spanish = admin.get(&format!(
        "/api/v1/projects/{project}/outcomes/hectares.csv?lang=es"
    ));
    assert!(spanish.body.starts_with("sujeto,trimestre"));
}

#[test]
fn outcomes_are_read_by_who_sees_the_whole_project_s_households() {
    let server = demo_server();
    let officer = server.sign_in(DEMO_ACCOUNTS[1].0, DEMO_ACCOUNTS[1].1);
    let series = officer
        .get("/api/v1/programs/1/outcomes")
        .assert_status(200)
        .json();
    let last = series["hectares"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert!(last["plots"].as_u64().unwrap() > 0, "{last}");
    assert!(centi(last["licit"].as_str().unwrap()) > 0);
    for (email, password, _) in [DEMO_ACCOUNTS[3], DEMO_ACCOUNTS[4]] {
        let other = server.sign_in(email, password);
        other.get("/api/v1/projects/5/outcomes").assert_status(403);
        other
            .get("/api/v1/programs/2/outcomes/hectares.svg")
            .assert_status(403);
    }
}

//! The household registry over the REST API and its plain form posts: registration with a
//! generated code, members by sex and age band, tenure and title; names and phone numbers kept
//! encrypted at rest and shown only where personal data may be seen; the status history; and
//! who may see which households.

use crate::access::{DEMO_ACCOUNTS, demo_server};
use serde_json::{Value, json};
use tests::{DatabaseKind, Http, TestServer, pairs};

/// The demo's Tocache project in Colombia's program 1 (communities 1–3; the field monitor
/// works in community 1).
const PROJECT_1: i64 = 1;
/// The demo's VRAEM project (communities 8 and 9; the donor viewer reads it).
const VRAEM: i64 = 4;

fn household(community: i64) -> Value {
    json!({
        "community_id": community,
        "head_sex": "female",
        "head_age_band": "30_59",
        "members_female_30_59": 1,
        "members_female_under_18": 2,
        "members_male_30_59": "1",
        "members_male_60_plus": "",
        "indigenous": true,
        "cooperative": "Cooperativa Agraria Cafetalera Pangoa",
        "cooperative_members_female": 1,
        "cooperative_members_male": 1,
        "cooperative_leaders_female": 1,
        "land_tenure": "titled_owner",
        "title_holder": "joint",
        "enrolled_on": "2025-03-14",
        "name": "Rosalía Ñaupari Quispe",
        "phone": "+51 964 123 457"
    })
}

fn register(http: &Http, project: i64, body: &Value) -> Value {
    let response = http.post_json(&format!("/api/v1/projects/{project}/households"), body);
    response.assert_status(201);
    response.json()
}

fn registry(http: &Http, project: i64, query: &str) -> Value {
    http.get(&format!("/api/v1/projects/{project}/households{query}"))
        .assert_status(200)
        .json()
}

fn codes(registry: &Value) -> Vec<String> {
    registry["households"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["code"].as_str().unwrap().to_owned())
        .collect()
}

/// Everything the database keeps, as a thief of its file (SQLite) or of a dump (PostgreSQL)
/// would read it.
fn stored_bytes(server: &TestServer) -> String {
    match server.database_kind() {
        DatabaseKind::Sqlite => {
            let mut text = String::new();
            for name in ["sembrar.db", "sembrar.db-wal"] {
                if let Ok(bytes) = std::fs::read(server.data_dir().join(name)) {
                    text.push_str(&String::from_utf8_lossy(&bytes));
                }
            }
            assert!(text.len() > 10_000, "the database file was read");
            text
        }
        DatabaseKind::Postgres => {
            let db = server.postgres().expect("a PostgreSQL database");
            [
                "SELECT string_agg(h::text, ' ') FROM households h",
                "SELECT string_agg(a::text, ' ') FROM audit_events a",
                "SELECT string_agg(s::text, ' ') FROM household_status_changes s",
            ]
            .iter()
            .map(|sql| db.sql(sql))
            .collect::<Vec<_>>()
            .join(" ")
        }
    }
}

#[test]
fn a_household_is_registered_with_a_checked_code_its_members_and_encrypted_personal_data() {
    let server = demo_server();
    let admin = server.http();
    let created = register(admin, VRAEM, &household(8));
    let code = created["code"].as_str().unwrap();
    assert_eq!(code.len(), 11, "{code}");
    assert_eq!(code.matches('-').count(), 2, "{code}");
    assert_eq!(created["status"], "enrolled");
    assert_eq!(created["status_since"], "2025-03-14");
    assert_eq!(created["member_total"], 4);
    assert_eq!(created["members"].as_array().unwrap().len(), 8);
    assert!(
        created["members"]
            .as_array()
            .unwrap()
            .contains(&json!({"sex": "female", "age_band": "under_18", "count": 2}))
    );
    assert_eq!(created["title_holder"], "joint");
    assert_eq!(created["cooperative_counts"]["leaders_female"], 1);
    assert_eq!(created["personal"]["name"], "Rosalía Ñaupari Quispe");
    assert_eq!(created["personal"]["phone"], "+51 964 123 457");
    let id = created["id"].as_i64().unwrap();

    let view = admin
        .get(&format!("/api/v1/households/{id}"))
        .assert_status(200)
        .json();
    assert_eq!(view["detail"]["household"], created);
    assert_eq!(view["can_edit"], true);
    assert_eq!(
        view["detail"]["history"][0]["status"], "enrolled",
        "enrolment starts the history"
    );

    // Neither the database nor the audit trail holds the name or the phone number in clear.
    let stored = stored_bytes(&server);
    assert!(stored.contains(code), "the household is stored");
    for secret in ["Ñaupari", "Naupari", "964 123 457", "964123457"] {
        assert!(!stored.contains(secret), "{secret} is stored in clear");
    }
    let audit = admin.get("/api/v1/audit?entity_type=household").body;
    assert!(audit.contains(code));
    assert!(
        !audit.contains("Ñaupari") && !audit.contains("964"),
        "{audit}"
    );
    // Showing personal data is itself recorded.
    assert!(audit.contains("view_personal_data"), "{audit}");
}

#[test]
fn every_problem_of_a_household_is_named_at_once_and_nothing_is_stored() {
    let server = demo_server();
    let admin = server.http();
    let before = codes(&registry(admin, VRAEM, ""));
    assert!(before.len() > 20, "the demo registers households");
    let bad = json!({
        "community_id": 1,
        "head_sex": "female",
        "head_age_band": "18_29",
        "members_female_30_59": 1,
        "members_male_30_59": "tres",
        "cooperative_members_female": 3,
        "land_tenure": "tenant",
        "title_holder": "woman",
        "enrolled_on": "2099-01-01",
        "phone": "llámame"
    });
    let refused = admin.post_json(&format!("/api/v1/projects/{VRAEM}/households"), &bad);
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(
        refused.field_codes(),
        pairs(&[
            ("members_male_30_59", "not_a_whole_number"),
            ("enrolled_on", "date_in_future"),
            ("phone", "invalid_phone"),
            ("title_holder", "not_applicable"),
        ])
    );
    // Fixed, but in a community of another project.
    let elsewhere = admin.post_json(
        &format!("/api/v1/projects/{VRAEM}/households"),
        &household(1),
    );
    assert_eq!(elsewhere.status, 422, "{}", elsewhere.body);
    assert_eq!(
        elsewhere.field_codes(),
        pairs(&[("community_id", "unknown_reference")])
    );
    let mut head_missing = household(8);
    head_missing["members_female_30_59"] = json!(0);
    head_missing["cooperative_members_female"] = json!(3);
    let refused = admin.post_json(
        &format!("/api/v1/projects/{VRAEM}/households"),
        &head_missing,
    );
    assert_eq!(
        refused.field_codes(),
        pairs(&[
            ("members_female_30_59", "head_not_counted"),
            ("cooperative_members_female", "exceeds_members"),
        ])
    );
    let unknown = admin.post_json(
        &format!("/api/v1/projects/{VRAEM}/households"),
        &json!({"community_id": 8, "surname": "x"}),
    );
    assert_eq!(
        unknown.status, 400,
        "unknown fields are refused: {}",
        unknown.body
    );
    assert_eq!(
        codes(&registry(admin, VRAEM, "")),
        before,
        "nothing was stored"
    );
}

#[test]
fn a_field_monitor_sees_and_registers_households_of_its_own_community_only() {
    let server = demo_server();
    let admin = server.http();
    let own = register(admin, PROJECT_1, &household(1));
    let other = register(admin, PROJECT_1, &household(2));
    let (email, password, role) = DEMO_ACCOUNTS[3];
    assert_eq!(role, "field_monitor");
    let monitor = server.sign_in(email, password);

    let seen = registry(&monitor, PROJECT_1, "");
    let seen_codes = codes(&seen);
    assert!(seen_codes.contains(&own["code"].as_str().unwrap().to_owned()));
    assert!(!seen_codes.contains(&other["code"].as_str().unwrap().to_owned()));
    let everything = codes(&registry(admin, PROJECT_1, ""));
    assert!(
        seen_codes.len() < everything.len(),
        "other communities' households are hidden"
    );
    assert!(
        seen["households"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["community_id"] == 1),
        "only community 1"
    );
    assert_eq!(seen["can_register_in"], json!([1]));
    assert_eq!(seen["shows_personal_data"], true);
    let own_seen = seen["households"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["code"] == own["code"])
        .unwrap();
    assert_eq!(own_seen["personal"]["name"], "Rosalía Ñaupari Quispe");
    let communities: Vec<i64> = seen["communities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(communities, vec![1]);

    monitor
        .get(&format!("/api/v1/households/{}", other["id"]))
        .assert_status(403);
    monitor
        .put_json(
            &format!("/api/v1/households/{}", other["id"]),
            &household(2),
        )
        .assert_status(403);
    monitor
        .post_json(
            &format!("/api/v1/projects/{PROJECT_1}/households"),
            &household(2),
        )
        .assert_status(403);
    // Its own community: registered, changed, and moved on in status.
    let mine = register(&monitor, PROJECT_1, &household(1));
    let mut changed = household(1);
    changed["members_male_under_18"] = json!(1);
    let updated = monitor
        .put_json(&format!("/api/v1/households/{}", mine["id"]), &changed)
        .assert_status(200)
        .json();
    assert_eq!(updated["member_total"], 5);
    assert_eq!(updated["code"], mine["code"], "the code never changes");
    // Moving it to a community the monitor does not work in is refused.
    monitor
        .put_json(&format!("/api/v1/households/{}", mine["id"]), &household(2))
        .assert_status(403);
    // Nor may it see households of a project it does not work in.
    monitor
        .get(&format!("/api/v1/projects/{VRAEM}/households"))
        .assert_status(403);
}

#[test]
fn a_donor_viewer_sees_no_household_records_even_of_the_projects_it_funds() {
    let server = demo_server();
    let admin = server.http();
    let created = register(admin, VRAEM, &household(8));
    let (email, password, role) = DEMO_ACCOUNTS[4];
    assert_eq!(role, "donor_viewer");
    let donor = server.sign_in(email, password);
    donor
        .get(&format!("/api/v1/projects/{VRAEM}"))
        .assert_status(200);
    donor
        .get(&format!("/api/v1/projects/{VRAEM}/households"))
        .assert_status(403);
    let refused = donor.get(&format!("/api/v1/households/{}", created["id"]));
    assert_eq!(refused.status, 403);
    assert!(!refused.body.contains("Ñaupari"));
    // A household of a project the donor does not fund is not even said to exist.
    let hidden = register(admin, PROJECT_1, &household(1));
    donor
        .get(&format!("/api/v1/households/{}", hidden["id"]))
        .assert_status(404);
    let page = donor.get(&format!("/projects/{VRAEM}"));
    assert!(
        !page.body.contains("tab-households"),
        "no households tab for donors"
    );
}

#[test]
fn status_changes_are_kept_in_order_with_their_reasons_and_a_withdrawn_household_is_final() {
    let server = demo_server();
    let admin = server.http();
    let id = register(admin, VRAEM, &household(8))["id"]
        .as_i64()
        .unwrap();
    let status = |body: Value| admin.post_json(&format!("/api/v1/households/{id}/status"), &body);

    status(json!({"status": "active", "changed_on": "2025-04-01"})).assert_status(200);
    let refused = status(json!({"status": "suspended", "changed_on": "2025-03-01"}));
    assert_eq!(
        refused.field_codes(),
        pairs(&[("reason", "required"), ("changed_on", "before_last_change")])
    );
    status(json!({"status": "suspended", "changed_on": "2025-06-10",
        "reason": "Replanting of coca found at the verification visit"}))
    .assert_status(200);
    status(json!({"status": "active", "changed_on": "2025-09-01"})).assert_status(200);
    let detail = status(json!({"status": "withdrawn", "changed_on": "2025-12-15",
        "reason": "Moved to Lima"}))
    .assert_status(200)
    .json();
    assert_eq!(detail["household"]["status"], "withdrawn");
    assert_eq!(detail["household"]["status_since"], "2025-12-15");
    let history: Vec<(String, String)> = detail["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["status"].as_str().unwrap().to_owned(),
                c["changed_on"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        history,
        [
            ("enrolled", "2025-03-14"),
            ("active", "2025-04-01"),
            ("suspended", "2025-06-10"),
            ("active", "2025-09-01"),
            ("withdrawn", "2025-12-15"),
        ]
        .map(|(s, d)| (s.to_owned(), d.to_owned()))
    );
    assert_eq!(
        detail["history"][2]["reason"],
        "Replanting of coca found at the verification visit"
    );
    assert_eq!(detail["history"][2]["recorded_by"], "Administrator");
    let final_ = status(json!({"status": "active", "changed_on": "2026-01-10"}));
    assert_eq!(
        final_.field_codes(),
        pairs(&[("status", "household_withdrawn")])
    );
    let events = admin.get("/api/v1/audit?entity_type=household").body;
    assert!(events.contains("suspended → active"), "{events}");
}

#[test]
fn the_registry_is_filtered_by_community_status_and_a_code_typed_loosely() {
    let server = demo_server();
    let admin = server.http();
    let first = register(admin, VRAEM, &household(8));
    let second = register(admin, VRAEM, &household(9));
    admin
        .post_json(
            &format!("/api/v1/households/{}/status", second["id"]),
            &json!({"status": "active", "changed_on": "2025-05-01"}),
        )
        .assert_status(200);
    let code = first["code"].as_str().unwrap().to_owned();
    let second_code = second["code"].as_str().unwrap().to_owned();
    let all = codes(&registry(admin, VRAEM, ""));
    assert!(all.contains(&code) && all.contains(&second_code));
    let in_8 = registry(admin, VRAEM, "?community=8");
    assert!(codes(&in_8).contains(&code) && !codes(&in_8).contains(&second_code));
    assert!(
        in_8["households"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["community_id"] == 8)
    );
    let active = registry(admin, VRAEM, "?status=active");
    assert!(codes(&active).contains(&second_code) && !codes(&active).contains(&code));
    assert!(
        active["households"]
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["status"] == "active")
    );
    let code = code.as_str();
    let loose = code.replace('-', " ").to_lowercase();
    assert_eq!(
        codes(&registry(
            admin,
            VRAEM,
            &format!("?code={}", loose.replace(' ', "+"))
        )),
        vec![code.to_owned()]
    );
    let typo = admin.get(&format!(
        "/api/v1/projects/{VRAEM}/households?code=0000-0000-9"
    ));
    assert_eq!(typo.status, 422);
    assert_eq!(
        typo.field_codes(),
        pairs(&[("code", "invalid_household_code")])
    );
    let status = admin.get(&format!("/api/v1/projects/{VRAEM}/households?status=gone"));
    assert_eq!(status.field_codes(), pairs(&[("status", "unknown_choice")]));
}

#[test]
fn a_household_is_registered_and_its_status_changed_from_plain_forms_without_javascript() {
    let server = demo_server();
    let admin = server.http();
    let before = codes(&registry(admin, VRAEM, "")).len();
    let page = admin.get(&format!("/projects/{VRAEM}/households/new"));
    assert_eq!(page.status, 200);
    for field in [
        "household-community-id",
        "household-members-female-18-29",
        "household-name",
        "household-phone",
    ] {
        assert!(page.body.contains(&format!("id=\"{field}\"")), "{field}");
    }
    let fields = [
        ("community_id", "8"),
        ("head_sex", "male"),
        ("head_age_band", "30_59"),
        ("members_male_30_59", "1"),
        ("members_female_30_59", "1"),
        ("land_tenure", "titled_owner"),
        ("title_holder", ""),
        ("enrolled_on", "2025-02-01"),
        ("name", "Teodoro Huamaní"),
        ("phone", "1234"),
    ];
    let again = admin.post_form(&format!("/projects/{VRAEM}/households/new"), &fields);
    assert_eq!(again.status, 422, "{}", again.body);
    assert!(
        again.body.contains("value=\"Teodoro Huamaní\""),
        "typed values come back"
    );
    assert!(again.body.contains("household-title-holder-error"));
    assert_eq!(
        codes(&registry(admin, VRAEM, "")).len(),
        before,
        "nothing stored"
    );

    let mut fixed = fields.to_vec();
    fixed.retain(|(k, _)| !matches!(*k, "title_holder" | "phone"));
    fixed.push(("title_holder", "man"));
    fixed.push(("phone", "964 555 123"));
    let done = admin.post_form(&format!("/projects/{VRAEM}/households/new"), &fixed);
    assert_eq!(done.status, 303, "{}", done.body);
    let location = done.location().unwrap().to_owned();
    assert!(location.starts_with("/households/"), "{location}");
    let id: i64 = location.trim_start_matches("/households/").parse().unwrap();
    let shown = admin.get(&location);
    assert_eq!(shown.status, 200);
    assert!(shown.body.contains("Teodoro Huamaní"));
    assert!(shown.body.contains("id=\"status-form\""));

    let refused = admin.post_form(
        &format!("/households/{id}/status"),
        &[
            ("status", "withdrawn"),
            ("changed_on", "2025-03-01"),
            ("reason", ""),
        ],
    );
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("status-reason-error"));
    let changed = admin.post_form(
        &format!("/households/{id}/status"),
        &[
            ("status", "active"),
            ("changed_on", "2025-03-01"),
            ("reason", ""),
        ],
    );
    assert_eq!(changed.status, 303);
    assert_eq!(
        changed.location(),
        Some(format!("/households/{id}#history").as_str())
    );
    let list = admin.get(&format!("/projects/{VRAEM}/households"));
    assert!(list.body.contains("tab-households"));
    assert!(list.body.contains("Teodoro Huamaní"));

    let edit = admin.post_form(
        &format!("/households/{id}/edit"),
        &[("community_id", "8"), ("head_sex", "")],
    );
    assert_eq!(edit.status, 422);
    assert!(edit.body.contains("household-head-sex-error"));
}

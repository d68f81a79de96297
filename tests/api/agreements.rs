//! Eradication agreements, their verification visits and replanting, the support delivered to
//! households, and the sequencing check between them, over the REST API and plain form posts.

use crate::access::{DEMO_ACCOUNTS, demo_server};
use serde_json::{Value, json};
use tests::{Http, pairs};

/// The demo's Tocache project in Colombia (communities 1–3; the field monitor works in 1).
const PROJECT_1: i64 = 1;
/// The demo's VRAEM project (the donor viewer reads it).
const VRAEM: i64 = 4;

fn register_household(http: &Http, project: i64, community: i64) -> i64 {
    let response = http.post_json(
        &format!("/api/v1/projects/{project}/households"),
        &json!({"community_id": community, "head_sex": "male", "head_age_band": "30_59",
            "members_male_30_59": 1, "land_tenure": "untitled_possession",
            "enrolled_on": "2025-01-10"}),
    );
    response.assert_status(201);
    response.json()["id"].as_i64().unwrap()
}

fn sign(http: &Http, household: i64) -> i64 {
    let response = http.post_json(
        &format!("/api/v1/households/{household}/agreements"),
        &json!({"signed_on": "2025-02-01", "crop": "coca_bush", "committed_hectares": "1,5",
            "eradicate_by": "2025-06-30", "note": "Both plots by the river"}),
    );
    response.assert_status(201);
    response.json()["id"].as_i64().unwrap()
}

fn verify(http: &Http, agreement: i64, day: &str, eradicated: &str, found: &str) -> Value {
    http.post_json(
        &format!("/api/v1/agreements/{agreement}/verifications"),
        &json!({"visited_on": day, "method": "field_visit", "eradicated_hectares": eradicated,
            "illicit_hectares_found": found}),
    )
    .assert_status(200)
    .json()
}

fn support(http: &Http, household: i64, day: &str, value: &str) {
    http.post_json(
        &format!("/api/v1/households/{household}/support"),
        &json!({"kind": "inputs", "delivered_on": day, "value": value, "currency": "COP",
            "description": "400 cocoa seedlings"}),
    )
    .assert_status(201);
}

#[test]
fn an_agreement_is_verified_whole_and_replanting_found_on_a_later_visit() {
    let server = demo_server();
    let admin = server.http();
    let household = register_household(admin, PROJECT_1, 1);
    let id = sign(admin, household);
    let signed = admin
        .get(&format!("/api/v1/agreements/{id}"))
        .assert_status(200)
        .json();
    assert_eq!(signed["agreement"]["committed_hectares"], "1.5");
    assert_eq!(signed["agreement"]["crop"], "coca_bush");
    // Its date has passed (the test runs after 2025) with nothing verified.
    assert_eq!(signed["agreement"]["status"], "overdue");
    assert_eq!(signed["agreement"]["sequencing"], "support_pending");

    support(admin, household, "2025-03-01", "350000");
    let partly = verify(admin, id, "2025-04-01", "1", "0,5");
    assert_eq!(partly["agreement"]["verified_hectares"], "1");
    assert_eq!(partly["agreement"]["sequencing"], "support_first");
    let whole = verify(admin, id, "2025-06-20", "1.5", "0");
    assert_eq!(whole["agreement"]["status"], "verified");
    let replanted = verify(admin, id, "2025-11-05", "1.5", "0.3");
    assert_eq!(replanted["agreement"]["status"], "replanted");
    let marks: Vec<bool> = replanted["verifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["replanting"].as_bool().unwrap())
        .collect();
    assert_eq!(marks, [false, false, true]);
    assert_eq!(replanted["support"][0]["value"], "350000.00");

    let project = admin
        .get(&format!("/api/v1/projects/{PROJECT_1}/agreements"))
        .assert_status(200)
        .json();
    let mine: Vec<&Value> = project["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["household_id"] == household)
        .collect();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0]["status"], "replanted");
    let summary = &project["summary"];
    assert!(summary["replanted_agreements"].as_u64().unwrap() >= 1);
    let household_view = admin.get(&format!("/api/v1/households/{household}")).json();
    assert_eq!(household_view["agreements"][0]["id"], id);
    assert_eq!(household_view["support"][0]["currency"], "COP");
    let audit = admin.get("/api/v1/audit?entity_type=agreement").body;
    assert!(audit.contains("1.5 ha eradicated, 0.3 ha"), "{audit}");
}

#[test]
fn eradication_verified_before_any_support_breaks_the_sequencing_and_is_counted() {
    let server = demo_server();
    let admin = server.http();
    let before = admin
        .get(&format!("/api/v1/projects/{VRAEM}/agreements"))
        .json()["summary"]["sequencing_breaches"]
        .as_u64()
        .unwrap();
    let household = register_household(admin, VRAEM, 8);
    let id = sign(admin, household);
    let early = verify(admin, id, "2025-03-10", "1.5", "0");
    assert_eq!(
        early["agreement"]["sequencing"],
        "eradication_before_support"
    );
    // Support that comes later does not mend it.
    support(admin, household, "2025-04-01", "100");
    let later = admin.get(&format!("/api/v1/agreements/{id}")).json();
    assert_eq!(
        later["agreement"]["sequencing"],
        "eradication_before_support"
    );
    let summary = admin
        .get(&format!("/api/v1/projects/{VRAEM}/agreements"))
        .json()["summary"]
        .clone();
    assert_eq!(summary["sequencing_breaches"].as_u64().unwrap(), before + 1);
    let page = admin.get(&format!("/agreements/{id}"));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("notice--warning") && page.body.contains("18(k)"));
}

#[test]
fn every_problem_of_an_agreement_a_visit_or_support_is_named_and_nothing_is_stored() {
    let server = demo_server();
    let admin = server.http();
    let household = register_household(admin, PROJECT_1, 1);
    let bad = admin.post_json(
        &format!("/api/v1/households/{household}/agreements"),
        &json!({"signed_on": "2025-03-01", "crop": "cocoa", "committed_hectares": "0",
            "eradicate_by": "2025-02-01"}),
    );
    bad.assert_status(422);
    assert_eq!(
        bad.field_codes(),
        pairs(&[
            ("crop", "unknown_crop"),
            ("committed_hectares", "not_positive"),
            ("eradicate_by", "before_signing"),
        ])
    );
    let id = sign(admin, household);
    let bad_visit = admin.post_json(
        &format!("/api/v1/agreements/{id}/verifications"),
        &json!({"visited_on": "2025-01-15", "method": "rumour", "eradicated_hectares": "2",
            "illicit_hectares_found": "-1"}),
    );
    bad_visit.assert_status(422);
    assert_eq!(
        bad_visit.field_codes(),
        pairs(&[
            ("visited_on", "before_signing"),
            ("method", "unknown_choice"),
            ("eradicated_hectares", "too_large"),
            ("illicit_hectares_found", "negative"),
        ])
    );
    let bad_support = admin.post_json(
        &format!("/api/v1/households/{household}/support"),
        &json!({"kind": "loan", "delivered_on": "2025-03-01", "value": "10.555", "currency": "COP"}),
    );
    bad_support.assert_status(422);
    assert_eq!(
        bad_support.field_codes(),
        pairs(&[("kind", "unknown_choice"), ("value", "too_many_decimals")])
    );
    let view = admin.get(&format!("/api/v1/households/{household}")).json();
    assert_eq!(view["agreements"].as_array().unwrap().len(), 1);
    assert_eq!(view["support"], json!([]));
    let agreement = admin.get(&format!("/api/v1/agreements/{id}")).json();
    assert_eq!(agreement["verifications"], json!([]), "nothing stored");
    admin
        .post_json(
            &format!("/api/v1/households/{household}/status"),
            &json!({"status": "withdrawn", "changed_on": "2025-06-01", "reason": "Moved away"}),
        )
        .assert_status(200);
    let late = admin.post_json(
        &format!("/api/v1/households/{household}/agreements"),
        &json!({"signed_on": "2025-07-01", "crop": "coca_bush", "committed_hectares": "1",
            "eradicate_by": "2025-09-01"}),
    );
    late.assert_status(422);
    assert_eq!(
        late.field_codes(),
        pairs(&[("signed_on", "household_withdrawn")])
    );
}

#[test]
fn a_field_monitor_records_agreements_in_its_community_only_and_donors_see_none() {
    let server = demo_server();
    let admin = server.http();
    let other = register_household(admin, PROJECT_1, 2);
    let theirs = sign(admin, other);
    let (email, password, _) = DEMO_ACCOUNTS[3];
    let monitor = server.sign_in(email, password);
    let own = register_household(&monitor, PROJECT_1, 1);
    let mine = sign(&monitor, own);
    verify(&monitor, mine, "2025-05-05", "1.5", "0");
    support(&monitor, own, "2025-02-15", "200000");
    monitor
        .get(&format!("/api/v1/agreements/{theirs}"))
        .assert_status(403);
    monitor
        .post_json(
            &format!("/api/v1/agreements/{theirs}/verifications"),
            &json!({"visited_on": "2025-05-05", "method": "field_visit",
                "eradicated_hectares": "1", "illicit_hectares_found": "0"}),
        )
        .assert_status(403);
    let listed = monitor
        .get(&format!("/api/v1/projects/{PROJECT_1}/agreements"))
        .assert_status(200)
        .json();
    let ids: Vec<i64> = listed["agreements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    assert!(ids.contains(&mine) && !ids.contains(&theirs), "{ids:?}");
    let (email, password, _) = DEMO_ACCOUNTS[4];
    let donor = server.sign_in(email, password);
    donor
        .get(&format!("/api/v1/projects/{VRAEM}/agreements"))
        .assert_status(403);
}

#[test]
fn an_agreement_its_visits_and_support_are_recorded_from_plain_forms_without_javascript() {
    let server = demo_server();
    let admin = server.http();
    let household = register_household(admin, PROJECT_1, 1);
    let page = admin.get(&format!("/households/{household}/agreements/new"));
    assert_eq!(page.status, 200);
    for field in [
        "agreement-signed-on",
        "agreement-crop",
        "agreement-committed-hectares",
        "agreement-eradicate-by",
    ] {
        assert!(page.body.contains(&format!("id=\"{field}\"")), "{field}");
    }
    let fields = [
        ("signed_on", "2025-02-01"),
        ("crop", "coca_bush"),
        ("committed_hectares", "uno"),
        ("eradicate_by", "2025-06-30"),
        ("note", "Plot by the river"),
    ];
    let again = admin.post_form(&format!("/households/{household}/agreements/new"), &fields);
    assert_eq!(again.status, 422, "{}", again.body);
    assert!(again.body.contains("value=\"uno\"") && again.body.contains("Plot by the river"));
    assert!(again.body.contains("agreement-committed-hectares-error"));
    let mut fixed = fields.to_vec();
    fixed[2] = ("committed_hectares", "1,25");
    let done = admin.post_form(&format!("/households/{household}/agreements/new"), &fixed);
    assert_eq!(done.status, 303, "{}", done.body);
    let location = done.location().unwrap().to_owned();
    assert!(location.starts_with("/agreements/"), "{location}");
    let id = location.trim_start_matches("/agreements/").to_owned();
    let shown = admin.get(&location);
    assert!(shown.body.contains("id=\"verification-form\""));
    assert!(shown.body.contains("id=\"sequencing-check\""));

    let refused = admin.post_form(
        &format!("/agreements/{id}/verifications"),
        &[
            ("visited_on", "2025-05-01"),
            ("method", "drone"),
            ("eradicated_hectares", "3"),
            ("illicit_hectares_found", "0"),
            ("note", "Imagery of 30 April"),
        ],
    );
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("visit-eradicated-hectares-error"));
    assert!(refused.body.contains("Imagery of 30 April"));
    let visited = admin.post_form(
        &format!("/agreements/{id}/verifications"),
        &[
            ("visited_on", "2025-05-01"),
            ("method", "drone"),
            ("eradicated_hectares", "1.25"),
            ("illicit_hectares_found", "0"),
            ("note", ""),
        ],
    );
    assert_eq!(visited.status, 303);

    let no_support = admin.post_form(
        &format!("/households/{household}/support"),
        &[
            ("kind", "cash_transfer"),
            ("delivered_on", "2025-01-20"),
            ("value", ""),
            ("currency", "COP"),
            ("description", "First bridging payment"),
        ],
    );
    assert_eq!(no_support.status, 422);
    assert!(no_support.body.contains("support-value-error"));
    assert!(no_support.body.contains("First bridging payment"));
    let paid = admin.post_form(
        &format!("/households/{household}/support"),
        &[
            ("kind", "cash_transfer"),
            ("delivered_on", "2025-01-20"),
            ("value", "450000"),
            ("currency", "COP"),
            ("description", "First bridging payment"),
        ],
    );
    assert_eq!(paid.status, 303);
    assert_eq!(
        paid.location(),
        Some(format!("/households/{household}#support").as_str())
    );
    let household_page = admin.get(&format!("/households/{household}"));
    assert!(household_page.body.contains("id=\"household-agreements\""));
    assert!(household_page.body.contains("id=\"support-totals\""));
    let view = admin.get(&format!("/api/v1/agreements/{id}")).json();
    assert_eq!(view["agreement"]["status"], "verified");
    assert_eq!(view["agreement"]["sequencing"], "support_first");
    let list = admin.get(&format!("/projects/{PROJECT_1}/agreements"));
    assert_eq!(list.status, 200);
    assert!(list.body.contains("id=\"agreements-summary\""));
}

#[test]
fn the_demo_shows_agreements_verified_replanted_and_eradicated_before_support() {
    let server = demo_server();
    let admin = server.http();
    let mut totals = [0_u64; 4];
    for project in 1..=5 {
        let summary = admin
            .get(&format!("/api/v1/projects/{project}/agreements"))
            .assert_status(200)
            .json()["summary"]
            .clone();
        for (total, key) in totals.iter_mut().zip([
            "agreements",
            "verified_agreements",
            "replanted_agreements",
            "sequencing_breaches",
        ]) {
            *total += summary[key].as_u64().unwrap();
        }
    }
    let [agreements, verified, replanted, breaches] = totals;
    assert!(agreements > 100, "{totals:?}");
    assert!(verified > 0 && verified < agreements, "{totals:?}");
    assert!(replanted > 0 && breaches > 0, "{totals:?}");
}

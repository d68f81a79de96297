//! The gender view of a project and a program, each figure checked against households made in
//! the test and worked out by hand.

use serde_json::{Value, json};
use tests::TestServer;
use tests::fixtures::{create_program, id_of};

fn household(server: &TestServer, project: &str, body: Value) -> i64 {
    let response = server
        .http()
        .post_json(&format!("/api/v1/projects/{project}/households"), &body);
    response.assert_status(201);
    response.json()["id"].as_i64().unwrap()
}

#[test]
fn the_gender_view_counts_heads_beneficiaries_support_income_cooperatives_and_titles() {
    let server = TestServer::spawn();
    let admin = server.http();
    let program = create_program(&server, "Programa de género", "");
    let project = id_of(
        &admin
            .post_json(
                &format!("/api/v1/programs/{program}/projects"),
                &json!({"name": "Proyecto Pichari", "kind": "ad", "country": "PE",
                    "start_date": "2025-01-01", "end_date": "2027-12-31",
                    "illicit_crops": ["coca_bush"],
                    "planned_crops": [{"crop": "cocoa", "hectares": "10"}]}),
            )
            .json(),
    );
    let community = admin
        .post_json(
            &format!("/api/v1/projects/{project}/communities"),
            &json!({"name": "Natividad"}),
        )
        .json()["id"]
        .as_i64()
        .unwrap();
    // A woman of 30–59 heading a household of three women, in a cooperative where one woman
    // leads, with a title in her name.
    let rosa = household(
        &server,
        &project,
        json!({"community_id": community, "head_sex": "female", "head_age_band": "30_59",
            "members_female_30_59": 1, "members_female_under_18": 2,
            "cooperative": "Cooperativa Pangoa", "cooperative_members_female": 2,
            "cooperative_leaders_female": 1, "land_tenure": "titled_owner",
            "title_holder": "woman", "enrolled_on": "2025-02-01"}),
    );
    // A man of 18–29 with his wife, no title.
    let hugo = household(
        &server,
        &project,
        json!({"community_id": community, "head_sex": "male", "head_age_band": "18_29",
            "members_male_18_29": 1, "members_female_18_29": 1,
            "land_tenure": "untitled_possession", "enrolled_on": "2025-02-01"}),
    );
    // A withdrawn household counts for nothing.
    let gone = household(
        &server,
        &project,
        json!({"community_id": community, "head_sex": "female", "head_age_band": "60_plus",
            "members_female_60_plus": 1, "land_tenure": "tenant", "enrolled_on": "2025-02-01"}),
    );
    admin
        .post_json(
            &format!("/api/v1/households/{gone}/status"),
            &json!({"status": "withdrawn", "changed_on": "2025-03-01", "reason": "Moved away"}),
        )
        .assert_status(200);
    for (who, value) in [(rosa, "100.00"), (rosa, "50"), (gone, "999")] {
        admin
            .post_json(
                &format!("/api/v1/households/{who}/support"),
                &json!({"kind": "inputs", "delivered_on": "2025-03-10", "value": value, "currency": "PEN"}),
            )
            .assert_status(201);
    }
    admin
        .post_json(
            &format!("/api/v1/households/{hugo}/visits"),
            &json!({"visited_on": "2025-06-01", "crop": "cocoa", "harvested_kg": "12",
                "sold_kg": "10", "price_per_kg": "5", "currency": "PEN",
                "sales_channel": "local_market"}),
        )
        .assert_status(201);

    let view = admin
        .get(&format!("/api/v1/projects/{project}/gender"))
        .assert_status(200)
        .json();
    assert_eq!(view["households"], 2);
    assert_eq!(view["women_headed"], 1);
    assert_eq!(view["women_headed_percent"], "50.0");
    let count = |cells: &Value, sex: &str, age: &str| -> u64 {
        cells
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["sex"] == sex && c["age_band"] == age)
            .map_or(0, |c| c["count"].as_u64().unwrap())
    };
    assert_eq!(count(&view["heads"], "female", "30_59"), 1);
    assert_eq!(count(&view["heads"], "male", "18_29"), 1);
    assert_eq!(count(&view["beneficiaries"], "female", "under_18"), 2);
    assert_eq!(count(&view["beneficiaries"], "female", "18_29"), 1);
    assert_eq!(count(&view["beneficiaries"], "female", "60_plus"), 0);
    assert_eq!(
        view["support"],
        json!([{"sex": "female", "age_band": "30_59", "currency": "PEN", "total": "150.00", "households": 1}])
    );
    assert_eq!(
        view["income"],
        json!([{"sex": "male", "age_band": "18_29", "currency": "PEN", "total": "50.00", "households": 1}])
    );
    assert_eq!(view["cooperatives"]["members_female"], 2);
    assert_eq!(view["cooperatives"]["leaders_female"], 1);
    assert_eq!(view["in_cooperative"], json!([1, 0]));
    assert_eq!(view["titles"]["woman"], 1);
    assert_eq!(view["titles"]["none"], 1);
    assert_eq!(view["titles"]["man"], 0);

    // The program has this one project: the same figures.
    let whole = admin
        .get(&format!("/api/v1/programs/{program}/gender"))
        .assert_status(200)
        .json();
    assert_eq!(whole, view);
    let page = admin.get(&format!("/projects/{project}/gender"));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("id=\"gender-beneficiaries\""));
    let program_page = admin.get(&format!("/programs/{program}"));
    assert!(program_page.body.contains("id=\"program-gender-link\""));
}

//! Funding agreements, tranches and transactions through the REST API, the funding figures of a
//! small program recomputed here from the same records (in cents, by hand), and donor viewers
//! who see only their own donor's agreements.

use serde_json::{Value, json};
use tests::fixtures::{create_program, id_of};
use tests::{Http, TestServer};

fn project(http: &Http, program: &str, name: &str) -> String {
    let created = http.post_json(
        &format!("/api/v1/programs/{program}/projects"),
        &json!({"name": name, "kind": "ad", "country": "CO", "currency": "USD",
            "start_date": "2025-01-01", "end_date": "2027-12-31",
            "illicit_crops": ["coca_bush"],
            "planned_crops": [{"crop": "cocoa", "hectares": "10"}]}),
    );
    created.assert_status(201);
    id_of(&created.json())
}

fn donor(http: &Http, name: &str) -> String {
    let created = http.post_json(
        "/api/v1/donors",
        &json!({"name": name, "organisation_type": "government"}),
    );
    created.assert_status(201);
    id_of(&created.json())
}

fn transaction(http: &Http, body: Value) -> Value {
    let created = http.post_json("/api/v1/transactions", &body);
    created.assert_status(201);
    created.json()
}

/// A figure of the API ("1234.50") in cents.
fn cents(value: &Value) -> i64 {
    let text = value
        .as_str()
        .unwrap_or_else(|| panic!("a decimal string, not {value}"));
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    let frac = format!("{frac:0<2}");
    whole.parse::<i64>().unwrap() * 100 + frac[..2].parse::<i64>().unwrap()
}

/// The small program: two projects in dollars, one budgeted 200,000 and the other 120,000;
/// donor A's agreement in euros for the first project, donor B's in dollars for the whole
/// program; a euro rate typed for the day of each euro transaction.
struct Program {
    program: String,
    first: String,
    second: String,
    donor_a: String,
    donor_b: String,
    agreement_a: String,
    agreement_b: String,
}

fn small_program(server: &TestServer) -> Program {
    let admin = server.http();
    let program = create_program(server, "Programa Andino", "");
    let first = project(admin, &program, "Cacao del Sur");
    let second = project(admin, &program, "Café del Norte");
    for (p, code, year, amount) in [
        (&first, "1.1", "2025", "120000"),
        (&first, "1.2", "2026", "80000"),
        (&second, "2.1", "2025", "120000"),
    ] {
        admin
            .post_json(
                &format!("/api/v1/projects/{p}/budget-lines"),
                &json!({"code": code, "description": "Inputs", "year": year, "amount": amount}),
            )
            .assert_status(201);
    }
    // A rate of the day wins over the year's average.
    for (day, rate, span) in [
        ("2025-03-03", "1.0850", "day"),
        ("2025-06-02", "1.1333", "day"),
        ("2025-12-31", "1.10", "year"),
    ] {
        admin
            .post_json(
                "/api/v1/exchange-rates",
                &json!({"base": "EUR", "quote": "USD", "day": day, "rate": rate, "span": span}),
            )
            .assert_status(201);
    }
    let donor_a = donor(admin, "Donante A");
    let donor_b = donor(admin, "Donante B");
    let agreement = |donor: &str, body: Value| {
        let mut body = body;
        body["donor_id"] = json!(donor);
        body["program_id"] = json!(program);
        let created = admin.post_json("/api/v1/funding-agreements", &body);
        created.assert_status(201);
        id_of(&created.json())
    };
    let agreement_a = agreement(
        &donor_a,
        json!({"title": "Cacao A", "amount": "150000", "currency": "EUR",
            "start_date": "2025-01-01", "end_date": "2027-12-31", "project_id": first,
            "long_term": true, "reporting_frequency": "semiannual"}),
    );
    let agreement_b = agreement(
        &donor_b,
        json!({"title": "Programa B", "amount": "100000", "currency": "USD",
            "start_date": "2025-01-01", "end_date": "2026-06-30", "flexible": true}),
    );
    // Donor A: 150,000 EUR committed on 3 March, 60,000 EUR received on 2 June, 33,333.33 USD
    // spent in the first project.
    for (kind, day, amount, currency, project) in [
        ("commitment", "2025-03-03", "150000", "EUR", None),
        ("incoming_funds", "2025-06-02", "60000", "EUR", None),
        ("expenditure", "2025-07-15", "33333.33", "USD", Some(&first)),
    ] {
        transaction(
            admin,
            json!({"kind": kind, "value_date": day, "amount": amount, "currency": currency,
                "description": "A", "agreement_id": agreement_a,
                "project_id": project.cloned().unwrap_or_default()}),
        );
    }
    // Donor B: 100,000 USD committed, 40,000 received, 12,500.50 spent in the second project;
    // 5,000.25 spent in the first project under no agreement.
    for (kind, day, amount, project) in [
        ("commitment", "2025-02-01", "100000", None),
        ("disbursement", "2025-04-01", "40000", None),
        ("expenditure", "2025-08-01", "12500.50", Some(&second)),
    ] {
        transaction(
            admin,
            json!({"kind": kind, "value_date": day, "amount": amount, "currency": "USD",
                "description": "B", "agreement_id": agreement_b,
                "project_id": project.cloned().unwrap_or_default()}),
        );
    }
    transaction(
        admin,
        json!({"kind": "expenditure", "value_date": "2025-09-01", "amount": "5000.25",
            "currency": "USD", "description": "Own funds", "project_id": first}),
    );
    Program {
        program,
        first,
        second,
        donor_a,
        donor_b,
        agreement_a,
        agreement_b,
    }
}

/// `amount` (in cents) × `rate` (in ten-thousandths), rounded half to even to cents.
fn convert_cents(amount: i64, rate: i64) -> i128 {
    let exact = i128::from(amount) * i128::from(rate); // in cents × 10⁻⁴
    let (q, r) = (exact / 10_000, exact % 10_000);
    match r.cmp(&5_000) {
        std::cmp::Ordering::Less => q,
        std::cmp::Ordering::Greater => q + 1,
        std::cmp::Ordering::Equal => q + (q % 2),
    }
}

#[test]
fn the_gap_and_what_remains_of_a_small_program_equal_the_same_worked_out_by_hand() {
    let server = TestServer::spawn();
    let p = small_program(&server);
    let admin = server.http();

    // By hand, in cents: 150,000 EUR × 1.0850 = 162,750.00 USD; 60,000 EUR × 1.1333 =
    // 67,998.00 USD.
    let committed = convert_cents(15_000_000, 10_850) + 10_000_000;
    let disbursed = convert_cents(6_000_000, 11_333) + 4_000_000;
    let spent: i128 = 3_333_333 + 1_250_050 + 500_025;
    let budget: i128 = 32_000_000;
    assert_eq!((committed, disbursed), (26_275_000, 10_799_800));

    let program = admin
        .get(&format!(
            "/api/v1/programs/{}/funding?currency=USD",
            p.program
        ))
        .assert_status(200)
        .json();
    let f = &program["figures"];
    assert_eq!(i128::from(cents(&f["budget"]["amount"])), budget);
    assert_eq!(i128::from(cents(&f["committed"]["amount"])), committed);
    assert_eq!(i128::from(cents(&f["disbursed"]["amount"])), disbursed);
    assert_eq!(i128::from(cents(&f["spent"]["amount"])), spent);
    assert_eq!(i128::from(cents(&f["gap"])), budget - committed);
    assert_eq!(i128::from(cents(&f["to_disburse"])), committed - disbursed);
    // 50,833.08 ÷ 107,998.00 = 47.07 % → 47.1.
    assert_eq!(f["spending_rate"], "47.1");
    // Each converted figure names its rate, day and source.
    let euro = &f["committed"]["parts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|part| part["rate"]["from"] == "EUR")
        .unwrap()["rate"];
    assert_eq!(euro["legs"][0]["day"], "2025-03-03");
    assert_eq!(euro["legs"][0]["source"], "manual");
    // A line per project; the program-wide commitment and receipt count in the program only.
    let rows = program["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 2);
    let first = rows.iter().find(|r| r["name"] == "Cacao del Sur").unwrap();
    assert_eq!(cents(&first["figures"]["budget"]["amount"]), 20_000_000);
    assert_eq!(
        cents(&first["figures"]["spent"]["amount"]),
        3_333_333 + 500_025
    );
    // Quarter by quarter, cumulative, ending with the totals.
    let points = program["over_time"].as_array().unwrap();
    assert_eq!(points[0]["end"], "2025-03-31");
    assert_eq!(i128::from(cents(&points[0]["committed"])), committed);
    let september = points.iter().find(|q| q["end"] == "2025-09-30").unwrap();
    assert_eq!(i128::from(cents(&september["spent"])), spent);
    // The chart's numbers as CSV: the same quarters and amounts, in cents, with the currency.
    let csv = admin.get(&format!(
        "/api/v1/programs/{}/funding/funding.csv?currency=USD&lang=en",
        p.program
    ));
    csv.assert_status(200);
    assert!(csv.content_type().unwrap().starts_with("text/csv"));
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(
        lines[0],
        "subject,quarter,last_day,currency,committed,disbursed,spent,spending_rate_percent"
    );
    assert_eq!(lines.len(), points.len() + 1);
    for (line, point) in lines[1..].iter().zip(points) {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(cells[2], point["end"].as_str().unwrap());
        assert_eq!(cells[3], "USD");
        for (cell, key) in cells[4..7].iter().zip(["committed", "disbursed", "spent"]) {
            assert_eq!(cents(&json!(cell)), cents(&point[key]), "{key} in {line}");
        }
    }
    let svg = admin.get(&format!(
        "/api/v1/programs/{}/funding/funding.svg?currency=USD&lang=es",
        p.program
    ));
    svg.assert_status(200);
    assert!(svg.body.contains("Financiación: Programa Andino"));

    // The first project: its budget by component and year, the agreement earmarked for it
    // and the transactions counted in it.
    let project = admin
        .get(&format!("/api/v1/projects/{}/funding", p.first))
        .assert_status(200)
        .json();
    assert_eq!(project["currency"], "USD");
    assert_eq!(project["budget_table"]["years"], json!([2025, 2026]));
    assert_eq!(project["budget_table"]["total"], "200000");
    assert_eq!(project["agreements"].as_array().unwrap().len(), 1);
    assert_eq!(
        cents(&project["figures"]["committed"]["amount"]),
        16_275_000
    );
    assert_eq!(cents(&project["figures"]["gap"]), 20_000_000 - 16_275_000);
    // In soles no rate joins the dollar: the figures say which amount has no rate rather than
    // guess.
    let soles = admin
        .get(&format!(
            "/api/v1/projects/{}/funding?currency=PEN",
            p.second
        ))
        .assert_status(200)
        .json();
    assert!(soles["figures"].is_null());
    assert_eq!(soles["missing_rate"]["from"], "USD");

    // The agreement in its own currency: agreed 150,000 EUR, 60,000 received, 90,000 still to
    // come; its reporting periods by half year, each report due 30 days after.
    let a = admin
        .get(&format!("/api/v1/funding-agreements/{}", p.agreement_a))
        .assert_status(200)
        .json();
    assert_eq!(a["figures"]["budget"]["amount"], "150000.00");
    assert_eq!(a["figures"]["to_disburse"], "90000.00");
    // 33,333.33 USD at the year's 1.10 = 30,303.03 EUR spent.
    assert_eq!(a["figures"]["spent"]["amount"], "30303.03");
    assert_eq!(a["reporting_periods"].as_array().unwrap().len(), 6);
    assert_eq!(a["reporting_periods"][0]["due"], "2025-07-30");
    let _ = (&p.second, &p.donor_b, &p.agreement_b);
}

#[test]
fn tranches_and_transactions_are_refused_by_field_and_nothing_is_stored() {
    let server = TestServer::spawn();
    let p = small_program(&server);
    let admin = server.http();
    let path = format!("/api/v1/funding-agreements/{}/tranches", p.agreement_a);
    admin
        .post_json(
            &path,
            &json!({"due_date": "2025-05-01", "amount": "100000"}),
        )
        .assert_status(201);
    let over = admin.post_json(
        &path,
        &json!({"due_date": "2029-01-01", "amount": "50000.01"}),
    );
    over.assert_status(422);
    assert_eq!(
        over.field_codes(),
        tests::pairs(&[
            ("due_date", "outside_period"),
            ("amount", "exceeds_agreement")
        ])
    );
    // A project outside the agreement's earmark, a day to come, an unknown budget line.
    let refused = admin.post_json(
        "/api/v1/transactions",
        &json!({"kind": "expenditure", "value_date": "2099-01-01", "amount": "1",
            "currency": "USD", "description": "x", "agreement_id": p.agreement_a,
            "project_id": p.second}),
    );
    refused.assert_status(422);
    assert_eq!(
        refused.field_codes(),
        tests::pairs(&[("value_date", "date_in_future")])
    );
    let outside = admin.post_json(
        "/api/v1/transactions",
        &json!({"kind": "expenditure", "value_date": "2025-10-01", "amount": "1",
            "currency": "USD", "description": "x", "agreement_id": p.agreement_a,
            "project_id": p.second, "budget_line_id": 9999}),
    );
    outside.assert_status(422);
    assert_eq!(
        outside.field_codes(),
        tests::pairs(&[
            ("budget_line_id", "unknown_reference"),
            ("project_id", "outside_earmark")
        ])
    );
    let all = admin.get("/api/v1/transactions").json();
    assert_eq!(all.as_array().unwrap().len(), 7);
    let tranches = admin
        .get(&format!("/api/v1/funding-agreements/{}", p.agreement_a))
        .json()["tranches"]
        .clone();
    assert_eq!(tranches.as_array().unwrap().len(), 1);
    // An agreement naming a project of another program is refused by field.
    let other = create_program(&server, "Otro", "");
    let elsewhere = admin.post_json(
        "/api/v1/funding-agreements",
        &json!({"donor_id": p.donor_a, "title": "Mal", "amount": "1", "currency": "USD",
            "start_date": "2025-01-01", "end_date": "2025-12-31", "program_id": other,
            "project_id": p.first}),
    );
    elsewhere.assert_status(422);
    assert_eq!(
        elsewhere.field_codes(),
        tests::pairs(&[("project_id", "outside_earmark")])
    );
}

#[test]
fn a_donor_viewer_cannot_see_another_donors_agreement() {
    let server = TestServer::spawn();
    let p = small_program(&server);
    let admin = server.http();
    let invited = admin.post_json(
        "/api/v1/users",
        &json!({"email": "lectora@donante-a.example", "display_name": "Lectora A",
            "role": "donor_viewer", "scope_kind": "donor", "scope_id": p.donor_a}),
    );
    invited.assert_status(201);
    let path = invited.json()["path"].as_str().unwrap().to_owned();
    let token = path.strip_prefix("/invite/").unwrap().to_owned();
    server
        .anonymous()
        .post_json(
            &format!("/api/v1/invitations/{token}"),
            &json!({"password": "a long donor password", "password_repeat": "a long donor password"}),
        )
        .assert_status(204);
    let viewer = server.sign_in("lectora@donante-a.example", "a long donor password");

    // Its own agreement, not the other donor's, in lists and by id.
    viewer
        .get(&format!("/api/v1/funding-agreements/{}", p.agreement_a))
        .assert_status(200);
    let refused = viewer.get(&format!("/api/v1/funding-agreements/{}", p.agreement_b));
    refused.assert_status(403);
    assert_eq!(refused.json()["error"]["code"], "forbidden");
    let listed = viewer.get("/api/v1/funding-agreements").json();
    let ids: Vec<String> = listed.as_array().unwrap().iter().map(id_of).collect();
    assert_eq!(ids, std::slice::from_ref(&p.agreement_a));
    let transactions = viewer.get("/api/v1/transactions").json();
    assert!(
        transactions
            .as_array()
            .unwrap()
            .iter()
            .all(|t| id_of(&json!({"id": t["agreement_id"]})) == p.agreement_a)
    );
    assert_eq!(transactions.as_array().unwrap().len(), 3);
    viewer
        .get(&format!("/api/v1/donors/{}/funding", p.donor_b))
        .assert_status(403);
    viewer
        .get(&format!("/api/v1/donors/{}/funding", p.donor_a))
        .assert_status(200);
    // The project it funds (and its program), not the other one; on the project's page only
    // its own donor's money: the commitment of donor B and the spending of no agreement are
    // left out.
    viewer
        .get(&format!("/api/v1/projects/{}", p.first))
        .assert_status(200);
    viewer
        .get(&format!("/api/v1/projects/{}", p.second))
        .assert_status(403);
    let funding = viewer
        .get(&format!("/api/v1/projects/{}/funding", p.first))
        .assert_status(200)
        .json();
    assert_eq!(cents(&funding["figures"]["spent"]["amount"]), 3_333_333);
    assert_eq!(funding["transactions"].as_array().unwrap().len(), 3);
    viewer
        .get(&format!("/api/v1/projects/{}/funding", p.second))
        .assert_status(403);
    // It records nothing.
    viewer
        .post_json(
            &format!("/api/v1/funding-agreements/{}/tranches", p.agreement_a),
            &json!({"due_date": "2025-05-01", "amount": "1"}),
        )
        .assert_status(403);
}

//! IATI 2.03 files of a program: valid against the official schema
//! (`shared/testdata/iati/schema-2.03`, checked with xmllint), carrying the budgets, transactions and
//! results recorded in the test (figures worked out here from what was posted), and protecting
//! participants: places by municipality, no names, counts of fewer than five withheld.

use crate::access::{DEMO_ACCOUNTS, demo_server};
use serde_json::{Value, json};
use std::process::Command;
use tests::fixtures::{create_program, id_of};
use tests::{Http, TempDir, TestServer, pairs};

const SCHEMA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/testdata/iati/schema-2.03/iati-activities-schema.xsd"
);

/// Runs xmllint on the file against the official schema; panics with its report if invalid.
fn assert_valid_iati(xml: &str) {
    let dir = TempDir::new("sembrar-iati");
    let file = dir.path().join("activities.xml");
    std::fs::write(&file, xml).unwrap();
    let output = Command::new("xmllint")
        .args(["--noout", "--schema", SCHEMA])
        .arg(&file)
        .output()
        .expect("xmllint runs (Debian package libxml2-utils; scripts/setup.sh --test)");
    assert!(
        output.status.success(),
        "the file does not validate against the IATI 2.03 schema:\n{}\n{}",
        String::from_utf8_lossy(&output.stderr),
        xml.lines().take(80).collect::<Vec<_>>().join("\n")
    );
}

/// The `value="…"` attributes of the elements named `element` (`None` for one without).
fn values_of(xml: &str, element: &str) -> Vec<Option<String>> {
    let open = format!("<{element}");
    xml.match_indices(&open)
        .filter(|(i, _)| {
            let next = xml[i + open.len()..].chars().next();
            matches!(next, Some(' ' | '>' | '/'))
        })
        .map(|(i, _)| {
            let tag = &xml[i..i + xml[i..].find('>').unwrap()];
            tag.split_once("value=\"")
                .map(|(_, rest)| rest[..rest.find('"').unwrap()].to_owned())
        })
        .collect()
}

fn created(response: &tests::Response) -> String {
    response.assert_status(201);
    id_of(&response.json())
}

fn step(http: &Http, project: &str, actual: i64, step: &str) {
    http.post_json(
        &format!("/api/v1/projects/{project}/actuals/{actual}/steps"),
        &json!({"step": step, "comment": ""}),
    )
    .assert_status(200);
}

#[test]
fn a_project_s_iati_activity_carries_its_budgets_transactions_and_results_with_small_counts_withheld()
 {
    let server = TestServer::spawn();
    let admin = server.http();
    let program = create_program(&server, "Programa Caquetá", "");

    // No identifier yet: the file cannot be made, and the preview says why.
    let refused = admin.get(&format!("/api/v1/programs/{program}/iati.xml"));
    refused.assert_status(422);
    assert_eq!(
        refused.field_codes(),
        pairs(&[("iati_identifier", "required")])
    );
    let bad = admin.put_json(
        "/api/v1/organisation",
        &json!({"iati_identifier": "not an id", "organisation_type": "club"}),
    );
    bad.assert_status(422);
    assert_eq!(
        bad.field_codes(),
        pairs(&[
            ("iati_identifier", "invalid_iati_identifier"),
            ("organisation_type", "unknown_choice")
        ])
    );
    assert_eq!(
        admin.get("/api/v1/organisation").json()["iati_identifier"],
        Value::Null,
        "a refused change changes nothing"
    );
    let settings = admin
        .put_json(
            "/api/v1/organisation",
            &json!({"iati_identifier": "XM-TEST-7", "organisation_type": "national_ngo"}),
        )
        .assert_status(200)
        .json();
    assert_eq!(settings["iati_identifier"], "XM-TEST-7");

    let project = created(&admin.post_json(
        &format!("/api/v1/programs/{program}/projects"),
        &json!({"name": "Cacao & café <Solano>", "kind": "ad", "country": "CO", "currency": "USD",
            "start_date": "2025-01-01", "end_date": "2027-12-31",
            "illicit_crops": ["coca_bush"], "planned_crops": [{"crop": "cocoa", "hectares": "40"}]}),
    ));
    let path = |what: &str| format!("/api/v1/projects/{project}/{what}");
    for (name, municipality) in [
        ("La Esperanza", "Solano"),
        ("El Triunfo", "Solano"),
        ("Peñas Blancas", "Cartagena del Chairá"),
    ] {
        created(&admin.post_json(
            &path("communities"),
            &json!({"name": name, "municipality": municipality}),
        ));
    }
    let livelihoods = created(&admin.post_json(
        &path("components"),
        &json!({"kind": "livelihoods", "name": "Cacao"}),
    ));
    let roads = created(&admin.post_json(
        &path("components"),
        &json!({"kind": "rural_development", "name": "Vías"}),
    ));
    let lines = [
        ("1.1", Some(livelihoods.as_str()), Some(2025), "120000"),
        ("1.2", Some(livelihoods.as_str()), Some(2025), "80000.50"),
        ("2.1", Some(roads.as_str()), Some(2026), "100000"),
        ("9.9", None, None, "5000"),
    ];
    for (code, component, year, amount) in lines {
        created(&admin.post_json(
            &path("budget-lines"),
            &json!({"code": code, "description": "Insumos", "component_id": component,
                "year": year, "amount": amount}),
        ));
    }
    let donor = created(&admin.post_json(
        "/api/v1/donors",
        &json!({"name": "Unión Europea", "iati_identifier": "XI-IATI-EC_INTPA",
            "organisation_type": "multilateral"}),
    ));
    let agreement = created(&admin.post_json(
        "/api/v1/funding-agreements",
        &json!({"donor_id": donor, "program_id": program, "project_id": project,
            "title": "Cacao UE", "amount": "150000", "currency": "EUR",
            "start_date": "2025-01-01", "end_date": "2027-12-31"}),
    ));
    for (kind, day, amount, currency) in [
        ("commitment", "2025-03-03", "150000", "EUR"),
        ("incoming_funds", "2025-06-02", "60000", "EUR"),
        ("expenditure", "2025-07-15", "20000.50", "USD"),
    ] {
        admin
            .post_json(
                "/api/v1/transactions",
                &json!({"kind": kind, "value_date": day, "amount": amount, "currency": currency,
                    "description": "Tramo", "agreement_id": agreement, "project_id": project}),
            )
            .assert_status(201);
    }

    // A goal with no indicator (left out), an outcome measured by beneficiaries by sex and age.
    let goal = created(&admin.post_json(
        &path("results"),
        &json!({"level": "goal", "statement": "Familias dejan la coca"}),
    ));
    let outcome = created(&admin.post_json(
        &path("results"),
        &json!({"level": "outcome", "parent_id": goal, "statement": "Ingresos lícitos"}),
    ));
    let indicator = created(&admin.post_json(
        &path("indicators"),
        &json!({"result_id": outcome, "library_code": "beneficiaries", "frequency": "annual",
            "disaggregation": "sex_age", "responsible_role": "me_officer",
            "baseline_value": "0", "baseline_year": "2024"}),
    ));
    admin
        .put_json(
            &path(&format!("indicators/{indicator}/targets")),
            &json!({"targets": [{"period": "2025", "value": "150"}]}),
        )
        .assert_status(200);
    // Women under 18, 18–29, 30–59, 60+, then men: 3 and 4 are small.
    let cells = ["30", "3", "25", "12", "10", "28", "20", "4"];
    let saved = admin
        .post_json(
            &path(&format!("indicators/{indicator}/actuals")),
            &json!({"period": "2025", "cells": cells}),
        )
        .assert_status(200)
        .json();
    let actual = saved["id"].as_i64().unwrap();
    step(admin, &project, actual, "submit");
    step(admin, &project, actual, "approve");

    let preview = admin
        .get(&format!("/api/v1/programs/{program}/iati"))
        .assert_status(200)
        .json();
    let identifier = format!("XM-TEST-7-SMB-P{project}");
    assert_eq!(preview["activities"][0]["identifier"], identifier.as_str());
    assert_eq!(preview["activities"][0]["budgets"], 2);
    assert_eq!(preview["activities"][0]["transactions"], 3);
    assert_eq!(preview["activities"][0]["locations"], 2);
    assert_eq!(preview["activities"][0]["indicators"], 1);
    let notes: Vec<(String, Value)> = preview["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["kind"].as_str().unwrap().to_owned(), n["count"].clone()))
        .collect();
    assert_eq!(
        notes,
        vec![
            ("budget_lines_without_year".to_owned(), json!(1)),
            ("results_without_indicators".to_owned(), json!(1)),
            ("withheld".to_owned(), json!(2)),
        ]
    );

    let file = admin.get(&format!("/api/v1/programs/{program}/iati.xml?lang=es"));
    file.assert_status(200);
    assert!(file.content_type().unwrap().starts_with("application/xml"));
    assert!(
        file.header("content-disposition")
            .unwrap()
            .contains("attachment")
    );
    let xml = &file.body;
    assert_valid_iati(xml);

    assert!(xml.contains(&format!("<iati-identifier>{identifier}</iati-identifier>")));
    assert!(xml.contains("<reporting-org ref=\"XM-TEST-7\" type=\"22\">"));
    assert!(xml.contains("<narrative>Cacao &amp; café &lt;Solano&gt;</narrative>"));
    assert!(xml.contains("<participating-org ref=\"XI-IATI-EC_INTPA\" type=\"40\" role=\"1\">"));
    assert!(xml.contains("<activity-status code=\"1\"/>"), "planning");
    // Budgets by year, worked out from the lines posted above: 2025 = 120,000 + 80,000.50.
    let mut by_year = std::collections::BTreeMap::<i32, (i64, i64)>::new();
    for (_, _, year, amount) in lines {
        if let Some(year) = year {
            let (whole, cents) = amount.split_once('.').unwrap_or((amount, "0"));
            let entry = by_year.entry(year).or_default();
            entry.0 += whole.parse::<i64>().unwrap();
            entry.1 += format!("{cents:0<2}").parse::<i64>().unwrap();
        }
    }
    let budgets: Vec<String> = xml
        .split("<budget ")
        .skip(1)
        .map(|b| {
            let value = &b[b.find("<value").unwrap()..];
            value[value.find('>').unwrap() + 1..value.find("</value>").unwrap()].to_owned()
        })
        .collect();
    let expected: Vec<String> = by_year
        .values()
        .map(|(whole, cents)| {
            let total = whole * 100 + cents;
            if total % 100 == 0 {
                (total / 100).to_string()
            } else {
                format!(
                    "{}.{}",
                    total / 100,
                    format!("{:02}", total % 100).trim_end_matches('0')
                )
            }
        })
        .collect();
    assert_eq!(budgets, expected);
    assert_eq!(budgets, ["200000.5", "100000"]);
    // Sectors split by the components' budget: 200,000.50 of 300,000.50 is agricultural.
    assert!(xml.contains("<sector vocabulary=\"1\" code=\"31165\" percentage=\"66.67\"/>"));
    assert!(xml.contains("<sector vocabulary=\"1\" code=\"43050\" percentage=\"33.33\"/>"));
    for (code, amount, currency) in [
        ("11", "150000", "EUR"),
        ("1", "60000", "EUR"),
        ("4", "20000.5", "USD"),
    ] {
        let found = xml.split("<transaction ").skip(1).any(|t| {
            t.contains(&format!("<transaction-type code=\"{code}\"/>"))
                && t.contains(&format!("currency=\"{currency}\""))
                && t.contains(&format!(">{amount}</value>"))
        });
        assert!(found, "transaction {code} of {amount} {currency}");
    }
    // Places by municipality, never a point.
    assert!(xml.contains("<narrative>Solano, CO</narrative>"));
    assert!(xml.contains("<narrative>2 comunidad(es)</narrative>"));
    assert!(!xml.contains("<point") && !xml.contains("<pos>"));
    assert!(!xml.contains("La Esperanza"), "no community names");
    // The result: the goal without indicators is left out; the target and the approved actual
    // of 2025 with its cells, 3 and 4 withheld.
    assert_eq!(xml.matches("<result ").count(), 1);
    assert!(xml.contains("<baseline year=\"2024\" value=\"0\"/>"));
    assert_eq!(values_of(xml, "target"), [Some("150".to_owned())]);
    let total: i64 = cells.iter().map(|c| c.parse::<i64>().unwrap()).sum();
    let mut expected: Vec<Option<String>> = vec![Some(total.to_string())];
    expected.extend(cells.iter().map(|c| {
        let n: i64 = c.parse().unwrap();
        (n >= 5).then(|| c.to_string())
    }));
    assert_eq!(values_of(xml, "actual"), expected);
    assert_eq!(
        xml.matches("<dimension name=\"sex\" value=\"female\"/>")
            .count(),
        4
    );
    assert_eq!(
        xml.matches("<dimension name=\"age\" value=\"18-29\"/>")
            .count(),
        2
    );
    assert_eq!(xml.matches("Se omite").count(), 2);

    // The change and the file are in the audit trail.
    for (action, entity) in [("update", "organisation"), ("export", "program")] {
        let events = admin
            .get(&format!(
                "/api/v1/audit?action={action}&entity_type={entity}"
            ))
            .assert_status(200)
            .json();
        assert_eq!(events.as_array().unwrap().len(), 1, "{action} {entity}");
    }
}

#[test]
fn the_demo_program_s_iati_file_validates_and_names_no_household() {
    let server = demo_server();
    let officer = server.sign_in(DEMO_ACCOUNTS[1].0, DEMO_ACCOUNTS[1].1);
    let file = officer.get("/api/v1/programs/1/iati.xml?lang=en");
    file.assert_status(200);
    let xml = &file.body;
    assert_valid_iati(xml);
    assert!(xml.matches("<iati-activity ").count() >= 2);
    assert!(xml.contains("<reporting-org ref=\"XX-DEMO-SEMBRAR\""));
    assert!(xml.contains("<transaction "));
    assert!(xml.contains("<budget "));
    for surname in ["Quispe", "Mamani", "Yupanqui", "Ñaupari"] {
        assert!(
            !xml.contains(surname),
            "{surname} is a demo household's name"
        );
    }
    assert!(!xml.contains("<pos>"));

    // Donor viewers and field monitors publish nothing; the settings are administrators'.
    for (email, password, _) in [DEMO_ACCOUNTS[3], DEMO_ACCOUNTS[4]] {
        let other = server.sign_in(email, password);
        other.get("/api/v1/programs/1/iati.xml").assert_status(403);
    }
    officer
        .put_json(
            "/api/v1/organisation",
            &json!({"iati_identifier": "XM-OTHER-1", "organisation_type": "government"}),
        )
        .assert_status(403);
    assert_eq!(
        officer.get("/api/v1/organisation").json()["can_edit"],
        false
    );
}

const EXAMPLE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/testdata/iati/iati-activity-standard-example-annotated-2.03.xml"
));

fn import(http: &Http, program: &str, xml: &str) -> Value {
    let response = http.send(
        http.request(
            reqwest::Method::POST,
            &format!("/api/v1/programs/{program}/iati-import?illicit_crop=opium_poppy&planned_crop=coffee&planned_hectares=25&lang=en"),
        )
        .header("content-type", "application/xml")
        .body(xml.to_owned()),
    );
    response.assert_status(200);
    response.json()
}

#[test]
fn the_official_example_imports_and_round_trips_its_budgets_transactions_and_results() {
    use shared::iati_read::{ReadActivity, ReadValue, read_activities};
    let server = TestServer::spawn();
    let admin = server.http();
    admin
        .put_json(
            "/api/v1/organisation",
            &json!({"iati_identifier": "XM-TEST-7", "organisation_type": "national_ngo"}),
        )
        .assert_status(200);
    let program = create_program(&server, "Programa importado", "");
    let report = import(admin, &program, EXAMPLE);
    let activity = &report["activities"][0];
    assert_eq!(activity["identifier"], "AA-AAA-123456789-ABC123");
    assert_eq!(activity["created"], true);
    assert_eq!(activity["budgets"], 1);
    assert_eq!(activity["transactions"], 1);
    assert_eq!(activity["indicators"], 1);
    assert_eq!(activity["actuals"], 1);
    assert_eq!(
        report["donors_created"], 1,
        "Agency B, named by its identifier twice"
    );
    let unmapped: Vec<(String, String)> = report["unmapped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["element"].as_str().unwrap().to_owned(),
                u["reason"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(
        unmapped
            .iter()
            .any(|(e, r)| e == "recipient-country" && r.starts_with("AG")),
        "{unmapped:?}"
    );
    assert!(
        unmapped.iter().any(|(e, _)| e == "dimension"),
        "{unmapped:?}"
    );
    assert!(
        unmapped
            .iter()
            .all(|(e, _)| e != "transaction" && e != "budget")
    );

    // The project as imported: its country, dates and currency (the budget's), the donor.
    let project = activity["project_id"].as_i64().unwrap();
    let read = admin.get(&format!("/api/v1/projects/{project}")).json();
    assert_eq!(read["country"], "AF");
    assert_eq!(read["start_date"], "2012-04-28", "the actual start wins");
    assert_eq!(read["end_date"], "2015-12-31");
    assert_eq!(read["currency"], "EUR");
    assert_eq!(read["status"], "active");
    assert_eq!(read["donors"][0]["name"], "Name of Agency B");
    assert_eq!(read["illicit_crops"], json!(["opium_poppy"]));
    assert_eq!(read["planned_crops"][0]["crop"], "coffee");

    // Exported again: the same budgets, transactions and results.
    let file = admin.get(&format!("/api/v1/programs/{program}/iati.xml?lang=en"));
    file.assert_status(200);
    assert_valid_iati(&file.body);
    let original = &read_activities(EXAMPLE).unwrap()[0];
    let exported = read_activities(&file.body).unwrap();
    assert_eq!(exported.len(), 1);
    let exported = &exported[0];
    assert_eq!(exported.identifier, original.identifier);
    // Each part as a line of text: day, amount, currency (and provider, period values).
    let budgets = |a: &ReadActivity| -> Vec<String> {
        a.budgets
            .iter()
            .map(|b| {
                format!(
                    "{} {} {} {:?}",
                    b.start,
                    b.end,
                    b.amount.normalize(),
                    b.currency
                )
            })
            .collect()
    };
    assert_eq!(budgets(exported), budgets(original));
    let transactions = |a: &ReadActivity| -> Vec<String> {
        a.transactions
            .iter()
            .map(|t| {
                format!(
                    "{} {} {} {:?} {:?}",
                    t.type_code,
                    t.date,
                    t.amount.normalize(),
                    t.currency,
                    t.provider.as_ref().and_then(|p| p.reference.clone())
                )
            })
            .collect()
    };
    assert_eq!(transactions(exported), transactions(original));
    let whole = |values: &[ReadValue]| {
        values
            .iter()
            .find(|v| v.dimensions.is_empty())
            .or(values.first())
            .and_then(|v| v.value)
            .map(|v| v.normalize().to_string())
    };
    let results = |a: &ReadActivity| -> Vec<String> {
        a.results
            .iter()
            .flat_map(|r| r.indicators.iter().map(move |i| (&r.type_code, i)))
            .map(|(kind, i)| {
                let periods: Vec<String> = i
                    .periods
                    .iter()
                    .map(|p| {
                        format!(
                            "{} {} target {:?} actual {:?}",
                            p.start,
                            p.end,
                            whole(&p.targets),
                            whole(&p.actuals)
                        )
                    })
                    .collect();
                format!(
                    "{kind} {} baseline {:?} {periods:?}",
                    i.title,
                    i.baseline.map(|(y, v)| (y, v.map(|v| v.normalize())))
                )
            })
            .collect()
    };
    assert_eq!(results(exported), results(original));

    // Imported again: the project updated, nothing stored twice.
    let again = import(admin, &program, EXAMPLE);
    let activity = &again["activities"][0];
    assert_eq!(activity["created"], false);
    assert_eq!(activity["project_id"].as_i64(), Some(project));
    assert_eq!(activity["transactions"], 0);
    assert_eq!(activity["transactions_already_stored"], 1);
    assert_eq!(activity["actuals"], 0);
    assert_eq!(again["donors_created"], 0);
    let file = admin.get(&format!("/api/v1/programs/{program}/iati.xml"));
    let twice = &read_activities(&file.body).unwrap()[0];
    assert_eq!(budgets(twice), budgets(original));
    assert_eq!(transactions(twice), transactions(original));
    assert_eq!(results(twice), results(original));
}

#[test]
fn a_file_that_is_not_iati_is_refused_and_changes_nothing() {
    let server = TestServer::spawn();
    let admin = server.http();
    let program = create_program(&server, "Programa", "");
    for (body, field, code, says) in [
        (
            "<iati-organisations/>",
            "file",
            "unreadable_xml",
            "root element is <iati-organisations>",
        ),
        (
            "not xml at all <",
            "file",
            "unreadable_xml",
            "could not be read",
        ),
    ] {
        let response = admin.send(
            admin
                .request(
                    reqwest::Method::POST,
                    &format!("/api/v1/programs/{program}/iati-import?illicit_crop=coca_bush&planned_crop=cocoa&planned_hectares=10"),
                )
                .body(body),
        );
        response.assert_status(422);
        assert_eq!(response.field_codes(), pairs(&[(field, code)]));
        assert!(response.body.contains(says), "{}", response.body);
    }
    let wrong_crop = admin.send(
        admin
            .request(
                reqwest::Method::POST,
                &format!("/api/v1/programs/{program}/iati-import?illicit_crop=tobacco&planned_crop=cocoa&planned_hectares=-1"),
            )
            .body(EXAMPLE),
    );
    wrong_crop.assert_status(422);
    let codes = wrong_crop.field_codes();
    assert_eq!(
        codes[0],
        ("illicit_crop".to_owned(), "unknown_crop".to_owned())
    );
    assert_eq!(codes[1].0, "planned_hectares");
    let projects = admin.get(&format!("/api/v1/programs/{program}")).json();
    assert_eq!(projects["projects"], json!([]));
}

#[test]
fn a_real_published_file_for_a_country_without_alternative_development_is_listed_with_its_reason() {
    const AIDSTREAM: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/testdata/iati/acf-spain-mali-right2grow.xml"
    ));
    let server = TestServer::spawn();
    let admin = server.http();
    let program = create_program(&server, "Programa Sahel", "");
    let report = import(admin, &program, AIDSTREAM);
    assert_eq!(report["activities"], json!([]));
    let unmapped = &report["unmapped"][0];
    assert_eq!(unmapped["element"], "recipient-country");
    assert_eq!(unmapped["line"], 3);
    assert!(
        unmapped["reason"].as_str().unwrap().starts_with("ML:"),
        "{unmapped}"
    );
    let program = admin.get(&format!("/api/v1/programs/{program}")).json();
    assert_eq!(program["projects"], json!([]));
}

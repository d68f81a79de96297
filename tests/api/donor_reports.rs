//! Donor reports: every figure of a donor's report for 2025 — who takes part, hectares on the
//! plots, eradication, support, the results table by sex and age band, the funding statement in
//! the agreement's currency — checked against the same figure worked out here from the records
//! posted; the protection rule; the narratives; the report kept as issued; and the HTML, PDF,
//! XLSX and CSV files holding the same figures and no name or phone.

use serde_json::{Value, json};
use std::collections::BTreeMap;
use tests::{Http, TestServer, pairs};

fn created(response: &tests::Response) -> i64 {
    response.assert_status(201);
    let id = &response.json()["id"];
    id.as_i64()
        .or_else(|| id.as_str().and_then(|s| s.parse().ok()))
        .expect("an id")
}

/// Hundredths in a decimal string (hectares, money): exact integer arithmetic in the test.
fn centi(text: &str) -> i64 {
    let (sign, text) = match text.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, text),
    };
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    sign * (whole.parse::<i64>().unwrap() * 100
        + format!("{frac:0<2}")[..2].parse::<i64>().unwrap())
}

fn dec(v: &Value) -> Option<i64> {
    v.as_str().map(centi)
}

/// The protection rule, written again here: counts of 1–4 are withheld; when a group has
/// exactly one withheld count, the smallest other nonzero count goes too; a small total
/// withholds everything.
fn protected(total: i64, cells: &[i64]) -> (Option<i64>, Vec<Option<i64>>) {
    let small = |n: i64| (1..=4).contains(&n);
    if small(total) {
        return (None, vec![None; cells.len()]);
    }
    let mut shown: Vec<Option<i64>> = cells.iter().map(|c| (!small(*c)).then_some(*c)).collect();
    if shown.iter().filter(|c| c.is_none()).count() == 1 {
        let smallest = cells
            .iter()
            .enumerate()
            .filter(|(i, c)| shown[*i].is_some() && **c > 0)
            .min_by_key(|(_, c)| **c)
            .map(|(i, _)| i);
        if let Some(i) = smallest {
            shown[i] = None;
        }
    }
    (Some(total), shown)
}

fn step(http: &Http, project: i64, actual: i64, step: &str) {
    http.post_json(
        &format!("/api/v1/projects/{project}/actuals/{actual}/steps"),
        &json!({"step": step, "comment": ""}),
    )
    .assert_status(200);
}

struct Household {
    head: &'static str,
    head_age: &'static str,
    enrolled: &'static str,
    members: &'static [(&'static str, &'static str, i64)],
}

const AGES: [&str; 4] = ["under_18", "18_29", "30_59", "60_plus"];

#[test]
fn every_figure_of_a_donor_s_report_matches_the_records_and_the_issued_report_stays_as_issued() {
    let server = TestServer::spawn();
    let admin = server.http();
    let program = tests::fixtures::create_program(&server, "Programa Putumayo", "");
    let donor = created(&admin.post_json(
        "/api/v1/donors",
        &json!({"name": "Agencia Cooperante", "organisation_type": "government"}),
    ));
    let project = created(&admin.post_json(
        &format!("/api/v1/programs/{program}/projects"),
        &json!({"name": "Cacao del Putumayo", "kind": "ad", "country": "CO", "currency": "USD",
            "start_date": "2025-01-01", "end_date": "2027-12-31", "donors": [donor.to_string()],
            "illicit_crops": ["coca_bush"], "planned_crops": [{"crop": "cocoa", "hectares": "40"}]}),
    ));
    // Another project of the program the donor does not fund: none of it is counted.
    let other = created(&admin.post_json(
        &format!("/api/v1/programs/{program}/projects"),
        &json!({"name": "Café de otro donante", "kind": "ad", "country": "CO", "currency": "USD",
            "start_date": "2025-01-01", "end_date": "2027-12-31",
            "illicit_crops": ["coca_bush"], "planned_crops": [{"crop": "coffee", "hectares": "5"}]}),
    ));
    let community = created(&admin.post_json(
        &format!("/api/v1/projects/{project}/communities"),
        &json!({"name": "Puerto Vega", "municipality": "Puerto Asís",
            "longitude": -76.5, "latitude": 0.5}),
    ));
    let other_community = created(&admin.post_json(
        &format!("/api/v1/projects/{other}/communities"),
        &json!({"name": "Otra vereda", "municipality": "Orito"}),
    ));

    // Six households headed by women, seven by men, one enrolled after the period.
    let mut homes: Vec<Household> = Vec::new();
    for _ in 0..6 {
        homes.push(Household {
            head: "female",
            head_age: "30_59",
            enrolled: "2025-02-01",
            members: &[("female", "30_59", 1), ("male", "under_18", 2)],
        });
    }
    for n in 0..7 {
        homes.push(Household {
            head: "male",
            head_age: "18_29",
            enrolled: "2024-11-01",
            members: if n == 0 {
                &[
                    ("male", "18_29", 1),
                    ("female", "under_18", 1),
                    ("female", "60_plus", 2),
                ]
            } else {
                &[("male", "18_29", 1), ("female", "under_18", 1)]
            },
        });
    }
    homes.push(Household {
        head: "female",
        head_age: "18_29",
        enrolled: "2026-01-15",
        members: &[("female", "18_29", 1)],
    });
    let mut ids = Vec::new();
    for (n, h) in homes.iter().enumerate() {
        let mut body = json!({"community_id": community, "head_sex": h.head, "head_age_band": h.head_age,
            "land_tenure": "untitled_possession", "enrolled_on": h.enrolled,
            "name": format!("Titular Reservado {n}"), "phone": format!("+57 310 555 01{n:02}")});
        for (sex, age, count) in h.members {
            body[format!("members_{sex}_{age}")] = json!(count);
        }
        ids.push(created(&admin.post_json(
            &format!("/api/v1/projects/{project}/households"),
            &body,
        )));
    }
    let elsewhere = created(&admin.post_json(
        &format!("/api/v1/projects/{other}/households"),
        &json!({"community_id": other_community, "head_sex": "female", "head_age_band": "30_59",
            "members_female_30_59": 9, "land_tenure": "untitled_possession", "enrolled_on": "2025-02-01"}),
    ));

    // Plots and what grew on them.
    let plot = |household: i64, name: &str| {
        created(&admin.post_json(
            &format!("/api/v1/households/{household}/plots"),
            &json!({"name": name, "declared_hectares": "3", "longitude": -76.51, "latitude": 0.51}),
        ))
    };
    let (a, b, c) = (
        plot(ids[0], "La loma"),
        plot(ids[6], "El bajo"),
        plot(elsewhere, "Ajena"),
    );
    let uses = [
        (a, "2024-12-01", "coca_bush", "1.5"),
        (a, "2025-11-05", "coca_bush", "0.5"),
        (a, "2025-11-05", "cocoa", "1"),
        (b, "2025-04-01", "coca_bush", "2"),
        (b, "2025-10-01", "cocoa", "2.25"),
        (c, "2025-03-01", "coca_bush", "3"),
    ];
    for (p, day, crop, ha) in uses {
        admin
            .post_json(
                &format!("/api/v1/plots/{p}/uses"),
                &json!({"observed_on": day, "crop": crop, "hectares": ha, "source": "field_verification"}),
            )
            .assert_status(200);
    }
    let ours = [a, b];
    let state_on = |day: &str| {
        let (mut illicit, mut licit) = (0, 0);
        for p in ours {
            if let Some(latest) = uses
                .iter()
                .filter(|u| u.0 == p && u.1 <= day)
                .map(|u| u.1)
                .max()
            {
                for u in uses.iter().filter(|u| u.0 == p && u.1 == latest) {
                    if u.2 == "coca_bush" {
                        illicit += centi(u.3);
                    } else {
                        licit += centi(u.3);
                    }
                }
            }
        }
        (illicit, licit)
    };

    // Eradication agreements: one signed before the period, two in it; verification visits.
    let signed = [
        (ids[1], "2024-11-20", "1"),
        (ids[2], "2025-02-10", "2"),
        (ids[7], "2025-03-01", "1.5"),
    ];
    let agreements: Vec<i64> = signed
        .iter()
        .map(|(h, day, committed)| {
            created(&admin.post_json(
                &format!("/api/v1/households/{h}/agreements"),
                &json!({"signed_on": day, "crop": "coca_bush", "committed_hectares": committed,
                    "eradicate_by": "2025-12-31"}),
            ))
        })
        .collect();
    // (agreement, day, eradicated, illicit found)
    let visits = [
        (0, "2024-12-10", "0.5", "0.5"),
        (0, "2025-05-01", "1", "0"),
        (0, "2025-09-01", "1", "0.25"),
        (1, "2025-04-15", "2", "0"),
        (2, "2025-08-01", "0.75", "0.75"),
    ];
    for (n, day, eradicated, found) in visits {
        admin
            .post_json(
                &format!("/api/v1/agreements/{}/verifications", agreements[n]),
                &json!({"visited_on": day, "method": "field_visit",
                    "eradicated_hectares": eradicated, "illicit_hectares_found": found}),
            )
            .assert_status(200);
    }
    let verified_by = |day: &str| -> i64 {
        signed
            .iter()
            .enumerate()
            .filter(|(_, s)| s.1 <= day)
            .map(|(n, s)| {
                visits
                    .iter()
                    .filter(|v| v.0 == n && v.1 <= day)
                    .max_by_key(|v| v.1)
                    .map_or(0, |v| centi(v.2).min(centi(s.2)))
            })
            .sum()
    };
    // Replanting: illicit crops found after a visit found the agreement cleared.
    let mut replanting = 0;
    for (n, agreement) in signed.iter().enumerate() {
        let mut cleared = false;
        let mut mine: Vec<_> = visits.iter().filter(|v| v.0 == n).collect();
        mine.sort_by_key(|v| v.1);
        for v in mine {
            if cleared && centi(v.3) > 0 && v.1 >= "2025-01-01" && v.1 <= "2025-12-31" {
                replanting += 1;
            }
            if centi(v.2) >= centi(agreement.2) && centi(v.3) == 0 {
                cleared = true;
            }
        }
    }
    assert_eq!(replanting, 1, "the test's own records have one replanting");

    // Support delivered: in and out of the period, to women- and men-headed households.
    let support = [
        (ids[0], "2025-04-01", "100.50"),
        (ids[6], "2025-05-01", "80"),
        (ids[6], "2024-12-20", "999"),
    ];
    for (h, day, value) in support {
        admin
            .post_json(
                &format!("/api/v1/households/{h}/support"),
                &json!({"kind": "inputs", "delivered_on": day, "value": value, "currency": "USD"}),
            )
            .assert_status(201);
    }

    // Results: beneficiaries by sex and age band; households with cocoa by sex (a small count).
    let path = |what: &str| format!("/api/v1/projects/{project}/{what}");
    let goal = created(&admin.post_json(
        &path("results"),
        &json!({"level": "goal", "statement": "Familias dejan la coca"}),
    ));
    let outcome = created(&admin.post_json(
        &path("results"),
        &json!({"level": "outcome", "parent_id": goal, "statement": "Ingresos lícitos"}),
    ));
    let beneficiaries = created(&admin.post_json(
        &path("indicators"),
        &json!({"result_id": outcome, "library_code": "beneficiaries", "frequency": "annual",
            "disaggregation": "sex_age", "responsible_role": "me_officer",
            "baseline_value": "0", "baseline_year": "2024"}),
    ));
    let cocoa = created(&admin.post_json(
        &path("indicators"),
        &json!({"result_id": outcome, "name": "Hogares con cacao certificado", "unit": "households",
            "frequency": "annual", "disaggregation": "sex", "responsible_role": "me_officer"}),
    ));
    let actuals: [(i64, &str, &[&str]); 2] = [
        (
            beneficiaries,
            "150",
            &["30", "3", "25", "12", "10", "28", "20", "4"],
        ),
        (cocoa, "40", &["3", "20"]),
    ];
    for (indicator, target, cells) in actuals {
        admin
            .put_json(
                &path(&format!("indicators/{indicator}/targets")),
                &json!({"targets": [{"period": "2025", "value": target}, {"period": "2026", "value": "999"}]}),
            )
            .assert_status(200);
        let saved = admin
            .post_json(
                &path(&format!("indicators/{indicator}/actuals")),
                &json!({"period": "2025", "cells": cells}),
            )
            .assert_status(200)
            .json();
        let actual = saved["id"].as_i64().unwrap();
        step(admin, project, actual, "submit");
        step(admin, project, actual, "approve");
    }

    // Funding: an agreement in euros, money before and in the period, an expense in dollars.
    admin
        .post_json(
            "/api/v1/exchange-rates",
            &json!({"base": "EUR", "quote": "USD", "day": "2025-07-15", "rate": "1.1", "span": "day"}),
        )
        .assert_status(201);
    let agreement = created(&admin.post_json(
        "/api/v1/funding-agreements",
        &json!({"donor_id": donor, "program_id": program, "reference": "AC-2024-07",
            "title": "Cacao y paz", "amount": "150000", "currency": "EUR",
            "start_date": "2024-07-01", "end_date": "2027-12-31"}),
    ));
    for (due, amount) in [("2025-05-01", "50000"), ("2026-05-01", "100000")] {
        admin
            .post_json(
                &format!("/api/v1/funding-agreements/{agreement}/tranches"),
                &json!({"due_date": due, "amount": amount}),
            )
            .assert_status(201);
    }
    let money = [
        ("commitment", "2024-07-03", "150000", "EUR"),
        ("incoming_funds", "2024-12-15", "10000", "EUR"),
        ("incoming_funds", "2025-06-02", "60000", "EUR"),
        ("expenditure", "2025-07-15", "20000.50", "USD"),
        ("expenditure", "2026-02-01", "500", "EUR"),
    ];
    for (kind, day, amount, currency) in money {
        // Expenditure is counted in the project that spent it.
        let spent_in = if kind == "expenditure" {
            project.to_string()
        } else {
            String::new()
        };
        admin
            .post_json(
                "/api/v1/transactions",
                &json!({"kind": kind, "value_date": day, "amount": amount, "currency": currency,
                    "description": "Tramo", "agreement_id": agreement, "project_id": spent_in}),
            )
            .assert_status(201);
    }

    // Bad requests are named field by field and store nothing.
    let bad = admin.post_json(
        "/api/v1/reports",
        &json!({"title": "", "scope": "donor", "donor_id": "x", "period_start": "2025-12-31",
            "period_end": "2025-01-01", "language": "fr"}),
    );
    bad.assert_status(422);
    assert_eq!(
        bad.field_codes(),
        pairs(&[
            ("title", "required"),
            ("donor_id", "unknown_choice"),
            ("period_end", "end_not_after_start"),
            ("language", "unknown_choice")
        ])
    );
    let unknown = admin.post_json(
        "/api/v1/reports",
        &json!({"title": "T", "scope": "donor", "donor_id": "999999", "period_start": "2025-01-01",
            "period_end": "2025-12-31"}),
    );
    assert_eq!(
        unknown.assert_status(422).field_codes(),
        pairs(&[("donor_id", "unknown_choice")])
    );
    assert_eq!(admin.get("/api/v1/reports").json()["reports"], json!([]));

    let made = admin.post_json(
        "/api/v1/reports",
        &json!({"title": "Informe anual 2025 <Agencia>", "scope": "donor", "donor_id": donor.to_string(),
            "period_start": "2025-01-01", "period_end": "2025-12-31", "language": "es"}),
    );
    let report_id = created(&made);
    let r = made.json()["report"].clone();
    assert_eq!(made.json()["can_edit"], true);
    assert_eq!(r["donor"], "Agencia Cooperante");
    let names: Vec<&str> = r["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Cacao del Putumayo"]);
    assert_eq!(r["projects"][0]["municipalities"], json!(["Puerto Asís"]));

    // Who takes part on the last day, worked out here.
    let end = "2025-12-31";
    let taking_part: Vec<&Household> = homes.iter().filter(|h| h.enrolled <= end).collect();
    let heads = |sex: &str| taking_part.iter().filter(|h| h.head == sex).count() as i64;
    let s = &r["summary"];
    let count = |v: &Value| v.as_str().map(|t| t.parse::<i64>().unwrap());
    let (total, cells) = protected(taking_part.len() as i64, &[heads("female"), heads("male")]);
    assert_eq!(count(&s["households"]["total"]), total);
    assert_eq!(count(&s["households"]["female"]), cells[0]);
    assert_eq!(count(&s["households"]["male"]), cells[1]);
    assert_eq!(total, Some(13));
    let people = |pick: &dyn Fn(&str, &str) -> bool| -> i64 {
        taking_part
            .iter()
            .flat_map(|h| h.members.iter())
            .filter(|(sex, age, _)| pick(sex, age))
            .map(|(_, _, n)| n)
            .sum()
    };
    let everyone = people(&|_, _| true);
    let (total, by_sex) = protected(
        everyone,
        &[people(&|s, _| s == "female"), people(&|s, _| s == "male")],
    );
    assert_eq!(count(&s["beneficiaries"]["total"]), total);
    assert_eq!(count(&s["beneficiaries"]["female"]), by_sex[0]);
    assert_eq!(count(&s["beneficiaries"]["male"]), by_sex[1]);
    let ages: Vec<i64> = AGES.iter().map(|a| people(&|_, age| age == *a)).collect();
    let (_, by_age) = protected(everyone, &ages);
    let got: Vec<Option<i64>> = s["beneficiaries"]["ages"]
        .as_array()
        .unwrap()
        .iter()
        .map(count)
        .collect();
    assert_eq!(got, by_age);
    assert_eq!(by_age[3], None, "two people aged 60 or more are withheld");
    assert_eq!(
        by_age.iter().filter(|a| a.is_none()).count(),
        2,
        "and the smallest other band with them"
    );
    // Hectares on the first and last day of the period.
    let (illicit_start, licit_start) = state_on("2025-01-01");
    let (illicit_end, licit_end) = state_on(end);
    assert_eq!(dec(&s["illicit_start"]), Some(illicit_start));
    assert_eq!(dec(&s["licit_start"]), Some(licit_start));
    assert_eq!(dec(&s["illicit_end"]), Some(illicit_end));
    assert_eq!(dec(&s["licit_end"]), Some(licit_end));
    // Eradication: agreements signed in the period, hectares verified in it, replanting.
    let in_period: Vec<_> = signed
        .iter()
        .filter(|s| s.1 >= "2025-01-01" && s.1 <= end)
        .collect();
    assert_eq!(s["agreements_signed"], in_period.len());
    assert_eq!(
        dec(&s["committed_hectares"]),
        Some(in_period.iter().map(|s| centi(s.2)).sum())
    );
    assert_eq!(
        dec(&s["verified_hectares"]),
        Some(verified_by(end) - verified_by("2024-12-31"))
    );
    assert_eq!(s["replanting_found"], replanting);
    // Support in the period, by the sex of who heads the household.
    let support_in: Vec<_> = support
        .iter()
        .filter(|x| x.1 >= "2025-01-01" && x.1 <= end)
        .collect();
    let head_of = |h: i64| homes[ids.iter().position(|i| *i == h).unwrap()].head;
    assert_eq!(s["support"][0]["currency"], "USD");
    assert_eq!(
        dec(&s["support"][0]["total"]),
        Some(support_in.iter().map(|x| centi(x.2)).sum())
    );
    assert_eq!(
        dec(&s["support"][0]["women_headed"]),
        Some(
            support_in
                .iter()
                .filter(|x| head_of(x.0) == "female")
                .map(|x| centi(x.2))
                .sum()
        )
    );

    // The results table: only the 2025 periods; % of target; by sex and age band, protected.
    let rows = r["results"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    for (row, (_, target, cells)) in rows.iter().zip(actuals) {
        assert_eq!(row["period"], "2025");
        assert_eq!(row["period_start"], "2025-01-01");
        let values: Vec<i64> = cells.iter().map(|c| c.parse().unwrap()).collect();
        let total: i64 = values.iter().sum();
        assert_eq!(count(&row["actual"]["total"]), Some(total));
        assert_eq!(dec(&row["target"]), Some(centi(target)));
        // To one decimal, half to even: 132 of 150 is 88.0 %, 23 of 40 is 57.5 %.
        let target_whole = centi(target) / 100;
        assert_eq!(
            total * 1000 % target_whole,
            0,
            "the test's shares are exact in tenths"
        );
        assert_eq!(
            dec(&row["percent_of_target"]),
            Some(total * 1000 / target_whole * 10),
            "{row}"
        );
        let half = values.len() / 2;
        let sexes = [
            values[..half].iter().sum::<i64>(),
            values[half..].iter().sum::<i64>(),
        ];
        let (_, shown) = protected(total, &sexes);
        assert_eq!(
            (
                count(&row["actual"]["female"]),
                count(&row["actual"]["male"])
            ),
            (shown[0], shown[1])
        );
        if values.len() == 8 {
            let ages: Vec<i64> = (0..4).map(|i| values[i] + values[4 + i]).collect();
            let (_, shown) = protected(total, &ages);
            let got: Vec<Option<i64>> = row["actual"]["ages"]
                .as_array()
                .unwrap()
                .iter()
                .map(count)
                .collect();
            assert_eq!(got, shown);
        } else {
            assert_eq!(row["actual"]["by_age"], false);
        }
    }
    assert_eq!(
        rows[1]["actual"]["female"],
        Value::Null,
        "3 households are withheld"
    );
    assert_eq!(
        rows[1]["actual"]["male"],
        Value::Null,
        "and the 20 that would give them away"
    );
    assert_eq!(rows[0]["baseline"], json!([2024, "0"]));

    // The funding statement, in euros: every amount up to the period's end, the dollar expense
    // converted at its day's rate (20,000.50 / 1.1 = 18,182.27 EUR).
    let f = &r["funding"][0];
    assert_eq!(f["currency"], "EUR");
    assert_eq!(f["reference"], "AC-2024-07");
    let eur = |amount: &str, currency: &str| -> i64 {
        if currency == "EUR" {
            centi(amount)
        } else {
            // Exact: hundredths × 10 / 11, rounded half to even.
            let tenfold = centi(amount) * 10;
            let (q, rem) = (tenfold / 11, tenfold % 11);
            if rem * 2 > 11 || (rem * 2 == 11 && q % 2 == 1) {
                q + 1
            } else {
                q
            }
        }
    };
    let sum = |kinds: &[&str], from: &str| -> i64 {
        money
            .iter()
            .filter(|m| kinds.contains(&m.0) && m.1 >= from && m.1 <= end)
            .map(|m| eur(m.2, m.3))
            .sum()
    };
    let fig = &f["figures"];
    assert_eq!(
        dec(&fig["committed_to_date"]),
        Some(sum(&["commitment"], ""))
    );
    assert_eq!(
        dec(&fig["disbursed_in_period"]),
        Some(sum(&["incoming_funds", "disbursement"], "2025-01-01"))
    );
    assert_eq!(
        dec(&fig["disbursed_to_date"]),
        Some(sum(&["incoming_funds", "disbursement"], ""))
    );
    assert_eq!(
        dec(&fig["spent_in_period"]),
        Some(sum(&["expenditure"], "2025-01-01"))
    );
    assert_eq!(dec(&fig["spent_to_date"]), Some(1_818_227));
    assert_eq!(
        dec(&fig["balance"]),
        Some(sum(&["incoming_funds", "disbursement"], "") - sum(&["expenditure"], ""))
    );
    assert_eq!(
        dec(&fig["to_disburse"]),
        Some(centi("150000") - sum(&["incoming_funds", "disbursement"], ""))
    );
    assert_eq!(dec(&fig["due_in_period"]), Some(centi("50000")));
    assert!(
        f["rates"][0]["text"]
            .as_str()
            .unwrap()
            .contains("EUR/USD, 2025-07-15"),
        "{f}"
    );

    // Narratives: an unknown section or a text too long is named and nothing changes.
    let narratives = format!("/api/v1/reports/{report_id}/narratives");
    let refused = admin.put_json(
        &narratives,
        &json!({"sections": {"gossip": "x", "context": "y".repeat(20_001)}}),
    );
    assert_eq!(
        refused.assert_status(422).field_codes(),
        pairs(&[("gossip", "unknown_choice"), ("context", "too_long")])
    );
    let saved = admin
        .put_json(
            &narratives,
            &json!({"sections": {"progress": "El cacao prendió en Puerto Vega.\n\nSegunda cosecha.",
                "next_steps": "Certificación orgánica."}}),
        )
        .assert_status(200)
        .json();
    assert_eq!(saved["report"]["narratives"][0]["section"], "progress");

    // The files hold the same figures.
    let csv = admin.get(&format!("/api/v1/reports/{report_id}/report.csv"));
    csv.assert_status(200);
    assert!(csv.content_type().unwrap().starts_with("text/csv"));
    let org = admin.get("/api/v1/organisation").json()["name"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut figures: BTreeMap<String, String> = BTreeMap::new();
    for line in csv.body.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        figures.insert(cells[..7].join("|"), format!("{}|{}", cells[8], cells[9]));
    }
    let figure = |key: &str| {
        figures
            .get(key)
            .cloned()
            .unwrap_or_else(|| panic!("no row {key}"))
    };
    assert_eq!(
        figure(&format!(
            "summary|{org}|households|count|total|2025-12-31|2025-12-31"
        ))
        .split('|')
        .next(),
        Some("13")
    );
    assert_eq!(
        figure(&format!(
            "summary|{org}|beneficiaries|count|60_plus|2025-12-31|2025-12-31"
        )),
        "|withheld"
    );
    assert_eq!(
        figure("funding|Cacao y paz|spent_to_date|amount|total|2024-07-01|2025-12-31"),
        "18182.27|"
    );
    assert_eq!(
        figure(
            "results|Cacao del Putumayo|Hogares con cacao certificado|actual|female|2025-01-01|2025-12-31"
        ),
        "|withheld"
    );
    assert_eq!(
        figure(&format!(
            "summary|{org}|illicit_hectares|area|total|{end}|{end}"
        )),
        format!("{}|", illicit_end as f64 / 100.0)
    );

    let (status, kind, xlsx) = admin.get_bytes(&format!("/api/v1/reports/{report_id}/report.xlsx"));
    assert_eq!(status, 200);
    assert!(kind.starts_with("application/vnd.openxmlformats"));
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).expect("an XLSX workbook");
    use calamine::Reader;
    let sheets = book.sheet_names().to_vec();
    assert_eq!(
        sheets,
        [
            "Resumen",
            "Resultados",
            "Financiación",
            "Hectáreas",
            "Erradicación",
            "Narrativas"
        ]
    );
    let results = book.worksheet_range("Resultados").unwrap();
    let header: Vec<String> = results
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header[7], "Logro");
    let first = results.rows().nth(1).unwrap();
    assert_eq!(
        first[7],
        calamine::Data::Float(132.0),
        "numbers are numbers"
    );
    let narratives_sheet = book.worksheet_range("Narrativas").unwrap();
    assert!(
        narratives_sheet
            .rows()
            .any(|r| r[1].to_string().contains("Puerto Vega"))
    );

    let (status, kind, pdf) = admin.get_bytes(&format!("/api/v1/reports/{report_id}/report.pdf"));
    assert_eq!(status, 200);
    assert_eq!(kind, "application/pdf");
    let text = tests::pdf_text(&pdf);
    for wanted in [
        "Informe anual 2025 <Agencia>",
        "Informe al donante",
        "Agencia Cooperante",
        "Resumen",
        "Cacao y paz",
        "18.182,27",
        "El cacao prendió en Puerto Vega.",
        "Mujeres y niñas",
    ] {
        assert!(text.contains(wanted), "the PDF lacks {wanted}:\n{text}");
    }

    let html = admin.get(&format!("/api/v1/reports/{report_id}/report.html"));
    html.assert_status(200);
    assert!(html.body.contains("Informe anual 2025 &lt;Agencia&gt;"));
    assert!(html.body.contains("<svg"), "charts and map inline");
    // Opened from a download folder or the site, the file runs nothing and fetches nothing.
    let policy = html.header("content-security-policy").unwrap_or_default();
    for part in ["default-src 'none'", "sandbox", "form-action 'none'"] {
        assert!(policy.contains(part), "{part} in {policy:?}");
    }
    // No name, phone or point of a household leaves in any output.
    for body in [&html.body, &csv.body, &text, &made.body] {
        assert!(!body.contains("Titular Reservado"), "a name leaked");
        assert!(!body.contains("555 01"), "a phone leaked");
        assert!(!body.contains("-76.51"), "a plot's point leaked");
    }

    // Issued: later records change nothing in it, and it can no longer be written.
    let issued = admin.post_json(&format!("/api/v1/reports/{report_id}/issue"), &json!({}));
    let issued = issued.assert_status(200).json();
    assert_eq!(issued["can_edit"], false);
    assert!(issued["report"]["issued"]["at"].is_string());
    created(&admin.post_json(
        &format!("/api/v1/projects/{project}/households"),
        &json!({"community_id": community, "head_sex": "female", "head_age_band": "30_59",
            "members_female_30_59": 1, "land_tenure": "untitled_possession", "enrolled_on": "2025-03-01"}),
    ));
    let again = admin
        .get(&format!("/api/v1/reports/{report_id}"))
        .assert_status(200)
        .json();
    assert_eq!(again["report"], issued["report"], "reopened as issued");
    assert_eq!(again["report"]["summary"]["households"]["total"], "13");
    assert_eq!(
        admin
            .put_json(&narratives, &json!({"sections": {"progress": "x"}}))
            .assert_status(422)
            .field_codes(),
        pairs(&[("report", "period_locked")])
    );
    assert_eq!(
        admin
            .post_json(&format!("/api/v1/reports/{report_id}/issue"), &json!({}))
            .assert_status(422)
            .field_codes(),
        pairs(&[("report", "period_locked")])
    );
    let list = admin.get("/api/v1/reports").json();
    assert_eq!(list["reports"][0]["id"], report_id);
    assert!(list["reports"][0]["issued_at"].is_string());
}

#[test]
fn a_donor_s_viewer_reads_its_issued_reports_and_no_draft_and_others_read_none() {
    use crate::access::{DEMO_ACCOUNTS, demo_server};
    let server = demo_server();
    let signed: Vec<Http> = DEMO_ACCOUNTS
        .iter()
        .map(|(email, password, _)| server.sign_in(email, password))
        .collect();
    let (admin, monitor, viewer) = (&signed[0], &signed[3], &signed[4]);
    let report = |title: &str| {
        created(&admin.post_json(
            "/api/v1/reports",
            &json!({"title": title, "scope": "donor", "donor_id": "1",
                "period_start": "2025-01-01", "period_end": "2025-12-31", "language": "en"}),
        ))
    };
    let (issued, draft) = (report("Issued for the donor"), report("Still a draft"));
    admin
        .post_json(&format!("/api/v1/reports/{issued}/issue"), &json!({}))
        .assert_status(200);
    let listed = |http: &Http| -> Vec<i64> {
        http.get("/api/v1/reports").json()["reports"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_i64().unwrap())
            .collect()
    };
    assert_eq!(listed(admin), [draft, issued]);
    assert_eq!(listed(viewer), [issued]);
    assert_eq!(listed(monitor), Vec::<i64>::new());
    let read = viewer
        .get(&format!("/api/v1/reports/{issued}"))
        .assert_status(200)
        .json();
    assert_eq!(read["can_edit"], false);
    viewer
        .get(&format!("/api/v1/reports/{draft}"))
        .assert_status(403);
    viewer
        .put_json(
            &format!("/api/v1/reports/{issued}/narratives"),
            &json!({"sections": {}}),
        )
        .assert_status(403);
    viewer
        .post_json(&format!("/api/v1/reports/{draft}/issue"), &json!({}))
        .assert_status(403);
    monitor
        .get(&format!("/api/v1/reports/{issued}"))
        .assert_status(403);
    let (status, _, pdf) = viewer.get_bytes(&format!("/api/v1/reports/{issued}/report.pdf"));
    assert_eq!(status, 200);
    assert!(tests::pdf_text(&pdf).contains("Issued for the donor"));
    assert_eq!(
        monitor
            .get_bytes(&format!("/api/v1/reports/{issued}/report.pdf"))
            .0,
        403
    );
}

//! Dashboards: a program's, a project's and a donor's figures for the period, municipality and
//! donor chosen, each checked against the same figure worked out here from the records posted —
//! households and beneficiaries by sex (small counts withheld), the map's statuses, the income
//! transition planned against observed, the funding statements kept to the donor chosen — the
//! filters refused field by field, and every chart downloaded as SVG, PNG and CSV.

use serde_json::{Value, json};
use tests::TestServer;

fn created(response: &tests::Response) -> i64 {
    response.assert_status(201);
    let id = &response.json()["id"];
    id.as_i64()
        .or_else(|| id.as_str().and_then(|s| s.parse().ok()))
        .expect("an id")
}

/// Hundredths in a decimal string: exact integer arithmetic in the test.
fn centi(text: &str) -> i64 {
    let (whole, frac) = text.split_once('.').unwrap_or((text, ""));
    whole.parse::<i64>().unwrap() * 100 + format!("{frac:0<2}")[..2].parse::<i64>().unwrap()
}

fn count(v: &Value) -> Option<i64> {
    v.as_str().map(|t| t.parse::<i64>().unwrap())
}

/// The protection rule for a total and its split in two, written again here: a count of 1–4 is
/// withheld, a small total withholds everything, one withheld cell takes the other with it.
fn protected(total: i64, cells: [i64; 2]) -> Shown {
    let small = |n: i64| (1..=4).contains(&n);
    if small(total) {
        return (None, [None, None]);
    }
    if cells.iter().any(|c| small(*c)) {
        return (Some(total), [None, None]);
    }
    (Some(total), cells.map(Some))
}

/// A count and its split by sex, as a dashboard shows them (`None`: withheld).
type Shown = (Option<i64>, [Option<i64>; 2]);

struct Home {
    community: usize,
    head: &'static str,
    enrolled: &'static str,
    /// (sex, age band, count)
    members: &'static [(&'static str, &'static str, i64)],
}

const STATUSES: [&str; 4] = ["illicit_free", "reducing", "not_reducing", "no_records"];

#[test]
fn a_dashboard_counts_the_records_of_the_period_region_and_donor_chosen_and_downloads_each_chart() {
    let server = TestServer::spawn();
    let admin = server.http();
    let program = tests::fixtures::create_program(&server, "Programa Sur", "");
    let donor = |name: &str| {
        created(&admin.post_json(
            "/api/v1/donors",
            &json!({"name": name, "organisation_type": "government"}),
        ))
    };
    let (north, south) = (donor("Fondo Norte"), donor("Fondo Sur"));
    let project = |name: &str, donor: i64| {
        created(&admin.post_json(
            &format!("/api/v1/programs/{program}/projects"),
            &json!({"name": name, "kind": "ad", "country": "CO", "currency": "COP",
                "start_date": "2025-01-01", "end_date": "2027-12-31", "donors": [donor.to_string()],
                "illicit_crops": ["coca_bush"], "planned_crops": [{"crop": "cocoa", "hectares": "20"}]}),
        ))
    };
    let (cacao, cafe) = (
        project("Cacao Putumayo", north),
        project("Café Mocoa", south),
    );
    // (project, name, municipality, longitude, latitude)
    let places = [
        (cacao, "Vereda Uno", "Puerto Asís", -76.5, 0.5),
        (cacao, "Vereda Dos", "Orito", -76.9, 0.6),
        (cafe, "Vereda Tres", "Mocoa", -76.6, 1.1),
    ];
    let communities: Vec<i64> = places
        .iter()
        .map(|(p, name, municipality, lon, lat)| {
            created(&admin.post_json(
                &format!("/api/v1/projects/{p}/communities"),
                &json!({"name": name, "municipality": municipality, "longitude": lon, "latitude": lat}),
            ))
        })
        .collect();

    // Six households in Puerto Asís, four in Orito (too few to show), seven in Mocoa.
    let mut homes = Vec::new();
    for n in 0..6 {
        homes.push(Home {
            community: 0,
            head: if n < 3 { "female" } else { "male" },
            enrolled: "2025-02-01",
            members: if n < 3 {
                &[("female", "30_59", 1), ("male", "under_18", 1)]
            } else {
                &[("male", "18_29", 1), ("female", "under_18", 2)]
            },
        });
    }
    for _ in 0..4 {
        homes.push(Home {
            community: 1,
            head: "male",
            enrolled: "2025-03-01",
            members: &[("male", "30_59", 1)],
        });
    }
    for _ in 0..7 {
        homes.push(Home {
            community: 2,
            head: "female",
            enrolled: "2025-01-15",
            members: &[("female", "30_59", 2)],
        });
    }
    let ids: Vec<i64> = homes
        .iter()
        .enumerate()
        .map(|(n, h)| {
            let c = h.community;
            let mut body = json!({"community_id": communities[c], "head_sex": h.head,
                "head_age_band": if h.head == "male" && c == 0 { "18_29" } else { "30_59" },
                "land_tenure": "untitled_possession",
                "enrolled_on": h.enrolled, "name": format!("Titular {n}"),
                "phone": format!("+57 310 555 02{n:02}")});
            for (sex, age, k) in h.members {
                body[format!("members_{sex}_{age}")] = json!(k);
            }
            created(&admin.post_json(
                &format!("/api/v1/projects/{}/households", places[c].0),
                &body,
            ))
        })
        .collect();

    // A plot per household of Puerto Asís, one in Orito, one in Mocoa, and what grew on them:
    // Puerto Asís gives up its coca, Orito keeps it, Mocoa halves it.
    let mut plots: Vec<(usize, i64)> = Vec::new();
    for (n, h) in homes.iter().enumerate() {
        if h.community == 0 || n == 6 || n == 10 {
            let (_, _, _, lon, lat) = places[h.community];
            let id = created(&admin.post_json(
                &format!("/api/v1/households/{}/plots", ids[n]),
                &json!({"name": format!("Parcela {n}"), "declared_hectares": "3",
                    "longitude": lon + 0.01, "latitude": lat + 0.01}),
            ));
            plots.push((h.community, id));
        }
    }
    let mut uses: Vec<(usize, i64, &str, &str, &str)> = Vec::new();
    for (community, plot) in &plots {
        let planned: &[(&str, &str, &str)] = match community {
            0 => &[
                ("2025-02-15", "coca_bush", "1"),
                ("2025-11-01", "cocoa", "1"),
            ],
            1 => &[
                ("2025-03-10", "coca_bush", "2"),
                ("2025-09-10", "coca_bush", "2"),
            ],
            _ => &[
                ("2025-02-01", "coca_bush", "3"),
                ("2025-08-01", "coca_bush", "1.5"),
            ],
        };
        for (day, crop, ha) in planned {
            admin
                .post_json(
                    &format!("/api/v1/plots/{plot}/uses"),
                    &json!({"observed_on": day, "crop": crop, "hectares": ha, "source": "field_verification"}),
                )
                .assert_status(200);
            uses.push((*community, *plot, day, crop, ha));
        }
    }
    // A community's status, worked out here: its plots' illicit hectares at the period's start
    // (each plot's latest record by then, or its first) against its end.
    let status_of = |community: usize, from: &str, until: &str| -> &str {
        let mine: Vec<_> = uses
            .iter()
            .filter(|u| u.0 == community && u.2 <= until)
            .collect();
        if mine.is_empty() {
            return "no_records";
        }
        let illicit = |u: &&&(usize, i64, &str, &str, &str)| {
            if u.3 == "coca_bush" { centi(u.4) } else { 0 }
        };
        let (mut start, mut end) = (0, 0);
        for (_, plot) in plots.iter().filter(|p| p.0 == community) {
            let days: Vec<_> = mine.iter().filter(|u| u.1 == *plot).collect();
            if let Some(first) = days
                .iter()
                .filter(|u| u.2 <= from)
                .max_by_key(|u| u.2)
                .or_else(|| days.iter().min_by_key(|u| u.2))
            {
                start += illicit(first);
            }
            if let Some(last) = days.iter().max_by_key(|u| u.2) {
                end += illicit(last);
            }
        }
        match (start, end) {
            (_, 0) => "illicit_free",
            (s, e) if e < s => "reducing",
            _ => "not_reducing",
        }
    };

    // Sales at monitoring visits: every household of Puerto Asís in May 2025 (100 kg at 2,000
    // pesos each), two in August (too few to show).
    let visit = |household: i64, day: &str, n: usize| {
        admin
            .post_json(
                &format!("/api/v1/households/{household}/visits"),
                &json!({"client_id": format!("0f4c5d6e-7a8b-4c9d-8e0f-1a2b3c4d5e{n:02}"),
                    "visited_on": day, "plots": [], "crop": "cocoa", "harvested_kg": "100",
                    "sold_kg": "100", "price_per_kg": "2000", "currency": "COP",
                    "sales_channel": "cooperative"}),
            )
            .assert_status(201);
    };
    for (n, id) in ids.iter().take(6).enumerate() {
        visit(*id, "2025-05-10", n);
    }
    visit(ids[0], "2025-08-10", 20);
    visit(ids[1], "2025-08-11", 21);
    // The plan: six households, 1 ha of cocoa from January 2025, 1,200 kg a year at 2,000
    // pesos: 200,000 a month, 600,000 a quarter.
    admin
        .post_json(
            &format!("/api/v1/projects/{cacao}/livelihood-plans"),
            &json!({"name": "Cacao", "households": 6, "illicit_income_monthly": "500000",
                "eradication_month": "2025-01", "value_chains": [{"crop": "cocoa", "hectares": "1",
                "planting_month": "2025-01", "yield_curve": "1200", "price_per_kg": "2000",
                "market_channel": "cooperative"}]}),
        )
        .assert_status(201);

    // Funding: one agreement of each donor.
    let agreement = |donor: i64, title: &str, amount: &str| {
        created(&admin.post_json(
            "/api/v1/funding-agreements",
            &json!({"donor_id": donor, "program_id": program, "title": title, "amount": amount,
                "currency": "USD", "start_date": "2025-01-01", "end_date": "2027-12-31"}),
        ))
    };
    let (northern, southern) = (
        agreement(north, "Convenio Norte", "100000"),
        agreement(south, "Convenio Sur", "50000"),
    );
    for (a, kind, day, amount) in [
        (northern, "incoming_funds", "2025-03-01", "40000"),
        (southern, "incoming_funds", "2025-04-01", "20000"),
    ] {
        admin
            .post_json(
                "/api/v1/transactions",
                &json!({"kind": kind, "value_date": day, "amount": amount, "currency": "USD",
                    "description": "Tramo", "agreement_id": a, "project_id": ""}),
            )
            .assert_status(201);
    }

    // An indicator with a target and no approved actual yet.
    let goal = created(&admin.post_json(
        &format!("/api/v1/projects/{cacao}/results"),
        &json!({"level": "goal", "statement": "Familias dejan la coca"}),
    ));
    let indicator = created(&admin.post_json(
        &format!("/api/v1/projects/{cacao}/indicators"),
        &json!({"result_id": goal, "name": "Hogares con cacao", "unit": "households",
            "frequency": "annual", "disaggregation": "sex", "responsible_role": "me_officer"}),
    ));
    admin
        .put_json(
            &format!("/api/v1/projects/{cacao}/indicators/{indicator}/targets"),
            &json!({"targets": [{"period": "2025", "value": "40"}]}),
        )
        .assert_status(200);

    let dashboard = |query: &str| {
        let response = admin.get(&format!("/api/v1/programs/{program}/dashboard?{query}"));
        response.assert_status(200);
        response.json()
    };
    let today = chrono::Utc::now().date_naive().to_string();
    let until = today.as_str().min("2027-12-31").to_owned();
    let households_in = |keep: &dyn Fn(&Home) -> bool, day: &str| {
        let mine: Vec<&Home> = homes
            .iter()
            .filter(|h| keep(h) && h.enrolled <= day)
            .collect();
        let heads = |sex: &str| mine.iter().filter(|h| h.head == sex).count() as i64;
        let people = |sex: Option<&str>| -> i64 {
            mine.iter()
                .flat_map(|h| h.members.iter())
                .filter(|m| sex.is_none_or(|s| m.0 == s))
                .map(|m| m.2)
                .sum()
        };
        (
            protected(mine.len() as i64, [heads("female"), heads("male")]),
            protected(people(None), [people(Some("female")), people(Some("male"))]),
        )
    };
    let check_people = |d: &Value, expected: (Shown, Shown)| {
        let s = &d["figures"]["summary"];
        for (key, (total, cells)) in [("households", expected.0), ("beneficiaries", expected.1)] {
            assert_eq!(count(&s[key]["total"]), total, "{key}");
            assert_eq!(count(&s[key]["female"]), cells[0], "{key} female");
            assert_eq!(count(&s[key]["male"]), cells[1], "{key} male");
        }
    };

    // The whole program, from its start to today.
    let all = dashboard("");
    assert_eq!(all["filter"]["from"], "2025-01-01");
    assert_eq!(all["filter"]["until"], until.as_str());
    assert_eq!(
        all["choices"]["municipalities"],
        json!(["Mocoa", "Orito", "Puerto Asís"])
    );
    assert_eq!(
        all["choices"]["donors"],
        json!([[north, "Fondo Norte"], [south, "Fondo Sur"]])
    );
    check_people(&all, households_in(&|_| true, &until));
    let counts: Vec<i64> = STATUSES
        .iter()
        .map(|s| {
            (0..3)
                .filter(|c| status_of(*c, "2025-01-01", &until) == *s)
                .count() as i64
        })
        .collect();
    assert_eq!(all["map"]["community_counts"], json!(counts));
    assert_eq!(
        counts,
        [1, 1, 1, 0],
        "the test's records give one community of each kind"
    );
    assert_eq!(all["map"]["communities"].as_array().unwrap().len(), 3);
    assert_eq!(
        all["map"]["plots"].as_array().unwrap().len(),
        plots.len(),
        "an administrator sees the plots"
    );
    let statements: Vec<&str> = all["figures"]["funding"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["title"].as_str().unwrap())
        .collect();
    assert_eq!(statements, ["Convenio Norte", "Convenio Sur"]);
    // Income: planned 600,000 a quarter per household; observed 200,000 per household visited
    // in the second quarter of 2025, withheld in the third (two households).
    let income = &all["income"][0];
    assert_eq!(income["currency"], "COP");
    let quarter = |end: &str| {
        income["points"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["end"] == end)
            .unwrap_or_else(|| panic!("no quarter ending {end}"))
            .clone()
    };
    let q2 = quarter("2025-06-30");
    assert_eq!(centi(q2["planned"].as_str().unwrap()), 600_000 * 100);
    assert_eq!(centi(q2["observed"].as_str().unwrap()), 200_000 * 100);
    assert_eq!(q2["households_visited"], 6);
    assert_eq!(q2["households_planned"], 6);
    let q3 = quarter("2025-09-30");
    assert_eq!(q3["observed"], Value::Null);
    assert_eq!(q3["observed_withheld"], true);

    // One municipality: its households only; the project working there; its community.
    let puerto = dashboard("municipality=Puerto%20As%C3%ADs");
    check_people(&puerto, households_in(&|h| h.community == 0, &until));
    let names = |d: &Value| -> Vec<String> {
        d["figures"]["projects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(names(&puerto), ["Cacao Putumayo"]);
    assert_eq!(puerto["map"]["community_counts"], json!([1, 0, 0, 0]));
    // Orito's four households are too few to show.
    let orito = dashboard("municipality=Orito");
    check_people(&orito, households_in(&|h| h.community == 1, &until));
    assert_eq!(
        orito["figures"]["summary"]["households"]["total"],
        Value::Null
    );
    assert!(orito["figures"]["withheld"].as_u64().unwrap() > 0);

    // One donor: the project it funds, its agreement only.
    let southern_view = dashboard(&format!("donor={south}"));
    assert_eq!(names(&southern_view), ["Café Mocoa"]);
    check_people(&southern_view, households_in(&|h| h.community == 2, &until));
    assert_eq!(
        southern_view["figures"]["funding"][0]["title"],
        "Convenio Sur"
    );
    assert_eq!(
        southern_view["figures"]["funding"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        southern_view["figures"]["funding"][0]["figures"]["disbursed_to_date"]
            .as_str()
            .map(centi),
        Some(20_000 * 100)
    );

    // A period: who takes part by its last day; the series stops there.
    let early = dashboard("from=2025-01-01&to=2025-02-10");
    check_people(&early, households_in(&|_| true, "2025-02-10"));
    let hectares = early["figures"]["hectares"].as_array().unwrap();
    assert_eq!(hectares.last().unwrap()["end"], "2025-02-10");

    // Bad filters are refused field by field.
    let bad = admin.get(&format!(
        "/api/v1/programs/{program}/dashboard?from=2025-13-01&to=soon&municipality=Atlantis&donor=999999"
    ));
    bad.assert_status(422);
    let fields: Vec<String> = bad.field_codes().into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["from", "to", "municipality", "donor"]);
    let backwards = admin.get(&format!(
        "/api/v1/programs/{program}/dashboard?from=2025-06-01&to=2025-01-01"
    ));
    assert_eq!(
        backwards.assert_status(422).field_codes(),
        tests::pairs(&[("to", "end_not_after_start")])
    );

    // A project's dashboard; a donor's, without plots, that takes no donor filter.
    let own = admin
        .get(&format!("/api/v1/projects/{cacao}/dashboard"))
        .json();
    check_people(&own, households_in(&|h| h.community < 2, &until));
    let funder = admin
        .get(&format!("/api/v1/donors/{north}/dashboard"))
        .json();
    assert_eq!(names(&funder), ["Cacao Putumayo"]);
    assert_eq!(funder["map"]["plots"], json!([]));
    assert_eq!(funder["figures"]["funding"][0]["title"], "Convenio Norte");
    admin
        .get(&format!("/api/v1/donors/{north}/dashboard?donor={south}"))
        .assert_status(422);

    // Every chart as SVG, PNG and CSV, for the filters asked.
    let files = format!("/api/v1/programs/{program}/dashboard");
    let charts = [
        "hectares".to_owned(),
        "eradication".to_owned(),
        "beneficiaries".to_owned(),
        "results".to_owned(),
        "income-cop".to_owned(),
        format!("funding-{northern}"),
        format!("funding-{southern}"),
        "map".to_owned(),
    ];
    for chart in &charts {
        let (status, kind, svg) = admin.get_bytes(&format!("{files}/{chart}.svg?lang=es"));
        assert_eq!(
            (status, kind.starts_with("image/svg+xml")),
            (200, true),
            "{chart}.svg"
        );
        assert!(svg.starts_with(b"<svg"), "{chart}.svg");
        let (status, kind, png) = admin.get_bytes(&format!("{files}/{chart}.png"));
        assert_eq!((status, kind.as_str()), (200, "image/png"), "{chart}.png");
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{chart}.png");
        let csv = admin.get(&format!("{files}/{chart}.csv?municipality=Orito"));
        csv.assert_status(200);
        assert!(
            csv.content_type().unwrap().starts_with("text/csv"),
            "{chart}.csv"
        );
        assert!(csv.body.lines().count() >= 2, "{chart}.csv: {}", csv.body);
    }
    // The CSV carries the filter's figures with their period and unit, withheld ones marked.
    let beneficiaries = admin
        .get(&format!("{files}/beneficiaries.csv?municipality=Orito"))
        .body;
    let households_total = beneficiaries
        .lines()
        .find(|l| l.contains(",households,") && l.contains(",total,"))
        .expect("a households row");
    assert!(households_total.contains(&until), "{households_total}");
    assert!(
        households_total.ends_with(",withheld"),
        "{households_total}"
    );
    let results_csv = admin.get(&format!("{files}/results.csv")).body;
    assert!(
        results_csv.lines().any(|l| l
            == "results,Cacao Putumayo,Hogares con cacao,target,total,2025-01-01,2025-12-31,households,40,"),
        "{results_csv}"
    );
    let income_csv = admin.get(&format!("{files}/income-cop.csv")).body;
    assert!(
        income_csv
            .lines()
            .any(|l| l.contains("2025-04-01,2025-06-30,COP,600000,200000,6,6,")),
        "{income_csv}"
    );
    // No name, phone or place of a household in any file.
    for chart in &charts {
        let csv = admin.get(&format!("{files}/{chart}.csv")).body;
        let svg = admin.get(&format!("{files}/{chart}.svg")).body;
        for text in [&csv, &svg] {
            assert!(!text.contains("Titular"), "{chart}");
            assert!(!text.contains("+57 310"), "{chart}");
        }
    }
    for missing in ["nothing.svg", "hectares.gif", "hectares"] {
        admin.get(&format!("{files}/{missing}")).assert_status(404);
    }
}

#[test]
fn a_donor_viewer_reads_its_own_donor_s_dashboard_without_plots_and_no_household_dashboard() {
    let server = crate::access::demo_server();
    let (email, password) = ("donor@demo.sembrar.example", "sembrar-donor-demo");
    let viewer = tests::Http::signed_in(server.base_url(), email, password);
    let own = viewer.get("/api/v1/donors/1/dashboard");
    own.assert_status(200);
    let d = own.json();
    assert_eq!(d["kind"], "donor");
    assert_eq!(d["map"]["plots"], json!([]));
    assert!(!d["figures"]["projects"].as_array().unwrap().is_empty());
    let text = own.body;
    assert!(!text.contains("+57"), "no phone number");
    viewer
        .get("/api/v1/donors/1/dashboard/map.png")
        .assert_status(200);
    viewer
        .get("/api/v1/programs/1/dashboard")
        .assert_status(403);
    viewer
        .get("/api/v1/projects/2/dashboard")
        .assert_status(403);
    let donors = server.http().get("/api/v1/donors").json();
    if let Some(other) = donors
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["id"].as_i64())
        .find(|id| *id != 1)
    {
        viewer
            .get(&format!("/api/v1/donors/{other}/dashboard"))
            .assert_status(403);
    }
}

#[test]
fn a_dashboard_read_before_the_records_change_counts_them_as_they_are_the_next_time() {
    let server = TestServer::spawn();
    let admin = server.http();
    let program = tests::fixtures::create_program(&server, "Programa Digest", "");
    let donor = created(&admin.post_json(
        "/api/v1/donors",
        &json!({"name": "Fondo Uno", "organisation_type": "government"}),
    ));
    let project = created(&admin.post_json(
        &format!("/api/v1/programs/{program}/projects"),
        &json!({"name": "Cacao Orito", "kind": "ad", "country": "CO", "currency": "COP",
            "start_date": "2025-01-01", "end_date": "2027-12-31", "donors": [donor.to_string()],
            "illicit_crops": ["coca_bush"], "planned_crops": [{"crop": "cocoa", "hectares": "6"}]}),
    ));
    let community = created(&admin.post_json(
        &format!("/api/v1/projects/{project}/communities"),
        &json!({"name": "Vereda Alta", "municipality": "Orito", "longitude": -76.9, "latitude": 0.6}),
    ));
    // Six households, each with a plot of 1 ha of coca in February.
    let mut households = Vec::new();
    let mut plots = Vec::new();
    for _ in 0..6 {
        let household = created(&admin.post_json(
            &format!("/api/v1/projects/{project}/households"),
            &json!({"community_id": community, "head_sex": "female", "head_age_band": "30_59",
                "members_female_30_59": 1, "land_tenure": "untitled_possession",
                "enrolled_on": "2025-02-01"}),
        ));
        let plot = created(&admin.post_json(
            &format!("/api/v1/households/{household}/plots"),
            &json!({"name": "Parcela", "declared_hectares": "1", "longitude": -76.91, "latitude": 0.61}),
        ));
        admin
            .post_json(
                &format!("/api/v1/plots/{plot}/uses"),
                &json!({"observed_on": "2025-02-15", "crop": "coca_bush", "hectares": "1",
                    "source": "field_verification"}),
            )
            .assert_status(200);
        households.push(household);
        plots.push(plot);
    }
    let path = format!("/api/v1/projects/{project}/dashboard?from=2025-01-01&to=2025-12-31");
    let summary = || admin.get(&path).json()["figures"]["summary"].clone();
    let before = summary();
    assert_eq!(before["households"]["total"], "6");
    assert_eq!(centi(before["illicit_end"].as_str().unwrap()), 600);
    assert_eq!(centi(before["licit_end"].as_str().unwrap()), 0);

    // A plot turned to cocoa in June.
    let turned = admin
        .post_json(
            &format!("/api/v1/plots/{}/uses", plots[0]),
            &json!({"observed_on": "2025-06-01", "crop": "cocoa", "hectares": "1",
                "source": "field_verification"}),
        )
        .json();
    let s = summary();
    assert_eq!(centi(s["illicit_end"].as_str().unwrap()), 500);
    assert_eq!(centi(s["licit_end"].as_str().unwrap()), 100);

    // A household withdrawn in July leaves five taking part.
    admin
        .post_json(
            &format!("/api/v1/households/{}/status", households[5]),
            &json!({"status": "withdrawn", "changed_on": "2025-07-01", "reason": "Moved away"}),
        )
        .assert_status(200);
    assert_eq!(summary()["households"]["total"], "5");

    // An agreement signed and verified whole, and support delivered.
    let agreement = created(&admin.post_json(
        &format!("/api/v1/households/{}/agreements", households[1]),
        &json!({"signed_on": "2025-03-01", "crop": "coca_bush", "committed_hectares": "1",
            "eradicate_by": "2025-09-30"}),
    ));
    admin
        .post_json(
            &format!("/api/v1/agreements/{agreement}/verifications"),
            &json!({"visited_on": "2025-08-01", "method": "field_visit",
                "eradicated_hectares": "1", "illicit_hectares_found": "0"}),
        )
        .assert_status(200);
    admin
        .post_json(
            &format!("/api/v1/households/{}/support", households[2]),
            &json!({"kind": "inputs", "delivered_on": "2025-04-01", "value": "750000",
                "currency": "COP", "description": "Plántulas"}),
        )
        .assert_status(201);
    let s = summary();
    assert_eq!(s["agreements_signed"], 1);
    assert_eq!(centi(s["verified_hectares"].as_str().unwrap()), 100);
    assert_eq!(s["support"][0]["currency"], "COP");
    assert_eq!(
        centi(s["support"][0]["total"].as_str().unwrap()),
        75_000_000
    );

    // The June record deleted as made in error: the plot is coca again.
    let use_id = turned["uses"]
        .as_array()
        .and_then(|uses| uses.iter().find(|u| u["observed_on"] == "2025-06-01"))
        .and_then(|u| u["id"].as_i64())
        .expect("the June record");
    admin
        .delete(&format!("/api/v1/plots/{}/uses/{use_id}", plots[0]))
        .assert_status(204);
    let s = summary();
    assert_eq!(centi(s["illicit_end"].as_str().unwrap()), 600);
    assert_eq!(centi(s["licit_end"].as_str().unwrap()), 0);
}

//! Imports of KoboToolbox and ODK exports: a realistic KoboToolbox XLSX export (its group
//! paths, geopoint, `_uuid`, `_index`, choices exported as labels, a repeat group of plots as
//! its own sheet) with bad rows, imported twice; the mapping remembered; every row imported or
//! listed with its line and reason; nothing stored twice.

use serde_json::{Value, json};
use tests::fixtures::project_with_community;
use tests::{Http, TestServer};

fn made(http: &Http, path: &str, body: Value) -> Value {
    let response = http.post_json(path, &body);
    response.assert_status(201);
    response.json()
}

fn strings(row: &[&str]) -> Vec<String> {
    row.iter().map(|c| (*c).to_owned()).collect()
}

/// Uploads `bytes` as the body, named `file_name`.
fn upload(http: &Http, project: &str, file_name: &str, bytes: Vec<u8>) -> tests::Response {
    http.send(
        http.request(
            reqwest::Method::POST,
            &format!("/api/v1/projects/{project}/imports?file_name={file_name}"),
        )
        .header("content-type", "application/octet-stream")
        .body(bytes),
    )
}

/// Starts an import and waits for it to finish.
fn import(http: &Http, id: i64, mapping: &Value) -> Value {
    http.post_json(&format!("/api/v1/imports/{id}/start"), mapping)
        .assert_status(202);
    for _ in 0..300 {
        let now = http
            .get(&format!("/api/v1/imports/{id}"))
            .assert_status(200)
            .json();
        if now["status"] == "done" {
            return now;
        }
        assert_eq!(now["status"], "running", "{now}");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("the import did not finish in 30 s");
}

#[test]
fn a_kobo_export_with_bad_rows_imports_every_good_row_once_and_names_each_bad_one() {
    let server = TestServer::spawn();
    let admin = server.http();
    let (project, community) = project_with_community(
        &server,
        "Programa Kobo",
        "Proyecto Guaviare",
        "CO",
        "La Carpa",
    );
    let household = |sex: &str| {
        made(
            admin,
            &format!("/api/v1/projects/{project}/households"),
            json!({"community_id": community, "head_sex": sex, "head_age_band": "30_59",
                "members_female_30_59": 1, "members_male_30_59": 1,
                "land_tenure": "untitled_possession", "enrolled_on": "2025-02-01"}),
        )
    };
    let (marta, jose) = (household("female"), household("male"));
    let code = |h: &Value| h["code"].as_str().unwrap().to_owned();
    let (a, b) = (code(&marta), code(&jose));
    for (h, name) in [
        (&marta, "La loma"),
        (&marta, "Quebrada"),
        (&jose, "El bajo"),
    ] {
        made(
            admin,
            &format!("/api/v1/households/{}/plots", h["id"]),
            json!({"name": name, "declared_hectares": "3", "longitude": -72.6, "latitude": 2.6}),
        );
    }

    // The main sheet as KoboToolbox exports it: group paths, the geopoint and its parts,
    // choices as labels, the metadata columns, `_index` to join the repeat group.
    let header = strings(&[
        "start",
        "end",
        "grp_hogar/household_code",
        "grp_hogar/fecha",
        "gps",
        "_gps_latitude",
        "_gps_longitude",
        "_gps_altitude",
        "_gps_precision",
        "grp_cosecha/cultivo",
        "grp_cosecha/harvested_kg",
        "grp_cosecha/sold_kg",
        "grp_cosecha/precio",
        "grp_cosecha/moneda",
        "grp_cosecha/canal",
        "observaciones",
        "_id",
        "_uuid",
        "_submission_time",
        "_validation_status",
        "_index",
    ]);
    let row = |code: &str, day: &str, harvest: [&str; 6], note: &str, uuid: &str, index: &str| {
        let mut cells = strings(&[
            &format!("{day}T09:10:00.000-05:00"),
            &format!("{day}T09:42:00.000-05:00"),
            code,
            day,
            "2.571234 -72.641234 240 4.5",
            "2.571234",
            "-72.641234",
            "240",
            "4.5",
        ]);
        cells.extend(strings(&harvest));
        cells.extend(strings(&[
            note,
            &format!("9{index}"),
            uuid,
            "2025-06-04T15:00:00",
            "",
            index,
        ]));
        cells
    };
    let none = ["", "", "", "", "", ""];
    let main = vec![
        header,
        // 2: Marta, a harvest sold through the cooperative, two plots.
        row(
            &a,
            "2025-06-03",
            ["Cacao", "420", "400", "8950", "COP", "Cooperativa"],
            "Injertos prendidos",
            "5f2e1c1a-0b6b-4a55-9d3e-1a2b3c4d5e6f",
            "1",
        ),
        // 3: José, no harvest, one plot.
        row(
            &b,
            "2025-06-04",
            none,
            "",
            "6a1f2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b",
            "2",
        ),
        // 4: a code nobody has.
        row(
            "ZZZZ-ZZZZ-Z",
            "2025-06-05",
            none,
            "",
            "7b2a3c4d-5e6f-4071-9b8c-0d1e2f3a4b5c",
            "3",
        ),
        // 5: more sold than harvested.
        row(
            &a,
            "2025-06-06",
            ["Cacao", "100", "500", "8950", "COP", "Intermediario"],
            "",
            "8c3b4d5e-6f70-4182-8c9d-1e2f3a4b5c6d",
            "4",
        ),
        // 6: a day in the future.
        row(
            &b,
            "2031-01-01",
            none,
            "",
            "9d4c5e6f-7081-4293-9dae-2f3a4b5c6d7e",
            "5",
        ),
        // 7: a plot the household does not have.
        row(
            &a,
            "2025-06-07",
            none,
            "",
            "ae5d6f70-8192-43a4-8ebf-3a4b5c6d7e8f",
            "6",
        ),
        // 8: no submission id (an older form version): still stored once only.
        row(
            &b,
            "2025-07-01",
            ["Cacao", "50", "50", "9000", "COP", "Mercado local"],
            "",
            "",
            "7",
        ),
    ];
    let plots = vec![
        strings(&[
            "plot_name",
            "illicit_crop",
            "illicit_hectares",
            "licit_crop",
            "established_hectares",
            "surviving_hectares",
            "_index",
            "_parent_table_name",
            "_parent_index",
            "_submission__id",
            "_submission__uuid",
        ]),
        strings(&[
            "La loma",
            "Coca",
            "0.25",
            "Cacao",
            "1.5",
            "1.2",
            "1",
            "Visita de monitoreo",
            "1",
            "91",
            "5f2e",
        ]),
        strings(&[
            "Quebrada",
            "",
            "0",
            "Cacao",
            "2",
            "2",
            "2",
            "Visita de monitoreo",
            "1",
            "91",
            "5f2e",
        ]),
        strings(&[
            "El bajo",
            "Coca",
            "1",
            "",
            "",
            "",
            "3",
            "Visita de monitoreo",
            "2",
            "92",
            "6a1f",
        ]),
        strings(&[
            "Río",
            "Coca",
            "1",
            "",
            "",
            "",
            "4",
            "Visita de monitoreo",
            "6",
            "96",
            "ae5d",
        ]),
        // Line 6: a plot row whose submission is not in the file.
        strings(&[
            "La loma",
            "Coca",
            "1",
            "",
            "",
            "",
            "5",
            "Visita de monitoreo",
            "99",
            "999",
            "ffff",
        ]),
    ];
    let file = tests::xlsx::workbook(&[("Visita de monitoreo", main), ("grp_predios", plots)]);

    // Bad files are refused by name; nothing is kept.
    let garbage = upload(
        admin,
        &project,
        "visitas.xlsx",
        b"PK\x03\x04 not a workbook".to_vec(),
    );
    assert_eq!(
        garbage.assert_status(422).field_codes(),
        [("file".to_owned(), "unreadable_file".to_owned())]
    );
    let empty = upload(admin, &project, "visitas.csv", b"only,a,heading\n".to_vec());
    assert_eq!(
        empty.assert_status(422).field_codes(),
        [("file".to_owned(), "empty_file".to_owned())]
    );

    // Exports are larger than ordinary requests (1 MiB): a 2 MiB one is read. (Its cells stay
    // within a spreadsheet cell's 32,767 characters; a longer one is refused, see
    // `hostile_input`.)
    let row = format!("{a},2025-06-03,{}\n", "x".repeat(32_000));
    let large = format!("household_code,fecha,note\n{}", row.repeat(66));
    assert!(large.len() > 2 << 20);
    upload(admin, &project, "grande.csv", large.into_bytes()).assert_status(201);
    let first = upload(admin, &project, "visitas.xlsx", file.clone());
    first.assert_status(201);
    let first = first.json();
    assert_eq!(first["status"], "mapping");
    assert_eq!(first["form_name"], "Visita de monitoreo");
    assert_eq!(first["sheets"][0]["name"], "Visita de monitoreo");
    assert_eq!(first["sheets"][0]["rows"], 7);
    assert_eq!(first["sheets"][1]["rows"], 5);
    assert_eq!(first["mapping_remembered"], false);
    let mapping = first["mapping"].clone();
    assert_eq!(
        mapping["columns"]["household_code"],
        "grp_hogar/household_code"
    );
    assert_eq!(mapping["columns"]["visited_on"], "grp_hogar/fecha");
    assert_eq!(mapping["columns"]["entry_id"], "_uuid");
    assert_eq!(mapping["columns"]["gps"], "gps");
    assert_eq!(mapping["plot_sheet"], "grp_predios");
    assert_eq!(mapping["columns"]["plot_name"], "plot_name");

    // A mapping without the household's column is refused by field.
    let mut incomplete = mapping.clone();
    incomplete["columns"]
        .as_object_mut()
        .unwrap()
        .remove("household_code");
    let id = first["id"].as_i64().unwrap();
    assert_eq!(
        admin
            .post_json(&format!("/api/v1/imports/{id}/start"), &incomplete)
            .assert_status(422)
            .field_codes(),
        [("map_household_code".to_owned(), "required".to_owned())]
    );

    let done = import(admin, id, &mapping);
    assert_eq!(
        (done["total"].clone(), done["processed"].clone()),
        (json!(7), json!(7))
    );
    assert_eq!(done["imported"], 3, "{done}");
    assert_eq!(done["already_imported"], 0);
    let issues: Vec<(String, u64, String)> = done["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["sheet"].as_str().unwrap().to_owned(),
                i["line"].as_u64().unwrap(),
                i["reason"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let lines: Vec<(&str, u64)> = issues.iter().map(|(s, l, _)| (s.as_str(), *l)).collect();
    assert_eq!(
        lines,
        [
            ("Visita de monitoreo", 4),
            ("Visita de monitoreo", 5),
            ("Visita de monitoreo", 6),
            ("Visita de monitoreo", 7),
            ("grp_predios", 6),
        ],
        "{issues:#?}"
    );
    assert!(
        issues[0].2.contains("grp_hogar/household_code"),
        "{}",
        issues[0].2
    );
    assert!(
        issues[1].2.contains("grp_cosecha/sold_kg"),
        "{}",
        issues[1].2
    );
    assert!(issues[2].2.contains("grp_hogar/fecha"), "{}", issues[2].2);
    assert!(
        issues[3].2.contains("Río") && issues[3].2.contains("line 5"),
        "{}",
        issues[3].2
    );
    assert!(issues[4].2.contains("“99”"), "{}", issues[4].2);

    // What was stored: Marta's visit with its sale and both plots in their history.
    let visits = admin
        .get(&format!("/api/v1/households/{}/visits", marta["id"]))
        .assert_status(200)
        .json();
    let visits = visits.as_array().unwrap();
    assert_eq!(visits.len(), 1);
    let visit = &visits[0];
    assert_eq!(visit["client_id"], "5f2e1c1a-0b6b-4a55-9d3e-1a2b3c4d5e6f");
    assert_eq!(visit["visited_on"], "2025-06-03");
    assert_eq!(visit["location"], json!([-72.641234, 2.571234]));
    assert_eq!(visit["production"]["crop"], "cocoa");
    assert_eq!(visit["production"]["sales_channel"], "cooperative");
    assert_eq!(visit["production"]["income"], "3580000.00");
    assert_eq!(visit["plots"].as_array().unwrap().len(), 2);
    assert_eq!(visit["note"], "Injertos prendidos");
    let jose_visits = admin
        .get(&format!("/api/v1/households/{}/visits", jose["id"]))
        .json();
    assert_eq!(jose_visits.as_array().unwrap().len(), 2);

    // The same file again: the remembered mapping, nothing stored twice, the same reasons.
    let second = upload(admin, &project, "visitas.xlsx", file);
    second.assert_status(201);
    let second = second.json();
    assert_eq!(second["mapping_remembered"], true);
    assert_eq!(second["mapping"], mapping);
    let again = import(admin, second["id"].as_i64().unwrap(), &second["mapping"]);
    assert_eq!(
        (again["imported"].clone(), again["already_imported"].clone()),
        (json!(0), json!(3))
    );
    assert_eq!(again["issues"].as_array().unwrap().len(), 5);
    let count = |h: &Value| {
        admin
            .get(&format!("/api/v1/households/{}/visits", h["id"]))
            .json()
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!((count(&marta), count(&jose)), (1, 2));

    // The pages: the list, and the import with every row not imported.
    let list = admin
        .get(&format!("/api/v1/projects/{project}/imports"))
        .assert_status(200)
        .json();
    assert_eq!(list["imports"].as_array().unwrap().len(), 3);
    let page = admin.get(&format!("/projects/{project}/imports"));
    assert!(page.body.contains("id=\"import-upload-form\"") && page.body.contains("visitas.xlsx"));
    let shown = admin.get(&format!("/projects/{project}/imports/{id}"));
    assert_eq!(shown.status, 200);
    assert!(shown.body.contains("id=\"import-issues\"") && shown.body.contains("Río"));
    // Once done, the file's rows are not kept: only the figures and the reasons.
    assert!(
        done["sheets"][0]["sample"].as_array().unwrap().is_empty(),
        "{}",
        done["sheets"][0]
    );
}

#[test]
fn an_odk_export_uploaded_from_the_page_is_mapped_and_started_with_plain_forms() {
    let server = TestServer::spawn();
    let admin = server.http();
    let (project, community) = project_with_community(
        &server,
        "Programa ODK",
        "Proyecto Putumayo",
        "CO",
        "Puerto Asís",
    );
    let household = made(
        admin,
        &format!("/api/v1/projects/{project}/households"),
        json!({"community_id": community, "head_sex": "female", "head_age_band": "18_29",
            "members_female_18_29": 1, "land_tenure": "untitled_possession",
            "enrolled_on": "2025-02-01"}),
    );
    let code = household["code"].as_str().unwrap();
    // ODK Central's CSV: `group-field` headings, the geopoint split, `meta-instanceID`.
    let csv = format!(
        "SubmissionDate,visita-household_code,visita-visit_date,visita-gps-Latitude,visita-gps-Longitude,visita-gps-Altitude,visita-gps-Accuracy,visita-note,meta-instanceID,KEY\n\
         2025-08-02T14:00:00.000Z,{code},2025-08-01,0.51,-76.49,250,5,\"Vivero listo; 400 plántulas\",uuid:0f4c5d6e-7a8b-4c9d-8e0f-1a2b3c4d5e6f,uuid:0f4c5d6e-7a8b-4c9d-8e0f-1a2b3c4d5e6f\n"
    );
    let form = reqwest::blocking::multipart::Form::new().part(
        "file",
        reqwest::blocking::multipart::Part::bytes(csv.into_bytes())
            .file_name("visita_monitoreo.csv"),
    );
    let posted = admin.send(
        admin
            .request(
                reqwest::Method::POST,
                &format!("/projects/{project}/imports"),
            )
            .multipart(form),
    );
    assert_eq!(posted.status, 303, "{}", posted.body);
    let page = posted.location().unwrap().to_owned();
    let shown = admin.get(&page);
    assert!(
        shown.body.contains("id=\"import-mapping-form\""),
        "the mapping form"
    );
    assert!(shown.body.contains("visita-household_code"));
    let import = page.rsplit('/').next().unwrap().to_owned();
    let suggested = admin.get(&format!("/api/v1/imports/{import}")).json()["mapping"].clone();
    assert_eq!(suggested["columns"]["latitude"], "visita-gps-Latitude");
    assert_eq!(suggested["columns"]["entry_id"], "meta-instanceID");
    // A plain form post without the day's column is shown again with the choice kept.
    let refused = admin.post_form(
        &format!("{page}/start"),
        &[("map_household_code", "visita-household_code")],
    );
    assert_eq!(refused.status, 422);
    assert!(
        refused.body.contains("This field is required."),
        "the day's field named"
    );
    assert!(
        refused
            .body
            .contains("value=\"visita-household_code\" selected"),
        "the choice kept"
    );
    let started = admin.post_form(
        &format!("{page}/start"),
        &[
            ("map_household_code", "visita-household_code"),
            ("map_visited_on", "visita-visit_date"),
            ("map_latitude", "visita-gps-Latitude"),
            ("map_longitude", "visita-gps-Longitude"),
            ("map_note", "visita-note"),
            ("map_entry_id", "meta-instanceID"),
        ],
    );
    assert_eq!(started.status, 303, "{}", started.body);
    let mut status = Value::Null;
    for _ in 0..300 {
        status = admin.get(&format!("/api/v1/imports/{import}")).json();
        if status["status"] == "done" {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(status["status"], "done", "{status}");
    assert_eq!(status["imported"], 1, "{status}");
    let visits = admin
        .get(&format!("/api/v1/households/{}/visits", household["id"]))
        .json();
    assert_eq!(
        visits[0]["client_id"],
        "0f4c5d6e-7a8b-4c9d-8e0f-1a2b3c4d5e6f"
    );
    assert_eq!(visits[0]["note"], "Vivero listo; 400 plántulas");
    let finished = admin.get(&page);
    assert!(finished.body.contains("id=\"import-clean\""));
}

#[test]
fn an_upload_left_unimported_past_the_set_days_loses_its_contents_and_asks_for_the_file_again() {
    let server = TestServer::spawn_with(|command| {
        command.env("SEMBRAR_IMPORT_UPLOAD_DAYS", "2");
    });
    let admin = server.http();
    let (project, _) = project_with_community(&server, "Programa", "Proyecto", "CO", "La Carpa");
    let csv = "household_code,fecha,nota\nKR76-P9AA-T,2025-06-03,Rosalía Quispe\n";
    let old = upload(admin, &project, "old.csv", csv.as_bytes().to_vec());
    old.assert_status(201);
    let old = old.json();
    let id = old["id"].as_i64().unwrap();
    let recent = upload(admin, &project, "recent.csv", csv.as_bytes().to_vec());
    recent.assert_status(201);
    let recent_id = recent.json()["id"].as_i64().unwrap();
    // Three days pass for the first upload.
    server.sql(&format!(
        "UPDATE field_imports SET updated_at = '2020-01-01T00:00:00.000000Z' WHERE id = {id}"
    ));
    // The next upload sweeps it.
    upload(admin, &project, "next.csv", csv.as_bytes().to_vec()).assert_status(201);
    let stored = server.sql(&format!("SELECT sheets FROM field_imports WHERE id = {id}"));
    assert_eq!(stored.trim(), "[]", "the contents are gone");
    assert_ne!(
        server
            .sql(&format!(
                "SELECT sheets FROM field_imports WHERE id = {recent_id}"
            ))
            .trim(),
        "[]",
        "a recent upload keeps its contents"
    );
    // It stays listed with its summary; starting it asks for the file again.
    let listed = admin.get(&format!("/api/v1/imports/{id}")).json();
    assert_eq!(listed["file_name"], "old.csv");
    let start = admin.post_json(&format!("/api/v1/imports/{id}/start"), &old["mapping"]);
    start.assert_status(422);
    assert_eq!(
        start.field_codes(),
        [("file".to_owned(), "upload_expired".to_owned())]
    );
}

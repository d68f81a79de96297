//! Illicit-crop baselines of a project: single figures, and DEVIDA's published coca tables
//! (shared/testdata/, see its README) imported into the demo's Peruvian projects — previewed
//! first, then stored, with every unreadable line reported and a second import replacing
//! figures instead of adding them again.

use crate::access::{DEMO_ACCOUNTS, demo_server};
use serde_json::{Value, json};
use tests::pairs;
use tests::{ADMIN_EMAIL, Http, Response};

/// DEVIDA, *Perú: Monitoreo de cultivos de coca 2021*: coca bush in production by department.
const DEPARTMENTS: &str =
    include_str!("../../shared/testdata/peru_devida_coca_by_department_2017_2021.csv");
/// DEVIDA, *Perú: Monitoreo de cultivos de coca 2022*: by zone, 2018–2022.
const ZONES_2022: &str =
    include_str!("../../shared/testdata/peru_devida_coca_by_zone_2018_2022.csv");
/// DEVIDA and UNODC, *Informe de Monitoreo de Cultivos de Coca 2024*: by zone, 2020–2024.
const ZONES_2024: &str =
    include_str!("../../shared/testdata/peru_devida_coca_by_zone_2020_2024.csv");

/// The demo's Huallaga project (Peru), which has no baseline yet.
const HUALLAGA: i64 = 5;
/// The demo's VRAEM project (Peru), with four baseline figures.
const VRAEM: i64 = 4;

fn import(http: &Http, project: i64, body: &Value) -> Response {
    http.post_json(
        &format!("/api/v1/projects/{project}/baselines/import"),
        body,
    )
}

fn baselines(http: &Http, project: i64) -> Vec<Value> {
    http.get(&format!("/api/v1/projects/{project}/baselines"))
        .assert_status(200)
        .json()
        .as_array()
        .expect("a list of figures")
        .clone()
}

/// The preview's row (or the stored figure) of `place` in `year`.
fn find<'a>(rows: &'a [Value], place: &str, year: i64) -> &'a Value {
    rows.iter()
        .find(|r| r["place"] == place && r["year"] == year)
        .unwrap_or_else(|| panic!("no figure for {place} in {year} among {rows:?}"))
}

fn rows_of(preview: &Value) -> Vec<Value> {
    preview["rows"].as_array().expect("rows").clone()
}

fn import_events(http: &Http) -> Vec<Value> {
    http.get("/api/v1/audit?entity_type=baseline")
        .assert_status(200)
        .json()
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "import")
        .cloned()
        .collect()
}

fn community_id(http: &Http, project: i64, name: &str) -> i64 {
    http.get(&format!("/api/v1/projects/{project}/communities"))
        .json()
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .and_then(|c| c["id"].as_i64())
        .unwrap_or_else(|| panic!("no community {name} in project {project}"))
}

#[test]
fn the_devida_table_by_department_is_previewed_cell_by_cell_and_nothing_is_stored() {
    let server = demo_server();
    let admin = server.http();
    let preview = import(
        admin,
        HUALLAGA,
        &json!({"table": DEPARTMENTS, "source": "satellite_survey", "note": "DEVIDA 2021"}),
    );
    preview.assert_status(200);
    let preview = preview.json();
    assert_eq!(preview["layout"], "wide");
    assert_eq!(preview["committed"], false);
    assert_eq!(preview["problems"], json!([]));
    assert_eq!(
        preview["unused_columns"],
        json!(["Variación (ha) 2020-2021"])
    );
    let rows = rows_of(&preview);
    // 13 departments × 5 years; the "Total*" row is not a department.
    assert_eq!(rows.len(), 65);
    assert!(
        rows.iter()
            .all(|r| !r["place"].as_str().unwrap().starts_with("Total"))
    );
    assert!(rows.iter().all(|r| r["crop"] == "coca_bush"
        && r["community_id"].is_null()
        && r["replaces"].is_null()));
    // Cells against the file: Ucayali 10,151 ha and Loreto 10,348 ha in 2021 (the figures the
    // press quoted from DEVIDA), Ayacucho 18,590 ha, Madre De Dios 29 ha and Cusco 17,281 ha.
    let ucayali = find(&rows, "Ucayali", 2021);
    assert_eq!(
        (
            &ucayali["hectares"],
            &ucayali["as_written"],
            &ucayali["line"]
        ),
        (&json!("10151"), &json!("10,151"), &json!(2))
    );
    assert_eq!(find(&rows, "Loreto", 2021)["hectares"], "10348");
    let ayacucho = find(&rows, "Ayacucho", 2021);
    assert_eq!(
        (&ayacucho["hectares"], &ayacucho["line"]),
        (&json!("18590"), &json!(9))
    );
    let madre_de_dios = find(&rows, "Madre De Dios", 2017);
    assert_eq!(
        (&madre_de_dios["hectares"], &madre_de_dios["as_written"]),
        (&json!("29"), &json!("29"))
    );
    assert_eq!(find(&rows, "Cusco", 2017)["hectares"], "17281");
    assert_eq!(find(&rows, "Huánuco", 2018)["hectares"], "1371");

    // The total row (line 15) is checked against the rows, not imported: 2017's total is
    // rounded to the hundred (49,900 published, 49,871 added up); 2019 adds up exactly; 2021
    // adds up to one hectare more than published (each department rounded on its own).
    let totals = preview["totals"].as_array().unwrap();
    assert_eq!(totals.len(), 5);
    assert!(
        totals
            .iter()
            .all(|t| t["line"] == 15 && t["crop"] == "coca_bush")
    );
    let total = |year: i64| {
        let t = totals.iter().find(|t| t["year"] == year).unwrap();
        (
            t["published"].as_str().unwrap().to_owned(),
            t["sum_of_rows"].as_str().unwrap().to_owned(),
        )
    };
    assert_eq!(total(2017), ("49900".to_owned(), "49871".to_owned()));
    assert_eq!(total(2019), ("54655".to_owned(), "54655".to_owned()));
    assert_eq!(total(2021), ("80681".to_owned(), "80682".to_owned()));

    assert_eq!(
        baselines(admin, HUALLAGA),
        Vec::<Value>::new(),
        "a preview stores nothing"
    );
    assert!(
        import_events(admin).is_empty(),
        "a preview is not an import"
    );
}

#[test]
fn committing_the_devida_table_stores_every_figure_once_and_the_audit_trail_records_it() {
    let server = demo_server();
    let admin = server.http();
    let answer = import(
        admin,
        HUALLAGA,
        &json!({"table": DEPARTMENTS, "source": "satellite_survey",
            "note": "DEVIDA, Monitoreo de cultivos de coca 2021", "commit": true}),
    );
    answer.assert_status(200);
    let answer = answer.json();
    assert_eq!(answer["committed"], true);
    assert_eq!(rows_of(&answer).len(), 65);

    let stored = baselines(admin, HUALLAGA);
    assert_eq!(stored.len(), 65);
    assert!(stored.iter().all(|b| b["source"] == "satellite_survey"
        && b["community_id"].is_null()
        && b["project_id"] == HUALLAGA
        && b["note"] == "DEVIDA, Monitoreo de cultivos de coca 2021"));
    assert!(
        !stored
            .iter()
            .any(|b| b["place"].as_str().unwrap().starts_with("Total"))
    );
    assert_eq!(find(&stored, "Loreto", 2021)["hectares"], "10348");
    assert_eq!(find(&stored, "San Martín", 2019)["hectares"], "832");
    assert_eq!(find(&stored, "Puno", 2020)["hectares"], "8730");
    // Newest year first.
    assert_eq!(stored[0]["year"], 2021);
    assert_eq!(stored[64]["year"], 2017);

    let events = import_events(admin);
    assert_eq!(events.len(), 1);
    let event = &events[0];
    assert_eq!(event["actor_email"], ADMIN_EMAIL);
    assert_eq!(
        event["summary"],
        "Baselines imported into project “Huallaga: café y cacao con cooperativas”: 65 new, \
         0 replaced, 0 lines with problems"
    );
    let recorded: Value = serde_json::from_str(event["new_value"].as_str().unwrap()).unwrap();
    assert_eq!(recorded.as_array().unwrap().len(), 65);
    assert_eq!(
        find(recorded.as_array().unwrap(), "Ucayali", 2021)["hectares"],
        "10151"
    );
}

#[test]
fn importing_the_same_table_again_replaces_its_figures_and_the_preview_says_which() {
    let server = demo_server();
    let admin = server.http();
    let body = |table: &str, commit: bool| json!({"table": table, "source": "satellite_survey", "commit": commit});
    import(admin, HUALLAGA, &body(ZONES_2022, true)).assert_status(200);
    assert_eq!(baselines(admin, HUALLAGA).len(), 20 * 5);

    // The same file again: every one of its 100 figures replaces the one stored.
    let again = import(admin, HUALLAGA, &body(ZONES_2022, false)).json();
    let rows = rows_of(&again);
    assert_eq!(rows.len(), 100);
    assert!(rows.iter().all(|r| r["replaces"] == r["hectares"]));
    assert_eq!(find(&rows, "VRAEM", 2022)["replaces"], "35709");
    // Yaguas was not monitored before 2022: its dash is read, and stored, as 0 ha.
    let yaguas = find(&rows, "Yaguas", 2021);
    assert_eq!(
        (
            &yaguas["hectares"],
            &yaguas["as_written"],
            &yaguas["replaces"]
        ),
        (&json!("0"), &json!("-"), &json!("0"))
    );
    import(admin, HUALLAGA, &body(ZONES_2022, true)).assert_status(200);
    assert_eq!(
        baselines(admin, HUALLAGA).len(),
        100,
        "nothing is stored twice"
    );

    // The 2024 report overlaps 2020–2022 for the 20 zones of the 2022 report (written with and
    // without footnote marks and accents: "Bajo Amazonas*" / "Bajo Amazonas",
    // "Pichis-Palcazu-Pachitea" / "Pichis-Palcazú-Pachitea"), and adds four new zones.
    let overlap = import(admin, HUALLAGA, &body(ZONES_2024, false)).json();
    let rows = rows_of(&overlap);
    assert_eq!(rows.len(), 24 * 5);
    let replaced: Vec<&Value> = rows.iter().filter(|r| !r["replaces"].is_null()).collect();
    assert_eq!(replaced.len(), 20 * 3);
    assert!(
        replaced
            .iter()
            .all(|r| (2020..=2022).contains(&r["year"].as_i64().unwrap()))
    );
    assert_eq!(find(&rows, "Bajo Amazonas", 2020)["replaces"], "4318");
    assert_eq!(
        find(&rows, "Pichis-Palcazú-Pachitea", 2021)["replaces"],
        "4096"
    );
    assert!(find(&rows, "VRAEM", 2023)["replaces"].is_null());
    assert!(find(&rows, "Tahuamanu", 2024)["replaces"].is_null());
    let committed = import(admin, HUALLAGA, &body(ZONES_2024, true)).json();
    assert_eq!(committed["committed"], true);
    let stored = baselines(admin, HUALLAGA);
    assert_eq!(stored.len(), 100 + 60);
    assert_eq!(find(&stored, "VRAEM", 2024)["hectares"], "36345");
    assert_eq!(find(&stored, "VRAEM", 2023)["hectares"], "38253");

    // A corrected figure replaces the stored one, and the preview names the old value.
    let corrected = "Zona;Año;Hectáreas\nVRAEM;2022;35.710\n";
    let preview = import(admin, HUALLAGA, &body(corrected, false)).json();
    assert_eq!(preview["layout"], "long");
    let vraem = &rows_of(&preview)[0];
    assert_eq!(
        (&vraem["hectares"], &vraem["replaces"]),
        (&json!("35710"), &json!("35709"))
    );
    import(admin, HUALLAGA, &body(corrected, true)).assert_status(200);
    let stored = baselines(admin, HUALLAGA);
    assert_eq!(stored.len(), 160);
    assert_eq!(find(&stored, "VRAEM", 2022)["hectares"], "35710");

    let summaries: Vec<String> = import_events(admin)
        .iter()
        .map(|e| e["summary"].as_str().unwrap().to_owned())
        .collect();
    let project = "Baselines imported into project “Huallaga: café y cacao con cooperativas”";
    assert_eq!(
        summaries,
        [
            format!("{project}: 0 new, 1 replaced, 0 lines with problems"),
            format!("{project}: 60 new, 60 replaced, 0 lines with problems"),
            format!("{project}: 0 new, 100 replaced, 0 lines with problems"),
            format!("{project}: 100 new, 0 replaced, 0 lines with problems"),
        ],
        "newest first"
    );
}

#[test]
fn every_line_of_a_damaged_table_that_cannot_be_read_is_reported_with_its_line_and_reason() {
    let server = demo_server();
    let admin = server.http();
    // The published table with two cells damaged (line 10 Pasco 2019, line 12 Cajamarca
    // 2018), a row without a place (line 16) and Loreto repeated (line 17, first on line 3).
    let damaged = DEPARTMENTS
        .replace("Pasco,783,380,714,", "Pasco,783,380,n.d.,")
        .replace("Cajamarca,385,380,", "Cajamarca,385,-380,")
        + ",1,2,3,4,5,6\nLORETO,1,2,3,4,5,0\n";
    assert_eq!(damaged.lines().count(), 17);
    let preview = import(
        admin,
        HUALLAGA,
        &json!({"table": damaged, "source": "satellite_survey"}),
    );
    preview.assert_status(200);
    let preview = preview.json();
    let problems: Vec<(i64, Value, String, String)> = preview["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["line"].as_i64().unwrap(),
                p["column"].clone(),
                p["code"].as_str().unwrap().to_owned(),
                p["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let repeated = "The same place, crop and year is already on line 3; this row is not imported.";
    let mut expected = vec![
        (
            10,
            json!("2019"),
            "not_a_number".to_owned(),
            "“n.d.” is not a number of hectares.".to_owned(),
        ),
        (
            12,
            json!("2018"),
            "negative".to_owned(),
            "Hectares cannot be negative.".to_owned(),
        ),
        (
            16,
            Value::Null,
            "no_place".to_owned(),
            "The row has no place name.".to_owned(),
        ),
    ];
    for year in 2017..=2021 {
        expected.push((
            17,
            json!(year.to_string()),
            "duplicate_figure".to_owned(),
            repeated.to_owned(),
        ));
    }
    assert_eq!(problems, expected);
    let rows = rows_of(&preview);
    assert_eq!(rows.len(), 65 - 2, "every other cell is read");
    assert!(
        !rows
            .iter()
            .any(|r| r["place"] == "Pasco" && r["year"] == 2019)
    );
    assert_eq!(find(&rows, "Pasco", 2018)["hectares"], "380");
    assert_eq!(
        find(&rows, "Loreto", 2017)["hectares"],
        "3374",
        "the first Loreto is kept"
    );
    assert_eq!(find(&rows, "Loreto", 2017)["line"], 3);

    // The same in Spanish.
    let spanish = admin
        .post_json(
            &format!("/api/v1/projects/{HUALLAGA}/baselines/import?lang=es"),
            &json!({"table": damaged, "source": "satellite_survey"}),
        )
        .json();
    let messages: Vec<&str> = spanish["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages[0], "«n.d.» no es un número de hectáreas.");
    assert_eq!(messages[1], "Las hectáreas no pueden ser negativas.");
    assert_eq!(messages[2], "La fila no tiene nombre de lugar.");
    assert_eq!(
        messages[3],
        "El mismo lugar, cultivo y año ya está en la línea 3; esta fila no se importa."
    );

    // Committing stores the 63 figures read and reports the same lines.
    let committed = import(
        admin,
        HUALLAGA,
        &json!({"table": damaged, "source": "satellite_survey", "commit": true}),
    )
    .json();
    assert_eq!(committed["committed"], true);
    assert_eq!(committed["problems"].as_array().unwrap().len(), 8);
    let stored = baselines(admin, HUALLAGA);
    assert_eq!(stored.len(), 63);
    assert_eq!(find(&stored, "Loreto", 2021)["hectares"], "10348");
    assert!(
        !stored
            .iter()
            .any(|b| b["place"] == "LORETO" || b["hectares"] == "-380")
    );
    let summary = import_events(admin)[0]["summary"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(summary.contains(": 63 new, 0 replaced, "), "{summary}");
}

#[test]
fn a_refused_import_stores_nothing() {
    let server = demo_server();
    let admin = server.http();
    // No source: the settings are refused before the table is read.
    let no_source = import(
        admin,
        HUALLAGA,
        &json!({"table": DEPARTMENTS, "commit": true}),
    );
    no_source.assert_status(422);
    assert_eq!(no_source.field_codes(), pairs(&[("source", "required")]));
    // A table without years cannot be read at all.
    let no_years = import(
        admin,
        HUALLAGA,
        &json!({"table": "Caserío,Familias\nPucayacu,42\n", "source": "field_verification",
            "commit": true}),
    );
    no_years.assert_status(422);
    assert_eq!(
        no_years.field_codes(),
        pairs(&[("table", "unknown_table_layout")])
    );
    assert_eq!(
        no_years.json()["error"]["fields"][0]["message"],
        "The table needs a header with a column per year (2019, 2020...), or columns named \
         place, year and hectares."
    );
    let everything_wrong = import(
        admin,
        HUALLAGA,
        &json!({"table": " ", "crop": "hemp", "source": "rumour", "commit": "maybe"}),
    );
    everything_wrong.assert_status(422);
    assert_eq!(
        everything_wrong.field_codes(),
        pairs(&[
            ("table", "required"),
            ("crop", "unknown_choice"),
            ("source", "unknown_choice"),
            ("commit", "unknown_choice"),
        ])
    );
    // A table whose every line is unreadable has nothing to store, even when committed.
    let nothing_readable = import(
        admin,
        HUALLAGA,
        &json!({"table": "Zona,2023\nVRAEM,n.d.\n", "source": "satellite_survey", "commit": true}),
    )
    .json();
    assert_eq!(nothing_readable["committed"], false);
    assert_eq!(nothing_readable["problems"][0]["line"], 2);
    // Those who may not change the project are refused even a preview.
    let (email, password, _) = DEMO_ACCOUNTS[4];
    let donor = server.sign_in(email, password);
    let refused = import(
        &donor,
        VRAEM,
        &json!({"table": ZONES_2024, "source": "satellite_survey", "commit": true}),
    );
    refused.assert_status(403);
    assert_eq!(refused.json()["error"]["code"], "forbidden");
    import(
        &donor,
        VRAEM,
        &json!({"table": ZONES_2024, "source": "satellite_survey"}),
    )
    .assert_status(403);

    assert!(baselines(admin, HUALLAGA).is_empty());
    assert_eq!(
        baselines(admin, VRAEM).len(),
        4,
        "the demo's four figures only"
    );
    assert!(import_events(admin).is_empty());
}

#[test]
fn a_community_named_in_a_table_is_matched_to_the_project_s_community() {
    let server = demo_server();
    let admin = server.http();
    let pucayacu = community_id(admin, HUALLAGA, "Caserío Pucayacu");
    let mishollo = community_id(admin, HUALLAGA, "Caserío Santa Rosa de Mishollo");
    // A local table by caserío, one row per year: names written as a field team writes them,
    // and a community of another project (Otari is in the VRAEM project).
    let table = "Caserío;Año;Hectáreas\n\
                 PUCAYACU;2023;12,5\n\
                 Santa Rosa de Mishollo;2023;8\n\
                 Comunidad nativa Otari;2023;4\n";
    let preview = import(
        admin,
        HUALLAGA,
        &json!({"table": table, "source": "field_verification"}),
    )
    .json();
    assert_eq!(preview["layout"], "long");
    let rows = rows_of(&preview);
    let row = |place: &str| find(&rows, place, 2023).clone();
    assert_eq!(row("PUCAYACU")["community_id"], pucayacu);
    assert_eq!(row("PUCAYACU")["community_name"], "Caserío Pucayacu");
    assert_eq!(row("PUCAYACU")["hectares"], "12.5");
    assert_eq!(row("Santa Rosa de Mishollo")["community_id"], mishollo);
    assert!(row("Comunidad nativa Otari")["community_id"].is_null());

    import(
        admin,
        HUALLAGA,
        &json!({"table": table, "source": "field_verification", "commit": true}),
    )
    .assert_status(200);
    let stored = baselines(admin, HUALLAGA);
    assert_eq!(stored.len(), 3);
    let figure = find(&stored, "Caserío Pucayacu", 2023);
    assert_eq!(figure["community_id"], pucayacu);
    assert_eq!(figure["hectares"], "12.5");
    assert!(find(&stored, "Comunidad nativa Otari", 2023)["community_id"].is_null());

    // Written another way, the same community's figure is replaced, not repeated.
    let again = "Caserío;Año;Hectáreas\nCaserío Pucayacu;2023;13\n";
    let preview = import(
        admin,
        HUALLAGA,
        &json!({"table": again, "source": "field_verification"}),
    )
    .json();
    assert_eq!(rows_of(&preview)[0]["replaces"], "12.5");
    import(
        admin,
        HUALLAGA,
        &json!({"table": again, "source": "field_verification", "commit": true}),
    )
    .assert_status(200);
    let stored = baselines(admin, HUALLAGA);
    assert_eq!(stored.len(), 3);
    assert_eq!(find(&stored, "Caserío Pucayacu", 2023)["hectares"], "13");
}

#[test]
fn a_single_figure_is_validated_field_by_field_then_stored_replaced_and_deleted() {
    let server = demo_server();
    let admin = server.http();
    let path = format!("/api/v1/projects/{HUALLAGA}/baselines");
    let empty = admin.post_json(&path, &json!({}));
    empty.assert_status(422);
    assert_eq!(
        empty.field_codes(),
        pairs(&[
            ("place", "required"),
            ("crop", "required"),
            ("year", "required"),
            ("hectares", "required"),
            ("source", "required"),
        ])
    );
    let wrong = admin.post_json(
        &path,
        &json!({"community_id": "x", "crop": "tobacco", "year": 1850, "hectares": "-3",
            "source": "rumour", "note": "n".repeat(501)}),
    );
    wrong.assert_status(422);
    assert_eq!(
        wrong.field_codes(),
        pairs(&[
            ("community_id", "unknown_reference"),
            ("crop", "unknown_choice"),
            ("year", "out_of_range"),
            ("hectares", "negative"),
            ("source", "unknown_choice"),
            ("note", "too_long"),
        ])
    );
    assert!(baselines(admin, HUALLAGA).is_empty());

    let created = admin.post_json(
        &path,
        &json!({"place": "Provincia de Tocache", "crop": "coca_bush", "year": "2021",
            "hectares": "1358,5", "source": "satellite_survey", "note": "DEVIDA"}),
    );
    created.assert_status(201);
    let figure = created.json();
    let id = figure["id"].as_i64().unwrap();
    assert_eq!(created.location(), Some(format!("{path}/{id}").as_str()));
    assert_eq!(figure["hectares"], "1358.5");
    assert_eq!(figure["place"], "Provincia de Tocache");
    assert!(figure["community_id"].is_null());

    // The same place, crop, year and source: replaced, under the same id.
    let replaced = admin.post_json(
        &path,
        &json!({"place": "PROVINCIA DE TOCACHE", "crop": "coca_bush", "year": 2021,
            "hectares": 1400, "source": "satellite_survey"}),
    );
    replaced.assert_status(201);
    assert_eq!(replaced.json()["id"], id);
    assert_eq!(replaced.json()["hectares"], "1400");
    // Another source is another figure.
    admin
        .post_json(
            &path,
            &json!({"place": "Provincia de Tocache", "crop": "coca_bush", "year": 2021,
                "hectares": "1390.25", "source": "field_verification"}),
        )
        .assert_status(201);
    let stored = baselines(admin, HUALLAGA);
    assert_eq!(stored.len(), 2);

    let events = admin.get("/api/v1/audit?entity_type=baseline").json();
    let update = events
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "update")
        .expect("the replacement is audited");
    assert_eq!(update["entity_id"], id.to_string());
    assert_eq!(update["old_value"], "1358.5");

    admin.delete(&format!("{path}/{id}")).assert_status(204);
    admin.delete(&format!("{path}/{id}")).assert_status(404);
    let left = baselines(admin, HUALLAGA);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["source"], "field_verification");
    // A figure of another project is not found through this one, and stays.
    let vraem_figure = baselines(admin, VRAEM)[0]["id"].as_i64().unwrap();
    admin
        .delete(&format!("{path}/{vraem_figure}"))
        .assert_status(404);
    assert_eq!(baselines(admin, VRAEM).len(), 4);
    let deleted = admin
        .get("/api/v1/audit?entity_type=baseline&action=delete")
        .json();
    assert!(
        deleted[0]["summary"]
            .as_str()
            .unwrap()
            .contains("1400 ha in PROVINCIA DE TOCACHE (2021)")
    );
}

#[test]
fn a_figure_for_a_community_of_another_project_is_refused_as_an_unknown_reference() {
    let server = demo_server();
    let admin = server.http();
    let otari = community_id(admin, VRAEM, "Comunidad nativa Otari");
    let refused = admin.post_json(
        &format!("/api/v1/projects/{HUALLAGA}/baselines"),
        &json!({"community_id": otari, "crop": "coca_bush", "year": 2023, "hectares": 4,
            "source": "household_declaration"}),
    );
    refused.assert_status(422);
    assert_eq!(
        refused.field_codes(),
        pairs(&[("community_id", "unknown_reference")])
    );
    assert_eq!(
        refused.json()["error"]["fields"][0]["message"],
        "This record is not part of this project."
    );
    let missing = admin.post_json(
        &format!("/api/v1/projects/{HUALLAGA}/baselines"),
        &json!({"community_id": 4242, "crop": "coca_bush", "year": 2023, "hectares": 4,
            "source": "household_declaration"}),
    );
    assert_eq!(
        missing.field_codes(),
        pairs(&[("community_id", "unknown_reference")])
    );
    assert!(baselines(admin, HUALLAGA).is_empty());

    // The project's own community: the figure takes the community's name.
    let pucayacu = community_id(admin, HUALLAGA, "Caserío Pucayacu");
    let stored = admin.post_json(
        &format!("/api/v1/projects/{HUALLAGA}/baselines"),
        &json!({"community_id": pucayacu.to_string(), "crop": "coca_bush", "year": 2023,
            "hectares": "6.75", "source": "household_declaration"}),
    );
    stored.assert_status(201);
    assert_eq!(stored.json()["community_id"], pucayacu);
    assert_eq!(stored.json()["place"], "Caserío Pucayacu");
}

#[test]
fn a_field_monitor_sees_only_its_own_community_s_figures_and_the_project_level_ones() {
    let server = demo_server();
    let (email, password, _) = DEMO_ACCOUNTS[3];
    let monitor = server.sign_in(email, password);
    let seen: Vec<(Value, String, String)> = baselines(&monitor, 1)
        .iter()
        .map(|b| {
            (
                b["community_id"].clone(),
                b["place"].as_str().unwrap().to_owned(),
                b["hectares"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (json!(1), "Vereda La Carmelita".to_owned(), "79".to_owned()),
            (
                json!(1),
                "Vereda La Carmelita".to_owned(),
                "86.5".to_owned()
            ),
            (Value::Null, "Orito".to_owned(), "2187".to_owned()),
            (Value::Null, "Puerto Asís".to_owned(), "3412".to_owned()),
        ]
    );
    let all = baselines(server.http(), 1);
    assert_eq!(all.len(), 7, "the other communities' figures exist");
    monitor
        .get(&format!("/api/v1/projects/{HUALLAGA}/baselines"))
        .assert_status(403);
    monitor
        .post_json(
            "/api/v1/projects/1/baselines",
            &json!({"community_id": 1, "crop": "coca_bush", "year": 2025, "hectares": 0,
                "source": "field_verification"}),
        )
        .assert_status(403);
    assert_eq!(baselines(server.http(), 1).len(), 7);
}

#[test]
fn a_donor_viewer_reads_the_baselines_of_the_projects_it_funds_but_cannot_change_them() {
    let server = demo_server();
    let (email, password, _) = DEMO_ACCOUNTS[4];
    let donor = server.sign_in(email, password);
    let seen = baselines(&donor, VRAEM);
    assert_eq!(seen.len(), 4);
    assert_eq!(find(&seen, "Distrito de Pichari", 2022)["hectares"], "3985");
    let figure = seen[0]["id"].as_i64().unwrap();
    let created = donor.post_json(
        &format!("/api/v1/projects/{VRAEM}/baselines"),
        &json!({"place": "Pichari", "crop": "coca_bush", "year": 2024, "hectares": 1,
            "source": "satellite_survey"}),
    );
    created.assert_status(403);
    assert_eq!(created.json()["error"]["code"], "forbidden");
    donor
        .delete(&format!("/api/v1/projects/{VRAEM}/baselines/{figure}"))
        .assert_status(403);
    donor
        .get(&format!("/api/v1/projects/{HUALLAGA}/baselines"))
        .assert_status(403);
    let after = baselines(server.http(), VRAEM);
    assert_eq!(after, seen, "nothing changed");
}

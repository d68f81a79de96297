//! Fuzzing the readers of `shared` that a request reaches (`tests::fuzz`): baseline tables,
//! field imports (CSV, XLSX, ZIP of CSV, the mapping of their columns), IATI files, KML and
//! GeoJSON areas, exchange-rate files, the forms' JSON and posted fields (money, dates,
//! hectares, phone numbers, codes). Each target runs for `SEMBRAR_FUZZ_SECONDS` (2 by default)
//! after its regressions and seeds; no panic and no input read slower than 2 s may be found.

use chrono::NaiveDate;
use shared::crop::IllicitCrop;
use shared::i18n::Locale;
use shared::sheet::{Budget, IMPORT_LIMITS, decode_text, read_csv};
use std::time::Duration;
use tests::fuzz::{Target, run};

fn seconds() -> Duration {
    let seconds = std::env::var("SEMBRAR_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse::<f64>().ok())
        .unwrap_or(2.0);
    Duration::from_secs_f64(seconds)
}

/// Runs the target and fails, naming every finding, if it found any.
fn fuzz(target: Target) {
    let seed = std::env::var("SEMBRAR_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x005E_B8A7);
    // 2 s is the budget of the optimised build (the server's); the unoptimised one the test
    // command builds is about ten times slower.
    let slow = Duration::from_secs(if cfg!(debug_assertions) { 20 } else { 2 });
    let findings = run(&target, seconds(), slow, seed);
    eprintln!("fuzz {}: {} inputs read", target.name, findings.runs);
    let mut report = String::new();
    for (file, message) in &findings.panics {
        report.push_str(&format!(
            "panic: {message}\n    input: {}\n",
            file.display()
        ));
    }
    for (file, seconds) in &findings.slow {
        report.push_str(&format!(
            "slow: {seconds:.2} s\n    input: {}\n",
            file.display()
        ));
    }
    assert!(
        report.is_empty(),
        "{}: {} finding(s)\n{report}",
        target.name,
        findings.panics.len() + findings.slow.len()
    );
}

fn text(bytes: &[u8]) -> String {
    decode_text(bytes)
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 7).unwrap_or_default()
}

macro_rules! testdata {
    ($path:literal) => {
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/testdata/",
            $path
        ))
        .to_vec()
    };
}

#[test]
fn baseline_tables_never_panic_and_read_in_time() {
    fuzz(Target {
        name: "baseline_table",
        seeds: vec![
            testdata!("peru_devida_coca_by_department_2017_2021.csv"),
            testdata!("peru_devida_coca_by_zone_2018_2022.csv"),
            testdata!("peru_devida_coca_by_zone_2020_2024.csv"),
            b"Departamento;2023;2024\nHu\xe1nuco;1.088,9;61,5\nTotal;- 0;2.468\n".to_vec(),
        ],
        words: vec![
            b";", b",", b"\t", b"\"", b"\n", b"-", b"- 0", b"Total", b"1.088,9", b"7,943.2",
            b"2024",
        ],
        read: |bytes| {
            let _ = shared::baseline::read_table(&text(bytes), IllicitCrop::CocaBush);
        },
    });
}

#[test]
fn field_import_csv_and_its_mapping_never_panic_and_read_in_time() {
    fuzz(Target {
        name: "field_import_csv",
        seeds: vec![
            b"grp_visit/household_code,grp_visit/fecha,_gps_latitude,_gps_longitude,grp_harvest/cultivo,grp_harvest/harvested_kg,grp_harvest/precio,_uuid,_index\nKR76-P9AA-T,2025-06-03,-8.18,-76.51,Cacao,420,8950,5f2e,1\n".to_vec(),
            b"KEY,fecha,plot\nuuid:1,2025-06-03,\"La loma,\nbaja\"\n".to_vec(),
        ],
        words: vec![b",", b";", b"\"", b"\n", b"_parent_index", b"PARENT_KEY", b"_index", b"2025-06-03"],
        read: |bytes| {
            let mut budget = Budget::new(IMPORT_LIMITS);
            if let Ok(sheet) = read_csv("visits", &text(bytes), &mut budget) {
                let sheets = vec![sheet];
                let mapping = shared::field_import::ImportMapping::suggest(&sheets);
                let _ = mapping.validate(&sheets);
                let _ = shared::field_import::submissions(&sheets, &mapping, Locale::Es);
            }
        },
    });
}

/// A small KoboToolbox-like workbook, for the seeds.
fn workbook() -> Vec<u8> {
    tests::xlsx::workbook(&[
        (
            "Visita",
            vec![
                vec!["household_code".into(), "fecha".into(), "kg".into()],
                vec!["KR76-P9AA-T".into(), "2025-06-03".into(), "420".into()],
            ],
        ),
        (
            "plots",
            vec![vec!["_parent_index".into()], vec!["1".into()]],
        ),
    ])
}

#[test]
fn xlsx_and_zip_uploads_never_panic_and_read_in_time() {
    fuzz(Target {
        name: "xlsx",
        seeds: vec![workbook()],
        words: vec![
            b"PK\x03\x04",
            b"PK\x05\x06",
            b"<row r=\"1048576\">",
            b"<c r=\"XFD1\">",
            b"<v>",
            b"t=\"s\"",
        ],
        read: |bytes| {
            let _ = shared::xlsx_read::read_xlsx(bytes, &mut Budget::new(IMPORT_LIMITS));
            let _ = shared::xlsx_read::read_zip_of_csv(bytes, &mut Budget::new(IMPORT_LIMITS));
        },
    });
}

#[test]
fn iati_files_never_panic_and_read_in_time() {
    fuzz(Target {
        name: "iati",
        seeds: vec![
            testdata!("iati/iati-activity-standard-example-annotated-2.03.xml"),
            testdata!("iati/acf-spain-mali-right2grow.xml"),
        ],
        words: vec![
            b"<iati-activity>",
            b"</iati-activity>",
            b"<transaction>",
            b"<value>",
            b"&amp;",
            b"&#x10FFFF;",
            b"<![CDATA[",
            b"]]>",
            b"<!--",
            b"-->",
            b"<!DOCTYPE x [<!ENTITY a \"b\">]>",
        ],
        read: |bytes| {
            let _ = shared::iati_read::read_activities(&text(bytes));
        },
    });
}

#[test]
fn kml_and_geojson_areas_never_panic_and_read_in_time() {
    fuzz(Target {
        name: "areas",
        seeds: vec![
            br#"{"type":"Polygon","coordinates":[[[-75,2],[-74,2],[-74,3],[-75,3],[-75,2]],[[-74.8,2.2],[-74.5,2.2],[-74.5,2.5],[-74.8,2.2]]]}"#.to_vec(),
            br#"<kml><Placemark><Polygon><outerBoundaryIs><LinearRing><coordinates>-75,2 -74,2 -74,3 -75,2</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></kml>"#.to_vec(),
            testdata!("geo/peru_departamental_simple.geojson")[..20_000].to_vec(),
        ],
        words: vec![b"[", b"]", b",", b"-180", b"90.0000001", b"1e999", b"<Polygon>", b"</coordinates>", b"MultiPolygon", b"FeatureCollection"],
        read: |bytes| {
            let text = text(bytes);
            let _ = shared::geometry::area_from_text(&text);
            let _ = shared::geometry::areas_of_features(&text);
            let _ = shared::geometry::Area::from_stored(&text);
        },
    });
}

#[test]
fn exchange_rate_files_never_panic_and_read_in_time() {
    fuzz(Target {
        name: "exchange_rates",
        seeds: vec![
            testdata!("fx/ecb_eurofxref_daily_sample.csv"),
            testdata!("fx/ecb_eurofxref_hist_first60rows.csv"),
            testdata!("fx/imf_annual_avg_usd_COP_PEN_BOB_MMK_AFN_LAK_EUR.csv")[..4_000].to_vec(),
        ],
        words: vec![
            b",",
            b"N/A",
            b"13 April 2026",
            b"2026-04-13",
            b"\"",
            b"Date",
        ],
        read: |bytes| {
            let text = text(bytes);
            let _ = shared::fx::read_ecb(&text);
            let _ = shared::fx::read_imf(&text);
        },
    });
}

#[test]
fn forms_sent_as_json_never_panic_when_checked() {
    fuzz(Target {
        name: "forms",
        seeds: vec![
            br#"{"name":"Cacao para la paz","kind":"ad","country":"CO","status":"planning","currency":"COP","start_date":"2025-01-01","end_date":"2028-12-31","illicit_crops":["coca_bush"],"planned_crops":[{"crop":"cocoa","hectares":"1200.5"}]}"#.to_vec(),
            br#"{"community_id":1,"head_sex":"female","head_age_band":"30_59","members_female_30_59":1,"land_tenure":"titled_owner","title_holder":"woman","enrolled_on":"2025-03-14","name":"Rosal\u00eda","phone":"+51 964 123 457"}"#.to_vec(),
            br#"{"name":"La loma","hectares":"1.5","boundary":"","longitude":"-76.5","latitude":"-8.1"}"#.to_vec(),
            br#"{"donor_id":1,"name":"EU 2025","currency":"EUR","amount":"3000000.00","start_date":"2025-01-01","end_date":"2027-12-31"}"#.to_vec(),
            br#"{"kind":"disbursement","amount":"-125.50","currency":"USD","value_date":"2025-06-30"}"#.to_vec(),
        ],
        words: vec![b"\"", b"\\u0000", b"\\ud800", b"-0.0000000000000000000000000001", b"79228162514264337593543950336", b"2025-02-30", b"9999-12-31", b"null", b"[]", b"{}"],
        read: |bytes| {
            use shared::{agreement, community, funding_agreement, household, plot, project};
            let today = today();
            if let Ok(f) = serde_json::from_slice::<project::ProjectForm>(bytes) {
                let _ = f.validate();
            }
            if let Ok(f) = serde_json::from_slice::<household::HouseholdForm>(bytes) {
                let _ = f.validate(today);
            }
            if let Ok(f) = serde_json::from_slice::<plot::PlotForm>(bytes) {
                let _ = f.validate();
            }
            if let Ok(f) = serde_json::from_slice::<plot::PlotUseForm>(bytes) {
                let _ = f.validate(today);
            }
            if let Ok(f) = serde_json::from_slice::<agreement::AgreementForm>(bytes) {
                let _ = f.validate(today);
            }
            if let Ok(f) = serde_json::from_slice::<agreement::SupportForm>(bytes) {
                let _ = f.validate(today);
            }
            if let Ok(f) = serde_json::from_slice::<community::CommunityForm>(bytes) {
                let _ = f.validate();
            }
            if let Ok(f) = serde_json::from_slice::<funding_agreement::FundingAgreementForm>(bytes) {
                let _ = f.validate();
            }
            if let Ok(f) = serde_json::from_slice::<funding_agreement::TransactionForm>(bytes) {
                let _ = f.validate(today);
            }
            if let Ok(f) = serde_json::from_slice::<shared::visit::VisitForm>(bytes) {
                let _ = f.validate(&[1, 2], today);
            }
        },
    });
}

#[test]
fn posted_fields_never_panic_when_read() {
    fuzz(Target {
        name: "fields",
        seeds: vec![
            b"2025-06-03".to_vec(),
            b"2025-06".to_vec(),
            b"1,234.56".to_vec(),
            b"+51 964 123 457".to_vec(),
            b"KR76-P9AA-T".to_vec(),
            b"13 April 2026".to_vec(),
            b"name=Cacao&start_date=2025-01-01&planned_crops[0][crop]=cocoa&planned_crops[0][hectares]=1.5".to_vec(),
        ],
        words: vec![b"-", b".", b",", b"e", b"+", b"[0]", b"&", b"=", b"%", b"%C3%A9"],
        read: |bytes| {
            use shared::validation as v;
            let raw = text(bytes);
            let _ = v::date("f", &raw);
            let _ = v::month("f", &raw);
            let _ = v::optional_date("f", &raw);
            let _ = v::positive_decimal("f", &raw, rust_decimal::Decimal::ONE_HUNDRED, 4);
            let _ = v::non_negative_decimal("f", &raw, rust_decimal::Decimal::ONE_HUNDRED, 2);
            let _ = v::whole_number("f", &raw, 0, 100);
            let _ = v::required_line("f", &raw, 120);
            let _ = v::optional_text("f", &raw, 2_000);
            let _ = v::flag("f", &raw);
            let _ = shared::household::optional_phone("f", &raw);
            let _ = shared::household::parse_household_code("f", &raw);
            let _ = shared::baseline::published_hectares(&raw);
            let _ = shared::fx::rate_day(&raw);
            let pairs: Vec<(String, String)> = form_urlencoded::parse(bytes).into_owned().collect();
            let borrowed = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()));
            let _ = shared::project::ProjectForm::from_pairs(borrowed).validate();
        },
    });
}

//! Exchange rates: the real ECB daily and historical files and the IMF annual averages
//! imported (twice, storing nothing twice), rates typed by hand, and conversions worked out by
//! hand that name the rate, day and source they used.

use serde_json::json;
use tests::{Http, TestServer};

const ECB_DAILY: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/testdata/fx/ecb_eurofxref_daily_sample.csv"
));
const ECB_HIST: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/testdata/fx/ecb_eurofxref_hist_first60rows.csv"
));
const IMF: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/testdata/fx/imf_annual_avg_usd_COP_PEN_BOB_MMK_AFN_LAK_EUR.csv"
));

/// The currencies and years of the IMF file (counted with Python's csv module).
const IMF_RATES: u64 = 390;

fn import(http: &Http, kind: &str, text: &str) -> tests::Response {
    http.send(
        http.request(
            reqwest::Method::POST,
            &format!("/api/v1/exchange-rates/import?kind={kind}"),
        )
        .header("content-type", "text/csv")
        .body(text.to_owned()),
    )
}

#[test]
fn published_rates_are_imported_once_and_conversions_name_the_rate_they_used() {
    let server = TestServer::spawn();
    let admin = server.http();
    assert_eq!(
        import(admin, "ecb", ECB_DAILY).assert_status(200).json()["stored"],
        29
    );
    let hist = import(admin, "ecb", ECB_HIST).assert_status(200).json();
    assert!(hist["problems"].as_array().unwrap().is_empty());
    let imf = import(admin, "imf", IMF).assert_status(200).json();
    let total = admin.get("/api/v1/exchange-rates").json()["total"].clone();
    // The same files again replace what they stored: nothing twice.
    import(admin, "ecb", ECB_HIST).assert_status(200);
    import(admin, "imf", IMF).assert_status(200);
    assert_eq!(admin.get("/api/v1/exchange-rates").json()["total"], total);
    // 443 rows; the euro is listed for four countries some years: one rate per currency and year.
    assert_eq!(imf["stored"], IMF_RATES);
    // The daily file's 13 April is also in the history: one rate per pair, day and source.
    let usd = admin.get("/api/v1/exchange-rates?currency=usd").json();
    let on_13 = usd["rates"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["day"] == "2026-04-13" && r["quote"] == "USD")
        .count();
    assert_eq!(on_13, 1);

    let convert = |query: &str| {
        let mut body = serde_json::Map::new();
        for pair in query.split('&') {
            let (k, v) = pair.split_once('=').unwrap();
            body.insert(k.to_owned(), json!(v));
        }
        admin.post_json("/api/v1/exchange-rates/convert", &body)
    };
    // 1,000 EUR × 1.1684 = 1,168.40 USD on the ECB's day.
    let eur = convert("amount=1000&from=EUR&to=USD&day=2026-04-13")
        .assert_status(200)
        .json();
    assert_eq!(eur["amount"], "1168.40");
    assert_eq!(eur["rate"]["legs"][0]["source"], "ecb");
    assert_eq!(eur["rate"]["legs"][0]["day"], "2026-04-13");
    // 10,000,000 COP in 2024 at the IMF's average 4,074.434166… = 2,454.33 USD.
    let cop = convert("amount=10000000&from=COP&to=USD&day=2024-07-01")
        .assert_status(200)
        .json();
    assert_eq!(cop["amount"], "2454.33");
    assert_eq!(cop["rate"]["legs"][0]["source"], "imf");
    // No rate joins COP and USD in 2031; a bad query is named field by field.
    assert_eq!(
        convert("amount=1&from=COP&to=USD&day=2031-01-01")
            .assert_status(422)
            .field_codes(),
        [("day".to_owned(), "no_exchange_rate".to_owned())]
    );
    assert_eq!(
        convert("amount=x&from=XYZ&to=USD&day=2031-02-30")
            .assert_status(422)
            .field_codes()
            .len(),
        3
    );

    // A rate typed by hand wins over the published one of its day.
    let typed = admin.post_json(
        "/api/v1/exchange-rates",
        &json!({"base": "EUR", "quote": "USD", "day": "2026-04-13", "rate": "1,17"}),
    );
    typed.assert_status(201);
    assert_eq!(typed.json()["source"], "manual");
    assert_eq!(
        convert("amount=10&from=EUR&to=USD&day=2026-04-13").json()["amount"],
        "11.70"
    );
    let refused = admin.post_json(
        "/api/v1/exchange-rates",
        &json!({"base": "EUR", "quote": "EUR", "day": "2026-04-13", "rate": "0"}),
    );
    assert_eq!(
        refused.assert_status(422).field_codes(),
        [
            ("rate".to_owned(), "not_positive".to_owned()),
            ("quote".to_owned(), "not_applicable".to_owned()),
        ]
    );
    assert_eq!(
        import(admin, "ecb", "Currency,Rate\nUSD,1\n")
            .assert_status(422)
            .field_codes(),
        [("file".to_owned(), "unknown_table_layout".to_owned())]
    );

    // The page: the conversion with its rate, and the rates listed.
    let page = admin.get("/exchange-rates?amount=1000&from=EUR&to=USD&day=2026-04-10");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("id=\"converted\""),
        "the conversion shown"
    );
    assert!(page.body.contains("1,171.10"), "1,000 × 1.1711 on 10 April");
    assert!(page.body.contains("id=\"rates-table\""));
    // A plain form post of a rate keeps what was typed on an error.
    let again = admin.post_form(
        "/exchange-rates",
        &[
            ("base", "USD"),
            ("quote", "PEN"),
            ("day", "2025-13-01"),
            ("rate", "3.75"),
        ],
    );
    assert_eq!(again.status, 422);
    assert!(again.body.contains("value=\"3.75\""));
    // The page's upload: the daily file again, answered with what was stored.
    let form = reqwest::blocking::multipart::Form::new()
        .text("kind", "ecb")
        .part(
            "file",
            reqwest::blocking::multipart::Part::bytes(ECB_DAILY.as_bytes().to_vec())
                .file_name("eurofxref.csv"),
        );
    let uploaded = admin.send(
        admin
            .request(reqwest::Method::POST, "/exchange-rates/import")
            .multipart(form),
    );
    assert_eq!(uploaded.status, 200);
    assert!(uploaded.body.contains("id=\"rates-imported\""));
}

//! Who may call what: every route of the REST API and every server function, taken from the
//! OpenAPI document (not from a list kept here), walked anonymously and with every role of the
//! demo. A route nobody wrote an expectation for fails the walk, so a new route cannot slip in
//! without its permission check being looked at.

use serde_json::{Value, json};
use tests::{Http, Method, TestServer};

/// The demo accounts (README.md lists them): email, password, role.
pub const DEMO_ACCOUNTS: [(&str, &str, &str); 5] = [
    (
        "admin@demo.sembrar.example",
        "sembrar-admin-demo",
        "administrator",
    ),
    (
        "officer@demo.sembrar.example",
        "sembrar-officer-demo",
        "program_officer",
    ),
    ("me@demo.sembrar.example", "sembrar-me-demo", "me_officer"),
    (
        "monitor@demo.sembrar.example",
        "sembrar-monitor-demo",
        "field_monitor",
    ),
    (
        "donor@demo.sembrar.example",
        "sembrar-donor-demo",
        "donor_viewer",
    ),
];

/// A server with the demo: programs 1 (Colombia: projects 1–3) and 2 (Peru: projects 4–5) of
/// the demo organisation, with communities 1–3 in project 1, 4–5 in project 2, 6–7 in project 3,
/// 8–9 in project 4 and 10–11 in project 5; the M&E officer works on program 1, the field
/// monitor in community 1, the donor viewer reads projects 2 and 4.
pub fn demo_server() -> TestServer {
    TestServer::spawn_with(|command| {
        command.env("SEMBRAR_SEED_DEMO", "true");
    })
}

/// Every operation in the OpenAPI document: method, path, and whether it needs no sign-in.
fn operations(server: &TestServer) -> Vec<(String, String, bool)> {
    let doc = server.anonymous().get("/api/openapi.json").json();
    let mut found = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("path item") {
            let public = operation["security"]
                .as_array()
                .is_some_and(|requirements| requirements.iter().all(|r| r == &json!({})));
            found.push((method.to_uppercase(), path.clone(), public));
        }
    }
    assert!(
        found.len() > 20,
        "the document lists the API and the server functions"
    );
    found
}

/// The request a walk sends to an operation as `role`: the path with its ids filled in (ids
/// the narrow roles may not reach), and a body when the operation takes one.
fn request_for(method: &str, path: &str, role: &str) -> (String, Option<Value>, bool) {
    let concrete = path
        .replace("/programs/{id}", "/programs/2")
        .replace("/projects/{id}", "/projects/5")
        .replace("/me/tokens/{id}", "/me/tokens/999")
        .replace("/communities/{id}", "/communities/10")
        .replace(
            "/projects/5/area",
            if method == "PUT" {
                "/projects/4/area"
            } else {
                "/projects/5/area"
            },
        )
        .replace("/users/{id}", "/users/5")
        .replace("/donors/{id}", "/donors/1")
        .replace("/funding-agreements/{id}", "/funding-agreements/999")
        .replace("/drafts/{id}", "/drafts/1")
        .replace("/households/{id}", "/households/999")
        .replace("/plots/{id}", "/plots/999")
        .replace("/agreements/{id}", "/agreements/999")
        .replace("/visits/{id}", "/visits/999")
        .replace("/activity-reports/{id}", "/activity-reports/999")
        .replace("/imports/{id}", "/imports/999")
        .replace("/reports/{id}", "/reports/999")
        .replace("{grant_id}", "999")
        .replace("{token_id}", "999")
        .replace("{use_id}", "999")
        .replace("{actual_id}", "999")
        .replace("{baseline_id}", "999")
        .replace("{component_id}", "999")
        .replace("{activity_id}", "999")
        .replace("{milestone_id}", "999")
        .replace("{line_id}", "999")
        .replace("{plan_id}", "999")
        .replace("{result_id}", "999")
        .replace("{indicator_id}", "999")
        .replace("{kind}", "fpic")
        .replace("{token}", "inv_not_a_real_token")
        .replace(
            "{file}",
            if path.contains("/funding/") {
                "funding.csv"
            } else if path.starts_with("/api/v1/reports/") {
                "report.csv"
            } else {
                "hectares.svg"
            },
        );
    let project = json!({
        "name": format!("Walk project by {role}"), "kind": "ad", "country": "PE",
        "start_date": "2026-01-01", "end_date": "2027-12-31", "illicit_crops": ["coca_bush"],
        "planned_crops": [{"crop": "cocoa", "hectares": "10"}]
    });
    // (path, JSON body, whether the body goes url-encoded as server-function arguments)
    let (body, form) = match (method, path) {
        ("POST", "/api/v1/programs") => (
            Some(json!({"name": format!("Walk program by {role}")})),
            false,
        ),
        ("POST", "/api/v1/programs/{id}/projects") => (Some(project.clone()), false),
        ("POST", "/api/v1/projects/{id}/communities") => (
            Some(json!({"name": format!("Walk community by {role}"), "municipality": "Tocache"})),
            false,
        ),
        ("POST", "/rpc/list_communities") => (Some(json!({"project_id": 5})), true),
        ("PUT", "/api/v1/projects/{id}") => {
            let mut p = project.clone();
            p["name"] = json!(format!("Walk edit by {role}"));
            (Some(p), false)
        }
        ("POST", "/api/v1/donors") => (
            Some(
                json!({"name": format!("Walk donor by {role}"), "organisation_type": "foundation"}),
            ),
            false,
        ),
        ("POST", "/api/v1/programs/{id}/drafts")
        | ("POST", "/api/v1/projects/{id}/drafts")
        | ("PUT", "/api/v1/drafts/{id}") => (
            Some(json!({"name": "half typed", "start_date": "31/02"})),
            false,
        ),
        ("POST", "/rpc/get_project_map") => (Some(json!({"id": 5, "locale": "en"})), true),
        ("POST", "/rpc/update_project") => {
            let mut p = project.clone();
            p["name"] = json!(format!("Walk rpc edit by {role}"));
            (Some(json!({"id": 5, "form": p, "draft_id": null})), false)
        }
        ("POST", "/rpc/save_project_draft") => (
            Some(
                json!({"program_id": 2, "project_id": null, "draft_id": null, "form": {"name": "half"}}),
            ),
            false,
        ),
        ("POST", "/rpc/list_all_projects") => (Some(json!({"filter": {"country": "PE"}})), false),
        ("POST", "/api/v1/projects/{id}/communities/import") => (
            Some(
                json!({"type": "FeatureCollection", "features": [{"type": "Feature",
                "properties": {"name": format!("Caserío {role}")},
                "geometry": {"type": "Point", "coordinates": [-76.4, -8.3]}}]}),
            ),
            false,
        ),
        ("POST", "/api/v1/projects/{id}/baselines") => (
            Some(
                json!({"place": "Tocache", "crop": "coca_bush", "year": 2021, "hectares": "1358", "source": "satellite_survey"}),
            ),
            false,
        ),
        ("POST", "/api/v1/projects/{id}/baselines/import") => (
            Some(
                json!({"table": "Provincia;2020;2021\nTocache;1.200;1.358\n", "source": "satellite_survey"}),
            ),
            false,
        ),
        ("PUT", "/api/v1/projects/{id}/safeguards/{kind}") => (
            Some(json!({"status": "in_progress", "evidence": "Consultation under way"})),
            false,
        ),
        ("POST", "/api/v1/projects/{id}/components") => (
            Some(json!({"kind": "market_access", "name": format!("Walk component by {role}")})),
            false,
        ),
        ("POST", "/api/v1/projects/{id}/milestones") => (
            Some(json!({"name": "Walk milestone", "due_date": "2026-06-30"})),
            false,
        ),
        ("POST", "/api/v1/projects/{id}/budget-lines") => (
            Some(
                json!({"code": format!("W-{role}"), "description": "Walk line", "amount": "1000"}),
            ),
            false,
        ),
        ("POST", "/api/v1/projects/{id}/livelihood-plans") => (
            Some(
                json!({"name": format!("Walk plan by {role}"), "households": 10,
                "illicit_income_monthly": "800", "eradication_month": "2026-03",
                "value_chains": [{"crop": "coffee", "hectares": "1", "planting_month": "2026-03",
                    "yield_curve": "0; 0; 600; 900", "price_per_kg": "8.5", "market_channel": "cooperative"}]}),
            ),
            false,
        ),
        ("POST", "/api/v1/projects/{id}/results") => (
            Some(json!({"level": "goal", "statement": format!("Walk goal by {role}")})),
            false,
        ),
        ("POST", "/rpc/get_project_plan")
        | ("POST", "/rpc/get_project_results")
        | ("POST", "/rpc/get_project_timeline") => (Some(json!({"id": 5, "locale": "en"})), true),
        ("POST", "/rpc/get_livelihood_plan") => {
            (Some(json!({"project_id": 5, "plan_id": 999})), true)
        }
        ("PUT", "/api/v1/projects/{id}/area") => (
            Some(
                json!({"type": "Polygon", "coordinates": [[[-76.3, -8.2], [-76.1, -8.2], [-76.1, -8.0], [-76.3, -8.0], [-76.3, -8.2]]]}),
            ),
            false,
        ),
        ("PUT", "/api/v1/me/password") => (
            Some(
                json!({"current_password": "not it at all", "password": "a new long password", "password_repeat": "a new long password"}),
            ),
            false,
        ),
        ("POST", "/api/v1/me/tokens") => (
            Some(json!({"name": format!("walk {role}"), "role": role})),
            false,
        ),
        ("POST", "/api/v1/users") => (
            Some(
                json!({"email": format!("walk-{role}@example.org"), "display_name": "Walk", "role": "donor_viewer", "scope_kind": "project", "scope_id": 5}),
            ),
            false,
        ),
        ("POST", "/api/v1/invitations/{token}") => (
            Some(
                json!({"password": "a new long password", "password_repeat": "a new long password"}),
            ),
            false,
        ),
        ("POST", "/rpc/get_program") => (Some(json!({"id": 2})), true),
        ("POST", "/rpc/get_program_overview") => (Some(json!({"id": 2, "locale": "en"})), true),
        ("POST", "/rpc/get_project") => (Some(json!({"id": 5, "locale": "en"})), true),
        ("POST", "/rpc/new_invitation") => (Some(json!({"user_id": 5})), true),
        ("POST", "/rpc/get_user_account") => (Some(json!({"user_id": 5})), true),
        ("PUT", "/api/v1/users/{id}/active") => (Some(json!({"active": true})), false),
        ("POST", "/rpc/revoke_token") => (Some(json!({"token_id": 999})), true),
        ("POST", "/rpc/get_invitation") => (Some(json!({"token": "inv_not_a_real_token"})), true),
        ("POST", "/rpc/create_program") => (
            Some(json!({"form": {"name": format!("Walk rpc program by {role}")}})),
            false,
        ),
        ("POST", "/rpc/create_project") => {
            let mut p = project.clone();
            p["name"] = json!(format!("Walk rpc project by {role}"));
            (Some(json!({"program_id": 2, "form": p})), false)
        }
        ("POST", "/rpc/create_user") => (
            Some(
                json!({"form": {"email": format!("walk-rpc-{role}@example.org"), "display_name": "Walk", "role": "donor_viewer", "scope_kind": "project", "scope_id": "5"}}),
            ),
            false,
        ),
        ("POST", "/rpc/create_token") => (
            Some(
                json!({"form": {"name": format!("walk rpc {role}"), "role": role, "projects": []}}),
            ),
            false,
        ),
        ("POST", "/rpc/list_audit") => (Some(json!({"filter": {}})), false),
        ("POST", "/api/v1/projects/{id}/households") => (
            Some(
                json!({"community_id": 10, "head_sex": "female", "head_age_band": "30_59",
                "members_female_30_59": 1, "land_tenure": "untitled_possession",
                "enrolled_on": "2025-01-15", "name": format!("Walk {role}")}),
            ),
            false,
        ),
        ("POST", "/rpc/get_household_registry") => (
            Some(json!({"id": 5, "community": "", "status": "", "code": ""})),
            true,
        ),
        ("POST", "/rpc/get_new_household") => (Some(json!({"id": 5})), true),
        ("POST", "/rpc/get_household") => (Some(json!({"id": 999})), true),
        ("POST", "/rpc/get_plot") => (Some(json!({"id": 999, "locale": "en"})), true),
        ("POST", "/rpc/get_new_plot") => (Some(json!({"household": 999})), true),
        ("POST", "/rpc/get_agreement") => (Some(json!({"id": 999})), true),
        ("POST", "/rpc/get_new_visit") => (Some(json!({"household": 999})), true),
        ("POST", "/rpc/get_project_reports") => (Some(json!({"id": 5})), true),
        ("POST", "/rpc/get_project_gender") => (Some(json!({"id": 5})), true),
        ("POST", "/rpc/get_indicator_actuals") => (
            Some(json!({"id": 5, "indicator_id": 999, "locale": "en"})),
            true,
        ),
        ("POST", "/api/v1/projects/{id}/actuals/{actual_id}/steps") => {
            (Some(json!({"step": "approve"})), false)
        }
        ("POST", "/rpc/get_program_gender") => (Some(json!({"id": 2})), true),
        ("POST", "/rpc/get_project_imports") => (Some(json!({"id": 5})), true),
        ("POST", "/rpc/get_field_import") => (Some(json!({"id": 5, "import_id": 999})), true),
        ("POST", "/api/v1/imports/{id}/start") => (Some(json!({"columns": {}})), false),
        ("POST", "/api/v1/exchange-rates") => (
            Some(json!({"base": "USD", "quote": "COP", "day": "2025-01-01", "rate": "4000"})),
            false,
        ),
        ("POST", "/rpc/get_exchange_rates") => (Some(json!({})), true),
        ("POST", "/api/v1/exchange-rates/convert") => (
            Some(json!({"amount": "1", "from": "COP", "to": "USD", "day": "2031-01-01"})),
            false,
        ),
        ("POST", "/api/v1/projects/{id}/activity-reports") => (
            Some(
                json!({"community_id": 10, "kind": "training", "held_on": "2025-05-01",
                "title": format!("Walk training by {role}"), "attendance_female_30_59": 3}),
            ),
            false,
        ),
        ("POST", "/rpc/get_project_agreements") => (Some(json!({"id": 5})), true),
        ("POST", "/rpc/get_project_funding") | ("POST", "/rpc/get_program_funding") => (
            Some(
                json!({"id": if path.contains("program") { 2 } else { 5 }, "currency": "", "locale": "en"}),
            ),
            true,
        ),
        ("POST", "/rpc/get_donor_funding") => {
            (Some(json!({"id": 1, "currency": "", "locale": "en"})), true)
        }
        ("POST", "/rpc/get_funding_agreement") => (Some(json!({"id": 999})), true),
        ("POST", "/rpc/get_agreement_form") => (Some(json!({"id": 999})), true),
        ("POST", "/rpc/get_iati_preview") => (Some(json!({"program_id": 2})), true),
        ("POST", "/rpc/get_dashboard") => (
            Some(
                json!({"kind": "program", "id": 2, "from": "", "to": "", "municipality": "",
                "donor": "", "locale": "en"}),
            ),
            true,
        ),
        ("POST", "/api/v1/reports") => (
            Some(
                json!({"title": format!("Walk report by {role}"), "scope": "projects",
                "project_ids": ["5"], "period_start": "2026-01-01", "period_end": "2026-12-31"}),
            ),
            false,
        ),
        ("POST", "/rpc/get_donor_report") => (Some(json!({"id": 999})), true),
        ("POST", _) if path.starts_with("/rpc/") => (None, true),
        ("POST" | "PUT", _) => (Some(json!({})), false),
        _ => (None, false),
    };
    (concrete, body, form)
}

fn send(http: &Http, method: &str, path: &str, body: Option<Value>, form: bool) -> tests::Response {
    let method = Method::from_bytes(method.as_bytes()).expect("an HTTP method");
    let request = http.request(method, path);
    let request = match (body, form) {
        (Some(body), true) => {
            let pairs: Vec<(String, String)> = body
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        v.as_str().map_or_else(|| v.to_string(), str::to_owned),
                    )
                })
                .collect();
            request.form(&pairs)
        }
        (Some(body), false) => request.json(&body),
        (None, true) => request.form(&[("", "")][..0]),
        (None, false) => request,
    };
    http.send(request)
}

/// The expected status for each role (administrator, program officer, M&E officer, field
/// monitor, donor viewer) on each operation, with the ids `request_for` fills in.
fn expected(method: &str, path: &str) -> Option<[u16; 5]> {
    const ALL_200: [u16; 5] = [200; 5];
    const ADMIN_ONLY: [u16; 5] = [200, 403, 403, 403, 403];
    const AUDIT: [u16; 5] = [200, 403, 200, 403, 403];
    const PROGRAM_2: [u16; 5] = [200, 200, 403, 403, 200];
    const PROJECT_5: [u16; 5] = [200, 200, 403, 403, 403];
    Some(match (method, path) {
        ("GET", "/api/v1/programs") | ("POST", "/rpc/list_programs") => ALL_200,
        ("POST", "/api/v1/programs") | ("POST", "/api/v1/programs/{id}/projects") => {
            [201, 201, 403, 403, 403]
        }
        ("POST", "/rpc/create_program") | ("POST", "/rpc/create_project") => {
            [200, 200, 403, 403, 403]
        }
        ("GET", "/api/v1/programs/{id}")
        | ("GET", "/api/v1/programs/{id}/projects")
        | ("POST", "/rpc/get_program")
        | ("POST", "/rpc/get_program_overview") => PROGRAM_2,
        ("GET", "/api/v1/projects/{id}")
        | ("GET", "/api/v1/projects/{id}/charts/planned-hectares.svg")
        | ("POST", "/rpc/get_project")
        | ("GET", "/api/v1/projects/{id}/communities")
        | ("GET", "/api/v1/communities/{id}")
        | ("POST", "/rpc/list_communities") => PROJECT_5,
        ("POST", "/api/v1/projects/{id}/communities") => [201, 201, 403, 403, 403],
        ("POST", "/rpc/get_project_map") => PROJECT_5,
        ("GET", "/api/v1/projects")
        | ("POST", "/rpc/list_all_projects")
        | ("GET", "/api/v1/donors")
        | ("POST", "/rpc/list_donors")
        | ("GET", "/api/v1/drafts")
        | ("POST", "/rpc/list_drafts")
        | ("POST", "/rpc/get_project_form_context") => ALL_200,
        ("PUT", "/api/v1/projects/{id}") => PROJECT_5,
        ("POST", "/rpc/update_project") | ("POST", "/rpc/save_project_draft") => {
            [200, 200, 403, 403, 403]
        }
        ("POST", "/api/v1/donors")
        | ("POST", "/api/v1/programs/{id}/drafts")
        | ("POST", "/api/v1/projects/{id}/drafts") => [201, 201, 403, 403, 403],
        ("GET", "/api/v1/projects/{id}/baselines")
        | ("GET", "/api/v1/projects/{id}/safeguards")
        | ("GET", "/api/v1/projects/{id}/timeline")
        | ("GET", "/api/v1/projects/{id}/charts/timeline.svg")
        | ("GET", "/api/v1/projects/{id}/livelihood-plans")
        | ("GET", "/api/v1/projects/{id}/results-framework")
        | ("POST", "/rpc/get_project_plan")
        | ("POST", "/rpc/get_project_results")
        | ("POST", "/rpc/get_project_timeline") => PROJECT_5,
        ("GET", "/api/v1/indicator-library") => ALL_200,
        ("POST", "/api/v1/projects/{id}/baselines")
        | ("POST", "/api/v1/projects/{id}/components")
        | ("POST", "/api/v1/projects/{id}/milestones")
        | ("POST", "/api/v1/projects/{id}/budget-lines")
        | ("POST", "/api/v1/projects/{id}/livelihood-plans") => [201, 201, 403, 403, 403],
        // Program officers and M&E officers own the results framework; project 5 is outside the
        // M&E officer's program.
        ("POST", "/api/v1/projects/{id}/results") => [201, 201, 403, 403, 403],
        ("POST", "/api/v1/projects/{id}/baselines/import")
        | ("POST", "/api/v1/projects/{id}/communities/import")
        | ("PUT", "/api/v1/projects/{id}/safeguards/{kind}") => [200, 200, 403, 403, 403],
        // Bodies without the records they refer to: refused as invalid for those who may write.
        ("POST", "/api/v1/projects/{id}/activities")
        | ("POST", "/api/v1/projects/{id}/indicators") => [422, 422, 403, 403, 403],
        // Record 999 does not exist: 404 for those who may see or change the project.
        ("DELETE", "/api/v1/projects/{id}/baselines/{baseline_id}")
        | ("PUT", "/api/v1/projects/{id}/components/{component_id}")
        | ("DELETE", "/api/v1/projects/{id}/components/{component_id}")
        | ("PUT", "/api/v1/projects/{id}/activities/{activity_id}")
        | ("DELETE", "/api/v1/projects/{id}/activities/{activity_id}")
        | ("PUT", "/api/v1/projects/{id}/milestones/{milestone_id}")
        | ("DELETE", "/api/v1/projects/{id}/milestones/{milestone_id}")
        | ("PUT", "/api/v1/projects/{id}/budget-lines/{line_id}")
        | ("DELETE", "/api/v1/projects/{id}/budget-lines/{line_id}")
        | ("GET", "/api/v1/projects/{id}/livelihood-plans/{plan_id}")
        | ("PUT", "/api/v1/projects/{id}/livelihood-plans/{plan_id}")
        | ("GET", "/api/v1/projects/{id}/livelihood-plans/{plan_id}/transition.svg")
        | ("POST", "/api/v1/projects/{id}/livelihood-plans/{plan_id}/bridging-budget")
        | ("PUT", "/api/v1/projects/{id}/results/{result_id}")
        | ("DELETE", "/api/v1/projects/{id}/results/{result_id}")
        | ("PUT", "/api/v1/projects/{id}/indicators/{indicator_id}")
        | ("DELETE", "/api/v1/projects/{id}/indicators/{indicator_id}")
        | ("PUT", "/api/v1/projects/{id}/indicators/{indicator_id}/targets")
        | ("POST", "/rpc/get_livelihood_plan") => [404, 404, 403, 403, 403],
        // The walk reads drafts before it makes any: nobody's draft 1 exists yet.
        ("GET", "/api/v1/drafts/{id}")
        | ("PUT", "/api/v1/drafts/{id}")
        | ("DELETE", "/api/v1/drafts/{id}") => [404; 5],
        // Project 5 has no area (404 for those who may see it); the area is set on project 4.
        ("GET", "/api/v1/projects/{id}/area") => [404, 404, 403, 403, 403],
        ("PUT", "/api/v1/projects/{id}/area") => [200, 200, 403, 403, 403],
        ("GET", "/api/v1/me") | ("POST", "/rpc/get_me") => ALL_200,
        // Everyone's device may keep what it may record visits in (nothing, for most), and an
        // empty batch stores nothing.
        ("GET", "/api/v1/field/bundle") | ("POST", "/api/v1/field/sync") => ALL_200,
        ("PUT", "/api/v1/me/password") => [422; 5],
        ("GET", "/api/v1/me/tokens") | ("POST", "/rpc/list_tokens") => ALL_200,
        ("POST", "/api/v1/me/tokens") => [201; 5],
        ("POST", "/rpc/create_token") => ALL_200,
        ("DELETE", "/api/v1/me/tokens/{id}") | ("POST", "/rpc/revoke_token") => [404; 5],
        ("GET", "/api/v1/users") | ("POST", "/rpc/list_users") => ADMIN_ONLY,
        ("POST", "/api/v1/users") | ("POST", "/api/v1/users/{id}/invitations") => {
            [201, 403, 403, 403, 403]
        }
        ("POST", "/rpc/create_user") | ("POST", "/rpc/new_invitation") => ADMIN_ONLY,
        // User 5 is the demo's field monitor, within the demo administrator's organisation.
        ("GET", "/api/v1/users/{id}")
        | ("POST", "/rpc/get_user_account")
        | ("PUT", "/api/v1/users/{id}/active") => ADMIN_ONLY,
        ("DELETE", "/api/v1/users/{id}/grants/{grant_id}")
        | ("DELETE", "/api/v1/users/{id}/tokens/{token_id}") => [404, 403, 403, 403, 403],
        ("GET", "/api/v1/audit") | ("POST", "/rpc/list_audit") => AUDIT,
        // Household records: those who plan or follow project 5 (the M&E officer works on
        // program 1, the field monitor in a community of project 1, the donor viewer never sees
        // records of people).
        ("GET", "/api/v1/projects/{id}/households")
        | ("POST", "/rpc/get_household_registry")
        | ("POST", "/rpc/get_new_household") => PROJECT_5,
        ("POST", "/api/v1/projects/{id}/households") => [201, 201, 403, 403, 403],
        // Household 999 does not exist.
        ("GET", "/api/v1/households/{id}")
        | ("PUT", "/api/v1/households/{id}")
        | ("POST", "/api/v1/households/{id}/status")
        | ("POST", "/rpc/get_household") => [404; 5],
        // Plots: household 999 and plot 999 do not exist; a project's plots are listed to those
        // who see the project (empty for those who may not see its households).
        ("GET", "/api/v1/households/{id}/plots")
        | ("POST", "/api/v1/households/{id}/plots")
        | ("POST", "/rpc/get_new_plot")
        | ("GET", "/api/v1/plots/{id}")
        | ("PUT", "/api/v1/plots/{id}")
        | ("POST", "/api/v1/plots/{id}/uses")
        | ("DELETE", "/api/v1/plots/{id}/uses/{use_id}")
        | ("POST", "/rpc/get_plot") => [404; 5],
        ("GET", "/api/v1/projects/{id}/plots") => PROJECT_5,
        // Agreements and support: household 999 and agreement 999 do not exist.
        ("GET", "/api/v1/households/{id}/agreements")
        | ("POST", "/api/v1/households/{id}/agreements")
        | ("GET", "/api/v1/households/{id}/support")
        | ("POST", "/api/v1/households/{id}/support")
        | ("GET", "/api/v1/agreements/{id}")
        | ("POST", "/api/v1/agreements/{id}/verifications")
        | ("POST", "/rpc/get_agreement") => [404; 5],
        // Visits: household 999 and visit 999 do not exist.
        ("GET", "/api/v1/households/{id}/visits")
        | ("POST", "/api/v1/households/{id}/visits")
        | ("GET", "/api/v1/visits/{id}")
        | ("POST", "/rpc/get_new_visit") => [404; 5],
        ("GET", "/api/v1/projects/{id}/activity-reports")
        | ("POST", "/rpc/get_project_reports") => PROJECT_5,
        ("POST", "/api/v1/projects/{id}/activity-reports") => [201, 201, 403, 403, 403],
        ("GET", "/api/v1/activity-reports/{id}") => [404; 5],
        // Exchange rates: read by every account of the organisation, kept by administrators
        // and program officers; an upload without a kind is refused by field.
        ("GET", "/api/v1/exchange-rates") | ("POST", "/rpc/get_exchange_rates") => ALL_200,
        ("POST", "/api/v1/exchange-rates") => [201, 201, 403, 403, 403],
        ("POST", "/api/v1/exchange-rates/import") => [422, 422, 403, 403, 403],
        // No rate joins COP and USD in 2031 (`no_exchange_rate`).
        ("POST", "/api/v1/exchange-rates/convert") => [422; 5],
        // Imports: project 5's, for who may record visits there; an upload without a file is
        // refused by field; import 999 does not exist.
        ("GET", "/api/v1/projects/{id}/imports") | ("POST", "/rpc/get_project_imports") => {
            PROJECT_5
        }
        ("POST", "/api/v1/projects/{id}/imports") => [422, 422, 403, 403, 403],
        ("GET", "/api/v1/imports/{id}")
        | ("POST", "/api/v1/imports/{id}/start")
        | ("POST", "/rpc/get_field_import") => [404; 5],
        // Actuals: indicator 999 and actual 999 of project 5 do not exist; approving needs
        // `approve_actuals`, which program officers do not have.
        ("GET", "/api/v1/projects/{id}/indicators/{indicator_id}/actuals")
        | ("POST", "/api/v1/projects/{id}/indicators/{indicator_id}/actuals")
        | ("GET", "/api/v1/projects/{id}/indicators/{indicator_id}/actuals/computed")
        | ("POST", "/rpc/get_indicator_actuals") => [404, 404, 403, 403, 403],
        ("POST", "/api/v1/projects/{id}/actuals/{actual_id}/steps") => [404, 403, 403, 403, 403],
        // Gender views: project 5, program 2 (the donor viewer reads project 4 of program 2 but
        // sees no household records).
        ("GET", "/api/v1/projects/{id}/gender") | ("POST", "/rpc/get_project_gender") => PROJECT_5,
        ("GET", "/api/v1/programs/{id}/gender") | ("POST", "/rpc/get_program_gender") => {
            [200, 200, 403, 403, 403]
        }
        ("GET", "/api/v1/projects/{id}/agreements") | ("POST", "/rpc/get_project_agreements") => {
            PROJECT_5
        }
        // Funding: lists hold what each may read (a donor viewer its donor's records); records
        // are kept by administrators and program officers (empty bodies are refused by field);
        // agreement 999 does not exist. Project 5 is funded by the second demo donor, so the
        // donor viewer (of the first) reads program 2's funding (its project 4) but not project
        // 5's; the M&E officer works on program 1 and reads no donor's funding as such.
        ("GET", "/api/v1/funding-agreements") | ("GET", "/api/v1/transactions") => ALL_200,
        ("POST", "/api/v1/funding-agreements") | ("POST", "/api/v1/transactions") => {
            [422, 422, 403, 403, 403]
        }
        ("GET", "/api/v1/funding-agreements/{id}")
        | ("PUT", "/api/v1/funding-agreements/{id}")
        | ("POST", "/api/v1/funding-agreements/{id}/tranches")
        | ("POST", "/rpc/get_funding_agreement") => [404; 5],
        ("POST", "/rpc/get_agreement_form") => [404, 404, 403, 403, 403],
        ("GET", "/api/v1/projects/{id}/funding")
        | ("GET", "/api/v1/projects/{id}/funding/{file}")
        | ("POST", "/rpc/get_project_funding") => PROJECT_5,
        ("GET", "/api/v1/programs/{id}/funding")
        | ("GET", "/api/v1/programs/{id}/funding/{file}")
        | ("POST", "/rpc/get_program_funding") => PROGRAM_2,
        ("GET", "/api/v1/donors/{id}/funding")
        | ("GET", "/api/v1/donors/{id}/funding/{file}")
        | ("POST", "/rpc/get_donor_funding") => [200, 200, 403, 403, 200],
        // Publishing: everyone reads the organisation's settings, administrators change them
        // (an empty body is refused by field); program 2's IATI file is made by who may publish
        // its projects (the M&E officer works on program 1).
        ("GET", "/api/v1/organisation") | ("POST", "/rpc/get_organisation") => ALL_200,
        ("PUT", "/api/v1/organisation") => [422, 403, 403, 403, 403],
        ("GET", "/api/v1/programs/{id}/iati")
        | ("GET", "/api/v1/programs/{id}/iati.xml")
        | ("POST", "/rpc/get_iati_preview") => [200, 200, 403, 403, 403],
        // Outcomes: who sees the households of the whole project (the M&E officer works on
        // program 1, the field monitor on a community, the donor viewer sees no households).
        ("GET", "/api/v1/projects/{id}/outcomes")
        | ("GET", "/api/v1/projects/{id}/outcomes/{file}")
        | ("GET", "/api/v1/programs/{id}/outcomes")
        | ("GET", "/api/v1/programs/{id}/outcomes/{file}") => [200, 200, 403, 403, 403],
        // Dashboards: a program's or project's for the same readers as its outcomes; a donor's
        // for who reads that donor's funding (the donor viewer reads donor 1's; the M&E
        // officer's rights are on program 1, not the organisation's donors).
        ("GET", "/api/v1/projects/{id}/dashboard")
        | ("GET", "/api/v1/projects/{id}/dashboard/{file}")
        | ("GET", "/api/v1/programs/{id}/dashboard")
        | ("GET", "/api/v1/programs/{id}/dashboard/{file}")
        | ("POST", "/rpc/get_dashboard") => [200, 200, 403, 403, 403],
        ("GET", "/api/v1/donors/{id}/dashboard")
        | ("GET", "/api/v1/donors/{id}/dashboard/{file}") => [200, 200, 403, 403, 200],
        // Donor reports: everyone lists what they may read; who may publish reports makes them
        // (project 5 is outside the M&E officer's program); report 999 does not exist.
        ("GET", "/api/v1/reports") | ("POST", "/rpc/get_donor_reports") => ALL_200,
        ("GET", "/api/v1/reports/choices") | ("POST", "/rpc/get_report_choices") => {
            [200, 200, 200, 403, 403]
        }
        ("POST", "/api/v1/reports") => [201, 201, 403, 403, 403],
        ("GET", "/api/v1/reports/{id}")
        | ("GET", "/api/v1/reports/{id}/{file}")
        | ("PUT", "/api/v1/reports/{id}/narratives")
        | ("POST", "/api/v1/reports/{id}/issue")
        | ("POST", "/rpc/get_donor_report") => [404; 5],
        // An import without a crop is refused by field, before anything is read.
        ("POST", "/api/v1/programs/{id}/iati-import") => [422, 422, 403, 403, 403],
        _ => return None,
    })
}

#[test]
fn every_route_refuses_callers_who_are_not_signed_in() {
    let server = demo_server();
    let anonymous = server.anonymous();
    for (method, path, public) in operations(&server) {
        if public {
            continue;
        }
        let (concrete, body, form) = request_for(&method, &path, "anonymous");
        let response = send(&anonymous, &method, &concrete, body, form);
        assert_eq!(
            response.status, 401,
            "{method} {path} let an anonymous caller through ({}): {}",
            response.status, response.body
        );
    }
}

#[test]
fn every_route_answers_each_role_as_its_permissions_say() {
    let server = demo_server();
    let clients: Vec<Http> = DEMO_ACCOUNTS
        .iter()
        .map(|(email, password, _)| server.sign_in(email, password))
        .collect();
    let mut unexpected = Vec::new();
    for (method, path, public) in operations(&server) {
        if public {
            continue;
        }
        let Some(statuses) = expected(&method, &path) else {
            panic!(
                "{method} {path} has no expected answers in tests/api/access.rs: add a line for \
                 it, after making sure the route checks the caller's rights"
            );
        };
        for (i, (email, _, role)) in DEMO_ACCOUNTS.iter().enumerate() {
            let (concrete, body, form) = request_for(&method, &path, role);
            let response = send(&clients[i], &method, &concrete, body, form);
            if response.status != statuses[i] {
                unexpected.push(format!(
                    "{method} {concrete} as {email}: {} (expected {}) {}",
                    response.status,
                    statuses[i],
                    response.body.chars().take(200).collect::<String>()
                ));
            }
        }
    }
    assert!(
        unexpected.is_empty(),
        "unexpected answers:\n{}",
        unexpected.join("\n")
    );
}

#[test]
fn a_donor_viewer_sees_only_the_projects_it_funds_and_cannot_change_them() {
    let server = demo_server();
    let (email, password, _) = DEMO_ACCOUNTS[4];
    let donor = server.sign_in(email, password);

    let programs = donor.get("/api/v1/programs").assert_status(200).json();
    for program in programs.as_array().unwrap() {
        assert_eq!(
            program["project_count"], 1,
            "one funded project per demo program"
        );
    }
    let listed = donor.get("/api/v1/programs/1/projects").json();
    let ids: Vec<i64> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [2]);
    donor.get("/api/v1/projects/2").assert_status(200);
    for other in [1, 3, 5] {
        donor
            .get(&format!("/api/v1/projects/{other}"))
            .assert_status(403);
        donor
            .get(&format!(
                "/api/v1/projects/{other}/charts/planned-hectares.svg"
            ))
            .assert_status(403);
    }
    let body = json!({"name": "Not mine", "kind": "ad", "country": "CO", "start_date": "2026-01-01",
        "end_date": "2027-01-01", "illicit_crops": ["coca_bush"], "planned_crops": [{"crop": "cocoa", "hectares": 1}]});
    donor
        .post_json("/api/v1/programs/1/projects", &body)
        .assert_status(403);
    let response = donor.post_json("/api/v1/programs", &json!({"name": "Mine now"}));
    response.assert_status(403);
    assert_eq!(response.json()["error"]["code"], "forbidden");
    // Nothing was created by the refused attempts.
    let admin = server.http();
    let names: Vec<String> = admin
        .get("/api/v1/programs")
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_owned())
        .collect();
    assert!(!names.iter().any(|n| n == "Mine now"));
}

#[test]
fn a_field_monitor_reaches_only_the_community_assigned_to_it_and_its_project() {
    let server = demo_server();
    let (email, password, _) = DEMO_ACCOUNTS[3];
    let monitor = server.sign_in(email, password);
    monitor.get("/api/v1/projects/1").assert_status(200);
    for other in [2, 3, 4, 5] {
        monitor
            .get(&format!("/api/v1/projects/{other}"))
            .assert_status(403);
    }
    monitor.get("/api/v1/programs/2").assert_status(403);
    monitor.get("/api/v1/communities/1").assert_status(200);
    for other in [2, 3, 4, 10] {
        let response = monitor.get(&format!("/api/v1/communities/{other}"));
        response.assert_status(403);
        assert_eq!(response.json()["error"]["code"], "forbidden");
    }
    let listed = monitor
        .get("/api/v1/projects/1/communities")
        .assert_status(200)
        .json();
    let ids: Vec<i64> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids, [1], "the project's other communities stay hidden");
    monitor
        .post_json(
            "/api/v1/projects/1/communities",
            &json!({"name": "Vereda nueva"}),
        )
        .assert_status(403);
    let programs = monitor.get("/api/v1/programs").json();
    assert_eq!(programs.as_array().unwrap().len(), 1);
    assert_eq!(programs[0]["project_count"], 1);
    let me = monitor.get("/api/v1/me").json();
    assert_eq!(me["grants"][0]["role"], "field_monitor");
    assert_eq!(
        me["grants"][0]["scope"],
        json!({"kind": "community", "id": 1})
    );
    assert_eq!(me["can_manage_users"], false);
}

/// Whether the request `request_for` builds addresses a place outside program 1 (program 2, its
/// projects 4 and 5, their communities), by its path or by an id in its body.
fn outside_program_one(method: &str, path: &str, concrete: &str, body: Option<&Value>) -> bool {
    let by_path = [
        "/programs/2",
        "/projects/4",
        "/projects/5",
        "/communities/10",
    ]
    .iter()
    .any(|p| {
        concrete.contains(p) && (concrete.ends_with(p) || concrete.contains(&format!("{p}/")))
    });
    let Some(body) = body else { return by_path };
    let id_of = |key: &str| {
        body.get(key)
            .and_then(|v| v.as_i64().or_else(|| v.as_str()?.parse().ok()))
    };
    let rpc_id_outside = path.starts_with("/rpc/")
        && id_of("id").is_some_and(|id| {
            if path.contains("program") {
                id == 2
            } else {
                id == 5 && !path.contains("funding") && !path.contains("donor")
            }
        });
    let scope_outside = body.get("scope_kind").and_then(Value::as_str) == Some("project")
        && id_of("scope_id") == Some(5);
    let form_scope_outside = body.get("form").is_some_and(|f| {
        f.get("scope_kind").and_then(Value::as_str) == Some("project")
            && f.get("scope_id").and_then(|v| v.as_str()) == Some("5")
    });
    by_path
        || rpc_id_outside
        || scope_outside
        || form_scope_outside
        || id_of("project_id") == Some(5)
        || id_of("program_id") == Some(2)
        || id_of("community_id") == Some(10)
        || (method == "POST" && path == "/api/v1/programs")
}

#[test]
fn no_role_in_a_narrow_scope_reaches_or_changes_anything_beyond_its_grants() {
    let server = demo_server();
    let admin = server.http();
    // Every role in every scope narrower than the organisation, all inside program 1: the
    // program, a project, another project, a community.
    let scopes = [
        ("program", 1),
        ("project", 1),
        ("project", 2),
        ("community", 1),
    ];
    let roles = [
        "administrator",
        "program_officer",
        "me_officer",
        "field_monitor",
        "donor_viewer",
    ];
    let mut callers = Vec::new();
    for (kind, id) in scopes {
        for role in roles {
            let email = format!("{role}-{kind}-{id}@walk.example");
            let created = admin.post_json(
                "/api/v1/users",
                &json!({"email": email, "display_name": "Walk", "role": role,
                        "scope_kind": kind, "scope_id": id}),
            );
            if created.status == 422 {
                // A role that does not apply in this kind of scope.
                continue;
            }
            created.assert_status(201);
            let password = "a long walk password";
            crate::escalation::accept_invitation(
                &server,
                created.json()["path"].as_str().unwrap(),
                password,
            );
            callers.push((
                format!("{role} of {kind} {id}"),
                role,
                server.sign_in(&email, password),
            ));
        }
    }
    assert!(
        callers.len() >= 16,
        "only {} narrow callers made",
        callers.len()
    );
    let mut checked = 0;
    let mut beyond = Vec::new();
    for (method, path, public) in operations(&server) {
        if public {
            continue;
        }
        for (who, role, http) in &callers {
            let (concrete, body, form) = request_for(&method, &path, role);
            if !outside_program_one(&method, &path, &concrete, body.as_ref()) {
                continue;
            }
            checked += 1;
            let response = send(http, &method, &concrete, body, form);
            if (200..300).contains(&response.status) || response.status >= 500 {
                beyond.push(format!(
                    "{method} {concrete} as the {who}: {} {}",
                    response.status,
                    response.body.chars().take(160).collect::<String>()
                ));
            }
        }
    }
    assert!(
        checked > 1_000,
        "only {checked} requests beyond the grants tried"
    );
    assert!(
        beyond.is_empty(),
        "answered beyond the caller's grants:\n{}",
        beyond.join("\n")
    );
}

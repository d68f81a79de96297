//! Creating a program and a project through the forms, with JavaScript on and off, and finding the
//! project on its page and in its program's list.

use tests::{Browser, JavaScript, TestServer, id_after};

use crate::support::{
    ProjectInput, assert_marker_survived, create_program_through_the_form, fill_project_form,
    projects_listed_on_the_program_page, screenshot_if_javascript, set_marker,
};

const PROGRAM_NAME: &str = "Cacao del Pacífico";
const PROJECT_NAME: &str = "Cacao y café en Tumaco";

fn a_project_created_through_the_forms_is_shown_and_listed(javascript: JavaScript) {
    let server = TestServer::spawn();
    let browser = Browser::launch(javascript);
    crate::support::sign_in_as_admin(&browser, &server);
    browser.goto(&server.url("/"));
    browser.wait_until_interactive();
    if javascript == JavaScript::On {
        set_marker(&browser);
    }

    let program_id = create_program_through_the_form(
        &browser,
        PROGRAM_NAME,
        "Alternative development on the coast.",
    );
    browser.find("a#new-project-link").click();
    browser.wait_for_url("the new project form", |path| {
        path == format!("/programs/{program_id}/projects/new")
    });
    fill_project_form(
        &browser,
        &ProjectInput {
            name: PROJECT_NAME,
            kind: Some("ad"),
            country: Some("CO"),
            start_date: Some("2025-01-15"),
            end_date: Some("2027-06-30"),
            illicit_crops: &["coca_bush"],
            planned_crops: &[("cocoa", "120.5"), ("coffee", "80")],
            description: "Two hundred families replace coca with cocoa and coffee.",
        },
    );
    browser.find("#project-submit").click();

    browser.wait_for_url("a project page", |path| {
        id_after(path, "/projects/").is_some()
    });
    if javascript == JavaScript::On {
        assert_marker_survived(
            &browser,
            "between the programs page and the new project's page",
        );
    }
    browser.wait_until(
        &format!("the project page's title to be {PROJECT_NAME:?}"),
        || {
            browser
                .texts_of("h1")
                .first()
                .is_some_and(|title| title.trim() == PROJECT_NAME)
        },
    );
    browser.find("#planned-hectares-chart svg");
    let rows = browser.texts_of("table#planned-crops-table tbody tr");
    assert_eq!(
        rows.len(),
        2,
        "one table row per planned crop, found {rows:?}"
    );
    assert!(
        rows.iter().any(|row| row.contains("120.5")) && rows.iter().any(|row| row.contains("80")),
        "the table shows the planned hectares: {rows:?}"
    );
    screenshot_if_javascript(&browser, "project-page");

    let listed = projects_listed_on_the_program_page(&browser, &server, &program_id, PROGRAM_NAME);
    assert_eq!(listed, [PROJECT_NAME], "the program lists its new project");
    screenshot_if_javascript(&browser, "a-project-created-through-the-forms");
}

#[test]
fn a_project_created_with_javascript_opens_its_page_without_a_full_reload_and_is_listed_in_its_program()
 {
    a_project_created_through_the_forms_is_shown_and_listed(JavaScript::On);
}

#[test]
fn a_project_created_through_the_form_without_javascript_is_listed_in_its_program() {
    a_project_created_through_the_forms_is_shown_and_listed(JavaScript::Off);
}

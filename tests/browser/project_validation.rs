//! Bad input in the project form: the errors show next to their fields, what was typed stays, and no
//! project is created — with JavaScript on (no page load) and off (the server answers the post).

use tests::{Browser, JavaScript, TestServer, fixtures};

use crate::support::{
    ProjectInput, assert_marker_survived, fill_project_form, projects_listed_on_the_program_page,
    screenshot_if_javascript, set_marker,
};

const PROGRAM_NAME: &str = "Café de altura";
const DESCRIPTION: &str = "Keep this text: forty families in Puno.";

fn invalid_project_input_is_refused_field_by_field(javascript: JavaScript) {
    let server = TestServer::spawn();
    let program_id = fixtures::create_program(&server, PROGRAM_NAME, "Coffee above 1,500 m.");
    let browser = Browser::launch(javascript);
    crate::support::sign_in_as_admin(&browser, &server);
    browser.goto(&server.url(&format!("/programs/{program_id}/projects/new")));
    browser.wait_until_interactive();
    if javascript == JavaScript::On {
        set_marker(&browser);
    }

    fill_project_form(
        &browser,
        &ProjectInput {
            name: "",
            kind: Some("preventive_ad"),
            country: Some("PE"),
            start_date: Some("2025-06-01"),
            end_date: Some("2025-01-01"),
            illicit_crops: &[],
            planned_crops: &[("cocoa", "-5")],
            description: DESCRIPTION,
        },
    );
    browser.find("#project-submit").click();

    for (input, error) in [
        ("#project-name", "#project-name-error"),
        ("#project-end-date", "#project-end-date-error"),
        ("#planned-hectares-0", "#planned-hectares-0-error"),
    ] {
        browser.wait_for_text(error);
        assert_eq!(
            browser.find(input).attribute("aria-invalid").as_deref(),
            Some("true"),
            "{input} is marked invalid"
        );
    }
    assert_eq!(browser.find("#project-description").value(), DESCRIPTION);
    assert_eq!(browser.find("#project-start-date").value(), "2025-06-01");
    assert_eq!(browser.find("#project-end-date").value(), "2025-01-01");
    assert_eq!(browser.find("#project-kind").value(), "preventive_ad");
    assert_eq!(browser.find("#project-country").value(), "PE");
    assert_eq!(browser.find("#planned-crop-0").value(), "cocoa");
    assert_eq!(browser.find("#planned-hectares-0").value(), "-5");
    if javascript == JavaScript::On {
        assert_marker_survived(&browser, "when the errors showed");
        // Show the first error in the screenshot rather than the submit button.
        browser.execute_script(
            "arguments[0].scrollIntoView({ block: 'center' });",
            vec![browser.find("#project-name").as_json()],
        );
    }
    screenshot_if_javascript(&browser, "invalid-project-input");

    let listed = projects_listed_on_the_program_page(&browser, &server, &program_id, PROGRAM_NAME);
    assert!(
        listed.is_empty(),
        "no project was created, but the program lists {listed:?}"
    );
}

#[test]
fn invalid_project_input_with_javascript_shows_field_errors_keeps_the_typed_values_and_creates_nothing()
 {
    invalid_project_input_is_refused_field_by_field(JavaScript::On);
}

#[test]
fn invalid_project_input_without_javascript_shows_field_errors_keeps_the_typed_values_and_creates_nothing()
 {
    invalid_project_input_is_refused_field_by_field(JavaScript::Off);
}

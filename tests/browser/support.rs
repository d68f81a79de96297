//! Steps shared by the browser tests: creating programs and filling the project form.

use serde_json::json;
use tests::{Browser, JavaScript, TestServer, id_after};

/// Signs `browser` in through the sign-in page as the administrator every test server creates,
/// and waits for the account menu.
pub fn sign_in_as_admin(browser: &Browser, server: &TestServer) {
    sign_in(browser, server, tests::ADMIN_EMAIL, tests::ADMIN_PASSWORD);
}

/// Signs `browser` in through the sign-in page and waits for the account menu.
pub fn sign_in(browser: &Browser, server: &TestServer, email: &str, password: &str) {
    browser.goto(&server.url("/login"));
    browser.wait_until_interactive();
    browser.find("#login-email").send_keys(email);
    browser.find("#login-password").send_keys(password);
    browser.find("#login-submit").click();
    browser.find("#account-menu");
}

/// A common phone's viewport.
pub const PHONE: (u32, u32) = (390, 844);

/// A browser the size of a phone, signed in as the demo's field monitor (community 1 of
/// project 1), on the households tab of project 1.
pub fn monitor_on_a_phone(server: &TestServer, javascript: JavaScript) -> Browser {
    let browser =
        Browser::launch_with(tests::BrowserOptions::new(javascript).window_size(PHONE.0, PHONE.1));
    sign_in(
        &browser,
        server,
        "monitor@demo.sembrar.example",
        "sembrar-monitor-demo",
    );
    browser.goto(&server.url("/projects/1/households"));
    browser.wait_until_interactive();
    browser
}

/// The value a JavaScript-on test puts on `window` to prove later that no full page load happened.
pub const MARKER: i64 = 42;

/// Sets [`MARKER`] on `window` (JavaScript on only).
pub fn set_marker(browser: &Browser) {
    browser.execute_script(&format!("window.__sembrar_marker = {MARKER};"), vec![]);
}

/// Asserts that [`MARKER`] is still on `window`: the page has not been reloaded since
/// [`set_marker`].
pub fn assert_marker_survived(browser: &Browser, when: &str) {
    let marker = browser.execute_script("return window.__sembrar_marker ?? null;", vec![]);
    assert_eq!(
        marker,
        json!(MARKER),
        "the page was fully reloaded {when} (window.__sembrar_marker is gone)"
    );
}

/// Saves a screenshot named after the test and the JavaScript mode, for JavaScript-on runs.
pub fn screenshot_if_javascript(browser: &Browser, test: &str) {
    if browser.javascript() == JavaScript::On {
        let path = browser.screenshot(&format!("{test}-{}", browser.javascript().label()));
        eprintln!("screenshot: {}", path.display());
    }
}

/// Creates a program through `/programs/new`, starting from the programs page, and ends on the
/// program's page. Returns the program's id.
pub fn create_program_through_the_form(browser: &Browser, name: &str, description: &str) -> String {
    browser.find("a#new-program-link").click();
    browser.wait_for_url("/programs/new", |path| path == "/programs/new");
    browser.find("form#program-form");
    browser.wait_until_interactive();

    browser.find("#program-name").replace_text(name);
    browser
        .find("#program-description")
        .replace_text(description);
    browser.find("#program-submit").click();

    let url = browser.wait_for_url("another page than the form", |path| path != "/programs/new");
    let id = match id_after(&url, "/programs/") {
        Some(id) => id.to_owned(),
        None => {
            // The app went back to the list: open the new program from there.
            let link = browser.wait_for(&format!("a link to the program {name:?}"), || {
                browser
                    .find_all("ul#program-list li a")
                    .into_iter()
                    .find(|link| link.try_text().is_ok_and(|text| text.trim() == name))
            });
            link.click();
            let url = browser.wait_for_url("a program page", |path| {
                id_after(path, "/programs/").is_some_and(|id| id != "new")
            });
            id_after(&url, "/programs/")
                .expect("a program id")
                .to_owned()
        }
    };
    browser.wait_until(&format!("the program page's title to be {name:?}"), || {
        browser
            .texts_of("h1")
            .first()
            .is_some_and(|title| title.trim() == name)
    });
    id
}

/// What to put into the project form; `None` and empty values leave a field untouched.
#[derive(Debug, Clone, Default)]
pub struct ProjectInput<'a> {
    /// `#project-name` (typed; empty leaves it empty).
    pub name: &'a str,
    /// The value to choose in `select#project-kind` (`ad`, `preventive_ad`).
    pub kind: Option<&'a str>,
    /// The value to choose in `select#project-country` (`CO`, `PE`…).
    pub country: Option<&'a str>,
    /// `#project-start-date` as `YYYY-MM-DD`.
    pub start_date: Option<&'a str>,
    /// `#project-end-date` as `YYYY-MM-DD`.
    pub end_date: Option<&'a str>,
    /// The illicit crops to tick (`coca_bush`, `opium_poppy`, `cannabis_plant`).
    pub illicit_crops: &'a [&'a str],
    /// Planned crops as (crop value, hectares text), filling rows 0, 1…
    pub planned_crops: &'a [(&'a str, &'a str)],
    /// `#project-description` (typed).
    pub description: &'a str,
}

/// Fills the project form that is on the page, as a user would, without submitting it.
pub fn fill_project_form(browser: &Browser, input: &ProjectInput<'_>) {
    browser.find("form#project-form");
    browser.find("#project-name").replace_text(input.name);
    if let Some(kind) = input.kind {
        browser.find("select#project-kind").select_by_value(kind);
    }
    if let Some(country) = input.country {
        browser
            .find("select#project-country")
            .select_by_value(country);
    }
    if let Some(date) = input.start_date {
        browser.find("input#project-start-date").type_date(date);
    }
    if let Some(date) = input.end_date {
        browser.find("input#project-end-date").type_date(date);
    }
    for crop in input.illicit_crops {
        let checkbox = browser.find(&format!("input#illicit-crop-{crop}"));
        if !checkbox.is_selected() {
            checkbox.click();
        }
        assert!(
            checkbox.is_selected(),
            "the checkbox for {crop} does not stay checked"
        );
    }
    for (row, (crop, hectares)) in input.planned_crops.iter().enumerate() {
        browser
            .find(&format!("select#planned-crop-{row}"))
            .select_by_value(crop);
        browser
            .find(&format!("input#planned-hectares-{row}"))
            .replace_text(hectares);
    }
    browser
        .find("#project-description")
        .replace_text(input.description);
}

/// Opens the program's page with a full load and returns the names of the projects it lists.
pub fn projects_listed_on_the_program_page(
    browser: &Browser,
    server: &TestServer,
    program_id: &str,
    program_name: &str,
) -> Vec<String> {
    browser.goto(&server.url(&format!("/programs/{program_id}")));
    browser.wait_until_interactive();
    browser.wait_until(
        &format!("the program page's title to be {program_name:?}"),
        || {
            browser
                .texts_of("h1")
                .first()
                .is_some_and(|title| title.trim() == program_name)
        },
    );
    browser
        .texts_of("ul#project-list li a")
        .into_iter()
        .map(|name| name.trim().to_owned())
        .collect()
}

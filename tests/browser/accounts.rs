//! Accounts in the browser: what each of the five demo roles sees (JavaScript on), and an
//! administrator inviting a new user who sets a password and signs in (JavaScript off).

use tests::{Browser, JavaScript, TestServer};

use crate::support::{screenshot_if_javascript, sign_in};

const COLOMBIA: &str = "DEMO · Southern Colombia alternative development program";
const PERU: &str = "DEMO · VRAEM and Huallaga crop substitution (Peru)";
const PUTUMAYO: &str = "Cacao para la paz — Putumayo";
const CAQUETA: &str = "Cafés especiales del Caquetá";
const GUAVIARE: &str = "Guaviare sostenible — caucho, miel y piscicultura";
const VRAEM: &str = "Cacao fino de aroma — VRAEM";
const HUALLAGA: &str = "Huallaga: café y cacao con cooperativas";

/// What one demo account should see.
struct RoleView {
    email: &'static str,
    password: &'static str,
    /// `#account-name`.
    name: &'static str,
    /// `#account-roles`.
    role: &'static str,
    /// Whether `#nav-users` is offered.
    users: bool,
    /// Whether `#nav-audit` is offered.
    audit: bool,
    /// Whether `#new-program-link` is offered.
    new_program: bool,
    /// The programs listed, each with the projects its page lists, in the order shown.
    programs: &'static [(&'static str, &'static [&'static str])],
}

const ALL_PROJECTS: &[(&str, &[&str])] = &[
    (COLOMBIA, &[PUTUMAYO, CAQUETA, GUAVIARE]),
    (PERU, &[VRAEM, HUALLAGA]),
];

const DEMO_ROLES: [RoleView; 5] = [
    RoleView {
        email: "admin@demo.sembrar.example",
        password: "sembrar-admin-demo",
        name: "Demo administrator",
        role: "Administrator",
        users: true,
        audit: true,
        new_program: true,
        programs: ALL_PROJECTS,
    },
    RoleView {
        email: "officer@demo.sembrar.example",
        password: "sembrar-officer-demo",
        name: "Demo program officer",
        role: "Program officer",
        users: false,
        audit: false,
        new_program: true,
        programs: ALL_PROJECTS,
    },
    RoleView {
        email: "me@demo.sembrar.example",
        password: "sembrar-me-demo",
        name: "Demo m&e officer",
        role: "M&E officer",
        users: false,
        audit: true,
        new_program: false,
        programs: &[(COLOMBIA, &[PUTUMAYO, CAQUETA, GUAVIARE])],
    },
    RoleView {
        email: "monitor@demo.sembrar.example",
        password: "sembrar-monitor-demo",
        name: "Demo field monitor",
        role: "Field monitor",
        users: false,
        audit: false,
        new_program: false,
        programs: &[(COLOMBIA, &[PUTUMAYO])],
    },
    RoleView {
        email: "donor@demo.sembrar.example",
        password: "sembrar-donor-demo",
        name: "Demo donor viewer",
        role: "Donor viewer",
        users: false,
        audit: false,
        new_program: false,
        programs: &[(COLOMBIA, &[CAQUETA]), (PERU, &[VRAEM])],
    },
];

fn trimmed(texts: Vec<String>) -> Vec<String> {
    texts.into_iter().map(|t| t.trim().to_owned()).collect()
}

fn wait_for_title(browser: &Browser, title: &str) {
    browser.wait_until(&format!("the page's title to be {title:?}"), || {
        browser
            .texts_of("main h1")
            .first()
            .is_some_and(|h1| h1.trim() == title)
    });
}

/// Signs in as `view`'s account and checks the header, the menus, the programs and their
/// projects; signs out at the end.
fn check_what_the_role_sees(browser: &Browser, server: &TestServer, view: &RoleView) {
    let who = view.email;
    sign_in(browser, server, view.email, view.password);
    browser.wait_until_interactive();
    browser.find("ul#program-list");

    assert_eq!(
        browser.find("#account-name").text().trim(),
        view.name,
        "{who}"
    );
    assert_eq!(
        browser.find("#account-roles").text().trim(),
        view.role,
        "{who}"
    );
    assert!(browser.exists("#nav-account"), "{who}: the account link");
    assert_eq!(
        browser.exists("#nav-users"),
        view.users,
        "{who}: Users link"
    );
    assert_eq!(
        browser.exists("#nav-audit"),
        view.audit,
        "{who}: Audit trail link"
    );
    assert_eq!(
        browser.exists("#new-program-link"),
        view.new_program,
        "{who}: New program link"
    );
    let listed = trimmed(browser.texts_of("ul#program-list li h2 a"));
    let expected: Vec<&str> = view.programs.iter().map(|(name, _)| *name).collect();
    assert_eq!(listed, expected, "{who}: the programs listed");
    screenshot_if_javascript(browser, &format!("role-{}-programs", view.role));

    for (program, projects) in view.programs {
        browser.goto(&server.url("/"));
        browser.wait_until_interactive();
        let link = browser.wait_for(&format!("a link to {program:?}"), || {
            browser
                .find_all("ul#program-list li h2 a")
                .into_iter()
                .find(|a| a.try_text().is_ok_and(|t| t.trim() == *program))
        });
        link.click();
        wait_for_title(browser, program);
        browser.find("ul#project-list");
        let listed = trimmed(browser.texts_of("ul#project-list li h3 a"));
        assert_eq!(listed, *projects, "{who}: the projects of {program}");
    }

    if view.users {
        browser.find("#nav-users").click();
        browser.wait_for_url("the users page", |path| path == "/admin/users");
        browser.find("table#user-table");
        assert!(
            browser
                .texts_of("table#user-table tbody th")
                .iter()
                .any(|email| email.trim() == view.email),
            "{who}: the users page lists the administrator"
        );
    }
    if view.audit {
        browser.find("#nav-audit").click();
        browser.wait_for_url("the audit trail", |path| path == "/audit");
        browser.find("form#audit-filter");
        browser.find("table#audit-table");
        screenshot_if_javascript(browser, &format!("role-{}-audit", view.role));
    }
    browser.find("#nav-account").click();
    browser.wait_for_url("the account page", |path| path == "/account");
    assert_eq!(browser.wait_for_text("#me-email"), view.email, "{who}");
    let grants = trimmed(browser.texts_of("#me-grants li"));
    assert!(
        !grants.is_empty() && grants.iter().all(|g| g.starts_with(view.role)),
        "{who}: the account page lists the roles with their scopes: {grants:?}"
    );
    if !view.users {
        browser.goto(&server.url("/admin/users"));
        browser.find("main .notice--error");
        assert!(!browser.exists("table#user-table"), "{who}: no user list");
    }

    browser.find("#sign-out").click();
    browser.wait_for_url("the sign-in page", |path| path == "/login");
}

#[test]
fn each_demo_role_sees_its_name_menus_programs_and_projects_with_javascript() {
    let server = TestServer::spawn_with(|cmd| {
        cmd.env("SEMBRAR_SEED_DEMO", "true");
    });
    let browser = Browser::launch(JavaScript::On);
    for view in &DEMO_ROLES {
        check_what_the_role_sees(&browser, &server, view);
    }
}

#[test]
fn an_invited_user_sets_a_password_and_signs_in_without_javascript() {
    const EMAIL: &str = "rosa.mamani@example.org";
    const NAME: &str = "Rosa Mamani";
    const PASSWORD: &str = "quinua y cacao en el VRAEM";

    let server = TestServer::spawn();
    let browser = Browser::launch(JavaScript::Off);
    crate::support::sign_in_as_admin(&browser, &server);
    browser.find("#nav-users").click();
    browser.wait_for_url("the users page", |path| path == "/admin/users");

    // A wrong email comes back with its error, and what was typed is kept.
    browser.find("#user-email").replace_text("rosa.mamani");
    browser.find("#user-display-name").replace_text(NAME);
    browser
        .find("select#user-role")
        .select_by_value("donor_viewer");
    browser
        .find("select#user-scope-kind")
        .select_by_value("global");
    browser.find("#user-submit").click();
    browser.wait_for_text("#user-email-error");
    browser.find("#form-errors");
    assert_eq!(browser.find("#user-display-name").value(), NAME);
    assert_eq!(browser.find("select#user-role").value(), "donor_viewer");
    assert!(!browser.exists("#invitation-link"));

    browser.find("#user-email").replace_text(EMAIL);
    browser.find("#user-submit").click();
    let link = browser.find("a#invitation-link");
    let href = link.attribute("href").unwrap_or_default();
    assert!(
        href.starts_with(&server.url("/invite/inv_")),
        "an absolute invitation link on this site: {href}"
    );
    assert_eq!(browser.find("#invitation-email").text().trim(), EMAIL);
    assert!(
        browser
            .texts_of("table#user-table tbody tr")
            .iter()
            .any(|row| row.contains(EMAIL) && row.contains("Invitation pending")),
        "the new account is listed as invited"
    );

    link.click();
    browser.wait_for_url("the invitation page", |path| path.starts_with("/invite/"));
    assert_eq!(browser.find("#invitation-email").text().trim(), EMAIL);
    browser.find("#invitation-password").replace_text(PASSWORD);
    browser
        .find("#invitation-password-repeat")
        .replace_text("something else entirely");
    browser.find("#invitation-submit").click();
    browser.wait_for_text("#invitation-password-repeat-error");
    assert_eq!(
        browser.find("#invitation-password").value(),
        "",
        "passwords are never sent back"
    );
    browser.find("#invitation-password").replace_text(PASSWORD);
    browser
        .find("#invitation-password-repeat")
        .replace_text(PASSWORD);
    browser.find("#invitation-submit").click();
    browser.wait_for_url("the sign-in page", |path| path == "/login");

    sign_in(&browser, &server, EMAIL, PASSWORD);
    assert_eq!(browser.find("#account-name").text().trim(), NAME);
    assert_eq!(browser.find("#account-roles").text().trim(), "Donor viewer");
    assert!(!browser.exists("#nav-users"));
    assert!(!browser.exists("#nav-audit"));

    // The link worked once.
    browser.goto(&href);
    browser.find("#invitation-invalid");
}

#[test]
fn an_administrator_deactivates_an_account_and_removes_its_role_on_a_phone_without_javascript() {
    let server = TestServer::spawn_with(|cmd| {
        cmd.env("SEMBRAR_SEED_DEMO", "true");
    });
    let browser =
        Browser::launch_with(tests::BrowserOptions::new(JavaScript::Off).window_size(360, 740));
    crate::support::sign_in_as_admin(&browser, &server);
    browser.goto(&server.url("/admin/users"));
    let link = browser.wait_for("the monitor's link", || {
        browser
            .find_all("table#user-table tbody th a")
            .into_iter()
            .find(|a| {
                a.try_text()
                    .is_ok_and(|t| t.trim() == "monitor@demo.sembrar.example")
            })
    });
    link.click();
    browser.wait_for_url("the monitor's account", |path| {
        path.starts_with("/admin/users/")
    });
    assert_eq!(
        browser.wait_for_text("#account-email"),
        "monitor@demo.sembrar.example"
    );
    browser.screenshot("account-page-phone");

    browser.find("#deactivate").click();
    browser.find("#account-deactivated");
    assert_eq!(browser.wait_for_text("#account-status"), "Deactivated");
    browser.screenshot("account-deactivated-phone");
    browser.find("#reactivate").click();
    browser.find("#account-reactivated");
    assert_eq!(browser.wait_for_text("#account-status"), "Active");

    browser.find("button[id^='remove-grant-']").click();
    browser.find("#role-removed");
    browser.find("#no-roles");
    // Every step is in the audit trail.
    browser.goto(&server.url("/audit"));
    let actions = browser.texts_of("table#audit-table tbody tr").join("\n");
    for action in ["Deactivate", "Reactivate", "Revoke"] {
        assert!(
            actions.contains(action),
            "{action} in the audit trail:\n{actions}"
        );
    }
}

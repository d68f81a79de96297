//! The personal-data key: kept apart from the data folder, checked against the data before the
//! server starts (a missing or wrong key refuses the start and says what to do, instead of
//! sealing new data nobody can open), `sembrar rotate-key`, and a stored value that does not
//! open is never overwritten by an edit that could not show it.

use serde_json::{Value, json};
use tests::{Http, TestServer};

fn household(community: i64) -> Value {
    json!({
        "community_id": community,
        "head_sex": "female",
        "head_age_band": "30_59",
        "members_female_30_59": 1,
        "land_tenure": "titled_owner",
        "title_holder": "woman",
        "enrolled_on": "2025-03-14",
        "name": "Rosalía Ñaupari Quispe",
        "phone": "+51 964 123 457"
    })
}

/// A server with a project, a community and one household with a name and a phone number;
/// answers the household's id.
fn server_with_a_household() -> (TestServer, i64) {
    let server = TestServer::spawn();
    let (project, community) = tests::fixtures::project_with_community(
        &server,
        "Sur",
        "Cacao",
        "CO",
        "Vereda La Carmelita",
    );
    let created = server.http().post_json(
        &format!("/api/v1/projects/{project}/households"),
        &household(community),
    );
    created.assert_status(201);
    let id = created.json()["id"].as_i64().unwrap();
    (server, id)
}

fn name_of(http: &Http, household: i64) -> Value {
    let seen = http.get(&format!("/api/v1/households/{household}"));
    seen.assert_status(200);
    seen.json()["detail"]["household"]["personal"]["name"].clone()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn the_key_file_is_made_apart_from_the_data_folder_and_readable_by_its_owner_only() {
    let server = TestServer::spawn();
    let key = server.key_file();
    assert!(
        key.is_file(),
        "a key file is made on the first start of an empty database"
    );
    assert!(!key.starts_with(server.data_dir()));
    assert!(
        std::fs::read_dir(server.data_dir())
            .unwrap()
            .flatten()
            .all(|f| !f.file_name().to_string_lossy().contains("key")),
        "nothing of the key in the data folder"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let text = std::fs::read_to_string(&key).unwrap();
    assert_eq!(text.trim().len(), 44, "32 bytes in base64");
    assert_eq!(
        server.sql("SELECT COUNT(*) FROM sealing_key_check").trim(),
        "1",
        "the key's check value is stored with the data"
    );
}

#[test]
fn a_missing_key_file_with_sealed_data_refuses_the_start_and_makes_no_new_key() {
    let (mut server, id) = server_with_a_household();
    let key = server.key_file();
    let saved = std::fs::read_to_string(&key).unwrap();
    std::fs::remove_file(&key).unwrap();
    let refused = server.run_binary(&[], |_| {});
    assert!(!refused.status.success());
    let message = stderr(&refused);
    assert!(
        message.contains("the key for personal data is missing"),
        "{message}"
    );
    assert!(message.contains(&key.display().to_string()), "{message}");
    assert!(message.contains("restore"), "{message}");
    assert!(!key.exists(), "no new key was made");

    std::fs::write(&key, saved).unwrap();
    server.start_again(|_| {});
    assert_eq!(name_of(server.http(), id), "Rosalía Ñaupari Quispe");
}

#[test]
fn another_key_refuses_the_start_and_the_data_stays_readable_with_the_right_one() {
    let (mut server, id) = server_with_a_household();
    let other = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    let refused = server.run_binary(&[], |command| {
        command.env("SEMBRAR_PERSONAL_DATA_KEY", other);
    });
    assert!(!refused.status.success());
    let message = stderr(&refused);
    assert!(
        message.contains("is not the key the database's names and phone numbers were sealed with"),
        "{message}"
    );
    assert!(message.contains("SEMBRAR_PERSONAL_DATA_KEY"), "{message}");
    server.start_again(|_| {});
    assert_eq!(name_of(server.http(), id), "Rosalía Ñaupari Quispe");
}

#[test]
fn rotate_key_seals_every_name_again_under_a_new_key_and_the_old_key_no_longer_opens_it() {
    let (mut server, id) = server_with_a_household();
    let key = server.key_file();
    let old_key = std::fs::read_to_string(&key).unwrap();
    let old_seal = server.sql(&format!(
        "SELECT name_sealed FROM households WHERE id = {id}"
    ));

    let rotated = server.run_binary(&["rotate-key"], |_| {});
    let printed = String::from_utf8_lossy(&rotated.stdout).into_owned();
    assert!(rotated.status.success(), "{printed}{}", stderr(&rotated));
    assert!(
        printed.contains("Sealed 2 names and phone numbers again"),
        "{printed}"
    );
    let new_key = std::fs::read_to_string(&key).unwrap();
    assert_ne!(new_key, old_key);
    assert_eq!(
        std::fs::read_to_string(key.with_extension("key.old")).unwrap(),
        old_key,
        "the previous key is kept beside it"
    );
    assert!(!key.with_extension("key.next").exists());
    let new_seal = server.sql(&format!(
        "SELECT name_sealed FROM households WHERE id = {id}"
    ));
    assert_ne!(new_seal, old_seal);

    server.start_again(|_| {});
    assert_eq!(name_of(server.http(), id), "Rosalía Ñaupari Quispe");
    let with_old = server.run_binary(&[], |command| {
        command.env("SEMBRAR_PERSONAL_DATA_KEY", old_key.trim());
    });
    assert!(
        !with_old.status.success(),
        "the old key no longer starts the server"
    );
}

#[test]
fn a_rotation_stopped_before_its_key_was_moved_into_place_is_finished_on_the_next_start() {
    let (mut server, id) = server_with_a_household();
    let key = server.key_file();
    server.run_binary(&["rotate-key"], |_| {});
    let new_key = std::fs::read_to_string(&key).unwrap();
    // As if the rotation stopped after sealing the data again: the new key still waits as
    // `.next` and the old one is in place.
    std::fs::rename(&key, key.with_extension("key.next")).unwrap();
    std::fs::rename(key.with_extension("key.old"), &key).unwrap();
    server.start_again(|_| {});
    assert_eq!(std::fs::read_to_string(&key).unwrap(), new_key);
    assert_eq!(name_of(server.http(), id), "Rosalía Ñaupari Quispe");
}

#[test]
fn a_stored_name_that_does_not_open_is_kept_when_the_household_is_saved_without_it() {
    let (server, id) = server_with_a_household();
    let http = server.http();
    let damaged = "v1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    server.sql(&format!(
        "UPDATE households SET name_sealed = '{damaged}' WHERE id = {id}"
    ));
    assert_eq!(name_of(http, id), Value::Null, "shown empty");
    // The form as it was shown: no name; the phone number changed.
    let community = server
        .sql(&format!(
            "SELECT community_id FROM households WHERE id = {id}"
        ))
        .trim()
        .parse()
        .unwrap();
    let mut form = household(community);
    form["name"] = json!("");
    form["phone"] = json!("+51 964 000 111");
    http.put_json(&format!("/api/v1/households/{id}"), &form)
        .assert_status(200);
    assert_eq!(
        server
            .sql(&format!(
                "SELECT name_sealed FROM households WHERE id = {id}"
            ))
            .trim(),
        damaged,
        "the value that did not open is kept to open once its key is back"
    );
    // A name typed in replaces it.
    form["name"] = json!("Rosa Ñaupari");
    http.put_json(&format!("/api/v1/households/{id}"), &form)
        .assert_status(200);
    assert_eq!(name_of(http, id), "Rosa Ñaupari");
}

//! A JSON body extractor whose errors use the API's error shape and name the field at fault.

use super::error::ApiError;
use app::error::AppError;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use http::{StatusCode, header};
use serde::de::DeserializeOwned;

/// The media type a request's `Content-Type` names, lower case, without its parameters (empty
/// when there is none).
pub fn media_type(headers: &http::HeaderMap) -> String {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// A JSON request body of type `T`.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let mime = media_type(request.headers());
        let is_json = mime == "application/json" || mime.ends_with("+json");
        if !is_json {
            return Err(ApiError(AppError::BadRequest(
                "Send the body as JSON, with the header Content-Type: application/json.".into(),
            )));
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError(AppError::TooLarge(crate::http::BODY_LIMIT))
                } else {
                    ApiError(AppError::BadRequest("The body could not be read.".into()))
                }
            })?;
        parse(&bytes)
            .map(ApiJson)
            .map_err(|detail| ApiError(AppError::BadRequest(detail)))
    }
}

/// Parses JSON, naming the path of the field at fault (`planned_crops[0].crop: ...`).
fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if path == "." || inner.is_syntax() || inner.is_eof() {
            format!("Malformed JSON: {inner}.")
        } else {
            format!("Field `{path}`: {inner}.")
        }
    })?;
    deserializer
        .end()
        .map_err(|e| format!("Malformed JSON: {e}."))?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::parse;
    use shared::project::ProjectForm;

    #[test]
    fn json_errors_name_the_field_at_fault() {
        let err = parse::<ProjectForm>(br#"{"name": 5}"#).unwrap_err();
        assert!(err.starts_with("Field `name`"), "{err}");
        let err =
            parse::<ProjectForm>(br#"{"planned_crops": [{"crop": "cocoa", "x": 1}]}"#).unwrap_err();
        assert!(
            err.contains("planned_crops[0]") && err.contains("unknown field `x`"),
            "{err}"
        );
    }

    #[test]
    fn malformed_json_and_trailing_text_are_refused() {
        assert!(
            parse::<ProjectForm>(b"{\"name\": ")
                .unwrap_err()
                .starts_with("Malformed JSON")
        );
        assert!(
            parse::<ProjectForm>(b"{} {}")
                .unwrap_err()
                .starts_with("Malformed JSON")
        );
    }
}

/// What a request carrying a NUL character is told.
const NUL_MESSAGE: &str =
    "Text sent may not contain a NUL character (U+0000): remove it and send again.";

/// Whether text sent as a form (`%00`), as JSON (`\u0000`, unless its backslash is itself
/// escaped) or raw carries a NUL character.
fn carries_nul(bytes: &[u8]) -> bool {
    if bytes.contains(&0) {
        return true;
    }
    let lower = bytes.to_ascii_lowercase();
    if lower.windows(3).any(|w| w == b"%00") {
        return true;
    }
    lower.windows(6).enumerate().any(|(i, w)| {
        w == b"\\u0000" && lower[..i].iter().rev().take_while(|b| **b == b'\\').count() % 2 == 0
    })
}

/// Refuses (400) a request whose address or text body (a form or JSON) carries a NUL character,
/// before any handler reads it: PostgreSQL cannot store one in text, nor even compare one, so it
/// would end as a 500 deep in a query; no person types one. Files (multipart, octet-stream) pass:
/// their readers keep NUL bytes as data.
pub async fn refuse_nul(
    request: Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    let refused = || ApiError(AppError::BadRequest(NUL_MESSAGE.into())).into_response();
    if request
        .uri()
        .path_and_query()
        .is_some_and(|pq| carries_nul(pq.as_str().as_bytes()))
    {
        return refused();
    }
    let mime = media_type(request.headers());
    let textual = mime == "application/x-www-form-urlencoded"
        || mime == "application/json"
        || mime.ends_with("+json");
    if !textual {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    // The largest body any route takes; each route's own limit still applies after this.
    let bytes = match axum::body::to_bytes(body, services::import_files::UPLOAD_LIMIT).await {
        Ok(bytes) => bytes,
        Err(_) => return ApiError(AppError::TooLarge(crate::http::BODY_LIMIT)).into_response(),
    };
    if carries_nul(&bytes) {
        return refused();
    }
    next.run(Request::from_parts(parts, axum::body::Body::from(bytes)))
        .await
}

#[cfg(test)]
mod nul_tests {
    use super::carries_nul;

    #[test]
    fn a_nul_is_found_raw_url_encoded_or_json_escaped_but_not_in_an_escaped_backslash() {
        assert!(carries_nul(b"a\0b"));
        assert!(carries_nul(b"name=a%00b"));
        assert!(carries_nul(br#"{"name":"a\u0000b"}"#));
        assert!(carries_nul(br#"{"name":"a\\\u0000b"}"#));
        assert!(!carries_nul(br#"{"name":"a\\u0000b"}"#));
        assert!(!carries_nul(b"name=Ana%20Mar%C3%ADa&n=100"));
    }
}

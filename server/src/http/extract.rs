//! A JSON body extractor whose errors use the API's error shape and name the field at fault.

use super::error::ApiError;
use app::error::AppError;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use http::{StatusCode, header};
use serde::de::DeserializeOwned;

/// A JSON request body of type `T`.
#[derive(Debug)]
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| {
                v.split(';')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_ascii_lowercase()
            })
            .is_some_and(|mime| mime == "application/json" || mime.ends_with("+json"));
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

//! `GET /healthz`: 200 when the database answers, 503 when it does not.

use super::AppState;
use axum::Json;
use axum::extract::State;
use http::StatusCode;
use serde_json::{Value, json};

/// The health check, for load balancers and monitoring.
pub async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let engine = state.db.engine.name();
    if state.db.is_reachable().await {
        (
            StatusCode::OK,
            Json(json!({"status": "ok", "database": engine})),
        )
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({"status": "unavailable", "database": engine})),
        )
    }
}

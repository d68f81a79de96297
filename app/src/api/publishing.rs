//! Server functions for the organisation's publishing settings and a program's IATI file.

use crate::error::AppError;
use leptos::prelude::*;
use shared::iati::IatiPreview;
use shared::organisation::Organisation;

/// The caller's organisation and its publishing settings.
#[server(prefix = "/rpc", endpoint = "get_organisation")]
pub async fn get_organisation() -> Result<Organisation, AppError> {
    use crate::context::{answer, services_and_caller};
    let (services, caller) = services_and_caller()?;
    answer(services.organisation(&caller).await)
}

/// What a program's IATI file will hold.
#[server(prefix = "/rpc", endpoint = "get_iati_preview")]
pub async fn get_iati_preview(program_id: i64) -> Result<IatiPreview, AppError> {
    use crate::context::{answer, services_and_caller};
    let (services, caller) = services_and_caller()?;
    answer(services.iati_preview(&caller, program_id).await)
}

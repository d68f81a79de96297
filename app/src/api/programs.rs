//! Server functions for programs.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use shared::program::{Program, ProgramDetail, ProgramForm};

/// Every program, by name.
#[server(prefix = "/rpc", endpoint = "list_programs")]
pub async fn list_programs() -> Result<Vec<Program>, AppError> {
    crate::backend::use_backend()?.list_programs().await
}

/// One program with its projects.
#[server(prefix = "/rpc", endpoint = "get_program")]
pub async fn get_program(id: i64) -> Result<ProgramDetail, AppError> {
    crate::backend::use_backend()?.get_program(id).await
}

/// Creates a program; answers its id.
#[server(prefix = "/rpc", endpoint = "create_program", input = Json)]
pub async fn create_program(form: ProgramForm) -> Result<i64, AppError> {
    crate::backend::use_backend()?
        .create_program(form)
        .await
        .map(|p| p.id)
}

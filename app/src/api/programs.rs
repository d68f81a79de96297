//! Server functions for programs.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use shared::program::{Program, ProgramDetail, ProgramForm};

/// Every program, by name.
#[server(prefix = "/rpc", endpoint = "list_programs")]
pub async fn list_programs() -> Result<Vec<Program>, AppError> {
    let (backend, caller) = crate::backend::backend_and_caller()?;
    crate::backend::answer(backend.list_programs(&caller).await)
}

/// One program with its projects.
#[server(prefix = "/rpc", endpoint = "get_program")]
pub async fn get_program(id: i64) -> Result<ProgramDetail, AppError> {
    let (backend, caller) = crate::backend::backend_and_caller()?;
    crate::backend::answer(backend.get_program(&caller, id).await)
}

/// Creates a program; answers its id.
#[server(prefix = "/rpc", endpoint = "create_program", input = Json)]
pub async fn create_program(form: ProgramForm) -> Result<i64, AppError> {
    let (backend, caller) = crate::backend::backend_and_caller()?;
    crate::backend::answer(backend.create_program(&caller, form).await.map(|p| p.id))
}

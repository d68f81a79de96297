//! Reads the files field monitors upload from KoboToolbox or ODK into sheets: an XLSX workbook
//! (KoboToolbox's export: the submissions' sheet first, a sheet per repeat group), a ZIP of CSV
//! files (ODK Central's export: `form.csv` and `form-repeat.csv`), or CSV files. The sheet of
//! submissions comes first: the one without a `_parent_index` or `PARENT_KEY` column. Every
//! reader checks the import's limits while it reads (`shared::sheet`, `shared::xlsx_read`).

use shared::field_import::{FileProblem, Sheet, sheet_name};
use shared::sheet::{Budget, IMPORT_LIMITS, decode_text, read_csv};
use shared::xlsx_read::{is_workbook, is_zip, read_xlsx, read_zip_of_csv};

/// The largest upload an import takes.
pub const UPLOAD_LIMIT: usize = 25 * 1024 * 1024;

/// Reads one uploaded file into its sheets, counting them against `budget`.
fn read_file(
    file_name: &str,
    bytes: &[u8],
    budget: &mut Budget,
) -> Result<Vec<Sheet>, FileProblem> {
    let lower = file_name.to_lowercase();
    if is_zip(bytes) {
        // An XLSX workbook is a ZIP with a workbook inside; anything else, CSV files.
        return if lower.ends_with(".xlsx") || is_workbook(bytes) {
            read_xlsx(bytes, budget)
        } else {
            read_zip_of_csv(bytes, budget)
        };
    }
    if lower.ends_with(".xls") || lower.ends_with(".xlsx") || bytes.contains(&0) {
        return Err(FileProblem::UnknownFormat);
    }
    Ok(vec![read_csv(
        &sheet_name(file_name),
        &decode_text(bytes),
        budget,
    )?])
}

/// Reads every uploaded file: the sheets with a heading and a row, the submissions' sheet first.
pub fn read_export(files: &[(String, Vec<u8>)]) -> Result<Vec<Sheet>, FileProblem> {
    let mut budget = Budget::new(IMPORT_LIMITS);
    let mut sheets = Vec::new();
    for (name, bytes) in files {
        sheets.extend(read_file(name, bytes, &mut budget)?);
    }
    sheets.retain(|s| !s.headers.is_empty() && !s.rows.is_empty());
    if sheets.is_empty() {
        return Err(FileProblem::Empty);
    }
    let is_repeat =
        |s: &Sheet| s.column("_parent_index").is_some() || s.column("PARENT_KEY").is_some();
    if let Some(main) = sheets.iter().position(|s| !is_repeat(s)) {
        let sheet = sheets.remove(main);
        sheets.insert(0, sheet);
    }
    Ok(sheets)
}

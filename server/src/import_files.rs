//! Reads the files field monitors upload from KoboToolbox or ODK into sheets: an XLSX workbook
//! (KoboToolbox's export: the submissions' sheet first, a sheet per repeat group), a ZIP of CSV
//! files (ODK Central's export: `form.csv` and `form-repeat.csv`), or CSV files. The sheet of
//! submissions comes first: the one without a `_parent_index` or `PARENT_KEY` column.

use crate::http::forms::decode_text;
use shared::field_import::{FileProblem, IMPORT_ROWS_MAX, Sheet, read_csv, sheet_name, sheet_of};
use std::io::{Cursor, Read};

/// The largest upload an import takes.
pub const UPLOAD_LIMIT: usize = 25 * 1024 * 1024;

fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// A cell of a workbook as text: whole numbers without `.0`, dates as `YYYY-MM-DD` (with the
/// time when there is one).
fn cell_text(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Bool(b) => b.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::DateTime(d) => {
            let (y, m, day, h, min, s, _) = d.to_ymd_hms_milli();
            if (h, min, s) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{day:02}")
            } else {
                format!("{y:04}-{m:02}-{day:02}T{h:02}:{min:02}:{s:02}")
            }
        }
    }
}

fn read_xlsx(bytes: &[u8]) -> Result<Vec<Sheet>, FileProblem> {
    use calamine::{Reader, Xlsx, open_workbook_from_rs};
    let mut workbook: Xlsx<_> =
        open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| FileProblem::Unreadable)?;
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|_| FileProblem::Unreadable)?;
        let first = range.start().map_or(0, |(row, _)| row);
        let records = range
            .rows()
            .enumerate()
            .map(|(i, row)| {
                let line = first + u32::try_from(i).unwrap_or(u32::MAX) + 1;
                (line, row.iter().map(cell_text).collect())
            })
            .collect();
        sheets.push(sheet_of(&name, records));
    }
    Ok(sheets)
}

fn read_zip(bytes: &[u8]) -> Result<Vec<Sheet>, FileProblem> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| FileProblem::Unreadable)?;
    let mut sheets = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|_| FileProblem::Unreadable)?;
        let name = entry
            .name()
            .map_err(|_| FileProblem::Unreadable)?
            .into_owned();
        if !name.to_lowercase().ends_with(".csv") || entry.is_dir() {
            continue;
        }
        let mut content = Vec::new();
        entry
            .by_ref()
            .take(u64::try_from(UPLOAD_LIMIT * 8).unwrap_or(u64::MAX))
            .read_to_end(&mut content)
            .map_err(|_| FileProblem::Unreadable)?;
        sheets.push(read_csv(&sheet_name(&name), &decode_text(&content)));
    }
    Ok(sheets)
}

/// Reads one uploaded file into its sheets.
pub fn read_file(file_name: &str, bytes: &[u8]) -> Result<Vec<Sheet>, FileProblem> {
    let lower = file_name.to_lowercase();
    if is_zip(bytes) {
        // An XLSX workbook is a ZIP with a workbook inside; anything else, CSV files.
        let workbook = zip::ZipArchive::new(Cursor::new(bytes))
            .map(|mut a| a.by_name("xl/workbook.xml").is_ok())
            .unwrap_or(false);
        return if workbook || lower.ends_with(".xlsx") {
            read_xlsx(bytes)
        } else {
            read_zip(bytes)
        };
    }
    if lower.ends_with(".xls") || lower.ends_with(".xlsx") || bytes.contains(&0) {
        return Err(FileProblem::UnknownFormat);
    }
    Ok(vec![read_csv(&sheet_name(file_name), &decode_text(bytes))])
}

/// Reads every uploaded file: the sheets with a heading and a row, the submissions' sheet first.
pub fn read_export(files: &[(String, Vec<u8>)]) -> Result<Vec<Sheet>, FileProblem> {
    let mut sheets = Vec::new();
    for (name, bytes) in files {
        sheets.extend(read_file(name, bytes)?);
    }
    sheets.retain(|s| !s.headers.is_empty() && !s.rows.is_empty());
    if sheets.is_empty() {
        return Err(FileProblem::Empty);
    }
    let rows: usize = sheets.iter().map(|s| s.rows.len()).sum();
    if rows > IMPORT_ROWS_MAX {
        return Err(FileProblem::TooManyRows {
            max: IMPORT_ROWS_MAX,
        });
    }
    let is_repeat =
        |s: &Sheet| s.column("_parent_index").is_some() || s.column("PARENT_KEY").is_some();
    if let Some(main) = sheets.iter().position(|s| !is_repeat(s)) {
        let sheet = sheets.remove(main);
        sheets.insert(0, sheet);
    }
    Ok(sheets)
}

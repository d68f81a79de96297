//! Sheets read from uploaded files: rows of text cells under a heading row. CSV text is read
//! here; XLSX workbooks and ZIPs of CSV files in [`crate::xlsx_read`] (feature `uploads`).
//! Every reader takes a [`Budget`] and checks it while it reads — rows, columns, cells, a cell's
//! length, the text kept — so that a small file claiming to be huge is refused before anything
//! large is allocated, and the problem names the sheet and row.

use crate::validation::Problem;
use serde::{Deserialize, Serialize};

/// One sheet of a file: its name, its column headings, and its rows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Sheet {
    /// The sheet's name (an XLSX sheet, or a CSV file's name without `.csv`).
    pub name: String,
    /// The headings of the first row.
    pub headers: Vec<String>,
    /// The rows under it, with blank rows left out.
    pub rows: Vec<SheetRow>,
}

/// A row of a sheet with the line it starts on in the file (the heading is line 1).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SheetRow {
    /// Its line (for an XLSX sheet, its row number).
    pub line: u32,
    /// Its cells as text, in the headings' order.
    pub cells: Vec<String>,
}

impl Sheet {
    /// The index of a column by its heading.
    pub fn column(&self, header: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == header)
    }

    /// A row's cell under a heading; empty when the row is short or the column absent.
    pub fn cell<'a>(&self, row: &'a SheetRow, header: &str) -> &'a str {
        self.column(header)
            .and_then(|i| row.cells.get(i))
            .map_or("", |c| c.trim())
    }
}

/// Why a file could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "code")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum FileProblem {
    /// Not CSV, XLSX or a ZIP of CSV files.
    UnknownFormat,
    /// The file is damaged or not what its name says.
    Unreadable,
    /// No sheet with a heading row and at least one row.
    Empty,
    /// More rows than a reader takes.
    TooManyRows {
        /// The limit.
        max: usize,
    },
    /// A row with more columns than a reader takes.
    TooManyColumns {
        /// The sheet.
        sheet: String,
        /// The row's line.
        line: u32,
        /// The limit.
        max: usize,
    },
    /// A cell longer than a reader takes.
    CellTooLong {
        /// The sheet.
        sheet: String,
        /// The cell's row.
        line: u32,
        /// The limit, in characters.
        max: usize,
    },
    /// More cells, or more text in them, than a reader keeps.
    TooMuchData {
        /// The most cells.
        max_cells: usize,
        /// The most text, in bytes.
        max_bytes: usize,
    },
    /// A ZIP (or XLSX, which is one) holding more files, or unpacking to more bytes, than a
    /// reader takes.
    ArchiveTooLarge {
        /// The most files.
        max_files: usize,
        /// The most bytes unpacked.
        max_bytes: u64,
    },
}

/// Bytes in a mebibyte, for messages.
const MIB: u64 = 1024 * 1024;

fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl FileProblem {
    /// The problem as a field problem of the upload.
    pub fn problem(&self) -> Problem {
        match self {
            FileProblem::UnknownFormat => Problem::UnknownFileFormat,
            FileProblem::Unreadable => Problem::UnreadableFile,
            FileProblem::Empty => Problem::EmptyFile,
            FileProblem::TooManyRows { max } => Problem::TooManyRows { max: small(*max) },
            FileProblem::TooManyColumns { sheet, line, max } => Problem::TooManyColumns {
                sheet: sheet.clone(),
                line: *line,
                max: small(*max),
            },
            FileProblem::CellTooLong { sheet, line, max } => Problem::CellTooLong {
                sheet: sheet.clone(),
                line: *line,
                max: small(*max),
            },
            FileProblem::TooMuchData {
                max_cells,
                max_bytes,
            } => Problem::TooMuchData {
                max_cells: small(*max_cells),
                max_mib: small(*max_bytes / MIB as usize),
            },
            FileProblem::ArchiveTooLarge {
                max_files,
                max_bytes,
            } => Problem::ArchiveTooLarge {
                max_files: small(*max_files),
                max_mib: u32::try_from(*max_bytes / MIB).unwrap_or(u32::MAX),
            },
        }
    }
}

/// What a reader keeps at most, over all the sheets of one upload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SheetLimits {
    /// Non-blank rows under the headings.
    pub rows: usize,
    /// Cells in a row.
    pub columns: usize,
    /// Cells kept.
    pub cells: usize,
    /// Characters in one cell.
    pub cell_chars: usize,
    /// Bytes of text kept in cells.
    pub text_bytes: usize,
}

/// A field import's limits: 100,000 rows of up to 1,000 columns, 4,000,000 cells and 64 MiB of
/// text, cells of up to 32,767 characters (a spreadsheet cell's own limit) — a KoboToolbox or
/// ODK export of a large program fits; what lies beyond is refused before it is kept.
pub const IMPORT_LIMITS: SheetLimits = SheetLimits {
    rows: 100_000,
    columns: 1_000,
    cells: 4_000_000,
    cell_chars: 32_767,
    text_bytes: 64 * 1024 * 1024,
};

/// The count of what has been kept against [`SheetLimits`], carried from sheet to sheet.
#[derive(Debug)]
pub struct Budget {
    limits: SheetLimits,
    rows: usize,
    cells: usize,
    text_bytes: usize,
}

impl Budget {
    /// Nothing kept yet.
    pub fn new(limits: SheetLimits) -> Budget {
        Budget {
            limits,
            rows: 0,
            cells: 0,
            text_bytes: 0,
        }
    }

    /// The limits.
    pub fn limits(&self) -> SheetLimits {
        self.limits
    }

    /// Rows kept so far.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Checks that a cell of `chars` characters may join a row that already has `columns`.
    ///
    /// # Errors
    /// When the row would hold too many columns or the cell is too long.
    pub fn check_cell(
        &self,
        sheet: &str,
        line: u32,
        columns: usize,
        chars: usize,
    ) -> Result<(), FileProblem> {
        if columns >= self.limits.columns {
            return Err(FileProblem::TooManyColumns {
                sheet: sheet.to_owned(),
                line,
                max: self.limits.columns,
            });
        }
        if chars > self.limits.cell_chars {
            return Err(FileProblem::CellTooLong {
                sheet: sheet.to_owned(),
                line,
                max: self.limits.cell_chars,
            });
        }
        Ok(())
    }

    /// Counts a non-blank row of `cells` (a heading row counts its cells, not as a row).
    ///
    /// # Errors
    /// When it is one row, cell or byte too many.
    pub fn keep_row(&mut self, cells: &[String], heading: bool) -> Result<(), FileProblem> {
        let bytes: usize = cells.iter().map(String::len).sum();
        self.rows += usize::from(!heading);
        self.cells += cells.len();
        self.text_bytes += bytes;
        if self.rows > self.limits.rows {
            return Err(FileProblem::TooManyRows {
                max: self.limits.rows,
            });
        }
        if self.cells > self.limits.cells || self.text_bytes > self.limits.text_bytes {
            return Err(FileProblem::TooMuchData {
                max_cells: self.limits.cells,
                max_bytes: self.limits.text_bytes,
            });
        }
        Ok(())
    }
}

fn is_blank(cells: &[String]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

/// Builds a sheet row by row: the first non-blank row is the heading; blank rows are left out;
/// each row is counted against the budget as it comes.
#[derive(Debug)]
pub struct SheetBuilder {
    sheet: Sheet,
}

impl SheetBuilder {
    /// An empty sheet named `name`.
    pub fn new(name: &str) -> SheetBuilder {
        SheetBuilder {
            sheet: Sheet {
                name: name.trim().to_owned(),
                ..Sheet::default()
            },
        }
    }

    /// The sheet's name.
    pub fn name(&self) -> &str {
        &self.sheet.name
    }

    /// Adds the row read at `line`.
    ///
    /// # Errors
    /// When the budget is spent.
    pub fn push(
        &mut self,
        line: u32,
        cells: Vec<String>,
        budget: &mut Budget,
    ) -> Result<(), FileProblem> {
        if is_blank(&cells) {
            return Ok(());
        }
        let heading = self.sheet.headers.is_empty();
        budget.keep_row(&cells, heading)?;
        if heading {
            self.sheet.headers = cells.into_iter().map(|c| c.trim().to_owned()).collect();
        } else {
            self.sheet.rows.push(SheetRow { line, cells });
        }
        Ok(())
    }

    /// The sheet.
    pub fn finish(self) -> Sheet {
        self.sheet
    }
}

/// Reads CSV text into a sheet: quoted cells (with doubled quotes and line breaks inside), the
/// delimiter the heading uses most (`,`, `;` or tab), a byte-order mark dropped.
///
/// # Errors
/// When the text holds more than the budget allows (checked cell by cell as it is read).
pub fn read_csv(name: &str, text: &str, budget: &mut Budget) -> Result<Sheet, FileProblem> {
    let text = text.trim_start_matches('\u{feff}');
    let heading = text.lines().next().unwrap_or_default();
    // The last of the most used wins a tie, so a heading of one column reads commas.
    let delimiter = ['\t', ';', ',']
        .into_iter()
        .max_by_key(|d| heading.matches(*d).count())
        .unwrap_or(',');
    let mut sheet = SheetBuilder::new(name);
    let (mut cells, mut cell) = (Vec::new(), String::new());
    let mut cell_chars = 0usize;
    let (mut quoted, mut line, mut start) = (false, 1u32, 1u32);
    let mut chars = text.chars().peekable();
    let mut any = false;
    let end_cell = |cells: &mut Vec<String>,
                    cell: &mut String,
                    cell_chars: &mut usize,
                    start: u32,
                    budget: &Budget|
     -> Result<(), FileProblem> {
        budget.check_cell(name, start, cells.len(), *cell_chars)?;
        cells.push(std::mem::take(cell));
        *cell_chars = 0;
        Ok(())
    };
    while let Some(c) = chars.next() {
        any = true;
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                cell_chars += 1;
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == delimiter && !quoted => {
                end_cell(&mut cells, &mut cell, &mut cell_chars, start, budget)?;
            }
            '\r' if !quoted => {}
            '\n' if !quoted => {
                end_cell(&mut cells, &mut cell, &mut cell_chars, start, budget)?;
                sheet.push(start, std::mem::take(&mut cells), budget)?;
                line = line.saturating_add(1);
                start = line;
            }
            c => {
                if c == '\n' {
                    line = line.saturating_add(1);
                }
                cell.push(c);
                cell_chars += 1;
                if cell_chars > budget.limits().cell_chars {
                    budget.check_cell(name, start, cells.len(), cell_chars)?;
                }
            }
        }
    }
    if any && (!cell.is_empty() || !cells.is_empty()) {
        end_cell(&mut cells, &mut cell, &mut cell_chars, start, budget)?;
        sheet.push(start, cells, budget)?;
    }
    Ok(sheet.finish())
}

/// The name a file's sheet takes: the file name without its folders and extension.
pub fn sheet_name(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    base.rsplit_once('.')
        .map_or(base, |(stem, _)| stem)
        .to_owned()
}

/// Text of an uploaded file: UTF-8 (a byte-order mark dropped), else Windows-1252, as
/// spreadsheets on Windows save CSV.
pub fn decode_text(bytes: &[u8]) -> String {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.trim_start_matches('\u{feff}').to_owned();
    }
    // Windows-1252's 0x80–0x9F; the rest of the byte range is Latin-1's.
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Sheet, FileProblem> {
        read_csv("visits", text, &mut Budget::new(IMPORT_LIMITS))
    }

    #[test]
    fn csv_cells_keep_quoted_line_breaks_and_rows_keep_their_line_numbers() {
        let sheet = read("a,b\n1,\"x,\n y\"\n,\n2,z\n").unwrap();
        assert_eq!(sheet.headers, ["a", "b"]);
        assert_eq!(sheet.rows.len(), 2, "the blank row is left out");
        assert_eq!(sheet.rows[0].line, 2);
        assert_eq!(sheet.rows[0].cells, ["1", "x,\n y"]);
        assert_eq!(sheet.rows[1].line, 5);
        let semicolons = read("\u{feff}a;b\r\n1;\"2;3\"\r\n").unwrap();
        assert_eq!(semicolons.headers, ["a", "b"]);
        assert_eq!(semicolons.rows[0].cells, ["1", "2;3"]);
    }

    fn tight() -> Budget {
        Budget::new(SheetLimits {
            rows: 2,
            columns: 3,
            cells: 8,
            cell_chars: 5,
            text_bytes: 20,
        })
    }

    #[test]
    fn a_csv_past_the_limits_is_refused_while_it_is_read_naming_the_row() {
        let rows = read_csv("v", "a\n1\n2\n3\n", &mut tight());
        assert_eq!(rows, Err(FileProblem::TooManyRows { max: 2 }));
        let columns = read_csv("v", "a,b,c\n1,2,3,4\n", &mut tight());
        assert_eq!(
            columns,
            Err(FileProblem::TooManyColumns {
                sheet: "v".into(),
                line: 2,
                max: 3
            })
        );
        let long = read_csv("v", "a\n\"12\n3456\"\n", &mut tight());
        assert_eq!(
            long,
            Err(FileProblem::CellTooLong {
                sheet: "v".into(),
                line: 2,
                max: 5
            })
        );
        let text = read_csv("v", "abcde,abcde\nabcde,abcde,x\n", &mut tight());
        assert!(
            matches!(text, Err(FileProblem::TooMuchData { .. })),
            "{text:?}"
        );
        // Blank lines cost nothing: a million of them keep no row.
        assert_eq!(
            read_csv("v", "a\n1\n2\n", &mut tight()).unwrap().rows.len(),
            2
        );
        let blank = "a\n".to_owned() + &"\n".repeat(1_000_000) + "1\n";
        let sheet = read_csv("v", &blank, &mut tight()).unwrap();
        assert_eq!(sheet.rows[0].line, 1_000_002);
    }

    #[test]
    fn a_single_huge_row_of_empty_cells_is_refused_at_the_column_limit() {
        let commas = ",".repeat(5_000_000);
        let started = std::time::Instant::now();
        let result = read(&format!("a\n{commas}\n"));
        assert!(matches!(
            result,
            Err(FileProblem::TooManyColumns {
                line: 2,
                max: 1000,
                ..
            })
        ));
        assert!(started.elapsed().as_secs() < 2);
    }

    #[test]
    fn every_limit_is_told_in_both_languages() {
        for problem in [
            FileProblem::TooManyColumns {
                sheet: "plots".into(),
                line: 7,
                max: 1000,
            },
            FileProblem::CellTooLong {
                sheet: "plots".into(),
                line: 7,
                max: 32_767,
            },
            FileProblem::TooMuchData {
                max_cells: 4_000_000,
                max_bytes: 64 * 1024 * 1024,
            },
            FileProblem::ArchiveTooLarge {
                max_files: 1000,
                max_bytes: 256 * 1024 * 1024,
            },
        ] {
            for locale in crate::i18n::Locale::ALL {
                let message = problem.problem().message(locale);
                assert!(
                    message.contains("1000")
                        || message.contains("32767")
                        || message.contains("4000000"),
                    "{message}"
                );
            }
        }
        let message = FileProblem::TooManyColumns {
            sheet: "plots".into(),
            line: 7,
            max: 1000,
        }
        .problem()
        .message(crate::i18n::Locale::Es);
        assert!(
            message.contains("7") && message.contains("plots"),
            "{message}"
        );
    }

    #[test]
    fn windows_text_is_read_as_windows_1252() {
        assert_eq!(decode_text(b"caf\xe9 \x80"), "café €");
        assert_eq!(decode_text("\u{feff}café".as_bytes()), "café");
    }
}

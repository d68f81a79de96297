//! Reading uploaded ZIP files under limits: XLSX workbooks (KoboToolbox's export) and ZIPs of
//! CSV files (ODK Central's export), into [`Sheet`]s.
//!
//! Everything is checked while it is read, never after allocating: the archive's own directory
//! (files, and the unpacked size each declares, which the unpacking then holds it to) before any
//! file is unpacked; the workbook's XML read as a stream, element by element, with a bound on
//! nesting; the shared strings counted and measured as they come (a count the file announces is
//! never trusted); every cell against the [`Budget`] (a row's width, a cell's length, the cells
//! and text kept), so a 5 KB file claiming a cell in the last column of the last row, or a
//! string table of a billion entries, is refused with the limit it broke.

use crate::sheet::{Budget, FileProblem, Sheet, SheetBuilder, decode_text, read_csv, sheet_name};
use chrono::{Duration, NaiveDate};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Cursor, Read};

/// The most files an uploaded ZIP may hold.
pub const ARCHIVE_FILES_MAX: usize = 1_000;
/// The most bytes the files of an uploaded ZIP may unpack to, together.
pub const UNPACKED_BYTES_MAX: u64 = 256 * 1024 * 1024;
/// The deepest nesting of XML elements read (a worksheet needs 5).
const XML_DEPTH_MAX: usize = 64;
/// The most distinct shared strings (an XLSX cell can point at one of them).
const SHARED_STRINGS_MAX: usize = 4_000_000;

/// Whether the bytes are a ZIP archive (an XLSX workbook is one).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// Opens the archive and checks its directory: at most [`ARCHIVE_FILES_MAX`] files declaring
/// at most [`UNPACKED_BYTES_MAX`] together (the unpacking stops at each file's declared size).
fn open(bytes: &[u8]) -> Result<Archive<'_>, FileProblem> {
    let too_large = FileProblem::ArchiveTooLarge {
        max_files: ARCHIVE_FILES_MAX,
        max_bytes: UNPACKED_BYTES_MAX,
    };
    let announced = announced_entries(bytes).ok_or(FileProblem::Unreadable)?;
    if announced > ARCHIVE_FILES_MAX as u64 {
        return Err(too_large);
    }
    let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| FileProblem::Unreadable)?;
    if archive.len() > ARCHIVE_FILES_MAX {
        return Err(too_large);
    }
    let mut unpacked = 0u64;
    for i in 0..archive.len() {
        let size = archive
            .by_index_data(i)
            .map_err(|_| FileProblem::Unreadable)?
            .size();
        unpacked = unpacked.saturating_add(size);
    }
    if unpacked > UNPACKED_BYTES_MAX {
        return Err(too_large);
    }
    Ok(archive)
}

/// The number of files the archive's end record announces (its ZIP64 record's when it has
/// one), read from the bytes themselves before the ZIP reader sizes anything by it; `None`
/// when there is no end record.
fn announced_entries(bytes: &[u8]) -> Option<u64> {
    const END: &[u8] = b"PK\x05\x06";
    const END64: &[u8] = b"PK\x06\x06";
    // The end record is 22 bytes plus a comment of at most 65,535.
    let tail_start = bytes.len().saturating_sub(22 + 65_535);
    let at = bytes[tail_start..]
        .windows(4)
        .rposition(|w| w == END)
        .map(|i| tail_start + i)?;
    let record = bytes.get(at..at + 22)?;
    let entries = u64::from(u16::from_le_bytes([record[10], record[11]]));
    if entries != 0xFFFF {
        return Some(entries);
    }
    // ZIP64: the locator (20 bytes) before the end record points at the ZIP64 end record.
    let locator = bytes.get(at.checked_sub(20)?..at)?;
    let offset = usize::try_from(u64::from_le_bytes(locator[8..16].try_into().ok()?)).ok()?;
    let record64 = bytes.get(offset..offset.checked_add(56)?)?;
    if &record64[..4] != END64 {
        return None;
    }
    Some(u64::from_le_bytes(record64[32..40].try_into().ok()?))
}

/// One file of the archive as a buffered stream (`None` when absent).
fn entry<'a>(
    archive: &'a mut Archive<'_>,
    name: &str,
) -> Option<Result<impl BufRead + 'a, FileProblem>> {
    match archive.by_name(name) {
        Ok(file) => Some(Ok(BufReader::new(file))),
        Err(zip::result::ZipError::FileNotFound) => None,
        Err(_) => Some(Err(FileProblem::Unreadable)),
    }
}

/// Reads XML events, refusing nesting deeper than [`XML_DEPTH_MAX`].
struct Xml<R: BufRead> {
    reader: Reader<R>,
    buf: Vec<u8>,
    depth: usize,
}

impl<R: BufRead> Xml<R> {
    fn new(source: R) -> Xml<R> {
        let mut reader = Reader::from_reader(source);
        let config = reader.config_mut();
        config.trim_text(false);
        config.expand_empty_elements = true;
        config.check_end_names = false;
        Xml {
            reader,
            buf: Vec::with_capacity(1024),
            depth: 0,
        }
    }

    fn next(&mut self) -> Result<Event<'_>, FileProblem> {
        self.buf.clear();
        let event = self
            .reader
            .read_event_into(&mut self.buf)
            .map_err(|_| FileProblem::Unreadable)?;
        match &event {
            Event::Start(_) => {
                self.depth += 1;
                if self.depth > XML_DEPTH_MAX {
                    return Err(FileProblem::Unreadable);
                }
            }
            Event::End(_) => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        Ok(event)
    }
}

fn attribute(element: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| a.unescape_value().ok())
        .map(|v| v.into_owned())
}

/// The text an event adds to an element's content: text, CDATA, or a character or predefined
/// entity reference (quick-xml gives references as events of their own).
fn text_of(event: &Event<'_>) -> Option<String> {
    match event {
        Event::Text(t) => t.decode().ok().map(|t| t.into_owned()),
        Event::CData(t) => t.decode().ok().map(|t| t.into_owned()),
        Event::GeneralRef(r) => match r.resolve_char_ref() {
            Ok(Some(c)) => Some(String::from(c)),
            _ => r.decode().ok().and_then(|name| {
                quick_xml::escape::resolve_predefined_entity(&name).map(str::to_owned)
            }),
        },
        _ => None,
    }
}

/// The workbook's sheets in order (name and the path of their XML), and whether its dates
/// count from 1904.
fn sheets_of(archive: &mut Archive<'_>) -> Result<(Vec<(String, String)>, bool), FileProblem> {
    let mut targets = HashMap::new();
    if let Some(rels) = entry(archive, "xl/_rels/workbook.xml.rels") {
        let mut xml = Xml::new(rels?);
        loop {
            match xml.next()? {
                Event::Start(e) if e.local_name().as_ref() == b"Relationship" => {
                    if let (Some(id), Some(target)) =
                        (attribute(&e, b"Id"), attribute(&e, b"Target"))
                    {
                        if targets.len() >= ARCHIVE_FILES_MAX {
                            return Err(FileProblem::Unreadable);
                        }
                        let path = match target.strip_prefix('/') {
                            Some(absolute) => absolute.to_owned(),
                            None => format!("xl/{target}"),
                        };
                        targets.insert(id, path);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
    }
    let workbook = entry(archive, "xl/workbook.xml").ok_or(FileProblem::Unreadable)??;
    let mut xml = Xml::new(workbook);
    let (mut sheets, mut date1904) = (Vec::new(), false);
    loop {
        match xml.next()? {
            Event::Start(e) if e.local_name().as_ref() == b"workbookPr" => {
                date1904 = matches!(attribute(&e, b"date1904").as_deref(), Some("1" | "true"));
            }
            Event::Start(e) if e.local_name().as_ref() == b"sheet" => {
                let name = attribute(&e, b"name").unwrap_or_default();
                let path = attribute(&e, b"id")
                    .and_then(|id| targets.get(&id).cloned())
                    .unwrap_or_else(|| format!("xl/worksheets/sheet{}.xml", sheets.len() + 1));
                if sheets.len() >= ARCHIVE_FILES_MAX {
                    return Err(FileProblem::Unreadable);
                }
                sheets.push((name, path));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((sheets, date1904))
}

/// The shared strings, read as they come: their count bounded, their text counted against the
/// budget's text limit (a string used by many cells is counted again for each cell).
fn shared_strings(archive: &mut Archive<'_>, budget: &Budget) -> Result<Vec<String>, FileProblem> {
    let Some(source) = entry(archive, "xl/sharedStrings.xml") else {
        return Ok(Vec::new());
    };
    let limits = budget.limits();
    let mut xml = Xml::new(source?);
    let (mut strings, mut current, mut bytes) = (Vec::new(), String::new(), 0usize);
    // Inside <si>; inside a <t> of it (not of a phonetic <rPh> run).
    let (mut in_item, mut in_text, mut in_phonetic) = (false, false, false);
    loop {
        let event = xml.next()?;
        match &event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"si" => {
                    in_item = true;
                    current.clear();
                }
                b"rPh" => in_phonetic = true,
                b"t" if in_item && !in_phonetic => in_text = true,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"si" => {
                    in_item = false;
                    if strings.len() >= SHARED_STRINGS_MAX {
                        return Err(FileProblem::TooMuchData {
                            max_cells: SHARED_STRINGS_MAX,
                            max_bytes: limits.text_bytes,
                        });
                    }
                    strings.push(std::mem::take(&mut current));
                }
                b"rPh" => in_phonetic = false,
                b"t" => in_text = false,
                _ => {}
            },
            Event::Eof => break,
            other if in_text => {
                if let Some(text) = text_of(other) {
                    bytes += text.len();
                    if bytes > limits.text_bytes {
                        return Err(FileProblem::TooMuchData {
                            max_cells: limits.cells,
                            max_bytes: limits.text_bytes,
                        });
                    }
                    current.push_str(&text);
                }
            }
            _ => {}
        }
    }
    Ok(strings)
}

/// Number formats of the cell styles: for each style index, whether it shows a date or time.
fn date_styles(archive: &mut Archive<'_>) -> Result<Vec<bool>, FileProblem> {
    let Some(source) = entry(archive, "xl/styles.xml") else {
        return Ok(Vec::new());
    };
    let mut xml = Xml::new(source?);
    let mut custom: HashMap<u32, bool> = HashMap::new();
    let (mut styles, mut in_cell_xfs) = (Vec::new(), false);
    loop {
        match xml.next()? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"numFmt" => {
                    let id = attribute(&e, b"numFmtId").and_then(|v| v.parse().ok());
                    let code = attribute(&e, b"formatCode").unwrap_or_default();
                    if let Some(id) = id
                        && custom.len() < ARCHIVE_FILES_MAX
                    {
                        custom.insert(id, is_date_format(&code));
                    }
                }
                b"cellXfs" => in_cell_xfs = true,
                b"xf" if in_cell_xfs => {
                    if styles.len() >= 65_536 {
                        return Err(FileProblem::Unreadable);
                    }
                    let id: u32 = attribute(&e, b"numFmtId")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                    styles.push(
                        custom
                            .get(&id)
                            .copied()
                            .unwrap_or(matches!(id, 14..=22 | 45..=47)),
                    );
                }
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == b"cellXfs" => in_cell_xfs = false,
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(styles)
}

/// Whether a custom number format shows a date or a time: a `y`, `m`, `d`, `h` or `s` outside
/// quoted text, escapes and bracketed colours or conditions.
fn is_date_format(code: &str) -> bool {
    let (mut quoted, mut bracket, mut escaped) = (false, false, false);
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            'y' | 'Y' | 'm' | 'M' | 'd' | 'D' | 'h' | 'H' | 's' | 'S' if !quoted && !bracket => {
                return true;
            }
            _ => {}
        }
    }
    false
}

/// A spreadsheet date serial as `YYYY-MM-DD`, with `THH:MM:SS` when it has a time of day.
fn date_text(serial: f64, date1904: bool) -> Option<String> {
    if !serial.is_finite() || !(0.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let base = if date1904 {
        NaiveDate::from_ymd_opt(1904, 1, 1)?
    } else if serial < 60.0 {
        // 1900's serials before Lotus's 29 February 1900.
        NaiveDate::from_ymd_opt(1899, 12, 31)?
    } else {
        NaiveDate::from_ymd_opt(1899, 12, 30)?
    };
    // Whole seconds: f64 holds serials to well under a millisecond.
    let seconds = (serial * 86_400.0).round() as i64;
    let moment = base.and_hms_opt(0, 0, 0)? + Duration::seconds(seconds);
    let text = if seconds % 86_400 == 0 {
        moment.format("%Y-%m-%d").to_string()
    } else {
        moment.format("%Y-%m-%dT%H:%M:%S").to_string()
    };
    Some(text)
}

/// A number as a spreadsheet shows it in General format: whole numbers without `.0`.
fn number_text(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        value.to_string()
    }
}

/// The 0-based column of a reference such as `AB12`; `None` when it has no letters.
fn column_of(reference: &str) -> Option<usize> {
    let letters = reference
        .bytes()
        .take_while(u8::is_ascii_alphabetic)
        .collect::<Vec<_>>();
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut column = 0usize;
    for b in letters {
        column = column * 26 + usize::from(b.to_ascii_uppercase() - b'A' + 1);
    }
    Some(column - 1)
}

/// What a cell holds, by its type attribute.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Shared,
    Inline,
    Text,
    Bool,
    Error,
    Number,
}

/// The workbook's context for reading cells.
struct Book<'s> {
    strings: &'s [String],
    date_styles: &'s [bool],
    date1904: bool,
}

impl Book<'_> {
    fn cell_text(&self, kind: Kind, style: Option<usize>, raw: &str) -> String {
        match kind {
            Kind::Shared => raw
                .trim()
                .parse::<usize>()
                .ok()
                .and_then(|i| self.strings.get(i))
                .cloned()
                .unwrap_or_default(),
            Kind::Inline | Kind::Text => raw.to_owned(),
            Kind::Bool => (raw.trim() == "1").to_string(),
            Kind::Error => String::new(),
            Kind::Number => match raw.trim().parse::<f64>() {
                Ok(value) => {
                    let is_date = style
                        .and_then(|s| self.date_styles.get(s))
                        .copied()
                        .unwrap_or(false);
                    is_date
                        .then(|| date_text(value, self.date1904))
                        .flatten()
                        .unwrap_or_else(|| number_text(value))
                }
                Err(_) => raw.trim().to_owned(),
            },
        }
    }
}

/// Reads one worksheet, cell by cell, into a sheet.
fn read_sheet<R: BufRead>(
    name: &str,
    source: R,
    book: &Book<'_>,
    budget: &mut Budget,
) -> Result<Sheet, FileProblem> {
    let mut xml = Xml::new(source);
    let mut sheet = SheetBuilder::new(name);
    let (mut row, mut line): (Vec<String>, u32) = (Vec::new(), 0);
    // The cell being read: its column, kind, style and text.
    let mut cell: Option<(usize, Kind, Option<usize>)> = None;
    let (mut value, mut in_value, mut in_phonetic) = (String::new(), false, false);
    let limits = budget.limits();
    loop {
        let event = xml.next()?;
        match &event {
            Event::Start(e) => match e.local_name().as_ref() {
                b"row" => {
                    line = attribute(e, b"r")
                        .and_then(|r| r.parse().ok())
                        .unwrap_or(line.saturating_add(1));
                    row.clear();
                }
                b"c" => {
                    let column = attribute(e, b"r")
                        .and_then(|r| column_of(&r))
                        .unwrap_or(row.len());
                    let kind = match attribute(e, b"t").as_deref() {
                        Some("s") => Kind::Shared,
                        Some("inlineStr") => Kind::Inline,
                        Some("str" | "d") => Kind::Text,
                        Some("b") => Kind::Bool,
                        Some("e") => Kind::Error,
                        _ => Kind::Number,
                    };
                    let style = attribute(e, b"s").and_then(|s| s.parse().ok());
                    // Checked before the row is widened to reach the cell.
                    budget.check_cell(sheet.name(), line, column, 0)?;
                    cell = Some((column, kind, style));
                    value.clear();
                }
                b"v" => in_value = true,
                b"rPh" => in_phonetic = true,
                b"t" if !in_phonetic => in_value = true,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                b"c" => {
                    if let Some((column, kind, style)) = cell.take() {
                        let text = book.cell_text(kind, style, &value);
                        budget.check_cell(sheet.name(), line, column, text.chars().count())?;
                        if row.len() <= column {
                            row.resize(column + 1, String::new());
                        }
                        row[column] = text;
                    }
                }
                b"v" | b"t" => in_value = false,
                b"rPh" => in_phonetic = false,
                b"row" => sheet.push(line, std::mem::take(&mut row), budget)?,
                _ => {}
            },
            Event::Eof => break,
            other if in_value && cell.is_some() => {
                if let Some(text) = text_of(other) {
                    if value.len() + text.len() > limits.cell_chars * 4 {
                        let (column, _, _) = cell.unwrap_or((0, Kind::Text, None));
                        budget.check_cell(sheet.name(), line, column, limits.cell_chars + 1)?;
                    }
                    value.push_str(&text);
                }
            }
            _ => {}
        }
    }
    Ok(sheet.finish())
}

/// Reads an XLSX workbook's sheets, in the workbook's order.
///
/// # Errors
/// When it is not a workbook, is damaged, or holds more than the budget allows.
pub fn read_xlsx(bytes: &[u8], budget: &mut Budget) -> Result<Vec<Sheet>, FileProblem> {
    let mut archive = open(bytes)?;
    let (names, date1904) = sheets_of(&mut archive)?;
    let strings = shared_strings(&mut archive, budget)?;
    let date_styles = date_styles(&mut archive)?;
    let book = Book {
        strings: &strings,
        date_styles: &date_styles,
        date1904,
    };
    let mut sheets = Vec::with_capacity(names.len());
    for (name, path) in names {
        let source = entry(&mut archive, &path).ok_or(FileProblem::Unreadable)??;
        sheets.push(read_sheet(&name, source, &book, budget)?);
    }
    Ok(sheets)
}

/// Whether a ZIP is an XLSX workbook (it holds `xl/workbook.xml`).
pub fn is_workbook(bytes: &[u8]) -> bool {
    open(bytes).is_ok_and(|mut a| a.by_name("xl/workbook.xml").is_ok())
}

/// Reads the CSV files of a ZIP (ODK Central's export), each a sheet named after the file.
///
/// # Errors
/// When the ZIP is damaged or holds more than the budget allows.
pub fn read_zip_of_csv(bytes: &[u8], budget: &mut Budget) -> Result<Vec<Sheet>, FileProblem> {
    let mut archive = open(bytes)?;
    let mut sheets = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).map_err(|_| FileProblem::Unreadable)?;
        let name = file
            .name()
            .map_err(|_| FileProblem::Unreadable)?
            .into_owned();
        if !name.to_lowercase().ends_with(".csv") || file.is_dir() {
            continue;
        }
        // The directory's declared sizes are bounded (and the unpacking holds each file to
        // its own), so this reads at most UNPACKED_BYTES_MAX over all files.
        let mut content = Vec::new();
        file.read_to_end(&mut content)
            .map_err(|_| FileProblem::Unreadable)?;
        sheets.push(read_csv(
            &sheet_name(&name),
            &decode_text(&content),
            budget,
        )?);
    }
    Ok(sheets)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::{IMPORT_LIMITS, SheetLimits};
    use std::io::Write;

    fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in files {
            zip.start_file(*name, options).unwrap();
            zip.write_all(content).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Visita de monitoreo" sheetId="1" r:id="rId1"/><sheet name="plots" sheetId="2" r:id="rId2"/></sheets></workbook>"#;
    const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/>
</Relationships>"#;
    const STRINGS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
<si><t>household_code</t></si><si><t>date</t></si><si><r><t>Caf</t></r><r><t xml:space="preserve">é &amp; cacao</t></r><rPh><t>カフェ</t></rPh></si><si><t>note</t></si></sst>"#;
    const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\ hh:mm"/></numFmts>
<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/></cellXfs></styleSheet>"#;

    fn sheet(rows: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:D3"/><sheetData>{rows}</sheetData></worksheet>"#
        )
    }

    fn book(sheet1: &str) -> Vec<u8> {
        let plots = sheet(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>plot</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>La loma</t></is></c></row>"#,
        );
        zip_of(&[
            ("xl/workbook.xml", WORKBOOK.as_bytes()),
            ("xl/_rels/workbook.xml.rels", RELS.as_bytes()),
            ("xl/sharedStrings.xml", STRINGS.as_bytes()),
            ("xl/styles.xml", STYLES.as_bytes()),
            ("xl/worksheets/sheet1.xml", sheet1.as_bytes()),
            ("xl/worksheets/sheet2.xml", plots.as_bytes()),
        ])
    }

    fn read(bytes: &[u8]) -> Result<Vec<Sheet>, FileProblem> {
        read_xlsx(bytes, &mut Budget::new(IMPORT_LIMITS))
    }

    #[test]
    fn a_workbook_is_read_with_shared_strings_numbers_dates_and_booleans() {
        let rows = sheet(
            r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>3</v></c><c r="D1" t="inlineStr"><is><t>n</t></is></c></row>
<row r="3"><c r="A3" t="str"><v>KR76-P9AA-T</v></c><c r="B3" s="1"><v>45811</v></c><c r="C3" t="s"><v>2</v></c><c r="D3"><v>-8.187654</v></c><c r="E3" t="b"><v>1</v></c><c r="F3" s="2"><v>45811.5</v></c><c r="G3"><v>420</v></c><c r="H3" t="e"><v>#N/A</v></c></row>"#,
        );
        let sheets = read(&book(&rows)).unwrap();
        assert_eq!(sheets.len(), 2);
        let main = &sheets[0];
        assert_eq!(main.name, "Visita de monitoreo");
        assert_eq!(main.headers, ["household_code", "date", "note", "n"]);
        assert_eq!(main.rows.len(), 1);
        assert_eq!(main.rows[0].line, 3);
        assert_eq!(
            main.rows[0].cells,
            [
                "KR76-P9AA-T",
                "2025-06-03",
                "Café & cacao",
                "-8.187654",
                "true",
                "2025-06-03T12:00:00",
                "420",
                ""
            ]
        );
        assert_eq!(sheets[1].name, "plots");
        assert_eq!(sheets[1].rows[0].cells, ["La loma"]);
    }

    #[test]
    fn a_cell_in_the_last_column_is_refused_before_the_row_is_widened() {
        // The probe's file: only A1 and XFD1048576.
        let rows = sheet(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
        );
        let bytes = book(&rows);
        assert!(bytes.len() < 5_000);
        let started = std::time::Instant::now();
        assert_eq!(
            read(&bytes),
            Err(FileProblem::TooManyColumns {
                sheet: "Visita de monitoreo".into(),
                line: 1_048_576,
                max: 1_000
            })
        );
        assert!(started.elapsed().as_secs() < 2);
    }

    #[test]
    fn a_string_table_that_announces_a_billion_entries_is_not_believed() {
        let strings = r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4000000000" uniqueCount="4000000000"><si><t>a</t></si></sst>"#;
        let rows = sheet(
            r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>3999999999</v></c></row>"#,
        );
        let bytes = zip_of(&[
            ("xl/workbook.xml", WORKBOOK.as_bytes()),
            ("xl/sharedStrings.xml", strings.as_bytes()),
            ("xl/worksheets/sheet1.xml", rows.as_bytes()),
            ("xl/worksheets/sheet2.xml", rows.as_bytes()),
        ]);
        let sheets = read(&bytes).unwrap();
        assert_eq!(sheets[0].headers, ["a"]);
        assert!(
            sheets[0].rows.is_empty(),
            "an unknown string is an empty cell"
        );
    }

    #[test]
    fn one_long_string_used_by_every_cell_counts_once_per_cell() {
        let long = "x".repeat(30_000);
        let strings = format!(
            r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>{long}</t></si></sst>"#
        );
        let mut rows = String::new();
        for r in 1..=3_000 {
            rows.push_str(&format!(r#"<row r="{r}">"#));
            for c in 0..20 {
                rows.push_str(&format!(
                    r#"<c r="{}{r}" t="s"><v>0</v></c>"#,
                    char::from(b'A' + c)
                ));
            }
            rows.push_str("</row>");
        }
        let bytes = zip_of(&[
            ("xl/workbook.xml", WORKBOOK.as_bytes()),
            ("xl/sharedStrings.xml", strings.as_bytes()),
            ("xl/worksheets/sheet1.xml", sheet(&rows).as_bytes()),
        ]);
        assert!(matches!(read(&bytes), Err(FileProblem::TooMuchData { .. })));
    }

    #[test]
    fn deep_nesting_and_zip_bombs_are_refused() {
        let deep = format!("<worksheet>{}</worksheet>", "<x>".repeat(10_000));
        let bytes = zip_of(&[
            ("xl/workbook.xml", WORKBOOK.as_bytes()),
            ("xl/worksheets/sheet1.xml", deep.as_bytes()),
        ]);
        assert_eq!(read(&bytes), Err(FileProblem::Unreadable));
        // 300 MiB of zeros packs into a few hundred kilobytes.
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
        let zeros = vec![b' '; 1024 * 1024];
        for _ in 0..300 {
            zip.write_all(&zeros).unwrap();
        }
        let bomb = zip.finish().unwrap().into_inner();
        assert!(bomb.len() < 2 * 1024 * 1024, "{}", bomb.len());
        assert_eq!(
            read(&bomb),
            Err(FileProblem::ArchiveTooLarge {
                max_files: ARCHIVE_FILES_MAX,
                max_bytes: UNPACKED_BYTES_MAX
            })
        );
        let many: Vec<(String, Vec<u8>)> = (0..1_001)
            .map(|i| (format!("f{i}.csv"), b"a\n1\n".to_vec()))
            .collect();
        let files: Vec<(&str, &[u8])> = many
            .iter()
            .map(|(n, c)| (n.as_str(), c.as_slice()))
            .collect();
        assert!(matches!(
            read_zip_of_csv(&zip_of(&files), &mut Budget::new(IMPORT_LIMITS)),
            Err(FileProblem::ArchiveTooLarge { .. })
        ));
    }

    #[test]
    fn an_end_record_that_announces_more_files_than_it_holds_is_refused_before_reading() {
        let mut bytes = zip_of(&[("a.csv", b"a\n1\n")]);
        let end = bytes.len() - 22;
        assert_eq!(&bytes[end..end + 4], b"PK\x05\x06");
        bytes[end + 8..end + 10].copy_from_slice(&0xFFFEu16.to_le_bytes());
        bytes[end + 10..end + 12].copy_from_slice(&0xFFFEu16.to_le_bytes());
        assert!(matches!(
            read_zip_of_csv(&bytes, &mut Budget::new(IMPORT_LIMITS)),
            Err(FileProblem::ArchiveTooLarge { .. })
        ));
        assert_eq!(read(b"PK\x03\x04 not a zip"), Err(FileProblem::Unreadable));
    }

    #[test]
    fn the_csv_files_of_a_zip_are_its_sheets_within_one_budget() {
        let bytes = zip_of(&[
            ("visita.csv", b"KEY,fecha\nuuid:1,2025-06-03\n"),
            ("visita-plots.csv", b"PARENT_KEY,plot\nuuid:1,La loma\n"),
            ("readme.txt", b"ignored"),
        ]);
        let sheets = read_zip_of_csv(&bytes, &mut Budget::new(IMPORT_LIMITS)).unwrap();
        assert_eq!(sheets.len(), 2);
        assert_eq!(sheets[1].name, "visita-plots");
        let mut tight = Budget::new(SheetLimits {
            rows: 1,
            ..IMPORT_LIMITS
        });
        assert_eq!(
            read_zip_of_csv(&bytes, &mut tight),
            Err(FileProblem::TooManyRows { max: 1 })
        );
    }

    #[test]
    fn date_formats_are_told_from_number_formats() {
        for code in [
            "dd/mm/yyyy",
            "yyyy-mm-dd hh:mm",
            "[$-409]d-mmm-yy",
            "h:mm AM/PM",
        ] {
            assert!(is_date_format(code), "{code}");
        }
        for code in ["0.00", "#,##0", "\"days\" 0", "[Red]0.0", "General"] {
            assert!(!is_date_format(code), "{code}");
        }
        assert_eq!(date_text(1.0, false).as_deref(), Some("1900-01-01"));
        assert_eq!(date_text(61.0, false).as_deref(), Some("1900-03-01"));
        assert_eq!(date_text(0.0, true).as_deref(), Some("1904-01-01"));
        assert_eq!(date_text(f64::NAN, false), None);
        assert_eq!(column_of("XFD1048576"), Some(16_383));
        assert_eq!(column_of("A1"), Some(0));
        assert_eq!(column_of("12"), None);
    }
}

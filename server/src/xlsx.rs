//! Spreadsheets written out: a workbook with a sheet per table (Office Open XML, the `.xlsx`
//! format every spreadsheet reads), numbers stored as numbers and text as text, the heading
//! row bold and frozen.

use shared::report_document::{Table, Value};
use std::io::{Cursor, Write};

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Control characters other than tab and line breaks are not allowed in XML.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The column's letters: 0 → A, 25 → Z, 26 → AA.
fn column(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`, unique in the book.
fn sheet_name(wanted: &str, taken: &[String]) -> String {
    let clean: String = wanted
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect();
    let clean = if clean.trim().is_empty() {
        "Sheet".to_owned()
    } else {
        clean
    };
    let mut name = clean.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        let suffix = format!(" {n}");
        name = clean.chars().take(31 - suffix.len()).collect::<String>() + &suffix;
        n += 1;
    }
    name
}

/// A cell; `style` 0 is plain, 1 bold (headings). Text a spreadsheet would read as a formula
/// once edited gets the same style with a quote prefix (2 or 3), which keeps it text.
fn cell(reference: &str, value: &Value, style: u8) -> String {
    let style = match value {
        Value::Text(text) if shared::outcomes::reads_as_formula(text) => style + 2,
        _ => style,
    };
    let s = if style > 0 {
        format!(" s=\"{style}\"")
    } else {
        String::new()
    };
    match value {
        Value::Number(n, _) => format!("<c r=\"{reference}\"{s}><v>{}</v></c>", n.normalize()),
        Value::Empty => String::new(),
        other => format!(
            "<c r=\"{reference}\"{s} t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
            escape(other.text())
        ),
    }
}

fn sheet_xml(table: &Table) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
         <sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" \
         activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews><cols>",
    );
    let total: f64 = table.widths.iter().sum::<f64>().max(1.0);
    for (i, w) in table.widths.iter().enumerate() {
        let chars = (w / total * 160.0).clamp(8.0, 80.0);
        xml.push_str(&format!(
            "<col min=\"{n}\" max=\"{n}\" width=\"{chars:.1}\" customWidth=\"1\"/>",
            n = i + 1
        ));
    }
    xml.push_str("</cols><sheetData><row r=\"1\">");
    for (i, h) in table.headers.iter().enumerate() {
        xml.push_str(&cell(
            &format!("{}1", column(i)),
            &Value::Text(h.clone()),
            1,
        ));
    }
    xml.push_str("</row>");
    for (r, row) in table.rows.iter().enumerate() {
        let n = r + 2;
        xml.push_str(&format!("<row r=\"{n}\">"));
        for (i, v) in row.iter().enumerate() {
            xml.push_str(&cell(&format!("{}{n}", column(i)), v, 0));
        }
        xml.push_str("</row>");
    }
    xml.push_str("</sheetData></worksheet>");
    xml
}

/// The workbook of `tables`, a sheet each, as the bytes of an `.xlsx` file.
pub fn workbook(tables: &[Table]) -> std::io::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut names: Vec<String> = Vec::new();
    for t in tables {
        let name = sheet_name(&t.sheet, &names);
        names.push(name);
    }
    let mut types = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
         <Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>",
    );
    let mut book = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>",
    );
    let mut rels = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">",
    );
    for (i, name) in names.iter().enumerate() {
        let n = i + 1;
        types.push_str(&format!(
            "<Override PartName=\"/xl/worksheets/sheet{n}.xml\" \
             ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        ));
        book.push_str(&format!(
            "<sheet name=\"{}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>",
            escape(name)
        ));
        rels.push_str(&format!(
            "<Relationship Id=\"rId{n}\" \
             Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" \
             Target=\"worksheets/sheet{n}.xml\"/>"
        ));
    }
    let styles_id = names.len() + 1;
    rels.push_str(&format!(
        "<Relationship Id=\"rId{styles_id}\" \
         Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" \
         Target=\"styles.xml\"/></Relationships>"
    ));
    types.push_str("</Types>");
    book.push_str("</sheets></workbook>");
    let styles = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
        <styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
        <fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>\
        <font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>\
        <fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>\
        <fill><patternFill patternType=\"gray125\"/></fill></fills>\
        <borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>\
        <cellXfs count=\"4\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>\
        <xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>\
        <xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" quotePrefix=\"1\"/>\
        <xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" quotePrefix=\"1\"/></cellXfs>\
        </styleSheet>";
    let root_rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
        <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
        <Relationship Id=\"rId1\" \
        Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" \
        Target=\"xl/workbook.xml\"/></Relationships>";
    let mut parts: Vec<(String, String)> = vec![
        ("[Content_Types].xml".into(), types),
        ("_rels/.rels".into(), root_rels.into()),
        ("xl/workbook.xml".into(), book),
        ("xl/_rels/workbook.xml.rels".into(), rels),
        ("xl/styles.xml".into(), styles.into()),
    ];
    for (i, t) in tables.iter().enumerate() {
        parts.push((format!("xl/worksheets/sheet{}.xml", i + 1), sheet_xml(t)));
    }
    for (name, content) in parts {
        zip.start_file(name, options)
            .map_err(std::io::Error::other)?;
        zip.write_all(content.as_bytes())?;
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_like_a_spreadsheet() {
        assert_eq!(column(0), "A");
        assert_eq!(column(25), "Z");
        assert_eq!(column(26), "AA");
        assert_eq!(column(27), "AB");
        assert_eq!(column(701), "ZZ");
        assert_eq!(column(702), "AAA");
    }

    #[test]
    fn text_a_spreadsheet_would_run_is_kept_as_text_with_a_quote_prefix() {
        let table = Table {
            sheet: "Results".into(),
            caption: String::new(),
            headers: vec!["=HEADING()".into(), "Value".into()],
            rows: vec![vec![
                Value::Text("=HYPERLINK(\"http://evil.example\")".into()),
                Value::Number(rust_decimal::Decimal::new(-125, 1), "-12.5".into()),
            ]],
            widths: vec![1.0, 1.0],
        };
        let sheet = sheet_xml(&table);
        assert!(
            sheet.contains("<c r=\"A1\" s=\"3\" t=\"inlineStr\">"),
            "{sheet}"
        );
        assert!(
            sheet.contains("<c r=\"B1\" s=\"1\" t=\"inlineStr\">"),
            "{sheet}"
        );
        assert!(
            sheet.contains("<c r=\"A2\" s=\"2\" t=\"inlineStr\">"),
            "{sheet}"
        );
        assert!(sheet.contains("<c r=\"B2\"><v>-12.5</v></c>"), "{sheet}");
        assert!(!sheet.contains("<f>"), "never a formula");
    }

    #[test]
    fn sheet_names_are_cut_cleaned_and_unique() {
        let taken = vec!["Results".to_owned()];
        assert_eq!(sheet_name("Results", &taken), "Results 2");
        assert_eq!(sheet_name("a/b:c", &[]), "abc");
        assert_eq!(sheet_name(&"x".repeat(40), &[]).chars().count(), 31);
    }
}

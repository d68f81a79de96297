//! A small PDF writer for print-ready reports: A4 landscape pages of flowing text, tables that
//! break across pages repeating their heading row, and vector drawings made with plotters (the
//! same chart code that draws the SVG charts, through [`PdfBackend`]). Text is set in the
//! standard Helvetica fonts with the Windows-1252 encoding, so Spanish reads right in any PDF
//! reader and text extraction returns what was written; nothing is embedded or rasterised.

use plotters::style::FontTransform;
use plotters::style::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use std::fmt::Write as _;

/// A4 landscape, in points.
pub const PAGE_WIDTH: f64 = 841.89;
/// A4 landscape, in points.
pub const PAGE_HEIGHT: f64 = 595.28;
/// The margin on every side.
pub const MARGIN: f64 = 40.0;
const FOOTER: f64 = 22.0;

/// Helvetica's advance widths (per 1000 em) for U+0020..U+007E.
const ASCII_WIDTHS: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278,
    278, // space../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0..?
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @..O
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P.._
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // `..o
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p..~
];

/// The base letter of an accented Latin letter, for its width.
fn base_letter(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' => 'A',
        'É' | 'È' | 'Ê' | 'Ë' => 'E',
        'Í' | 'Ì' | 'Î' | 'Ï' => 'I',
        'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' => 'O',
        'Ú' | 'Ù' | 'Û' | 'Ü' => 'U',
        'Ñ' => 'N',
        'Ç' => 'C',
        other => other,
    }
}

fn char_width(c: char) -> f64 {
    let c = base_letter(c);
    let units = match c {
        ' '..='~' => ASCII_WIDTHS[(c as usize) - 32],
        '–' | '€' | '¿' => 556,
        '—' | '…' => 1000,
        '¡' | '“' | '”' => 333,
        '‘' | '’' => 222,
        '•' => 350,
        '°' => 400,
        '·' | '\u{a0}' => 278,
        _ => 556,
    };
    f64::from(units) / 1000.0
}

/// The width of `text` in points at `size`; bold text is taken a little wider, so it never
/// overflows what was measured.
pub fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    let w: f64 = text.chars().map(char_width).sum::<f64>() * size;
    if bold { w * 1.08 } else { w }
}

/// Windows-1252 byte of a character; `?` for what the encoding does not have.
fn win_ansi(c: char) -> u8 {
    match c {
        '€' => 0x80,
        '‚' => 0x82,
        '„' => 0x84,
        '…' => 0x85,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{ff}' => c as u32 as u8,
        _ => b'?',
    }
}

/// A PDF string literal of `text`.
fn literal(text: &str) -> Vec<u8> {
    let mut out = vec![b'('];
    for c in text.chars() {
        match win_ansi(c) {
            b @ (b'(' | b')' | b'\\') => {
                out.push(b'\\');
                out.push(b);
            }
            b if b >= 0x80 => out.extend(format!("\\{b:03o}").bytes()),
            b => out.push(b),
        }
    }
    out.push(b')');
    out
}

/// Breaks `text` into lines no wider than `width`; words longer than a line are cut.
pub fn wrap(text: &str, size: f64, bold: bool, width: f64) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if text_width(&candidate, size, bold) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word wider than the line is cut where it must be.
            let mut piece = String::new();
            for c in word.chars() {
                piece.push(c);
                if text_width(&piece, size, bold) > width && piece.chars().count() > 1 {
                    let last = piece.pop().unwrap_or(' ');
                    lines.push(std::mem::take(&mut piece));
                    piece.push(last);
                }
            }
            line = piece;
        }
        lines.push(line);
    }
    lines
}

/// A colour as PDF operands.
fn rgb(c: BackendColor) -> String {
    // Transparency is laid over white paper.
    let mix = |v: u8| (f64::from(v) * c.alpha + 255.0 * (1.0 - c.alpha)) / 255.0;
    format!(
        "{:.3} {:.3} {:.3}",
        mix(c.rgb.0),
        mix(c.rgb.1),
        mix(c.rgb.2)
    )
}

/// How a table's column is set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Text, set from the left.
    Left,
    /// Numbers, set from the right.
    Right,
}

/// A document being written.
pub struct Pdf {
    title: String,
    pages: Vec<String>,
    page: String,
    /// The cursor: distance from the top of the page to where the next block starts.
    y: f64,
}

impl Pdf {
    /// A new document whose metadata carry `title`.
    pub fn new(title: &str) -> Pdf {
        Pdf {
            title: title.to_owned(),
            pages: Vec::new(),
            page: String::new(),
            y: MARGIN,
        }
    }

    /// The width text and tables may take.
    pub fn body_width() -> f64 {
        PAGE_WIDTH - 2.0 * MARGIN
    }

    fn bottom() -> f64 {
        PAGE_HEIGHT - MARGIN - FOOTER
    }

    /// Starts a new page.
    pub fn new_page(&mut self) {
        self.pages.push(std::mem::take(&mut self.page));
        self.y = MARGIN;
    }

    /// Starts a new page unless `height` more points fit on this one.
    pub fn ensure(&mut self, height: f64) {
        if self.y + height > Self::bottom() && self.y > MARGIN {
            self.new_page();
        }
    }

    /// Leaves `points` of space.
    pub fn space(&mut self, points: f64) {
        self.y += points;
    }

    /// Writes one line of text with its top at `top` (from the page's top).
    fn text_at(&mut self, x: f64, top: f64, size: f64, bold: bool, text: &str) {
        let baseline = PAGE_HEIGHT - top - size * 0.8;
        let font = if bold { "F2" } else { "F1" };
        let _ = write!(
            self.page,
            "BT /{font} {size:.2} Tf {x:.2} {baseline:.2} Td "
        );
        // Octal escapes keep the literal ASCII, so the conversion never changes a byte.
        self.page.push_str(&String::from_utf8_lossy(&literal(text)));
        self.page.push_str(" Tj ET\n");
    }

    /// Writes `text` wrapped to the body's width, breaking pages as needed.
    pub fn paragraph(&mut self, text: &str, size: f64, bold: bool) {
        let leading = size * 1.35;
        for line in wrap(text, size, bold, Self::body_width()) {
            self.ensure(leading);
            self.text_at(MARGIN, self.y, size, bold, &line);
            self.y += leading;
        }
    }

    /// A heading: kept with at least `keep` points of what follows it.
    pub fn heading(&mut self, text: &str, size: f64, keep: f64) {
        self.ensure(size * 1.6 + keep);
        self.y += size * 0.4;
        self.paragraph(text, size, true);
        self.y += size * 0.2;
    }

    /// A table: `widths` are fractions of the body's width, one per column.
    pub fn table(
        &mut self,
        headers: &[String],
        rows: &[Vec<String>],
        widths: &[f64],
        aligns: &[Align],
        size: f64,
    ) {
        let total: f64 = widths.iter().sum::<f64>().max(f64::EPSILON);
        let cols: Vec<f64> = widths
            .iter()
            .map(|w| w / total * Self::body_width())
            .collect();
        let pad = 3.0;
        let leading = size * 1.25;
        let layout = |cells: &[String], bold: bool| -> (Vec<Vec<String>>, f64) {
            let lines: Vec<Vec<String>> = cells
                .iter()
                .zip(&cols)
                .map(|(c, w)| wrap(c, size, bold, w - 2.0 * pad))
                .collect();
            let most = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
            (lines, most as f64 * leading + 2.0 * pad)
        };
        let (head_lines, head_height) = layout(headers, true);
        let draw_row = |pdf: &mut Pdf, lines: &[Vec<String>], height: f64, bold: bool| {
            let mut x = MARGIN;
            if bold {
                let _ = writeln!(
                    pdf.page,
                    "0.93 0.93 0.93 rg {x:.2} {:.2} {:.2} {height:.2} re f 0 0 0 rg",
                    PAGE_HEIGHT - pdf.y - height,
                    Self::body_width()
                );
            }
            for (i, cell) in lines.iter().enumerate() {
                let w = cols[i];
                for (n, line) in cell.iter().enumerate() {
                    let top = pdf.y + pad + n as f64 * leading;
                    let tx = match aligns.get(i).copied().unwrap_or(Align::Left) {
                        Align::Left => x + pad,
                        Align::Right => x + w - pad - text_width(line, size, bold),
                    };
                    pdf.text_at(tx, top, size, bold, line);
                }
                x += w;
            }
            let _ = writeln!(
                pdf.page,
                "0.75 0.75 0.75 RG 0.5 w {MARGIN:.2} {y:.2} m {right:.2} {y:.2} l S 0 0 0 RG",
                y = PAGE_HEIGHT - pdf.y - height,
                right = MARGIN + Self::body_width()
            );
            pdf.y += height;
        };
        self.ensure(head_height + leading * 2.0);
        draw_row(self, &head_lines, head_height, true);
        for row in rows {
            let (lines, height) = layout(row, false);
            if self.y + height > Self::bottom() {
                self.new_page();
                draw_row(self, &head_lines, head_height, true);
            }
            draw_row(self, &lines, height, false);
        }
        self.y += 8.0;
    }

    /// A drawing of `size` pixels set `width` points wide at the cursor; `draw` gets the
    /// backend to draw with (plotters' charts, or any path).
    pub fn drawing<E>(
        &mut self,
        size: (u32, u32),
        width: f64,
        draw: impl FnOnce(PdfBackend<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        let scale = width / f64::from(size.0.max(1));
        let height = f64::from(size.1) * scale;
        self.ensure(height);
        let backend = PdfBackend {
            ops: &mut self.page,
            left: MARGIN,
            top: self.y,
            scale,
            size,
        };
        draw(backend)?;
        self.y += height + 8.0;
        Ok(())
    }

    /// The finished file: every page with its footer (`footer(page, pages)`).
    pub fn finish(mut self, footer: impl Fn(usize, usize) -> String) -> Vec<u8> {
        if !self.page.is_empty() || self.pages.is_empty() {
            self.pages.push(std::mem::take(&mut self.page));
        }
        let count = self.pages.len();
        let mut pages = std::mem::take(&mut self.pages);
        for (i, page) in pages.iter_mut().enumerate() {
            let text = footer(i + 1, count);
            let mut tail = Pdf::new("");
            tail.text_at(MARGIN, PAGE_HEIGHT - MARGIN - 10.0, 8.0, false, &text);
            page.push_str("0.3 0.3 0.3 rg\n");
            page.push_str(&tail.page);
        }
        let mut out: Vec<u8> = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offsets: Vec<usize> = Vec::new();
        let mut object = |out: &mut Vec<u8>, body: &[u8]| {
            offsets.push(out.len());
            out.extend(format!("{} 0 obj\n", offsets.len()).bytes());
            out.extend_from_slice(body);
            out.extend(b"\nendobj\n");
        };
        // 1 catalog, 2 pages, 3 and 4 fonts, 5 info, then a page and its content per page.
        let kids: Vec<String> = (0..count).map(|i| format!("{} 0 R", 6 + 2 * i)).collect();
        object(&mut out, b"<< /Type /Catalog /Pages 2 0 R >>");
        object(
            &mut out,
            format!(
                "<< /Type /Pages /Kids [{}] /Count {count} >>",
                kids.join(" ")
            )
            .as_bytes(),
        );
        for font in ["Helvetica", "Helvetica-Bold"] {
            object(
                &mut out,
                format!(
                    "<< /Type /Font /Subtype /Type1 /BaseFont /{font} /Encoding /WinAnsiEncoding >>"
                )
                .as_bytes(),
            );
        }
        let mut info = b"<< /Producer (Sembrar) /Title ".to_vec();
        info.extend(literal(&self.title));
        info.extend(b" >>");
        object(&mut out, &info);
        for (i, content) in pages.iter().enumerate() {
            object(
                &mut out,
                format!(
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] \
                     /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R >>",
                    7 + 2 * i
                )
                .as_bytes(),
            );
            let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
            stream.extend(content.as_bytes());
            stream.extend(b"\nendstream");
            object(&mut out, &stream);
        }
        let xref = out.len();
        out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1).bytes());
        for offset in &offsets {
            out.extend(format!("{offset:010} 00000 n \n").bytes());
        }
        out.extend(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R /Info 5 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                offsets.len() + 1
            )
            .bytes(),
        );
        out
    }
}

/// A plotters backend drawing into a PDF page: pixel coordinates scaled into a box whose top
/// left corner sits at (`left`, `top`) points from the page's top left.
pub struct PdfBackend<'a> {
    ops: &'a mut String,
    left: f64,
    top: f64,
    scale: f64,
    size: (u32, u32),
}

/// The PDF backend never fails.
#[derive(Debug)]
pub struct PdfError;

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PDF drawing error")
    }
}

impl std::error::Error for PdfError {}

impl PdfBackend<'_> {
    fn x(&self, x: i32) -> f64 {
        self.left + f64::from(x) * self.scale
    }

    fn y(&self, y: i32) -> f64 {
        PAGE_HEIGHT - self.top - f64::from(y) * self.scale
    }

    fn path(&mut self, points: &[BackendCoord]) {
        for (i, (x, y)) in points.iter().enumerate() {
            let op = if i == 0 { "m" } else { "l" };
            let (px, py) = (self.x(*x), self.y(*y));
            let _ = write!(self.ops, "{px:.2} {py:.2} {op} ");
        }
    }
}

impl DrawingBackend for PdfBackend<'_> {
    type ErrorType = PdfError;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<PdfError>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<PdfError>> {
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<PdfError>> {
        if color.alpha == 0.0 {
            return Ok(());
        }
        let (x, y) = (self.x(point.0), self.y(point.1));
        let _ = writeln!(
            self.ops,
            "{} rg {x:.2} {:.2} {s:.2} {s:.2} re f",
            rgb(color),
            y - self.scale,
            s = self.scale
        );
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<PdfError>> {
        self.draw_path([from, to], style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<PdfError>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let (x0, y0) = (self.x(upper_left.0), self.y(upper_left.1));
        let (x1, y1) = (self.x(bottom_right.0), self.y(bottom_right.1));
        let (w, h) = (x1 - x0, y0 - y1);
        if fill {
            let _ = writeln!(
                self.ops,
                "{} rg {x0:.2} {y1:.2} {w:.2} {h:.2} re f",
                rgb(color)
            );
        } else {
            let _ = writeln!(
                self.ops,
                "{} RG {:.2} w {x0:.2} {y1:.2} {w:.2} {h:.2} re S",
                rgb(color),
                f64::from(style.stroke_width()) * self.scale
            );
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<PdfError>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let points: Vec<BackendCoord> = path.into_iter().collect();
        if points.len() < 2 {
            return Ok(());
        }
        let _ = write!(
            self.ops,
            "{} RG {:.2} w 1 J 1 j ",
            rgb(color),
            (f64::from(style.stroke_width()) * self.scale).max(0.2)
        );
        self.path(&points);
        self.ops.push_str("S\n");
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<PdfError>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let (cx, cy) = (self.x(center.0), self.y(center.1));
        let r = f64::from(radius) * self.scale;
        let k = 0.552_284_75 * r;
        let _ = writeln!(
            self.ops,
            "{c} {op} {:.2} w {:.2} {cy:.2} m \
             {:.2} {:.2} {:.2} {:.2} {cx:.2} {:.2} c \
             {:.2} {:.2} {:.2} {:.2} {:.2} {cy:.2} c \
             {:.2} {:.2} {:.2} {:.2} {cx:.2} {:.2} c \
             {:.2} {:.2} {:.2} {:.2} {:.2} {cy:.2} c {paint}",
            f64::from(style.stroke_width()) * self.scale,
            cx + r,
            cx + r,
            cy + k,
            cx + k,
            cy + r,
            cy + r,
            cx - k,
            cy + r,
            cx - r,
            cy + k,
            cx - r,
            cx - r,
            cy - k,
            cx - k,
            cy - r,
            cy - r,
            cx + k,
            cy - r,
            cx + r,
            cy - k,
            cx + r,
            c = rgb(color),
            op = if fill { "rg" } else { "RG" },
            paint = if fill { "f" } else { "S" },
        );
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<PdfError>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let points: Vec<BackendCoord> = vert.into_iter().collect();
        if points.len() < 3 {
            return Ok(());
        }
        let _ = write!(self.ops, "{} rg ", rgb(color));
        self.path(&points);
        self.ops.push_str("h f\n");
        Ok(())
    }

    fn draw_text<TStyle: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &TStyle,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<PdfError>> {
        let color = style.color();
        if color.alpha == 0.0 || text.is_empty() {
            return Ok(());
        }
        // The SVG backend sets text at size / 1.24; so does this one.
        let size = style.size() / 1.24 * self.scale;
        let bold = matches!(style.style(), plotters::style::FontStyle::Bold);
        let width = text_width(text, size, bold);
        let anchor = style.anchor();
        let dx = match anchor.h_pos {
            HPos::Left => 0.0,
            HPos::Center => -width / 2.0,
            HPos::Right => -width,
        };
        // Where the baseline sits below the anchor point, as the SVG backend's `dy`.
        let down = match anchor.v_pos {
            VPos::Top => 0.76 * size,
            VPos::Center => 0.25 * size,
            VPos::Bottom => -0.25 * size,
        };
        let (a, b, c, d) = match style.transform() {
            FontTransform::Rotate90 => (0.0, -1.0, 1.0, 0.0),
            FontTransform::Rotate180 => (-1.0, 0.0, 0.0, -1.0),
            FontTransform::Rotate270 => (0.0, 1.0, -1.0, 0.0),
            _ => (1.0, 0.0, 0.0, 1.0),
        };
        let (x, y) = (self.x(pos.0), self.y(pos.1));
        let font = if bold { "F2" } else { "F1" };
        let _ = write!(
            self.ops,
            "BT {} rg /{font} {size:.2} Tf {a} {b} {c} {d} {x:.2} {y:.2} Tm {dx:.2} {:.2} Td ",
            rgb(color),
            -down
        );
        self.ops.push_str(&String::from_utf8_lossy(&literal(text)));
        self.ops.push_str(" Tj ET\n");
        Ok(())
    }

    fn estimate_text_size<TStyle: BackendTextStyle>(
        &self,
        text: &str,
        style: &TStyle,
    ) -> Result<(u32, u32), DrawingErrorKind<PdfError>> {
        let size = style.size() / 1.24;
        let bold = matches!(style.style(), plotters::style::FontStyle::Bold);
        Ok((
            text_width(text, size, bold).ceil() as u32,
            style.size().ceil() as u32,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::prelude::*;

    #[test]
    fn spanish_text_is_written_in_the_win_ansi_encoding_and_escaped() {
        assert_eq!(literal("Año (1)\\"), b"(A\\361o \\(1\\)\\\\)".to_vec());
        assert_eq!(literal("€ — ✓"), b"(\\200 \\227 ?)".to_vec());
    }

    #[test]
    fn text_wraps_at_the_width_and_long_words_are_cut() {
        let lines = wrap("one two three four", 10.0, false, 45.0);
        assert!(lines.len() >= 2, "{lines:?}");
        assert!(lines.iter().all(|l| text_width(l, 10.0, false) <= 45.0));
        let cut = wrap("aaaaaaaaaaaaaaaaaaaa", 10.0, false, 30.0);
        assert!(cut.len() > 1);
        assert_eq!(cut.concat(), "aaaaaaaaaaaaaaaaaaaa");
        assert_eq!(wrap("a\nb", 10.0, false, 100.0), vec!["a", "b"]);
    }

    #[test]
    fn a_document_has_its_pages_fonts_cross_reference_and_text() {
        let mut pdf = Pdf::new("Informe de año");
        pdf.heading("Resumen", 16.0, 20.0);
        pdf.paragraph("Hogares que participan: 120", 10.0, false);
        let rows: Vec<Vec<String>> = (0..80)
            .map(|i| vec![format!("Indicador {i}"), i.to_string()])
            .collect();
        pdf.table(
            &["Indicador".into(), "Valor".into()],
            &rows,
            &[3.0, 1.0],
            &[Align::Left, Align::Right],
            9.0,
        );
        pdf.drawing((400, 200), 400.0, |backend| {
            let root = backend.into_drawing_area();
            root.fill(&WHITE).map_err(|_| ())?;
            root.draw(&Circle::new((50, 50), 10, RED.filled()))
                .map_err(|_| ())?;
            root.draw(&Text::new("Eje", (10, 10), ("sans-serif", 20)))
                .map_err(|_| ())
        })
        .unwrap();
        let bytes = pdf.finish(|p, n| format!("Página {p} de {n}"));
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.starts_with("%PDF-1.4"));
        assert!(text.contains("/BaseFont /Helvetica-Bold"));
        assert!(text.contains("(Resumen) Tj"));
        assert!(text.contains("(Eje) Tj"));
        // 80 rows do not fit one page: the table breaks and repeats its heading.
        let pages = text.matches("/Type /Page ").count();
        assert!(pages >= 2, "{pages} pages");
        assert!(text.matches("(Indicador) Tj").count() >= 2);
        assert!(text.contains(&format!("(P\\341gina {pages} de {pages}) Tj")));
        // Every object's offset in the cross-reference table points at it.
        let xref = text.rfind("xref\n").unwrap();
        for (n, line) in text[xref..]
            .lines()
            .skip(3)
            .take_while(|l| l.ends_with(" n "))
            .enumerate()
        {
            let offset: usize = line[..10].parse().unwrap();
            assert!(bytes[offset..].starts_with(format!("{} 0 obj", n + 1).as_bytes()));
        }
    }
}

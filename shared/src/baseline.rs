//! Illicit-crop baselines read from CSV tables as governments and UNODC publish them: one column
//! per year ("wide": a place per row, years across) or one row per year ("long": place, year,
//! hectares, optionally crop), thousands separators in either style, "-" or "- 0" for zero. Every
//! row is either read or reported with its line and reason; nothing is dropped silently. A
//! "Total" row is not a place: its figures are kept apart ([`Preview::totals`]) and checked
//! against the sum of the rows ([`Preview::total_checks`]). Footnote marks after a place's name
//! (`Putumayo*`) are kept apart from the name.

use crate::crop::IllicitCrop;
use crate::i18n::Locale;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Where a baseline figure comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum BaselineSource {
    /// Declared by the household.
    HouseholdDeclaration,
    /// Measured on the ground.
    FieldVerification,
    /// A satellite survey such as UNODC's (SIMCI in Colombia).
    SatelliteSurvey,
}

/// One figure read from a table: illicit hectares of a crop in a place and year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaselineFigure {
    /// The table line it came from (1 = the header).
    pub line: u32,
    /// The place (department, municipality, community, zone) as written, without a footnote
    /// mark after it.
    pub place: String,
    /// The footnote mark the table put after the place's name (`*` in `Putumayo*`): the
    /// publication's notes say what it means (a zone whose monitored extent changed, say).
    pub place_mark: Option<String>,
    /// The crop.
    pub crop: IllicitCrop,
    /// The year.
    pub year: i32,
    /// Hectares.
    pub hectares: Decimal,
    /// The cell as the table wrote it (`1,358`, `-`): a dash is read as zero, as United Nations
    /// tables use it ("nil or negligible"), but some tables use it for "not measured that year"
    /// (DEVIDA's zones before they were monitored), so a page should show it.
    pub as_written: String,
}

impl BaselineFigure {
    /// Whether the table wrote a dash here (read as zero hectares).
    pub fn is_dash(&self) -> bool {
        self.hectares.is_zero() && !self.as_written.chars().any(|c| c.is_ascii_digit())
    }
}

/// Why a cell or row could not be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum RowProblem {
    /// The hectares are not a number.
    NotANumber {
        /// The text found.
        text: String,
    },
    /// Negative hectares.
    Negative,
    /// The year is not a year between 1990 and 2100.
    BadYear {
        /// The text found.
        text: String,
    },
    /// The crop is not coca bush, opium poppy or cannabis.
    UnknownCrop {
        /// The text found.
        text: String,
    },
    /// The row has no place name.
    NoPlace,
    /// The row has fewer cells than the header.
    MissingCells,
}

impl RowProblem {
    /// A sentence for people.
    pub fn message(&self, locale: Locale) -> String {
        let es = locale == Locale::Es;
        match self {
            RowProblem::NotANumber { text } if es => {
                format!("«{text}» no es un número de hectáreas.")
            }
            RowProblem::NotANumber { text } => format!("“{text}” is not a number of hectares."),
            RowProblem::Negative if es => "Las hectáreas no pueden ser negativas.".to_owned(),
            RowProblem::Negative => "Hectares cannot be negative.".to_owned(),
            RowProblem::BadYear { text } if es => {
                format!("«{text}» no es un año entre 1990 y 2100.")
            }
            RowProblem::BadYear { text } => {
                format!("“{text}” is not a year between 1990 and 2100.")
            }
            RowProblem::UnknownCrop { text } if es => {
                format!("«{text}» no es coca, amapola ni cannabis.")
            }
            RowProblem::UnknownCrop { text } => {
                format!("“{text}” is not coca bush, opium poppy or cannabis.")
            }
            RowProblem::NoPlace if es => "La fila no tiene nombre de lugar.".to_owned(),
            RowProblem::NoPlace => "The row has no place name.".to_owned(),
            RowProblem::MissingCells if es => {
                "La fila tiene menos celdas que el encabezado.".to_owned()
            }
            RowProblem::MissingCells => "The row has fewer cells than the header.".to_owned(),
        }
    }
}

/// A problem on one line (and column, for wide tables).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineProblem {
    /// The table line (1 = the header).
    pub line: u32,
    /// The column's header, when the problem is in one cell.
    pub column: Option<String>,
    /// What is wrong.
    pub problem: RowProblem,
}

/// The table could not be read at all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum TableProblem {
    /// No header line.
    Empty,
    /// Neither year columns (wide) nor year and hectares columns (long) were found.
    UnknownLayout,
}

/// How the table is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// A place per row, one column per year.
    Wide,
    /// One row per place and year.
    Long,
}

/// What a table holds: the figures read, every problem, and the columns that were not used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    /// How the table was laid out.
    pub layout: Layout,
    /// The figures that will be imported.
    pub figures: Vec<BaselineFigure>,
    /// The figures of "Total" (or "Subtotal") rows: not places, so not imported, but kept to be
    /// shown and checked against the rows ([`Preview::total_checks`]).
    pub totals: Vec<BaselineFigure>,
    /// The cells and rows that cannot be, with line and reason.
    pub problems: Vec<LineProblem>,
    /// Header columns that hold nothing the import uses (shown, so nothing is ignored unseen).
    pub unused_columns: Vec<String>,
}

/// A table's published total for a year and crop beside the sum of the places' figures read
/// (they differ when the publication rounded its total, or when rows were not read).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotalCheck {
    /// The total row's line.
    pub line: u32,
    /// The year.
    pub year: i32,
    /// The crop.
    pub crop: IllicitCrop,
    /// The total as published.
    pub published: Decimal,
    /// The sum of the places' figures for that year and crop.
    pub sum_of_rows: Decimal,
}

impl TotalCheck {
    /// Published total minus the sum of the rows.
    pub fn difference(&self) -> Decimal {
        self.published - self.sum_of_rows
    }
}

impl Preview {
    /// Each published total beside the sum of the places' figures of its year and crop.
    pub fn total_checks(&self) -> Vec<TotalCheck> {
        self.totals
            .iter()
            .map(|total| TotalCheck {
                line: total.line,
                year: total.year,
                crop: total.crop,
                published: total.hectares,
                sum_of_rows: self
                    .figures
                    .iter()
                    .filter(|f| f.year == total.year && f.crop == total.crop)
                    .map(|f| f.hectares)
                    .sum(),
            })
            .collect()
    }
}

/// The place's name without a footnote mark after it (`*`, `†`, `‡`, `¹`…), and the mark.
fn split_place_mark(place: &str) -> (String, Option<String>) {
    let marks = |c: char| matches!(c, '*' | '†' | '‡' | '¹' | '²' | '³');
    let name = place.trim_end_matches(marks).trim_end();
    let mark = place[name.len()..].trim();
    if name.is_empty() || mark.is_empty() {
        (place.to_owned(), None)
    } else {
        (name.to_owned(), Some(mark.to_owned()))
    }
}

/// Whether a row's label names a total rather than a place: `Total`, `TOTAL`, `Total*`,
/// `Total nacional`, `Rounded total`, `Subtotal`, `Totales`...
fn is_total_row(place: &str) -> bool {
    let t = place.trim().to_lowercase();
    let t = t.trim_end_matches(['*', '†', '‡']).trim();
    t == "total"
        || t == "totales"
        || t.starts_with("total ")
        || t.starts_with("total(")
        || t.starts_with("total:")
        || t.starts_with("subtotal")
        || t.starts_with("sub-total")
        || t.starts_with("grand total")
        || t.starts_with("rounded total")
        || t.starts_with("gran total")
        || t.starts_with("suma total")
}

/// Splits CSV text into rows of cells: quotes, doubled quotes, and the delimiter (`,`, `;` or
/// tab) the header uses most.
fn rows(text: &str) -> Vec<Vec<String>> {
    let header = text.lines().next().unwrap_or_default();
    let delimiter = [';', '\t', ',']
        .into_iter()
        .max_by_key(|d| header.matches(*d).count())
        .unwrap_or(',');
    let mut out = Vec::new();
    for line in text.lines() {
        let mut cells = Vec::new();
        let (mut cell, mut quoted, mut chars) = (String::new(), false, line.chars().peekable());
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    cell.push('"');
                    chars.next();
                }
                '"' => quoted = !quoted,
                c if c == delimiter && !quoted => cells.push(std::mem::take(&mut cell)),
                c => cell.push(c),
            }
        }
        cells.push(cell);
        out.push(cells.into_iter().map(|c| c.trim().to_owned()).collect());
    }
    out
}

/// Reads a published number of hectares. "-", "- 0", "–" and "—" are zero; an empty cell is no
/// figure (`Ok(None)`). Separators: with both `.` and `,`, the last one is the decimal mark; one
/// kind repeated is a thousands separator; one alone followed by exactly three digits is a
/// thousands separator (tables of hectares do not give thousandths); otherwise it is the decimal
/// mark.
pub fn published_hectares(raw: &str) -> Result<Option<Decimal>, RowProblem> {
    let text: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .collect();
    if text.is_empty() {
        return Ok(None);
    }
    if matches!(text.as_str(), "-" | "-0" | "–" | "—" | "–0" | "—0") {
        return Ok(Some(Decimal::ZERO));
    }
    let not_a_number = || RowProblem::NotANumber {
        text: raw.trim().to_owned(),
    };
    let (dots, commas) = (text.matches('.').count(), text.matches(',').count());
    let normalized = match (dots, commas) {
        (0, 0) => text.clone(),
        (_, 0) | (0, _) => {
            let mark = if dots > 0 { '.' } else { ',' };
            let count = dots + commas;
            let after = text.len() - text.rfind(mark).unwrap_or(0) - 1;
            if count > 1 || after == 3 {
                text.replace(mark, "")
            } else {
                text.replace(mark, ".")
            }
        }
        _ => {
            let last_dot = text.rfind('.').unwrap_or(0);
            let last_comma = text.rfind(',').unwrap_or(0);
            if last_dot > last_comma {
                text.replace(',', "")
            } else {
                text.replace('.', "").replace(',', ".")
            }
        }
    };
    if !normalized
        .trim_start_matches('-')
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.')
    {
        return Err(not_a_number());
    }
    if normalized.len() > crate::validation::NUMBER_TEXT_MAX {
        return Err(not_a_number());
    }
    let value = Decimal::from_str(&normalized).map_err(|_| not_a_number())?;
    if value.is_sign_negative() {
        return Err(RowProblem::Negative);
    }
    Ok(Some(value.normalize()))
}

fn year(text: &str) -> Option<i32> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    (digits.len() == 4 && text.trim().len() <= 6)
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|y| (1990..=2100).contains(y))
}

fn crop_of(text: &str) -> Option<IllicitCrop> {
    let t = text.trim().to_lowercase();
    if t.contains("coca") {
        Some(IllicitCrop::CocaBush)
    } else if t.contains("poppy")
        || t.contains("amapola")
        || t.contains("adormidera")
        || t.contains("opium")
        || t.contains("opio")
    {
        Some(IllicitCrop::OpiumPoppy)
    } else if t.contains("cannabis") || t.contains("marihuana") || t.contains("marijuana") {
        Some(IllicitCrop::CannabisPlant)
    } else {
        IllicitCrop::from_code(&t)
    }
}

fn line_number(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

/// Reads a baseline table; `crop` is the crop of tables that do not name one.
pub fn read_table(text: &str, crop: IllicitCrop) -> Result<Preview, TableProblem> {
    let text = text.trim_start_matches('\u{feff}');
    let table = rows(text);
    let header = table
        .first()
        .filter(|h| h.iter().any(|c| !c.is_empty()))
        .ok_or(TableProblem::Empty)?;
    let lower: Vec<String> = header.iter().map(|h| h.to_lowercase()).collect();
    let find = |names: &[&str]| {
        lower
            .iter()
            .position(|h| names.iter().any(|n| h == n || h.starts_with(n)))
    };
    let year_columns: Vec<(usize, i32)> = header
        .iter()
        .enumerate()
        .skip(1)
        .filter_map(|(i, h)| year(h).map(|y| (i, y)))
        .collect();
    let mut preview = Preview {
        layout: Layout::Wide,
        figures: Vec::new(),
        totals: Vec::new(),
        problems: Vec::new(),
        unused_columns: Vec::new(),
    };
    let body = table
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, r)| r.iter().any(|c| !c.is_empty()));
    if !year_columns.is_empty() {
        let crop_column = find(&["crop", "cultivo"]);
        preview.unused_columns = header
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(i, _)| Some(*i) != crop_column && !year_columns.iter().any(|(c, _)| c == i))
            .map(|(_, h)| h.clone())
            .collect();
        for (index, row) in body {
            let line = line_number(index);
            let place = row.first().cloned().unwrap_or_default();
            if place.is_empty() {
                preview.problems.push(LineProblem {
                    line,
                    column: None,
                    problem: RowProblem::NoPlace,
                });
                continue;
            }
            let total_row = is_total_row(&place);
            let row_crop = match crop_column.and_then(|c| row.get(c)) {
                Some(text) if !text.is_empty() => match crop_of(text) {
                    Some(c) => c,
                    None => {
                        preview.problems.push(LineProblem {
                            line,
                            column: crop_column.map(|c| header[c].clone()),
                            problem: RowProblem::UnknownCrop { text: text.clone() },
                        });
                        continue;
                    }
                },
                _ => crop,
            };
            for (column, year) in &year_columns {
                let Some(cell) = row.get(*column) else {
                    preview.problems.push(LineProblem {
                        line,
                        column: None,
                        problem: RowProblem::MissingCells,
                    });
                    break;
                };
                match published_hectares(cell) {
                    Ok(Some(hectares)) => {
                        let (name, place_mark) = split_place_mark(&place);
                        let figure = BaselineFigure {
                            line,
                            place: name,
                            place_mark,
                            crop: row_crop,
                            year: *year,
                            hectares,
                            as_written: cell.clone(),
                        };
                        if total_row {
                            preview.totals.push(figure);
                        } else {
                            preview.figures.push(figure);
                        }
                    }
                    Ok(None) => {}
                    Err(problem) => preview.problems.push(LineProblem {
                        line,
                        column: Some(header[*column].clone()),
                        problem,
                    }),
                }
            }
        }
        return Ok(preview);
    }
    let (Some(year_column), Some(hectares_column)) = (
        find(&["year", "año", "ano", "anio"]),
        find(&[
            "hectares",
            "hectáreas",
            "hectareas",
            "ha",
            "area",
            "área",
            "cultivated",
        ]),
    ) else {
        return Err(TableProblem::UnknownLayout);
    };
    let place_column = find(&[
        "place",
        "department",
        "departamento",
        "region",
        "región",
        "municipality",
        "municipio",
        "community",
        "comunidad",
        "province",
        "provincia",
        "district",
        "distrito",
    ])
    .unwrap_or(0);
    let crop_column = find(&["crop", "cultivo"]);
    preview.layout = Layout::Long;
    preview.unused_columns = header
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            ![
                Some(year_column),
                Some(hectares_column),
                Some(place_column),
                crop_column,
            ]
            .contains(&Some(*i))
        })
        .map(|(_, h)| h.clone())
        .collect();
    for (index, row) in body {
        let line = line_number(index);
        let cell = |c: usize| row.get(c).cloned();
        let (Some(place), Some(year_text), Some(hectares_text)) =
            (cell(place_column), cell(year_column), cell(hectares_column))
        else {
            preview.problems.push(LineProblem {
                line,
                column: None,
                problem: RowProblem::MissingCells,
            });
            continue;
        };
        if place.is_empty() {
            preview.problems.push(LineProblem {
                line,
                column: None,
                problem: RowProblem::NoPlace,
            });
            continue;
        }
        let Some(year) = year(&year_text) else {
            preview.problems.push(LineProblem {
                line,
                column: Some(header[year_column].clone()),
                problem: RowProblem::BadYear { text: year_text },
            });
            continue;
        };
        let row_crop = match crop_column
            .and_then(|c| row.get(c))
            .filter(|t| !t.is_empty())
        {
            Some(text) => match crop_of(text) {
                Some(c) => c,
                None => {
                    preview.problems.push(LineProblem {
                        line,
                        column: crop_column.map(|c| header[c].clone()),
                        problem: RowProblem::UnknownCrop { text: text.clone() },
                    });
                    continue;
                }
            },
            None => crop,
        };
        match published_hectares(&hectares_text) {
            Ok(Some(hectares)) => {
                let (name, place_mark) = split_place_mark(&place);
                let figure = BaselineFigure {
                    line,
                    place: name,
                    place_mark,
                    crop: row_crop,
                    year,
                    hectares,
                    as_written: hectares_text.clone(),
                };
                if is_total_row(&place) {
                    preview.totals.push(figure);
                } else {
                    preview.figures.push(figure);
                }
            }
            Ok(None) => {}
            Err(problem) => preview.problems.push(LineProblem {
                line,
                column: Some(header[hectares_column].clone()),
                problem,
            }),
        }
    }
    Ok(preview)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn published_numbers_are_read_in_either_style() {
        let ha = |t: &str| published_hectares(t).unwrap();
        assert_eq!(ha("42,627"), Some(dec!(42627)));
        assert_eq!(ha("42.627"), Some(dec!(42627)));
        assert_eq!(ha("1.234.567"), Some(dec!(1234567)));
        assert_eq!(ha("1,234,567"), Some(dec!(1234567)));
        assert_eq!(ha("1,234.5"), Some(dec!(1234.5)));
        assert_eq!(ha("1.234,5"), Some(dec!(1234.5)));
        assert_eq!(ha("12,5"), Some(dec!(12.5)));
        assert_eq!(ha("12.5"), Some(dec!(12.5)));
        assert_eq!(ha("1 234"), Some(dec!(1234)));
        assert_eq!(ha("-"), Some(dec!(0)));
        assert_eq!(ha("- 0"), Some(dec!(0)));
        assert_eq!(ha("–"), Some(dec!(0)));
        assert_eq!(ha(""), None);
        assert_eq!(
            published_hectares("n.d."),
            Err(RowProblem::NotANumber {
                text: "n.d.".into()
            })
        );
        assert_eq!(published_hectares("-12"), Err(RowProblem::Negative));
    }

    #[test]
    fn a_wide_table_with_both_separator_styles_is_read_cell_by_cell() {
        // Coca bush by department, UNODC/SIMCI style: a place per row, one column per year.
        let table = "Departamento;2019;2020;2021;Fuente\n\
                     Nariño;36.964;30.751;\"60,072\";SIMCI\n\
                     Putumayo;25.007;28.205;28,927;SIMCI\n\
                     Caquetá;- 0;-;1.046;SIMCI\n\
                     Guaviare;n.d.;3.006;4.001;SIMCI\n\
                     ;1;2;3;\n";
        let preview = read_table(table, IllicitCrop::CocaBush).unwrap();
        assert_eq!(preview.layout, Layout::Wide);
        assert_eq!(preview.unused_columns, ["Fuente"]);
        let narino_2021 = preview
            .figures
            .iter()
            .find(|f| f.place == "Nariño" && f.year == 2021)
            .unwrap();
        assert_eq!(narino_2021.hectares, dec!(60072));
        assert_eq!(narino_2021.line, 2);
        let caqueta: Vec<_> = preview
            .figures
            .iter()
            .filter(|f| f.place == "Caquetá")
            .map(|f| f.hectares)
            .collect();
        assert_eq!(caqueta, [dec!(0), dec!(0), dec!(1046)]);
        assert_eq!(preview.figures.len(), 3 + 3 + 3 + 2);
        assert_eq!(
            preview.problems,
            vec![
                LineProblem {
                    line: 5,
                    column: Some("2019".into()),
                    problem: RowProblem::NotANumber {
                        text: "n.d.".into()
                    }
                },
                LineProblem {
                    line: 6,
                    column: None,
                    problem: RowProblem::NoPlace
                },
            ]
        );
    }

    #[test]
    fn a_long_table_with_one_row_per_year_and_a_crop_column_is_read() {
        let table = "Region,Crop,Year,Hectares\n\
                     Shan,Opium poppy,2022,\"37,100\"\n\
                     Shan,Opium poppy,2023,\"42,000\"\n\
                     Kachin,Opium poppy,20x3,\"5,000\"\n\
                     Kachin,Tobacco,2023,100\n";
        let preview = read_table(table, IllicitCrop::CocaBush).unwrap();
        assert_eq!(preview.layout, Layout::Long);
        assert_eq!(preview.figures.len(), 2);
        assert!(
            preview
                .figures
                .iter()
                .all(|f| f.crop == IllicitCrop::OpiumPoppy)
        );
        assert_eq!(preview.figures[1].hectares, dec!(42000));
        assert_eq!(preview.problems.len(), 2);
        assert_eq!(preview.problems[0].line, 4);
        assert!(matches!(
            preview.problems[0].problem,
            RowProblem::BadYear { .. }
        ));
        assert!(matches!(
            preview.problems[1].problem,
            RowProblem::UnknownCrop { .. }
        ));
        assert!(
            preview.problems[1]
                .problem
                .message(Locale::Es)
                .contains("Tobacco")
        );
    }

    #[test]
    fn a_table_without_years_is_refused_as_a_whole() {
        assert_eq!(
            read_table("", IllicitCrop::CocaBush),
            Err(TableProblem::Empty)
        );
        assert_eq!(
            read_table("Nombre,Valor\nA,1\n", IllicitCrop::CocaBush),
            Err(TableProblem::UnknownLayout)
        );
    }

    const DEVIDA_DEPARTMENTS: &str =
        include_str!("../testdata/peru_devida_coca_by_department_2017_2021.csv");
    const DEVIDA_ZONES_2022: &str =
        include_str!("../testdata/peru_devida_coca_by_zone_2018_2022.csv");
    const DEVIDA_ZONES_2024: &str =
        include_str!("../testdata/peru_devida_coca_by_zone_2020_2024.csv");

    fn figure<'a>(preview: &'a Preview, place: &str, year: i32) -> &'a BaselineFigure {
        preview
            .figures
            .iter()
            .find(|f| f.place == place && f.year == year)
            .unwrap_or_else(|| panic!("{place} {year}"))
    }

    fn check(preview: &Preview, year: i32) -> TotalCheck {
        preview
            .total_checks()
            .into_iter()
            .find(|c| c.year == year)
            .unwrap()
    }

    #[test]
    fn the_published_peruvian_table_by_department_is_read_with_its_total_kept_apart() {
        let preview = read_table(DEVIDA_DEPARTMENTS, IllicitCrop::CocaBush).unwrap();
        assert_eq!(preview.layout, Layout::Wide);
        assert_eq!(preview.problems, []);
        assert_eq!(preview.unused_columns, ["Variación (ha) 2020-2021"]);
        // 13 departments × 5 years; the "Total*" row is not a department.
        assert_eq!(preview.figures.len(), 65);
        assert!(
            preview
                .figures
                .iter()
                .all(|f| f.crop == IllicitCrop::CocaBush)
        );
        assert!(!preview.figures.iter().any(|f| f.place.starts_with("Total")));
        // Cells checked against the publication (and, for 2021, DEVIDA's figures as the press
        // reported them: Ucayali 10,151 ha, Loreto 10,348 ha).
        assert_eq!(figure(&preview, "Ucayali", 2021).hectares, dec!(10151));
        assert_eq!(figure(&preview, "Loreto", 2021).hectares, dec!(10348));
        let ayacucho = figure(&preview, "Ayacucho", 2021);
        assert_eq!(
            (ayacucho.hectares, ayacucho.as_written.as_str()),
            (dec!(18590), "18,590")
        );
        assert_eq!(ayacucho.line, 9);
        assert_eq!(figure(&preview, "Madre De Dios", 2017).hectares, dec!(29));
        assert_eq!(figure(&preview, "Cusco", 2017).hectares, dec!(17281));
        // The total row: 49,900 ha in 2017 … 80,681 ha in 2021, marked "*" in the publication.
        assert_eq!(preview.totals.len(), 5);
        assert!(
            preview.totals.iter().all(|t| t.line == 15
                && t.place == "Total"
                && t.place_mark.as_deref() == Some("*"))
        );
        // 2017's total is rounded to the hundred: the 13 departments add up to 49,871 ha.
        let y2017 = check(&preview, 2017);
        assert_eq!(
            (y2017.published, y2017.sum_of_rows),
            (dec!(49900), dec!(49871))
        );
        assert_eq!(y2017.difference(), dec!(29));
        assert_eq!(check(&preview, 2019).difference(), dec!(0));
        // 2021: 80,681 ha published, 80,682 ha added up (each department rounded on its own).
        assert_eq!(check(&preview, 2021).difference(), dec!(-1));
    }

    #[test]
    fn the_published_peruvian_tables_by_zone_keep_footnote_marks_and_dashes_visible() {
        let preview = read_table(DEVIDA_ZONES_2022, IllicitCrop::CocaBush).unwrap();
        assert_eq!(preview.problems, []);
        assert_eq!(preview.unused_columns, ["Variación % 2021 - 2022"]);
        assert_eq!(preview.figures.len(), 20 * 5);
        let bajo_amazonas = figure(&preview, "Bajo Amazonas", 2022);
        assert_eq!(bajo_amazonas.hectares, dec!(8725));
        assert_eq!(bajo_amazonas.place_mark.as_deref(), Some("*"));
        assert_eq!(figure(&preview, "VRAEM", 2022).hectares, dec!(35709));
        assert_eq!(figure(&preview, "VRAEM", 2020).hectares, dec!(27994));
        // Yaguas was first monitored in 2022: the table's dash before that is read as 0 ha, and
        // each such figure says it was a dash.
        let yaguas_2021 = figure(&preview, "Yaguas", 2021);
        assert_eq!(yaguas_2021.hectares, dec!(0));
        assert!(yaguas_2021.is_dash() && yaguas_2021.as_written == "-");
        assert!(!figure(&preview, "Yaguas", 2022).is_dash());
        // Amazonas, Bajo Huallaga, Bajo Ucayali, Camanti and Madre de Dios 2018–2020, Yaguas
        // 2018–2021.
        assert_eq!(
            preview.figures.iter().filter(|f| f.is_dash()).count(),
            5 * 3 + 4
        );
        assert_eq!(preview.totals.len(), 5);
        assert_eq!(preview.totals[0].place, "TOTAL");
        assert_eq!(check(&preview, 2022).published, dec!(95008));
        assert_eq!(check(&preview, 2022).difference(), dec!(0));

        let preview = read_table(DEVIDA_ZONES_2024, IllicitCrop::CocaBush).unwrap();
        assert_eq!(preview.problems, []);
        assert_eq!(preview.figures.len(), 24 * 5);
        // The VRAEM fell by 1,908 ha (5 %) from 2023 to 2024, as DEVIDA announced.
        let vraem = |year| figure(&preview, "VRAEM", year).hectares;
        assert_eq!((vraem(2023), vraem(2024)), (dec!(38253), dec!(36345)));
        assert_eq!(vraem(2023) - vraem(2024), dec!(1908));
        assert_eq!(figure(&preview, "Cotuhé", 2024).hectares, dec!(105));
        assert!(figure(&preview, "Cotuhé", 2023).is_dash());
        // Marañón fell 58 % from 2022 to 2023: 1,560 → 651 ha.
        assert_eq!(figure(&preview, "Marañón", 2023).hectares, dec!(651));
        let y2024 = check(&preview, 2024);
        assert_eq!(
            (y2024.published, y2024.sum_of_rows),
            (dec!(89755), dec!(89753))
        );
        assert_eq!(check(&preview, 2023).published, dec!(92784));
    }

    #[test]
    fn total_rows_are_told_from_places_and_footnote_marks_from_names() {
        for total in [
            "Total",
            "TOTAL",
            "Total*",
            "Total nacional",
            "Rounded total",
            "Subtotal Pacífico",
            "Totales",
            "Total (redondeado)",
        ] {
            assert!(is_total_row(total), "{total}");
        }
        for place in ["Totoró", "Putumayo*", "Alto Total", "Nariño"] {
            assert!(!is_total_row(place), "{place}");
        }
        assert_eq!(
            split_place_mark("Putumayo*"),
            ("Putumayo".into(), Some("*".into()))
        );
        assert_eq!(
            split_place_mark("Callería **"),
            ("Callería".into(), Some("**".into()))
        );
        assert_eq!(split_place_mark("Nariño"), ("Nariño".into(), None));
        assert_eq!(split_place_mark("*"), ("*".into(), None));
    }

    #[test]
    fn a_long_table_keeps_its_total_rows_apart_too() {
        let table = "Region,Year,Hectares\n\
                     Shan,2023,\"37,100\"\n\
                     Kachin,2023,\"5,000\"\n\
                     Total,2023,\"42,100\"\n";
        let preview = read_table(table, IllicitCrop::OpiumPoppy).unwrap();
        assert_eq!(preview.figures.len(), 2);
        assert_eq!(preview.totals.len(), 1);
        assert_eq!(preview.total_checks()[0].difference(), dec!(0));
    }
}

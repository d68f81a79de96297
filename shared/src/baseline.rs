//! Illicit-crop baselines read from CSV tables as governments and UNODC publish them: one column
//! per year ("wide": a place per row, years across) or one row per year ("long": place, year,
//! hectares, optionally crop), thousands separators in either style, "-" or "- 0" for zero. Every
//! row is either read or reported with its line and reason; nothing is dropped silently.

use crate::crop::IllicitCrop;
use crate::i18n::Locale;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Where a baseline figure comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
    /// The place as written (department, municipality, community).
    pub place: String,
    /// The crop.
    pub crop: IllicitCrop,
    /// The year.
    pub year: i32,
    /// Hectares.
    pub hectares: Decimal,
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
    /// The cells and rows that cannot be, with line and reason.
    pub problems: Vec<LineProblem>,
    /// Header columns that hold nothing the import uses (shown, so nothing is ignored unseen).
    pub unused_columns: Vec<String>,
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
                    Ok(Some(hectares)) => preview.figures.push(BaselineFigure {
                        line,
                        place: place.clone(),
                        crop: row_crop,
                        year: *year,
                        hectares,
                    }),
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
            Ok(Some(hectares)) => preview.figures.push(BaselineFigure {
                line,
                place,
                crop: row_crop,
                year,
                hectares,
            }),
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
}

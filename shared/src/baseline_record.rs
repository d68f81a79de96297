//! Illicit-crop baselines as a project keeps them: hectares of a crop in a place (one of the
//! project's communities, or a department, municipality or zone named as a table names it) in a
//! year, from a source. Figures come one at a time from a form or in bulk from a published table
//! ([`crate::baseline::read_table`]); an import is previewed first, row by row, with what each
//! row will become (a new figure, or a replacement of a stored one) and every row that cannot be
//! read, with its line and reason.

use crate::baseline::{BaselineSource, LineProblem, Preview, TotalCheck};
use crate::crop::IllicitCrop;
use crate::i18n::Locale;
use crate::program::NAME_MAX;
use crate::validation::{
    Collector, FieldError, Problem, choice, non_negative_decimal, optional_text, whole_number,
};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The largest baseline one place may have, in hectares (more than any country's total).
pub const BASELINE_HECTARES_MAX: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
/// The longest note kept with a figure.
pub const NOTE_MAX: u32 = 500;
/// The largest table an import reads, in characters (a national table by municipality and year
/// is far smaller).
pub const IMPORT_TEXT_MAX: usize = 500_000;

impl BaselineSource {
    /// Every source, in form order.
    pub const ALL: [BaselineSource; 3] = [
        BaselineSource::HouseholdDeclaration,
        BaselineSource::FieldVerification,
        BaselineSource::SatelliteSurvey,
    ];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            BaselineSource::HouseholdDeclaration => "household_declaration",
            BaselineSource::FieldVerification => "field_verification",
            BaselineSource::SatelliteSurvey => "satellite_survey",
        }
    }

    /// Reads a code.
    pub fn from_code(code: &str) -> Option<Self> {
        BaselineSource::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The translated name.
    pub fn name(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (BaselineSource::HouseholdDeclaration, Locale::En) => "Household declaration",
            (BaselineSource::HouseholdDeclaration, Locale::Es) => "Declaración del hogar",
            (BaselineSource::FieldVerification, Locale::En) => "Field verification",
            (BaselineSource::FieldVerification, Locale::Es) => "Verificación en campo",
            (BaselineSource::SatelliteSurvey, Locale::En) => "Satellite survey",
            (BaselineSource::SatelliteSurvey, Locale::Es) => "Monitoreo satelital",
        }
    }
}

/// A place's name folded for matching: lower case, accents and punctuation dropped, spaces
/// single, and the words that name a kind of place (vereda, centro poblado, caserío, comunidad
/// nativa, resguardo, departamento...) left out, so "Vereda La Carmelita" and "LA CARMELITA"
/// are the same place.
pub fn place_key(name: &str) -> String {
    let folded: String = name
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            'ñ' => 'n',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect();
    let words: Vec<&str> = folded.split_whitespace().collect();
    let kinds: [&[&str]; 9] = [
        &["centro", "poblado"],
        &["comunidad", "nativa"],
        &["comunidad", "campesina"],
        &["vereda"],
        &["caserio"],
        &["resguardo"],
        &["departamento"],
        &["municipio"],
        &["distrito"],
    ];
    let rest = kinds
        .iter()
        .find_map(|kind| words.strip_prefix(*kind).filter(|r| !r.is_empty()))
        .unwrap_or(&words);
    rest.join(" ")
}

/// One figure as typed or sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BaselineForm {
    /// The project's community the figure is for; empty for a place that is not one of them
    /// (then `place` names it).
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "3"))]
    pub community_id: String,
    /// The place, as a table names it (a department, municipality or zone), when the figure is
    /// not for one of the project's communities. At most 200 characters.
    pub place: String,
    /// `coca_bush`, `opium_poppy` or `cannabis_plant`.
    pub crop: String,
    /// The year the figure is for (1990–2100).
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "2023"))]
    pub year: String,
    /// Hectares (zero or more, at most four decimals: the square metre).
    #[serde(deserialize_with = "crate::project::string_or_number")]
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "1358.5"))]
    pub hectares: String,
    /// `household_declaration`, `field_verification` or `satellite_survey`.
    pub source: String,
    /// An optional note (the publication and table, say), at most 500 characters.
    pub note: String,
}

crate::text_form_from_pairs!(BaselineForm {
    community_id,
    place,
    crop,
    year,
    hectares,
    source,
    note
});

/// A valid figure, ready to be stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewBaseline {
    /// The community, if the figure is for one (the server checks it is the project's).
    pub community_id: Option<i64>,
    /// The place as named (the community's name is filled in by the server).
    pub place: String,
    /// The crop.
    pub crop: IllicitCrop,
    /// The year.
    pub year: i32,
    /// Hectares.
    pub hectares: Decimal,
    /// The source.
    pub source: BaselineSource,
    /// The note.
    pub note: Option<String>,
}

impl BaselineForm {
    /// Checks every field: a community or a place, the crop, the year, the hectares, the source.
    pub fn validate(&self) -> Result<NewBaseline, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        let community_id = ok.take(match self.community_id.trim() {
            "" => Ok(None),
            raw => raw
                .parse::<i64>()
                .ok()
                .filter(|id| *id > 0)
                .map(Some)
                .ok_or_else(|| FieldError::new("community_id", Problem::UnknownReference)),
        });
        let place = ok.take(optional_text("place", &self.place, NAME_MAX));
        if matches!((&community_id, &place), (Some(None), Some(None))) {
            ok.0.push(FieldError::new("place", Problem::Required));
        }
        let crop = ok.take(choice("crop", &self.crop, IllicitCrop::from_code));
        let year = ok.take(whole_number("year", &self.year, 1990, 2100));
        let hectares = ok.take(non_negative_decimal(
            "hectares",
            &self.hectares,
            BASELINE_HECTARES_MAX,
            4,
        ));
        let source = ok.take(choice("source", &self.source, BaselineSource::from_code));
        let note = ok.take(optional_text("note", &self.note, NOTE_MAX));
        match (community_id, place, crop, year, hectares, source, note) {
            (
                Some(community_id),
                Some(place),
                Some(crop),
                Some(year),
                Some(hectares),
                Some(source),
                Some(note),
            ) if errors.is_empty() => Ok(NewBaseline {
                community_id,
                place: place.unwrap_or_default(),
                crop,
                year: i32::try_from(year).unwrap_or(1990),
                hectares,
                source,
                note,
            }),
            _ => Err(errors),
        }
    }
}

/// A stored figure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Baseline {
    /// The figure's identifier.
    pub id: i64,
    /// The project.
    pub project_id: i64,
    /// The community, when the figure is for one of the project's communities.
    pub community_id: Option<i64>,
    /// The place as named (the community's name for a community's figure).
    pub place: String,
    /// The crop.
    pub crop: IllicitCrop,
    /// The year.
    pub year: i32,
    /// Hectares (a decimal string in JSON).
    pub hectares: Decimal,
    /// Where it comes from.
    pub source: BaselineSource,
    /// A note.
    pub note: Option<String>,
    /// When it was last set (UTC).
    pub updated_at: DateTime<Utc>,
}

/// A baseline table to preview or import, as pasted, uploaded or sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BaselineImportForm {
    /// The table as CSV text: a place per row and a column per year, or a row per place and
    /// year (`place;year;hectares[;crop]`); `,`, `;` or tab between cells; thousands
    /// separators in either style; `-` or `- 0` for zero; a "Total" row is checked, not
    /// imported.
    pub table: String,
    /// The crop of a table that does not name one in a column (default `coca_bush`).
    pub crop: String,
    /// Where the figures come from (required).
    pub source: String,
    /// A note stored with every figure (the publication and table), optional.
    pub note: String,
    /// `true` to store the figures; otherwise the answer only previews them.
    #[serde(deserialize_with = "crate::project::string_or_bool")]
    #[cfg_attr(feature = "openapi", schema(value_type = bool))]
    pub commit: String,
}

crate::text_form_from_pairs!(BaselineImportForm {
    table,
    crop,
    source,
    note,
    commit
});

/// An import's settings, valid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportSettings {
    /// The crop of tables without a crop column.
    pub crop: IllicitCrop,
    /// The source.
    pub source: BaselineSource,
    /// The note.
    pub note: Option<String>,
    /// Whether to store.
    pub commit: bool,
}

impl BaselineImportForm {
    /// Checks the settings (the table itself is read by [`crate::baseline::read_table`]).
    pub fn validate(&self) -> Result<ImportSettings, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut ok = Collector(&mut errors);
        if self.table.trim().is_empty() {
            ok.0.push(FieldError::new("table", Problem::Required));
        } else if self.table.chars().count() > IMPORT_TEXT_MAX {
            ok.0.push(FieldError::new(
                "table",
                Problem::TooLong {
                    max: u32::try_from(IMPORT_TEXT_MAX).unwrap_or(u32::MAX),
                },
            ));
        }
        let crop = ok.take(match self.crop.trim() {
            "" => Ok(IllicitCrop::CocaBush),
            code => IllicitCrop::from_code(code)
                .ok_or_else(|| FieldError::new("crop", Problem::UnknownChoice)),
        });
        let source = ok.take(choice("source", &self.source, BaselineSource::from_code));
        let note = ok.take(optional_text("note", &self.note, NOTE_MAX));
        let commit = ok.take(crate::validation::flag("commit", &self.commit));
        match (crop, source, note, commit) {
            (Some(crop), Some(source), Some(note), Some(commit)) if errors.is_empty() => {
                Ok(ImportSettings {
                    crop,
                    source,
                    note,
                    commit,
                })
            }
            _ => Err(errors),
        }
    }
}

/// A community a table's places are matched against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KnownPlace {
    /// The community's id.
    pub community_id: i64,
    /// Its name.
    pub name: String,
}

/// A stored figure an import would replace: its place key, crop, year, source and hectares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredFigure {
    /// The folded place.
    pub place_key: String,
    /// The crop.
    pub crop: IllicitCrop,
    /// The year.
    pub year: i32,
    /// The source.
    pub source: BaselineSource,
    /// The hectares stored now.
    pub hectares: Decimal,
}

/// One row of an import as it will be stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportRow {
    /// The table's line (1 = the header).
    pub line: u32,
    /// The place as the table names it.
    pub place: String,
    /// The community it was matched to, if any.
    pub community_id: Option<i64>,
    /// That community's name.
    pub community_name: Option<String>,
    /// The crop.
    pub crop: IllicitCrop,
    /// The year.
    pub year: i32,
    /// Hectares.
    pub hectares: Decimal,
    /// The cell as written (`1.358`, `-`).
    pub as_written: String,
    /// The hectares stored now for the same place, crop, year and source, which this row
    /// replaces; `None` for a new figure.
    pub replaces: Option<Decimal>,
}

/// A problem of a table's line, with its message in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportProblem {
    /// The table's line (1 = the header).
    pub line: u32,
    /// The column's header, when the problem is in one cell.
    pub column: Option<String>,
    /// The problem's stable code.
    pub code: String,
    /// What is wrong.
    pub message: String,
}

/// A published total beside the sum of the rows read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportTotal {
    /// The total row's line.
    pub line: u32,
    /// The year.
    pub year: i32,
    /// The crop.
    pub crop: IllicitCrop,
    /// As published.
    pub published: Decimal,
    /// The rows added up.
    pub sum_of_rows: Decimal,
}

/// What an import holds, before or after storing it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportPreview {
    /// `wide` (a column per year) or `long` (a row per year).
    pub layout: String,
    /// The figures that are (or will be) stored.
    pub rows: Vec<ImportRow>,
    /// Every cell or row that could not be read, with its line and reason.
    pub problems: Vec<ImportProblem>,
    /// The table's own totals against the rows.
    pub totals: Vec<ImportTotal>,
    /// Columns the import did not use.
    pub unused_columns: Vec<String>,
    /// Whether the figures were stored.
    pub committed: bool,
}

impl ImportPreview {
    /// How many of the table's lines have a problem (a line with several bad cells counts once).
    pub fn lines_with_problems(&self) -> i64 {
        let mut lines: Vec<u32> = self.problems.iter().map(|p| p.line).collect();
        lines.dedup();
        i64::try_from(lines.len()).unwrap_or(i64::MAX)
    }

    /// How many rows are new figures, and how many replace stored ones.
    pub fn counts(&self) -> (i64, i64) {
        let replaced = self.rows.iter().filter(|r| r.replaces.is_some()).count();
        let new = self.rows.len() - replaced;
        (
            i64::try_from(new).unwrap_or(i64::MAX),
            i64::try_from(replaced).unwrap_or(i64::MAX),
        )
    }
}

/// Turns a read table into the rows an import will store: each place matched to a community of
/// the project when its folded name is the same, each row marked with the figure it replaces.
/// Two rows for the same place, crop and year are a problem on the later one (nothing is stored
/// twice or silently overwritten by the same file).
pub fn plan_import(
    preview: &Preview,
    settings: &ImportSettings,
    communities: &[KnownPlace],
    stored: &[StoredFigure],
    locale: Locale,
) -> ImportPreview {
    let mut rows: Vec<ImportRow> = Vec::new();
    let mut problems: Vec<ImportProblem> = preview
        .problems
        .iter()
        .map(|p: &LineProblem| ImportProblem {
            line: p.line,
            column: p.column.clone(),
            code: row_problem_code(&p.problem).to_owned(),
            message: p.problem.message(locale),
        })
        .collect();
    let mut seen: Vec<(String, IllicitCrop, i32, u32)> = Vec::new();
    for figure in &preview.figures {
        let key = place_key(&figure.place);
        if let Some((_, _, _, first)) = seen
            .iter()
            .find(|(k, c, y, _)| *k == key && *c == figure.crop && *y == figure.year)
        {
            problems.push(ImportProblem {
                line: figure.line,
                column: Some(figure.year.to_string()),
                code: "duplicate_figure".to_owned(),
                message: duplicate_message(*first, locale),
            });
            continue;
        }
        seen.push((key.clone(), figure.crop, figure.year, figure.line));
        let community = communities.iter().find(|c| place_key(&c.name) == key);
        let replaces = stored
            .iter()
            .find(|s| {
                s.place_key == key
                    && s.crop == figure.crop
                    && s.year == figure.year
                    && s.source == settings.source
            })
            .map(|s| s.hectares);
        rows.push(ImportRow {
            line: figure.line,
            place: figure.place.clone(),
            community_id: community.map(|c| c.community_id),
            community_name: community.map(|c| c.name.clone()),
            crop: figure.crop,
            year: figure.year,
            hectares: figure.hectares,
            as_written: figure.as_written.clone(),
            replaces,
        });
    }
    problems.sort_by_key(|p| p.line);
    ImportPreview {
        layout: match preview.layout {
            crate::baseline::Layout::Wide => "wide".to_owned(),
            crate::baseline::Layout::Long => "long".to_owned(),
        },
        rows,
        problems,
        totals: preview
            .total_checks()
            .into_iter()
            .map(|t: TotalCheck| ImportTotal {
                line: t.line,
                year: t.year,
                crop: t.crop,
                published: t.published,
                sum_of_rows: t.sum_of_rows,
            })
            .collect(),
        unused_columns: preview.unused_columns.clone(),
        committed: false,
    }
}

fn duplicate_message(first: u32, locale: Locale) -> String {
    match locale {
        Locale::En => format!(
            "The same place, crop and year is already on line {first}; this row is not imported."
        ),
        Locale::Es => format!(
            "El mismo lugar, cultivo y año ya está en la línea {first}; esta fila no se importa."
        ),
    }
}

fn row_problem_code(problem: &crate::baseline::RowProblem) -> &'static str {
    use crate::baseline::RowProblem;
    match problem {
        RowProblem::NotANumber { .. } => "not_a_number",
        RowProblem::Negative => "negative",
        RowProblem::BadYear { .. } => "bad_year",
        RowProblem::UnknownCrop { .. } => "unknown_crop",
        RowProblem::NoPlace => "no_place",
        RowProblem::MissingCells => "missing_cells",
    }
}

/// The message for a table that cannot be read at all, naming the field `table`.
pub fn table_problem(problem: &crate::baseline::TableProblem) -> FieldError {
    use crate::baseline::TableProblem;
    FieldError::new(
        "table",
        match problem {
            TableProblem::Empty => Problem::Required,
            TableProblem::UnknownLayout => Problem::UnknownTableLayout,
        },
    )
}

/// The baseline of one crop in one year from one source, added up: the project's communities
/// and, apart, the wider places the tables name (they overlap, so they are never added
/// together).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BaselineTotal {
    /// The crop.
    pub crop: IllicitCrop,
    /// The year.
    pub year: i32,
    /// The source.
    pub source: BaselineSource,
    /// Hectares in the project's communities.
    pub communities: Decimal,
    /// How many communities have a figure.
    pub community_count: i64,
    /// Hectares in the other places named (departments, municipalities, zones).
    pub places: Decimal,
    /// How many such places have a figure.
    pub place_count: i64,
}

/// Adds up figures by crop, year and source, newest year first.
pub fn totals(figures: &[Baseline]) -> Vec<BaselineTotal> {
    let mut out: Vec<BaselineTotal> = Vec::new();
    for f in figures {
        let index = match out
            .iter()
            .position(|t| t.crop == f.crop && t.year == f.year && t.source == f.source)
        {
            Some(i) => i,
            None => {
                out.push(BaselineTotal {
                    crop: f.crop,
                    year: f.year,
                    source: f.source,
                    communities: Decimal::ZERO,
                    community_count: 0,
                    places: Decimal::ZERO,
                    place_count: 0,
                });
                out.len() - 1
            }
        };
        let total = &mut out[index];
        if f.community_id.is_some() {
            total.communities += f.hectares;
            total.community_count += 1;
        } else {
            total.places += f.hectares;
            total.place_count += 1;
        }
    }
    out.sort_by(|a, b| {
        b.year
            .cmp(&a.year)
            .then(a.crop.cmp(&b.crop))
            .then(a.source.code().cmp(b.source.code()))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::baseline::read_table;
    use rust_decimal::dec;

    fn fields(errors: &[FieldError]) -> Vec<(&str, &str)> {
        errors
            .iter()
            .map(|e| (e.field.as_str(), e.problem.code()))
            .collect()
    }

    #[test]
    fn places_match_whatever_their_case_accents_or_kind_of_place() {
        assert_eq!(place_key("Vereda La Carmelita"), "la carmelita");
        assert_eq!(place_key("LA CARMELITA"), "la carmelita");
        assert_eq!(place_key("Caquetá"), "caqueta");
        assert_eq!(place_key("Centro poblado Unión  Mantaro"), "union mantaro");
        assert_eq!(place_key("Nariño*"), "narino");
        assert_eq!(place_key("Vereda"), "vereda", "a kind alone stays a name");
    }

    #[test]
    fn a_figure_needs_a_community_or_a_place_a_crop_a_year_hectares_and_a_source() {
        let errors = BaselineForm::default().validate().unwrap_err();
        assert_eq!(
            fields(&errors),
            [
                ("place", "required"),
                ("crop", "required"),
                ("year", "required"),
                ("hectares", "required"),
                ("source", "required"),
            ]
        );
        let ok = BaselineForm::from_pairs([
            ("community_id", "3"),
            ("crop", "coca_bush"),
            ("year", "2023"),
            ("hectares", "12,5"),
            ("source", "field_verification"),
        ])
        .validate()
        .unwrap();
        assert_eq!(ok.community_id, Some(3));
        assert_eq!(ok.hectares, dec!(12.5));
        let zero = BaselineForm {
            place: "Putumayo".into(),
            crop: "coca_bush".into(),
            year: "2019".into(),
            hectares: "0".into(),
            source: "satellite_survey".into(),
            ..BaselineForm::default()
        };
        assert_eq!(zero.validate().unwrap().hectares, dec!(0));
    }

    #[test]
    fn a_bad_year_crop_or_negative_hectares_are_named() {
        let form = BaselineForm {
            community_id: "x".into(),
            crop: "tobacco".into(),
            year: "1850".into(),
            hectares: "-3".into(),
            source: "rumour".into(),
            ..BaselineForm::default()
        };
        assert_eq!(
            fields(&form.validate().unwrap_err()),
            [
                ("community_id", "unknown_reference"),
                ("crop", "unknown_choice"),
                ("year", "out_of_range"),
                ("hectares", "negative"),
                ("source", "unknown_choice"),
            ]
        );
    }

    fn settings() -> ImportSettings {
        BaselineImportForm {
            table: "x".into(),
            source: "satellite_survey".into(),
            ..BaselineImportForm::default()
        }
        .validate()
        .unwrap()
    }

    #[test]
    fn an_import_matches_communities_marks_replacements_and_reports_repeated_rows() {
        let table = "Lugar;2021;2022\n\
                     Vereda La Carmelita;12,5;-\n\
                     Putumayo;28.205;\"48,034\"\n\
                     la carmelita;1;2\n\
                     Orito;n.d.;3\n";
        let preview = read_table(table, IllicitCrop::CocaBush).unwrap();
        let communities = [KnownPlace {
            community_id: 1,
            name: "Vereda La Carmelita".into(),
        }];
        let stored = [StoredFigure {
            place_key: "putumayo".into(),
            crop: IllicitCrop::CocaBush,
            year: 2021,
            source: BaselineSource::SatelliteSurvey,
            hectares: dec!(25007),
        }];
        let plan = plan_import(&preview, &settings(), &communities, &stored, Locale::En);
        let carmelita: Vec<_> = plan.rows.iter().filter(|r| r.line == 2).collect();
        assert_eq!(carmelita.len(), 2);
        assert!(carmelita.iter().all(|r| r.community_id == Some(1)));
        assert_eq!(carmelita[1].hectares, dec!(0));
        assert_eq!(carmelita[1].as_written, "-");
        let putumayo_2021 = plan
            .rows
            .iter()
            .find(|r| r.place == "Putumayo" && r.year == 2021)
            .unwrap();
        assert_eq!(putumayo_2021.hectares, dec!(28205));
        assert_eq!(putumayo_2021.replaces, Some(dec!(25007)));
        assert_eq!(putumayo_2021.community_id, None);
        assert_eq!(plan.counts(), (4, 1));
        let lines: Vec<(u32, &str)> = plan
            .problems
            .iter()
            .map(|p| (p.line, p.code.as_str()))
            .collect();
        assert_eq!(
            lines,
            [
                (4, "duplicate_figure"),
                (4, "duplicate_figure"),
                (5, "not_a_number")
            ]
        );
        assert!(plan.problems[0].message.contains("line 2"));
        assert_eq!(
            plan.rows.len() + 2,
            preview.figures.len(),
            "every figure read is either a row or a problem"
        );
    }

    #[test]
    fn import_settings_need_a_table_and_a_source() {
        let errors = BaselineImportForm {
            crop: "hemp".into(),
            commit: "maybe".into(),
            ..BaselineImportForm::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(
            fields(&errors),
            [
                ("table", "required"),
                ("crop", "unknown_choice"),
                ("source", "required"),
                ("commit", "unknown_choice"),
            ]
        );
        let json: BaselineImportForm = serde_json::from_str(
            r#"{"table": "a;2020\nb;1", "source": "satellite_survey", "commit": true}"#,
        )
        .unwrap();
        let settings = json.validate().unwrap();
        assert!(settings.commit);
        assert_eq!(settings.crop, IllicitCrop::CocaBush);
    }

    #[test]
    fn totals_keep_communities_apart_from_the_wider_places() {
        let figure = |community: Option<i64>, place: &str, year: i32, ha: Decimal| Baseline {
            id: 0,
            project_id: 1,
            community_id: community,
            place: place.into(),
            crop: IllicitCrop::CocaBush,
            year,
            hectares: ha,
            source: BaselineSource::SatelliteSurvey,
            note: None,
            updated_at: Utc::now(),
        };
        let all = [
            figure(Some(1), "La Carmelita", 2022, dec!(12.5)),
            figure(Some(2), "El Cedral", 2022, dec!(7.25)),
            figure(None, "Putumayo", 2022, dec!(48034)),
            figure(None, "Putumayo", 2021, dec!(28205)),
        ];
        let t = totals(&all);
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].year, 2022);
        assert_eq!(t[0].communities, dec!(19.75));
        assert_eq!(t[0].community_count, 2);
        assert_eq!(t[0].places, dec!(48034));
        assert_eq!(t[1].year, 2021);
        assert_eq!(t[1].community_count, 0);
    }
}

//! Imports of monitoring visits collected with KoboToolbox or ODK: their exports read into
//! sheets (the main sheet of submissions, and a sheet per repeat group), the columns mapped to
//! a visit's fields once per form (and remembered), and every submission turned into a visit
//! form that the usual checks accept or refuse with a reason. Repeat rows join their submission
//! by KoboToolbox's `_index` / `_parent_index` or ODK's `KEY` / `PARENT_KEY`; the submission's
//! own id (`_uuid`, `meta-instanceID`, `KEY`) becomes the visit's entry id, so importing the
//! same file again stores nothing twice.

use crate::crop::{AlternativeCrop, IllicitCrop};
use crate::i18n::Locale;
use crate::validation::{FieldError, Problem};
use crate::visit::{SalesChannel, VisitForm, VisitPlotForm};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use crate::sheet::{FileProblem, Sheet, SheetRow, sheet_name};

/// The most rows an import reads (all sheets together).
pub const IMPORT_ROWS_MAX: usize = crate::sheet::IMPORT_LIMITS.rows;

/// The name of the form an export comes from, to remember its mapping by: KoboToolbox names
/// the main sheet after the form; ODK names the main CSV after the form id. Trailing export
/// stamps (`_2025_06_03_10_22_41`, ` - all versions - labels`) are dropped.
pub fn form_name(main_sheet: &str) -> String {
    let mut name = main_sheet
        .split(" - ")
        .next()
        .unwrap_or(main_sheet)
        .trim()
        .to_owned();
    // Drop trailing groups of digits joined by `_` or `-` (dates and times of the export).
    loop {
        let trimmed = name.trim_end_matches(|c: char| c.is_ascii_digit());
        if trimmed.len() < name.len() && (trimmed.ends_with('_') || trimmed.ends_with('-')) {
            name = trimmed[..trimmed.len() - 1].to_owned();
        } else {
            break;
        }
    }
    if name.is_empty() {
        main_sheet.trim().to_owned()
    } else {
        name
    }
}

/// A visit's field an export's column can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum ImportField {
    /// The submission's id (KoboToolbox `_uuid`, ODK `meta-instanceID`): the visit's entry id.
    EntryId,
    /// The household's code.
    HouseholdCode,
    /// The visit's day.
    VisitedOn,
    /// A GPS point as one cell, "latitude longitude altitude accuracy" (a geopoint).
    Gps,
    /// The GPS latitude alone.
    Latitude,
    /// The GPS longitude alone.
    Longitude,
    /// The promoted crop harvested.
    Crop,
    /// Kilograms harvested.
    HarvestedKg,
    /// Kilograms sold.
    SoldKg,
    /// The price per kilogram.
    PricePerKg,
    /// The currency.
    Currency,
    /// Where it was sold.
    SalesChannel,
    /// Notes.
    Note,
    /// In the plots' sheet: the plot's name.
    PlotName,
    /// The illicit crop standing.
    IllicitCrop,
    /// Its hectares.
    IllicitHectares,
    /// The licit crop.
    LicitCrop,
    /// Its hectares established.
    EstablishedHectares,
    /// Its hectares surviving.
    SurvivingHectares,
}

impl ImportField {
    /// The fields of a submission, in the order the mapping form lists them.
    pub const VISIT: [ImportField; 13] = [
        ImportField::EntryId,
        ImportField::HouseholdCode,
        ImportField::VisitedOn,
        ImportField::Gps,
        ImportField::Latitude,
        ImportField::Longitude,
        ImportField::Crop,
        ImportField::HarvestedKg,
        ImportField::SoldKg,
        ImportField::PricePerKg,
        ImportField::Currency,
        ImportField::SalesChannel,
        ImportField::Note,
    ];

    /// The fields of a plot row (from the repeat group's sheet).
    pub const PLOT: [ImportField; 6] = [
        ImportField::PlotName,
        ImportField::IllicitCrop,
        ImportField::IllicitHectares,
        ImportField::LicitCrop,
        ImportField::EstablishedHectares,
        ImportField::SurvivingHectares,
    ];

    /// The stable code (the mapping form's field is `map_<code>`).
    pub fn code(self) -> &'static str {
        match self {
            ImportField::EntryId => "entry_id",
            ImportField::HouseholdCode => "household_code",
            ImportField::VisitedOn => "visited_on",
            ImportField::Gps => "gps",
            ImportField::Latitude => "latitude",
            ImportField::Longitude => "longitude",
            ImportField::Crop => "crop",
            ImportField::HarvestedKg => "harvested_kg",
            ImportField::SoldKg => "sold_kg",
            ImportField::PricePerKg => "price_per_kg",
            ImportField::Currency => "currency",
            ImportField::SalesChannel => "sales_channel",
            ImportField::Note => "note",
            ImportField::PlotName => "plot_name",
            ImportField::IllicitCrop => "illicit_crop",
            ImportField::IllicitHectares => "illicit_hectares",
            ImportField::LicitCrop => "licit_crop",
            ImportField::EstablishedHectares => "established_hectares",
            ImportField::SurvivingHectares => "surviving_hectares",
        }
    }

    /// Reads a code.
    pub fn from_code(code: &str) -> Option<ImportField> {
        ImportField::VISIT
            .into_iter()
            .chain(ImportField::PLOT)
            .find(|f| f.code() == code)
    }

    /// Whether an import needs it mapped.
    pub fn is_required(self) -> bool {
        matches!(self, ImportField::HouseholdCode | ImportField::VisitedOn)
    }

    /// The field's name in `locale`.
    pub fn name(self, locale: Locale) -> &'static str {
        let es = locale == Locale::Es;
        let (en, es_text) = match self {
            ImportField::EntryId => (
                "Submission id (makes a second import store nothing twice)",
                "Id del envío (evita duplicados al importar de nuevo)",
            ),
            ImportField::HouseholdCode => ("Household code", "Código del hogar"),
            ImportField::VisitedOn => ("Day of the visit", "Día de la visita"),
            ImportField::Gps => ("GPS point (one column)", "Punto GPS (una columna)"),
            ImportField::Latitude => ("GPS latitude", "Latitud GPS"),
            ImportField::Longitude => ("GPS longitude", "Longitud GPS"),
            ImportField::Crop => ("Crop harvested", "Cultivo cosechado"),
            ImportField::HarvestedKg => ("Kilograms harvested", "Kilogramos cosechados"),
            ImportField::SoldKg => ("Kilograms sold", "Kilogramos vendidos"),
            ImportField::PricePerKg => ("Price per kilogram", "Precio por kilogramo"),
            ImportField::Currency => ("Currency", "Moneda"),
            ImportField::SalesChannel => ("Sales channel", "Canal de venta"),
            ImportField::Note => ("Notes", "Notas"),
            ImportField::PlotName => ("Plot name", "Nombre del predio"),
            ImportField::IllicitCrop => ("Illicit crop standing", "Cultivo ilícito en pie"),
            ImportField::IllicitHectares => ("Illicit hectares", "Hectáreas ilícitas"),
            ImportField::LicitCrop => ("Licit crop", "Cultivo lícito"),
            ImportField::EstablishedHectares => (
                "Licit hectares established",
                "Hectáreas lícitas establecidas",
            ),
            ImportField::SurvivingHectares => (
                "Licit hectares surviving",
                "Hectáreas lícitas que sobreviven",
            ),
        };
        if es { es_text } else { en }
    }

    /// Headings a form usually gives the field (the last part of a group path, lower case).
    fn usual_headings(self) -> &'static [&'static str] {
        match self {
            ImportField::EntryId => &["_uuid", "instanceid", "meta-instanceid", "uuid"],
            ImportField::HouseholdCode => &[
                "household_code",
                "household",
                "hh_code",
                "codigo_hogar",
                "codigo_del_hogar",
                "hogar",
            ],
            ImportField::VisitedOn => &[
                "visited_on",
                "visit_date",
                "date",
                "fecha",
                "fecha_visita",
                "today",
            ],
            ImportField::Gps => &["gps", "location", "geopoint", "ubicacion", "punto_gps"],
            ImportField::Latitude => &["_gps_latitude", "gps-latitude", "latitude", "latitud"],
            ImportField::Longitude => &["_gps_longitude", "gps-longitude", "longitude", "longitud"],
            ImportField::Crop => &["crop", "harvest_crop", "cultivo", "cultivo_cosechado"],
            ImportField::HarvestedKg => {
                &["harvested_kg", "harvest_kg", "kg_cosechados", "cosecha_kg"]
            }
            ImportField::SoldKg => &["sold_kg", "kg_sold", "kg_vendidos", "venta_kg"],
            ImportField::PricePerKg => &["price_per_kg", "price", "precio", "precio_kg"],
            ImportField::Currency => &["currency", "moneda"],
            ImportField::SalesChannel => &["sales_channel", "channel", "canal", "canal_venta"],
            ImportField::Note => &["note", "notes", "observaciones", "notas", "comments"],
            ImportField::PlotName => &["plot_name", "plot", "predio", "nombre_predio", "parcela"],
            ImportField::IllicitCrop => &["illicit_crop", "cultivo_ilicito"],
            ImportField::IllicitHectares => &[
                "illicit_hectares",
                "illicit_ha",
                "ha_ilicitas",
                "hectareas_ilicitas",
            ],
            ImportField::LicitCrop => &["licit_crop", "cultivo_licito"],
            ImportField::EstablishedHectares => {
                &["established_hectares", "established_ha", "ha_establecidas"]
            }
            ImportField::SurvivingHectares => &[
                "surviving_hectares",
                "surviving_ha",
                "ha_sobreviven",
                "ha_sobrevivientes",
            ],
        }
    }
}

/// The last part of a heading's group path (`group_visit/household_code`,
/// `visit-household_code`), lower case; KoboToolbox's and ODK's own columns (`_uuid`,
/// `meta-instanceID`, `_gps_latitude`, `gps-Latitude`) are kept whole.
fn heading_key(heading: &str) -> String {
    let lower = heading.trim().to_lowercase();
    if lower.starts_with('_') || lower.starts_with("meta-") {
        return lower;
    }
    let last = lower.rsplit('/').next().unwrap_or(&lower).to_owned();
    if last.ends_with("-latitude") || last.ends_with("-longitude") {
        let part = last.rsplit('-').next().unwrap_or(&last);
        return format!("gps-{part}");
    }
    last.rsplit('-').next().unwrap_or(&last).to_owned()
}

/// How an export's columns fill a visit: a heading per field, and the repeat group's sheet
/// that holds the plots, if any.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ImportMapping {
    /// The heading of each field's column (by field code); fields left out are not imported.
    pub columns: BTreeMap<String, String>,
    /// The sheet of the plots' repeat group.
    pub plot_sheet: Option<String>,
}

impl ImportMapping {
    /// The heading mapped to `field`, if any.
    pub fn heading(&self, field: ImportField) -> Option<&str> {
        self.columns
            .get(field.code())
            .map(String::as_str)
            .filter(|h| !h.trim().is_empty())
    }

    /// Reads the mapping form: `map_<field>` selects and `plot_sheet`.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> ImportMapping {
        let mut mapping = ImportMapping::default();
        for (key, value) in pairs {
            if key == "plot_sheet" {
                mapping.plot_sheet = Some(value.trim().to_owned()).filter(|v| !v.is_empty());
            } else if let Some(field) = key.strip_prefix("map_").and_then(ImportField::from_code)
                && !value.trim().is_empty()
            {
                mapping
                    .columns
                    .insert(field.code().to_owned(), value.trim().to_owned());
            }
        }
        mapping
    }

    /// The mapping a form's headings suggest: each field's usual heading, the plots' sheet the
    /// first other sheet with a plot column.
    pub fn suggest(sheets: &[Sheet]) -> ImportMapping {
        let mut mapping = ImportMapping::default();
        let pick = |sheet: &Sheet, field: ImportField| {
            sheet
                .headers
                .iter()
                .find(|h| field.usual_headings().contains(&heading_key(h).as_str()))
                .cloned()
        };
        if let Some(main) = sheets.first() {
            for field in ImportField::VISIT {
                if let Some(h) = pick(main, field) {
                    mapping.columns.insert(field.code().to_owned(), h);
                }
            }
            // A geopoint column says it all: its latitude and longitude columns are not needed.
            if mapping.heading(ImportField::Gps).is_some() {
                mapping.columns.remove(ImportField::Latitude.code());
                mapping.columns.remove(ImportField::Longitude.code());
            }
            // ODK names the submission's id `meta-instanceID`; its `KEY` is the same.
            if mapping.heading(ImportField::EntryId).is_none()
                && let Some(key) = main.headers.iter().find(|h| *h == "KEY")
            {
                mapping
                    .columns
                    .insert(ImportField::EntryId.code().to_owned(), key.clone());
            }
        }
        let plots = sheets
            .iter()
            .skip(1)
            .find(|s| ImportField::PLOT[1..].iter().any(|f| pick(s, *f).is_some()));
        if let Some(sheet) = plots {
            mapping.plot_sheet = Some(sheet.name.clone());
            for field in ImportField::PLOT {
                if let Some(h) = pick(sheet, field) {
                    mapping.columns.insert(field.code().to_owned(), h);
                }
            }
        }
        mapping
    }

    /// Checks the mapping against the export: the required fields mapped, every heading one
    /// of its sheet's, the plots' sheet one of the export's, and a GPS point or a latitude and
    /// longitude, not both.
    pub fn validate(&self, sheets: &[Sheet]) -> Vec<FieldError> {
        let mut errors = Vec::new();
        let Some(main) = sheets.first() else {
            return errors;
        };
        let plot_sheet = match &self.plot_sheet {
            Some(name) => match sheets.iter().skip(1).find(|s| &s.name == name) {
                Some(sheet) => Some(sheet),
                None => {
                    errors.push(FieldError::new("plot_sheet", Problem::UnknownChoice));
                    None
                }
            },
            None => None,
        };
        for field in ImportField::VISIT {
            let name = format!("map_{}", field.code());
            match self.heading(field) {
                None if field.is_required() => {
                    errors.push(FieldError::new(name, Problem::Required))
                }
                Some(h) if main.column(h).is_none() => {
                    errors.push(FieldError::new(name, Problem::UnknownChoice));
                }
                _ => {}
            }
        }
        for field in ImportField::PLOT {
            let name = format!("map_{}", field.code());
            match (self.heading(field), plot_sheet) {
                (Some(h), Some(sheet)) if sheet.column(h).is_none() => {
                    errors.push(FieldError::new(name, Problem::UnknownChoice));
                }
                (Some(_), None) if self.plot_sheet.is_none() => {
                    errors.push(FieldError::new("plot_sheet", Problem::Required));
                }
                (None, Some(_)) if field == ImportField::PlotName => {
                    errors.push(FieldError::new(name, Problem::Required));
                }
                _ => {}
            }
        }
        for key in self.columns.keys() {
            if ImportField::from_code(key).is_none() {
                errors.push(FieldError::new(
                    format!("map_{key}"),
                    Problem::UnknownChoice,
                ));
            }
        }
        let gps = self.heading(ImportField::Gps).is_some();
        let lat = self.heading(ImportField::Latitude).is_some();
        let lon = self.heading(ImportField::Longitude).is_some();
        if gps && (lat || lon) {
            errors.push(FieldError::new("map_gps", Problem::NotApplicable));
        } else if lat != lon {
            let missing = if lat { "map_longitude" } else { "map_latitude" };
            errors.push(FieldError::new(missing, Problem::Required));
        }
        errors.sort_by(|a, b| a.field.cmp(&b.field));
        errors.dedup();
        errors
    }
}

/// A choice's code from what a form exported: the code itself, or its name in English or
/// Spanish, in any case, with spaces or underscores; `None` when it is neither.
fn choice<T: Copy>(
    raw: &str,
    all: &[T],
    code: fn(T) -> &'static str,
    name: fn(T, Locale) -> &'static str,
    aliases: &[(&str, &'static str)],
) -> Option<&'static str> {
    let key = raw.trim().to_lowercase().replace([' ', '-'], "_");
    if key.is_empty() {
        return None;
    }
    let plain = |s: &str| s.to_lowercase().replace([' ', '-'], "_");
    all.iter()
        .find(|v| {
            code(**v) == key
                || plain(name(**v, Locale::En)) == key
                || plain(name(**v, Locale::Es)) == key
        })
        .map(|v| code(*v))
        .or_else(|| aliases.iter().find(|(a, _)| *a == key).map(|(_, c)| *c))
}

const ILLICIT_ALIASES: &[(&str, &str)] = &[
    ("coca", "coca_bush"),
    ("poppy", "opium_poppy"),
    ("opium", "opium_poppy"),
    ("amapola", "opium_poppy"),
    ("cannabis", "cannabis_plant"),
    ("marijuana", "cannabis_plant"),
    ("marihuana", "cannabis_plant"),
];
const LICIT_ALIASES: &[(&str, &str)] = &[
    ("cacao", "cocoa"),
    ("cafe", "coffee"),
    ("café", "coffee"),
    ("platano", "banana"),
    ("plátano", "banana"),
    ("banano", "banana"),
];
const CHANNEL_ALIASES: &[(&str, &str)] = &[
    ("cooperativa", "cooperative"),
    ("intermediario", "intermediary"),
    ("mercado", "local_market"),
    ("mercado_local", "local_market"),
    ("comprador", "private_buyer"),
    ("no_vendido", "not_sold"),
];

/// A choice cell as the visit form reads it: its code when recognised, else the text as it is
/// (the visit's checks then name it as an unknown choice).
fn coded(raw: &str, known: Option<&'static str>) -> String {
    known.map_or_else(|| raw.trim().to_owned(), str::to_owned)
}

/// A day as the visit form reads it: the date part of a timestamp (`2025-06-03T10:22:41.000-05:00`,
/// `2025-06-03 10:22:41`).
fn day(raw: &str) -> String {
    let t = raw.trim();
    match t.get(..10) {
        Some(d) if t.len() > 10 && matches!(t.as_bytes()[10], b'T' | b' ') => d.to_owned(),
        _ => t.to_owned(),
    }
}

/// The entry id a submission id gives: ODK's `uuid:` prefix dropped.
fn entry_id(raw: &str) -> String {
    raw.trim()
        .strip_prefix("uuid:")
        .unwrap_or(raw.trim())
        .to_owned()
}

/// A submission read from an export, ready for the visit checks; or why it cannot be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submission {
    /// The sheet and line it comes from.
    pub line: u32,
    /// The household's code as typed.
    pub household_code: String,
    /// The visit, with each plot row's `plot_id` holding the plot's name until the server
    /// finds the household's plot of that name.
    pub form: VisitForm,
    /// The lines of its plot rows, in order.
    pub plot_lines: Vec<u32>,
    /// Everything its rows hold, to make an entry id from when the export has none: the same
    /// rows imported again give the same id, so they are not stored twice.
    pub fingerprint: String,
}

/// A row that cannot be imported, with its sheet, line and reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RowIssue {
    /// The sheet.
    pub sheet: String,
    /// The line in it.
    pub line: u32,
    /// The household's code as given, if any.
    pub household_code: Option<String>,
    /// What is wrong, in words.
    pub reason: String,
}

/// The column of a sheet that links repeat rows to submissions: (the main sheet's key column,
/// the repeat sheet's parent column).
fn link_columns(main: &Sheet, repeat: &Sheet) -> Option<(usize, usize)> {
    [("_index", "_parent_index"), ("KEY", "PARENT_KEY")]
        .into_iter()
        .find_map(|(key, parent)| Some((main.column(key)?, repeat.column(parent)?)))
}

/// Reads every submission of an export with `mapping` (already checked). Plot rows whose
/// submission is not in the main sheet are issues of their own.
pub fn submissions(
    sheets: &[Sheet],
    mapping: &ImportMapping,
    locale: Locale,
) -> (Vec<Submission>, Vec<RowIssue>) {
    let mut issues = Vec::new();
    let Some(main) = sheets.first() else {
        return (Vec::new(), issues);
    };
    let cell = |sheet: &Sheet, row: &SheetRow, field: ImportField| -> String {
        mapping
            .heading(field)
            .map(|h| sheet.cell(row, h).to_owned())
            .unwrap_or_default()
    };
    // The plot rows of each submission, by the main sheet's key.
    let mut plot_rows: BTreeMap<String, Vec<(u32, VisitPlotForm)>> = BTreeMap::new();
    let plot_sheet = mapping
        .plot_sheet
        .as_deref()
        .and_then(|name| sheets.iter().find(|s| s.name == name));
    let links = plot_sheet.and_then(|sheet| link_columns(main, sheet));
    if let Some(sheet) = plot_sheet {
        for row in &sheet.rows {
            let Some((_, parent)) = links else {
                issues.push(RowIssue {
                    sheet: sheet.name.clone(),
                    line: row.line,
                    household_code: None,
                    reason: pick(
                        locale,
                        "The plots' sheet has no _parent_index or PARENT_KEY column to find its submission.",
                        "La hoja de predios no tiene columna _parent_index ni PARENT_KEY para encontrar su envío.",
                    ),
                });
                continue;
            };
            let parent = row.cells.get(parent).map_or("", |c| c.trim()).to_owned();
            let form = VisitPlotForm {
                plot_id: cell(sheet, row, ImportField::PlotName),
                illicit_crop: coded(
                    &cell(sheet, row, ImportField::IllicitCrop),
                    choice(
                        &cell(sheet, row, ImportField::IllicitCrop),
                        IllicitCrop::ALL,
                        IllicitCrop::code,
                        IllicitCrop::name,
                        ILLICIT_ALIASES,
                    ),
                ),
                illicit_hectares: cell(sheet, row, ImportField::IllicitHectares),
                licit_crop: coded(
                    &cell(sheet, row, ImportField::LicitCrop),
                    choice(
                        &cell(sheet, row, ImportField::LicitCrop),
                        AlternativeCrop::ALL,
                        AlternativeCrop::code,
                        AlternativeCrop::name,
                        LICIT_ALIASES,
                    ),
                ),
                established_hectares: cell(sheet, row, ImportField::EstablishedHectares),
                surviving_hectares: cell(sheet, row, ImportField::SurvivingHectares),
            };
            plot_rows.entry(parent).or_default().push((row.line, form));
        }
    }
    let mut out = Vec::new();
    let mut claimed: Vec<String> = Vec::new();
    for row in &main.rows {
        let (latitude, longitude) = match mapping.heading(ImportField::Gps) {
            Some(h) => {
                let parts: Vec<&str> = main.cell(row, h).split_whitespace().collect();
                match parts.as_slice() {
                    [] => (String::new(), String::new()),
                    [lat, lon, ..] => ((*lat).to_owned(), (*lon).to_owned()),
                    [one] => ((*one).to_owned(), String::new()),
                }
            }
            None => (
                cell(main, row, ImportField::Latitude),
                cell(main, row, ImportField::Longitude),
            ),
        };
        let crop_raw = cell(main, row, ImportField::Crop);
        let channel_raw = cell(main, row, ImportField::SalesChannel);
        let key = links
            .and_then(|(key, _)| row.cells.get(key))
            .map(|k| k.trim().to_owned());
        let plots = key
            .as_ref()
            .and_then(|k| plot_rows.get(k))
            .cloned()
            .unwrap_or_default();
        if let Some(k) = key {
            claimed.push(k);
        }
        let form = VisitForm {
            client_id: entry_id(&cell(main, row, ImportField::EntryId)),
            visited_on: day(&cell(main, row, ImportField::VisitedOn)),
            longitude,
            latitude,
            plots: plots.iter().map(|(_, p)| p.clone()).collect(),
            crop: coded(
                &crop_raw,
                choice(
                    &crop_raw,
                    AlternativeCrop::ALL,
                    AlternativeCrop::code,
                    AlternativeCrop::name,
                    LICIT_ALIASES,
                ),
            ),
            harvested_kg: cell(main, row, ImportField::HarvestedKg),
            sold_kg: cell(main, row, ImportField::SoldKg),
            price_per_kg: cell(main, row, ImportField::PricePerKg),
            currency: cell(main, row, ImportField::Currency).to_uppercase(),
            sales_channel: coded(
                &channel_raw,
                choice(
                    &channel_raw,
                    SalesChannel::ALL,
                    SalesChannel::code,
                    SalesChannel::name,
                    CHANNEL_ALIASES,
                ),
            ),
            income: String::new(),
            note: cell(main, row, ImportField::Note),
        };
        let mut fingerprint = row.cells.join("\u{1f}");
        for (_, p) in &plots {
            fingerprint.push('\u{1e}');
            fingerprint.push_str(&serde_json::to_string(p).unwrap_or_default());
        }
        out.push(Submission {
            line: row.line,
            household_code: cell(main, row, ImportField::HouseholdCode),
            form,
            plot_lines: plots.iter().map(|(l, _)| *l).collect(),
            fingerprint,
        });
    }
    if let Some(sheet) = plot_sheet {
        for (parent, rows) in &plot_rows {
            if !claimed.contains(parent) {
                for (line, _) in rows {
                    issues.push(RowIssue {
                        sheet: sheet.name.clone(),
                        line: *line,
                        household_code: None,
                        reason: match locale {
                            Locale::En => format!("No submission in the main sheet has the key “{parent}” this plot row points to."),
                            Locale::Es => format!("Ningún envío de la hoja principal tiene la clave «{parent}» a la que apunta esta fila de predio."),
                        },
                    });
                }
            }
        }
    }
    (out, issues)
}

fn pick(locale: Locale, en: &str, es: &str) -> String {
    if locale == Locale::Es { es } else { en }.to_owned()
}

/// The column a visit field's problem points at, for a row's reason: the mapped heading, or
/// for a plot row's field, the plot sheet's heading and the row's line.
pub fn problem_column(mapping: &ImportMapping, field: &str) -> (Option<String>, Option<usize>) {
    // Plot rows' fields are `plots[N].field`.
    if let Some(rest) = field.strip_prefix("plots[")
        && let Some((index, name)) = rest.split_once("].")
    {
        let import = match name {
            "plot_id" => Some(ImportField::PlotName),
            other => ImportField::from_code(other),
        };
        return (
            import.and_then(|f| mapping.heading(f)).map(str::to_owned),
            index.parse().ok(),
        );
    }
    let import = match field {
        "client_id" => Some(ImportField::EntryId),
        "latitude" | "longitude" if mapping.heading(ImportField::Gps).is_some() => {
            Some(ImportField::Gps)
        }
        other => ImportField::from_code(other),
    };
    (
        import.and_then(|f| mapping.heading(f)).map(str::to_owned),
        None,
    )
}

/// A row's reason from the visit's field problems: each problem with the column it comes from.
pub fn reason_of(
    mapping: &ImportMapping,
    errors: &[FieldError],
    plot_lines: &[u32],
    locale: Locale,
) -> String {
    errors
        .iter()
        .map(|e| {
            let (column, plot) = problem_column(mapping, &e.field);
            let message = e.problem.message(locale);
            let place = match (column, plot.and_then(|i| plot_lines.get(i))) {
                (Some(c), Some(line)) => match locale {
                    Locale::En => format!("“{c}” (plots sheet, line {line})"),
                    Locale::Es => format!("«{c}» (hoja de predios, línea {line})"),
                },
                (Some(c), None) => match locale {
                    Locale::En => format!("“{c}”"),
                    Locale::Es => format!("«{c}»"),
                },
                (None, _) => e.field.clone(),
            };
            format!("{place}: {message}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

crate::crop::coded_enum! {
    /// Where an import stands.
    ImportStatus {
        Mapping => "mapping", "Columns to map", "Columnas por asignar";
        Running => "running", "Importing", "Importando";
        Done => "done", "Done", "Terminado";
        Interrupted => "interrupted", "Interrupted (start it again: nothing is stored twice)", "Interrumpido (vuelva a iniciarlo: nada se guarda dos veces)";
    }
}

/// A sheet as an import shows it: its name, headings, rows, and its first rows to recognise
/// the columns by.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SheetSummary {
    /// The sheet's name.
    pub name: String,
    /// Its headings.
    pub headers: Vec<String>,
    /// How many rows it has.
    pub rows: u32,
    /// Its first rows (at most three), while the import waits for its mapping.
    pub sample: Vec<Vec<String>>,
}

impl SheetSummary {
    /// The summary of a sheet, with its first rows when `sample`.
    pub fn of(sheet: &Sheet, sample: bool) -> SheetSummary {
        SheetSummary {
            name: sheet.name.clone(),
            headers: sheet.headers.clone(),
            rows: u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX),
            sample: if sample {
                sheet.rows.iter().take(3).map(|r| r.cells.clone()).collect()
            } else {
                Vec::new()
            },
        }
    }
}

/// An import of visits from a KoboToolbox or ODK export.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldImport {
    /// Its id.
    pub id: i64,
    /// The project.
    pub project_id: i64,
    /// The form it comes from (its mapping is remembered by this name).
    pub form_name: String,
    /// The file uploaded.
    pub file_name: String,
    /// Where it stands.
    pub status: ImportStatus,
    /// The sheets read, the submissions' sheet first.
    pub sheets: Vec<SheetSummary>,
    /// The mapping: the one remembered for the form, else one suggested by the headings;
    /// once started, the one used.
    pub mapping: ImportMapping,
    /// Whether the mapping is the one remembered from an earlier import of the form.
    pub mapping_remembered: bool,
    /// Submissions to import.
    pub total: u32,
    /// Submissions gone through so far.
    pub processed: u32,
    /// Visits stored.
    pub imported: u32,
    /// Submissions already stored by an earlier import (or sent from the form): not stored twice.
    pub already_imported: u32,
    /// Rows not imported, with their reasons.
    pub issues: Vec<RowIssue>,
    /// Who uploaded it.
    pub created_by: String,
    /// Their account, while it exists.
    pub created_by_id: Option<i64>,
    /// When (UTC).
    pub created_at: chrono::DateTime<chrono::Utc>,
    /// When it finished (UTC).
    pub finished_at: Option<chrono::DateTime<chrono::Utc>>,
}

impl FieldImport {
    /// How far it has gone, in whole per cent.
    pub fn percent(&self) -> u32 {
        if self.total == 0 {
            return if self.status == ImportStatus::Done {
                100
            } else {
                0
            };
        }
        u32::try_from(u64::from(self.processed) * 100 / u64::from(self.total)).unwrap_or(100)
    }
}

/// A project's imports, newest first, and whether the reader may import.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProjectImports {
    /// The imports (without their sheets' first rows).
    pub imports: Vec<FieldImport>,
    /// Whether the reader may import visits here.
    pub can_import: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_csv(name: &str, text: &str) -> Sheet {
        let mut budget = crate::sheet::Budget::new(crate::sheet::IMPORT_LIMITS);
        crate::sheet::read_csv(name, text, &mut budget).unwrap()
    }

    /// A KoboToolbox export's main sheet and repeat group, as its XLSX export names them.
    fn kobo() -> Vec<Sheet> {
        let main = read_csv(
            "Visita de monitoreo",
            "start,end,grp_visit/household_code,grp_visit/fecha,gps,_gps_latitude,_gps_longitude,_gps_altitude,_gps_precision,grp_harvest/cultivo,grp_harvest/harvested_kg,grp_harvest/sold_kg,grp_harvest/precio,grp_harvest/moneda,grp_harvest/canal,observaciones,_id,_uuid,_submission_time,_index\n\
             2025-06-03T09:10:00.000-05:00,2025-06-03T09:40:00.000-05:00,KR76-P9AA-T,2025-06-03,-8.187654 -76.512345 560 4.5,-8.187654,-76.512345,560,4.5,Cacao,420,400,8950,cop,Cooperativa,\"Seedlings fine,\n graft taken\",101,5f2e1c1a-0b6b-4a55-9d3e-1a2b3c4d5e6f,2025-06-03T15:00:00,1\n\
             ,,,,,,,,,,,,,,,,,,,\n\
             2025-06-04T09:10:00.000-05:00,,ZZZZ,2025-06-04,,,,,,,,,,,,,102,6a1f,2025-06-04T15:00:00,2\n",
        );
        let plots = read_csv(
            "plots",
            "plot_name,illicit_crop,illicit_hectares,licit_crop,established_hectares,surviving_hectares,_index,_parent_table_name,_parent_index,_submission__uuid\n\
             La loma,Coca,0.25,cacao,1.5,1.2,1,Visita de monitoreo,1,5f2e\n\
             El bajo,,0,Café,1,1,2,Visita de monitoreo,1,5f2e\n\
             Huérfano,coca,1,,,,3,Visita de monitoreo,9,x\n",
        );
        vec![main, plots]
    }

    #[test]
    fn csv_cells_keep_quoted_line_breaks_and_rows_keep_their_line_numbers() {
        let sheets = kobo();
        let main = &sheets[0];
        assert_eq!(main.rows.len(), 2, "the blank row is left out");
        assert_eq!(main.rows[0].line, 2);
        // The note spans lines 2–3; the blank row is line 4; the next submission line 5.
        assert_eq!(main.rows[1].line, 5);
        assert_eq!(
            main.cell(&main.rows[0], "observaciones"),
            "Seedlings fine,\n graft taken"
        );
        let semicolons = read_csv("x", "\u{feff}a;b\r\n1;\"2;3\"\r\n");
        assert_eq!(semicolons.headers, ["a", "b"]);
        assert_eq!(semicolons.rows[0].cells, ["1", "2;3"]);
    }

    #[test]
    fn a_form_is_named_after_its_main_sheet_without_the_export_stamp() {
        assert_eq!(form_name("Visita de monitoreo"), "Visita de monitoreo");
        assert_eq!(
            form_name("visita_monitoreo_2025_06_03_10_22_41"),
            "visita_monitoreo"
        );
        assert_eq!(
            form_name("Visita - all versions - labels - 2025-06-03-10-22"),
            "Visita"
        );
        assert_eq!(
            sheet_name("exports/visita_monitoreo-plots.csv"),
            "visita_monitoreo-plots"
        );
    }

    #[test]
    fn the_mapping_is_suggested_from_the_usual_headings_of_kobo_and_odk() {
        let mapping = ImportMapping::suggest(&kobo());
        assert_eq!(
            mapping.heading(ImportField::HouseholdCode),
            Some("grp_visit/household_code")
        );
        assert_eq!(
            mapping.heading(ImportField::VisitedOn),
            Some("grp_visit/fecha")
        );
        assert_eq!(mapping.heading(ImportField::EntryId), Some("_uuid"));
        assert_eq!(mapping.heading(ImportField::Gps), Some("gps"));
        assert_eq!(
            mapping.heading(ImportField::PricePerKg),
            Some("grp_harvest/precio")
        );
        assert_eq!(mapping.plot_sheet.as_deref(), Some("plots"));
        assert_eq!(
            mapping.heading(ImportField::SurvivingHectares),
            Some("surviving_hectares")
        );
        // With a GPS column and separate latitude/longitude, only one is taken.
        let mut both = mapping.clone();
        both.columns
            .insert("latitude".into(), "_gps_latitude".into());
        both.columns
            .insert("longitude".into(), "_gps_longitude".into());
        let codes: Vec<(String, String)> = both
            .validate(&kobo())
            .into_iter()
            .map(|e| (e.field, e.problem.code().to_owned()))
            .collect();
        assert_eq!(codes, [("map_gps".to_owned(), "not_applicable".to_owned())]);
        assert!(mapping.validate(&kobo()).is_empty());
        let odk = vec![read_csv(
            "visita",
            "SubmissionDate,visit-household_code,visit-visit_date,visit-gps-Latitude,visit-gps-Longitude,meta-instanceID,KEY\n\
             2025-06-03,KR76-P9AA-T,2025-06-03,-8.1,-76.5,uuid:abc,uuid:abc\n",
        )];
        let suggested = ImportMapping::suggest(&odk);
        assert_eq!(
            suggested.heading(ImportField::HouseholdCode),
            Some("visit-household_code")
        );
        assert_eq!(
            suggested.heading(ImportField::VisitedOn),
            Some("visit-visit_date")
        );
        assert_eq!(
            suggested.heading(ImportField::Latitude),
            Some("visit-gps-Latitude")
        );
        assert_eq!(
            suggested.heading(ImportField::EntryId),
            Some("meta-instanceID")
        );
    }

    #[test]
    fn a_mapping_without_the_household_or_the_day_or_with_unknown_columns_is_refused_by_field() {
        let mut mapping = ImportMapping::suggest(&kobo());
        mapping.columns.remove("household_code");
        mapping
            .columns
            .insert("sold_kg".into(), "no such column".into());
        mapping.plot_sheet = Some("nope".into());
        mapping.columns.insert("bogus".into(), "start".into());
        let codes: Vec<(String, String)> = mapping
            .validate(&kobo())
            .into_iter()
            .map(|e| (e.field, e.problem.code().to_owned()))
            .collect();
        assert_eq!(
            codes,
            [
                ("map_bogus".to_owned(), "unknown_choice".to_owned()),
                ("map_household_code".to_owned(), "required".to_owned()),
                ("map_sold_kg".to_owned(), "unknown_choice".to_owned()),
                ("plot_sheet".to_owned(), "unknown_choice".to_owned()),
            ]
        );
        let form = ImportMapping::from_pairs([
            ("map_household_code", "hh"),
            ("map_note", ""),
            ("map_bogus", "x"),
            ("plot_sheet", "plots"),
        ]);
        assert_eq!(form.columns.len(), 1);
        assert_eq!(form.plot_sheet.as_deref(), Some("plots"));
    }

    #[test]
    fn submissions_take_their_plot_rows_and_turn_labels_into_codes() {
        let sheets = kobo();
        let mapping = ImportMapping::suggest(&sheets);
        let (subs, issues) = submissions(&sheets, &mapping, Locale::En);
        assert_eq!(subs.len(), 2);
        let first = &subs[0];
        assert_eq!(first.household_code, "KR76-P9AA-T");
        assert_eq!(first.form.client_id, "5f2e1c1a-0b6b-4a55-9d3e-1a2b3c4d5e6f");
        assert_eq!(first.form.visited_on, "2025-06-03");
        assert_eq!(
            (first.form.latitude.as_str(), first.form.longitude.as_str()),
            ("-8.187654", "-76.512345")
        );
        assert_eq!(first.form.crop, "cocoa");
        assert_eq!(first.form.currency, "COP");
        assert_eq!(first.form.sales_channel, "cooperative");
        assert_eq!(first.form.plots.len(), 2);
        assert_eq!(first.form.plots[0].plot_id, "La loma");
        assert_eq!(first.form.plots[0].illicit_crop, "coca_bush");
        assert_eq!(first.form.plots[1].licit_crop, "coffee");
        assert_eq!(first.plot_lines, [2, 3]);
        assert!(subs[1].form.plots.is_empty());
        // The orphan plot row is named with its line.
        assert_eq!(issues.len(), 1);
        assert_eq!((issues[0].sheet.as_str(), issues[0].line), ("plots", 4));
        assert!(issues[0].reason.contains("“9”"), "{}", issues[0].reason);
        // An ODK id loses its `uuid:` prefix; a timestamp gives its day.
        assert_eq!(entry_id("uuid:0f4c5d6e-7a8b"), "0f4c5d6e-7a8b");
        assert_eq!(day("2025-06-03T10:22:41.000-05:00"), "2025-06-03");
        assert_eq!(day("2025-06-03 10:22"), "2025-06-03");
        assert_eq!(day("03/06/2025"), "03/06/2025");
    }

    #[test]
    fn a_rows_reason_names_the_column_and_for_a_plot_row_its_line() {
        let sheets = kobo();
        let mapping = ImportMapping::suggest(&sheets);
        let errors = vec![
            FieldError::new("sold_kg", Problem::NotANumber),
            FieldError::new("plots[1].surviving_hectares", Problem::NotANumber),
            FieldError::new("latitude", Problem::Required),
        ];
        let reason = reason_of(&mapping, &errors, &[2, 3], Locale::En);
        assert!(reason.starts_with("“grp_harvest/sold_kg”: "), "{reason}");
        assert!(
            reason.contains("“surviving_hectares” (plots sheet, line 3): "),
            "{reason}"
        );
        assert!(reason.contains("“gps”: "), "{reason}");
        let es = reason_of(&mapping, &errors[..1], &[], Locale::Es);
        assert!(es.starts_with("«grp_harvest/sold_kg»: "), "{es}");
    }
}

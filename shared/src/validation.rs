//! Validation rules shared by the browser, the server and the REST API: one set of rules, one set
//! of messages. A rule either returns the parsed value ("parse, don't validate") or a
//! [`FieldError`] naming the field and the [`Problem`].

use crate::i18n::Locale;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// What is wrong with a field's value. Serialized with a stable `code` for API clients.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum Problem {
    /// Nothing was given.
    Required,
    /// Longer than `max` characters.
    TooLong {
        /// The most characters allowed.
        max: u32,
    },
    /// Contains control characters (such as NUL or escape codes).
    ControlCharacters,
    /// Not a calendar date written as YYYY-MM-DD.
    InvalidDate,
    /// A date outside the years the product accepts.
    DateOutOfRange {
        /// The first year accepted.
        min_year: i32,
        /// The last year accepted.
        max_year: i32,
    },
    /// The end date is not after the start date.
    EndNotAfterStart,
    /// Not one of the supported countries.
    UnknownCountry,
    /// Not one of the known crops.
    UnknownCrop,
    /// Not one of the known project types.
    UnknownKind,
    /// Not a number.
    NotANumber,
    /// A number written with a thousands separator that could be read two ways.
    AmbiguousNumber,
    /// Zero or negative where a positive number is needed.
    NotPositive,
    /// Larger than the largest plausible value.
    TooLarge {
        /// The largest value accepted, as written in the API.
        max: String,
    },
    /// More decimal places than the quantity has.
    TooManyDecimals {
        /// The most decimal places allowed.
        max: u32,
    },
    /// The same crop appears in two rows.
    DuplicateCrop,
    /// At least one entry is needed.
    AtLeastOne,
    /// More entries than allowed.
    TooMany {
        /// The most entries allowed.
        max: u32,
    },
    /// Another record already uses this name.
    NameTaken,
    /// Not an email address.
    InvalidEmail,
    /// Not one of the roles.
    UnknownRole,
    /// A number outside the range the field takes.
    OutOfRange {
        /// The smallest value.
        min: String,
        /// The largest value.
        max: String,
    },
    /// One of two fields that go together was left empty.
    BothOrNeither,
    /// A geometry that cannot be an area.
    InvalidGeometry {
        /// What is wrong, and where.
        detail: crate::geometry_problem::GeometryProblem,
    },
    /// Not one of the scope kinds.
    UnknownScope,
    /// The two passwords typed differ.
    PasswordsDiffer,
    /// Not the user's current password.
    WrongCurrentPassword,
    /// A project the user cannot reach with that role.
    ProjectNotReachable,
    /// A token limited to some projects may only make tokens limited to some of them.
    TokenNeedsProjects,
    /// An administrator may not deactivate its own account or remove its own roles.
    OwnAccount,
    /// An uploaded file left unimported was removed after the days the settings allow.
    UploadExpired,
    /// The invitation link is unknown, used or expired.
    InvitationInvalid,
    /// The email or password is wrong (which one is not said).
    BadCredentials,
    /// A password too short or too easy to guess.
    WeakPassword {
        /// The fewest characters.
        min: u32,
    },
    /// Not one of the options offered (a status, a kind, a partner...).
    UnknownChoice,
    /// A date outside the period it must fall in (the project's, say).
    OutsidePeriod {
        /// The period's first day, `YYYY-MM-DD`.
        start: String,
        /// The period's last day, `YYYY-MM-DD`.
        end: String,
    },
    /// A record that does not belong to this project (or does not exist).
    UnknownReference,
    /// Negative where zero or more is needed.
    Negative,
    /// Not a month written as YYYY-MM.
    InvalidMonth,
    /// A whole number was expected.
    NotAWholeNumber,
    /// A result placed under the wrong level (an output directly under the goal, say).
    WrongLevel,
    /// Not one of the reporting periods of this indicator.
    UnknownPeriod,
    /// The indicator is not one the records define, so its actuals cannot be worked out.
    NotComputed,
    /// No exchange rate joins the two currencies on that day.
    NoExchangeRate,
    /// An upload that is not CSV, XLSX or a ZIP of CSV files.
    UnknownFileFormat,
    /// An upload that is damaged or not what its name says.
    UnreadableFile,
    /// An XML upload (an IATI file) that cannot be read, with the reader's explanation and
    /// its line (nesting or size past a limit, not well-formed, another root element).
    UnreadableXml {
        /// The reader's explanation.
        detail: String,
    },
    /// An upload with no sheet that has headings and a row.
    EmptyFile,
    /// More rows than an import takes.
    TooManyRows {
        /// The most rows taken.
        max: u32,
    },
    /// A row of an upload with more columns than a reader takes.
    TooManyColumns {
        /// The sheet.
        sheet: String,
        /// The row.
        line: u32,
        /// The most columns taken.
        max: u32,
    },
    /// A cell of an upload longer than a reader takes.
    CellTooLong {
        /// The sheet.
        sheet: String,
        /// The cell's row.
        line: u32,
        /// The most characters taken.
        max: u32,
    },
    /// An upload with more cells, or more text, than a reader keeps.
    TooMuchData {
        /// The most cells.
        max_cells: u32,
        /// The most text, in MiB.
        max_mib: u32,
    },
    /// A ZIP or XLSX upload with more files, or unpacking to more, than a reader takes.
    ArchiveTooLarge {
        /// The most files.
        max_files: u32,
        /// The most unpacked, in MiB.
        max_mib: u32,
    },
    /// Not an IATI organisation identifier.
    InvalidIatiIdentifier,
    /// Given where it does not apply (a reached date for a milestone not reached, say).
    NotApplicable,
    /// The same reporting period appears in two rows.
    DuplicatePeriod,
    /// A table with neither a column per year nor year and hectares columns.
    UnknownTableLayout,
    /// An indicator's stored targets do not fit the unit it is changed to.
    TargetsDoNotFitUnit,
    /// A result that still has results or indicators under it cannot be deleted.
    NotEmpty,
    /// Not a phone number.
    InvalidPhone,
    /// Not a household code (or its check character does not match).
    InvalidHouseholdCode,
    /// The head of household is not counted among the members.
    HeadNotCounted,
    /// More than the household has members (of that sex).
    ExceedsMembers {
        /// The most accepted.
        max: u32,
    },
    /// A date after today.
    DateInFuture,
    /// A status change dated before the household's last one.
    BeforeLastChange {
        /// The last change's date, `YYYY-MM-DD`.
        date: String,
    },
    /// A withdrawn household's status cannot change.
    HouseholdWithdrawn,
    /// The same status as the household already has.
    SameStatus,
    /// The same plot twice in one visit.
    DuplicatePlot,
    /// Not an id a device may give an entry (8 to 64 letters, digits, `-` or `_`).
    InvalidClientId,
    /// A total that is not the sum of its cells.
    CellsDoNotAddUp {
        /// The cells' sum.
        sum: String,
    },
    /// An approved period is locked: a correction is a new revision.
    PeriodLocked,
    /// Submitted for approval: it is approved or returned before it changes.
    AwaitingApproval,
    /// The workflow does not allow this step now.
    NotAllowedNow,
    /// A date before the day an agreement was signed.
    BeforeSigning {
        /// The signing day, `YYYY-MM-DD`.
        date: String,
    },
    /// More than a funding agreement provides: its tranches would add up to more than its
    /// amount.
    ExceedsAgreement {
        /// What remains of the agreement's amount for new tranches, as written in the API.
        remaining: String,
    },
    /// A project or component outside what a funding agreement is earmarked for.
    OutsideEarmark,
}

impl Problem {
    /// The stable machine-readable code (`required`, `too_long`, ...).
    pub fn code(&self) -> &'static str {
        match self {
            Problem::Required => "required",
            Problem::TooLong { .. } => "too_long",
            Problem::ControlCharacters => "control_characters",
            Problem::InvalidDate => "invalid_date",
            Problem::DateOutOfRange { .. } => "date_out_of_range",
            Problem::EndNotAfterStart => "end_not_after_start",
            Problem::UnknownCountry => "unknown_country",
            Problem::UnknownCrop => "unknown_crop",
            Problem::UnknownKind => "unknown_kind",
            Problem::NotANumber => "not_a_number",
            Problem::AmbiguousNumber => "ambiguous_number",
            Problem::NotPositive => "not_positive",
            Problem::TooLarge { .. } => "too_large",
            Problem::TooManyDecimals { .. } => "too_many_decimals",
            Problem::DuplicateCrop => "duplicate_crop",
            Problem::AtLeastOne => "at_least_one",
            Problem::TooMany { .. } => "too_many",
            Problem::NameTaken => "name_taken",
            Problem::InvalidEmail => "invalid_email",
            Problem::UnknownRole => "unknown_role",
            Problem::OutOfRange { .. } => "out_of_range",
            Problem::BothOrNeither => "both_or_neither",
            Problem::InvalidGeometry { .. } => "invalid_geometry",
            Problem::UnknownScope => "unknown_scope",
            Problem::PasswordsDiffer => "passwords_differ",
            Problem::WrongCurrentPassword => "wrong_current_password",
            Problem::ProjectNotReachable => "project_not_reachable",
            Problem::TokenNeedsProjects => "token_needs_projects",
            Problem::OwnAccount => "own_account",
            Problem::UploadExpired => "upload_expired",
            Problem::InvitationInvalid => "invitation_invalid",
            Problem::BadCredentials => "bad_credentials",
            Problem::WeakPassword { .. } => "weak_password",
            Problem::UnknownChoice => "unknown_choice",
            Problem::OutsidePeriod { .. } => "outside_period",
            Problem::UnknownReference => "unknown_reference",
            Problem::Negative => "negative",
            Problem::InvalidMonth => "invalid_month",
            Problem::NotAWholeNumber => "not_a_whole_number",
            Problem::WrongLevel => "wrong_level",
            Problem::UnknownPeriod => "unknown_period",
            Problem::NotComputed => "not_computed",
            Problem::NoExchangeRate => "no_exchange_rate",
            Problem::UnknownFileFormat => "unknown_file_format",
            Problem::UnreadableFile => "unreadable_file",
            Problem::UnreadableXml { .. } => "unreadable_xml",
            Problem::EmptyFile => "empty_file",
            Problem::TooManyRows { .. } => "too_many_rows",
            Problem::TooManyColumns { .. } => "too_many_columns",
            Problem::CellTooLong { .. } => "cell_too_long",
            Problem::TooMuchData { .. } => "too_much_data",
            Problem::ArchiveTooLarge { .. } => "archive_too_large",
            Problem::InvalidIatiIdentifier => "invalid_iati_identifier",
            Problem::NotApplicable => "not_applicable",
            Problem::DuplicatePeriod => "duplicate_period",
            Problem::UnknownTableLayout => "unknown_table_layout",
            Problem::TargetsDoNotFitUnit => "targets_do_not_fit_unit",
            Problem::NotEmpty => "not_empty",
            Problem::InvalidPhone => "invalid_phone",
            Problem::InvalidHouseholdCode => "invalid_household_code",
            Problem::HeadNotCounted => "head_not_counted",
            Problem::ExceedsMembers { .. } => "exceeds_members",
            Problem::DateInFuture => "date_in_future",
            Problem::BeforeLastChange { .. } => "before_last_change",
            Problem::HouseholdWithdrawn => "household_withdrawn",
            Problem::SameStatus => "same_status",
            Problem::BeforeSigning { .. } => "before_signing",
            Problem::ExceedsAgreement { .. } => "exceeds_agreement",
            Problem::OutsideEarmark => "outside_earmark",
            Problem::DuplicatePlot => "duplicate_plot",
            Problem::CellsDoNotAddUp { .. } => "cells_do_not_add_up",
            Problem::PeriodLocked => "period_locked",
            Problem::AwaitingApproval => "awaiting_approval",
            Problem::NotAllowedNow => "not_allowed_now",
            Problem::InvalidClientId => "invalid_client_id",
        }
    }

    /// The message shown next to the field, in `locale`.
    pub fn message(&self, locale: Locale) -> String {
        let es = locale == Locale::Es;
        match self {
            Problem::Required => pick(es, "This field is required.", "Este campo es obligatorio."),
            Problem::TooLong { max } => {
                if es {
                    format!("Debe tener como máximo {max} caracteres.")
                } else {
                    format!("Must be at most {max} characters long.")
                }
            }
            Problem::ControlCharacters => pick(
                es,
                "Contains characters that are not allowed (control characters).",
                "Contiene caracteres no permitidos (caracteres de control).",
            ),
            Problem::InvalidDate => pick(
                es,
                "Enter a valid date as YYYY-MM-DD, for example 2025-03-31.",
                "Escriba una fecha válida como AAAA-MM-DD, por ejemplo 2025-03-31.",
            ),
            Problem::DateOutOfRange { min_year, max_year } => {
                if es {
                    format!("La fecha debe estar entre los años {min_year} y {max_year}.")
                } else {
                    format!("The date must fall between the years {min_year} and {max_year}.")
                }
            }
            Problem::EndNotAfterStart => pick(
                es,
                "The end date must be after the start date.",
                "La fecha de finalización debe ser posterior a la de inicio.",
            ),
            Problem::UnknownCountry => pick(
                es,
                "Choose a country from the list.",
                "Elija un país de la lista.",
            ),
            Problem::UnknownCrop => pick(
                es,
                "Choose a crop from the list.",
                "Elija un cultivo de la lista.",
            ),
            Problem::UnknownKind => pick(
                es,
                "Choose a project type from the list.",
                "Elija un tipo de proyecto de la lista.",
            ),
            Problem::NotANumber => pick(
                es,
                "Enter a number, for example 120.5.",
                "Escriba un número, por ejemplo 120,5.",
            ),
            Problem::AmbiguousNumber => pick(
                es,
                "Write the number without thousands separators, for example 1234.5.",
                "Escriba el número sin separadores de miles, por ejemplo 1234,5.",
            ),
            Problem::NotPositive => {
                pick(es, "Must be greater than zero.", "Debe ser mayor que cero.")
            }
            Problem::TooLarge { max } => {
                if es {
                    format!("Debe ser como máximo {max}.")
                } else {
                    format!("Must be at most {max}.")
                }
            }
            Problem::TooManyDecimals { max } => {
                if es {
                    format!("Use como máximo {max} decimales.")
                } else {
                    format!("Use at most {max} decimal places.")
                }
            }
            Problem::DuplicateCrop => pick(
                es,
                "This crop is already in another row.",
                "Este cultivo ya está en otra fila.",
            ),
            Problem::AtLeastOne => pick(es, "Give at least one.", "Indique al menos uno."),
            Problem::TooMany { max } => {
                if es {
                    format!("Como máximo {max}.")
                } else {
                    format!("At most {max}.")
                }
            }
            Problem::NameTaken => pick(
                es,
                "This name is already used. Choose another.",
                "Este nombre ya está en uso. Elija otro.",
            ),
            Problem::InvalidEmail => pick(
                es,
                "Enter an email address such as name@example.org.",
                "Escriba un correo electrónico como nombre@ejemplo.org.",
            ),
            Problem::UnknownRole => pick(
                es,
                "Choose a role from the list.",
                "Elija un rol de la lista.",
            ),
            Problem::InvalidGeometry { detail } => detail.message(locale),
            Problem::OutOfRange { min, max } => {
                if es {
                    format!("Debe estar entre {min} y {max}.")
                } else {
                    format!("Must be between {min} and {max}.")
                }
            }
            Problem::BothOrNeither => pick(
                es,
                "Give both the longitude and the latitude, or neither.",
                "Indique la longitud y la latitud, o ninguna de las dos.",
            ),
            Problem::UnknownScope => pick(
                es,
                "Choose where the role applies: everywhere, an organisation, a program or a project.",
                "Elija dónde aplica el rol: en todo, una organización, un programa o un proyecto.",
            ),
            Problem::PasswordsDiffer => pick(
                es,
                "The two passwords are not the same.",
                "Las dos contraseñas no coinciden.",
            ),
            Problem::WrongCurrentPassword => pick(
                es,
                "This is not your current password.",
                "Esta no es su contraseña actual.",
            ),
            Problem::ProjectNotReachable => pick(
                es,
                "You have no access to one of these projects with this role.",
                "No tiene acceso a uno de estos proyectos con este rol.",
            ),
            Problem::TokenNeedsProjects => pick(
                es,
                "This token is limited to some projects: choose which of them the new token reaches.",
                "Este token está limitado a algunos proyectos: elija a cuáles de ellos llega el nuevo token.",
            ),
            Problem::UploadExpired => pick(
                es,
                "This file was left unimported for too long and its contents were removed, to protect the people named in it. Upload it again.",
                "Este archivo quedó sin importar demasiado tiempo y su contenido se eliminó, para proteger a las personas que nombra. Súbalo de nuevo.",
            ),
            Problem::OwnAccount => pick(
                es,
                "You cannot deactivate your own account or remove your own roles: ask another administrator.",
                "No puede desactivar su propia cuenta ni quitar sus propios roles: pídaselo a otro administrador.",
            ),
            Problem::InvitationInvalid => pick(
                es,
                "This invitation link is not valid any more. Ask an administrator for a new one.",
                "Este enlace de invitación ya no es válido. Pida uno nuevo a un administrador.",
            ),
            Problem::BadCredentials => pick(
                es,
                "The email or the password is not right. After several failed attempts from one place, signing in from there waits a few minutes.",
                "El correo o la contraseña no son correctos. Tras varios intentos fallidos desde un mismo lugar, hay que esperar unos minutos para volver a intentarlo desde allí.",
            ),
            Problem::WeakPassword { min } => {
                if es {
                    format!("Use al menos {min} caracteres, no todos iguales ni su correo.")
                } else {
                    format!("Use at least {min} characters, not all the same and not your email.")
                }
            }
            Problem::UnknownChoice => pick(
                es,
                "Choose an option from the list.",
                "Elija una opción de la lista.",
            ),
            Problem::OutsidePeriod { start, end } => {
                if es {
                    format!("Debe estar entre {start} y {end}.")
                } else {
                    format!("Must fall between {start} and {end}.")
                }
            }
            Problem::UnknownReference => pick(
                es,
                "This record is not part of this project.",
                "Este registro no forma parte de este proyecto.",
            ),
            Problem::Negative => pick(es, "Must be zero or more.", "Debe ser cero o más."),
            Problem::InvalidMonth => pick(
                es,
                "Enter a month as YYYY-MM, for example 2025-03.",
                "Escriba un mes como AAAA-MM, por ejemplo 2025-03.",
            ),
            Problem::NotAWholeNumber => pick(
                es,
                "Enter a whole number, for example 120.",
                "Escriba un número entero, por ejemplo 120.",
            ),
            Problem::WrongLevel => pick(
                es,
                "Outcomes go under the goal and outputs under an outcome.",
                "Los resultados van bajo el objetivo y los productos bajo un resultado.",
            ),
            Problem::UnknownPeriod => pick(
                es,
                "Choose one of the indicator's reporting periods.",
                "Elija uno de los períodos de reporte del indicador.",
            ),
            Problem::NoExchangeRate => pick(
                es,
                "No exchange rate joins these currencies on that day (nor in the week before, nor an annual average of its year): import or enter one.",
                "Ningún tipo de cambio une estas monedas ese día (ni en la semana anterior, ni un promedio anual de su año): importe o ingrese uno.",
            ),
            Problem::UnknownFileFormat => pick(
                es,
                "The file is not a CSV, an XLSX or a ZIP of CSV files (the exports of KoboToolbox and ODK).",
                "El archivo no es un CSV, un XLSX ni un ZIP de archivos CSV (las exportaciones de KoboToolbox y ODK).",
            ),
            Problem::UnreadableFile => pick(
                es,
                "The file could not be read: it is damaged or not what its name says.",
                "No se pudo leer el archivo: está dañado o no es lo que dice su nombre.",
            ),
            Problem::UnreadableXml { detail } => {
                if es {
                    format!("No se pudo leer el archivo XML: {detail}")
                } else {
                    format!("The XML file could not be read: {detail}")
                }
            }
            Problem::EmptyFile => pick(
                es,
                "The file has no sheet with headings and at least one row.",
                "El archivo no tiene ninguna hoja con encabezados y al menos una fila.",
            ),
            Problem::TooManyRows { max } => {
                if es {
                    format!("El archivo tiene más de {max} filas: divídalo en varios.")
                } else {
                    format!("The file has more than {max} rows: split it into several.")
                }
            }
            Problem::TooManyColumns { sheet, line, max } => {
                if es {
                    format!(
                        "La fila {line} de la hoja «{sheet}» tiene más de {max} columnas, el máximo que se lee."
                    )
                } else {
                    format!(
                        "Row {line} of sheet “{sheet}” has more than {max} columns, the most that is read."
                    )
                }
            }
            Problem::CellTooLong { sheet, line, max } => {
                if es {
                    format!(
                        "Una celda de la fila {line} de la hoja «{sheet}» tiene más de {max} caracteres, el máximo que se lee."
                    )
                } else {
                    format!(
                        "A cell in row {line} of sheet “{sheet}” has more than {max} characters, the most that is read."
                    )
                }
            }
            Problem::TooMuchData { max_cells, max_mib } => {
                if es {
                    format!(
                        "El archivo tiene más de {max_cells} celdas o {max_mib} MiB de texto: divídalo en varios."
                    )
                } else {
                    format!(
                        "The file holds more than {max_cells} cells or {max_mib} MiB of text: split it into several."
                    )
                }
            }
            Problem::ArchiveTooLarge { max_files, max_mib } => {
                if es {
                    format!(
                        "El archivo comprimido contiene más de {max_files} archivos o se descomprime en más de {max_mib} MiB: no es una exportación que se pueda leer."
                    )
                } else {
                    format!(
                        "The compressed file holds more than {max_files} files or unpacks to more than {max_mib} MiB: it is not an export that can be read."
                    )
                }
            }
            Problem::NotComputed => pick(
                es,
                "This indicator's actuals cannot be worked out from the records: enter them by hand.",
                "Los valores de este indicador no se pueden calcular a partir de los registros: ingréselos a mano.",
            ),
            Problem::InvalidIatiIdentifier => pick(
                es,
                "Write the IATI organisation identifier as the registry does, for example GB-GOV-1.",
                "Escriba el identificador IATI de la organización como en el registro, por ejemplo GB-GOV-1.",
            ),
            Problem::NotApplicable => pick(
                es,
                "Leave this empty: it does not apply to the option chosen.",
                "Deje este campo vacío: no corresponde a la opción elegida.",
            ),
            Problem::DuplicatePeriod => pick(
                es,
                "This period is already in another row.",
                "Este período ya está en otra fila.",
            ),
            Problem::UnknownTableLayout => pick(
                es,
                "The table needs a header with a column per year (2019, 2020...), or columns named place, year and hectares.",
                "La tabla necesita un encabezado con una columna por año (2019, 2020...), o columnas llamadas lugar, año y hectáreas.",
            ),
            Problem::TargetsDoNotFitUnit => pick(
                es,
                "The indicator's targets do not fit this unit (a percentage is at most 100; people, households and counts are whole numbers). Change the targets first.",
                "Las metas del indicador no corresponden a esta unidad (un porcentaje es como máximo 100; personas, hogares y conteos son números enteros). Cambie primero las metas.",
            ),
            Problem::NotEmpty => pick(
                es,
                "This result still has results or indicators under it: delete or move them first.",
                "Este resultado todavía tiene resultados o indicadores debajo: elimínelos o muévalos primero.",
            ),
            Problem::InvalidPhone => pick(
                es,
                "Write a phone number with 6 to 15 digits (+, spaces, dashes and brackets are allowed).",
                "Escriba un número de teléfono de 6 a 15 dígitos (se admiten +, espacios, guiones y paréntesis).",
            ),
            Problem::InvalidHouseholdCode => pick(
                es,
                "This is not a household code: 8 letters or digits and a check character, such as 7K3M-Q9XD-5.",
                "Este no es un código de hogar: 8 letras o dígitos y un carácter de control, como 7K3M-Q9XD-5.",
            ),
            Problem::HeadNotCounted => pick(
                es,
                "Count the head of household among the members, in their sex and age band.",
                "Cuente a la persona jefa de hogar entre los miembros, en su sexo y grupo de edad.",
            ),
            Problem::ExceedsMembers { max } => {
                if es {
                    format!("Como máximo {max}: el hogar no tiene más miembros de ese sexo.")
                } else {
                    format!("At most {max}: the household has no more members of that sex.")
                }
            }
            Problem::DateInFuture => pick(
                es,
                "This date is in the future.",
                "Esta fecha está en el futuro.",
            ),
            Problem::BeforeLastChange { date } => {
                if es {
                    format!(
                        "Debe ser el {date} o después: es la fecha del último cambio de estado."
                    )
                } else {
                    format!("Must be {date} or later: that is the date of the last status change.")
                }
            }
            Problem::HouseholdWithdrawn => pick(
                es,
                "This household has withdrawn; register it again to enrol it anew.",
                "Este hogar se ha retirado; regístrelo de nuevo para volver a inscribirlo.",
            ),
            Problem::SameStatus => pick(
                es,
                "The household already has this status.",
                "El hogar ya tiene este estado.",
            ),
            Problem::CellsDoNotAddUp { sum } => {
                if es {
                    format!("El total no es la suma de las celdas: suman {sum}.")
                } else {
                    format!("The total is not the sum of the cells: they add up to {sum}.")
                }
            }
            Problem::PeriodLocked => pick(
                es,
                "This period is approved and locked: start a new revision to correct it.",
                "Este período está aprobado y cerrado: inicie una nueva revisión para corregirlo.",
            ),
            Problem::AwaitingApproval => pick(
                es,
                "It is waiting for approval: it can change once approved or returned.",
                "Está esperando aprobación: puede cambiar una vez aprobado o devuelto.",
            ),
            Problem::NotAllowedNow => pick(
                es,
                "This step is not possible in its present state.",
                "Este paso no es posible en su estado actual.",
            ),
            Problem::DuplicatePlot => pick(
                es,
                "This plot is already in the visit.",
                "Esta parcela ya está en la visita.",
            ),
            Problem::InvalidClientId => pick(
                es,
                "Not an entry id: 8 to 64 letters, digits, hyphens or underscores (a UUID).",
                "No es un identificador de registro: de 8 a 64 letras, dígitos, guiones o guiones bajos (un UUID).",
            ),
            Problem::BeforeSigning { date } => {
                if es {
                    format!("Debe ser el {date} o después: es el día en que se firmó el acuerdo.")
                } else {
                    format!("Must be {date} or later: that is the day the agreement was signed.")
                }
            }
            Problem::ExceedsAgreement { remaining } => {
                if es {
                    format!(
                        "Los tramos sumarían más que el acuerdo: quedan {remaining} por programar."
                    )
                } else {
                    format!(
                        "The tranches would add up to more than the agreement: {remaining} remains to plan."
                    )
                }
            }
            Problem::OutsideEarmark => pick(
                es,
                "The funding agreement is not earmarked for this project or component.",
                "El acuerdo de financiación no está destinado a este proyecto o componente.",
            ),
        }
    }
}

fn pick(es: bool, en_text: &str, es_text: &str) -> String {
    if es { es_text } else { en_text }.to_owned()
}

/// A problem with one field: the field's path (`name`, `planned_crops[2].hectares`) and what is
/// wrong with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The field's path, as named in forms and in the API.
    pub field: String,
    /// What is wrong.
    pub problem: Problem,
}

impl FieldError {
    /// A problem with `field`.
    pub fn new(field: impl Into<String>, problem: Problem) -> Self {
        FieldError {
            field: field.into(),
            problem,
        }
    }
}

/// Implements `from_pairs` — reading a form post's (name, value) pairs — for a form whose fields
/// are all text named like the struct's fields; other names are ignored.
#[macro_export]
macro_rules! text_form_from_pairs {
    ($form:ty { $($field:ident),* $(,)? }) => {
        impl $form {
            /// Reads a form post's fields; fields of other names are ignored.
            pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
                let mut form = <$form>::default();
                for (key, value) in pairs {
                    match key {
                        $(stringify!($field) => form.$field = value.to_owned(),)*
                        _ => {}
                    }
                }
                form
            }
        }
    };
}

/// Gathers the problems of a whole form, so every problem is reported at once.
pub struct Collector<'a>(pub &'a mut Vec<FieldError>);

impl Collector<'_> {
    /// The value when `result` is valid; otherwise records its problem and gives `None`.
    pub fn take<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        result.map_err(|e| self.0.push(e)).ok()
    }
}

/// The problem reported for `field`, if any.
/// The longest number read from text, in characters: a decimal holds at most 29 significant
/// digits, so anything longer is not a number a person or a publisher wrote — and
/// rust_decimal's parser recurses once per character, so an endless one would overflow the
/// stack (found by the fuzzer on exchange-rate files).
pub const NUMBER_TEXT_MAX: usize = 64;

pub fn problem_for<'a>(errors: &'a [FieldError], field: &str) -> Option<&'a Problem> {
    errors.iter().find(|e| e.field == field).map(|e| &e.problem)
}

/// A required single-line text: trimmed, not empty, at most `max` characters, no control characters.
pub fn required_line(field: &str, raw: &str, max: u32) -> Result<String, FieldError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(FieldError::new(field, Problem::Required));
    }
    checked_text(field, text, max, false)
}

/// An optional multi-line text: trimmed, `None` when empty, at most `max` characters; line breaks
/// and tabs allowed, other control characters not.
pub fn optional_text(field: &str, raw: &str, max: u32) -> Result<Option<String>, FieldError> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    checked_text(field, &text.replace("\r\n", "\n"), max, true).map(Some)
}

fn checked_text(field: &str, text: &str, max: u32, multiline: bool) -> Result<String, FieldError> {
    if text.chars().count() > max as usize {
        return Err(FieldError::new(field, Problem::TooLong { max }));
    }
    let allowed = |c: char| multiline && (c == '\n' || c == '\t');
    if text.chars().any(|c| c.is_control() && !allowed(c)) {
        return Err(FieldError::new(field, Problem::ControlCharacters));
    }
    Ok(text.to_owned())
}

/// An optional decimal degree (longitude or latitude) within `min..=max`; a decimal comma is
/// read as a point.
pub fn optional_degrees(
    field: &str,
    raw: &str,
    min: f64,
    max: f64,
) -> Result<Option<f64>, FieldError> {
    let text = raw.trim().replace(',', ".").replace('\u{2212}', "-");
    if text.is_empty() {
        return Ok(None);
    }
    let value: f64 = text
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
        .ok_or_else(|| FieldError::new(field, Problem::NotANumber))?;
    if (min..=max).contains(&value) {
        Ok(Some(value))
    } else {
        Err(FieldError::new(
            field,
            Problem::OutOfRange {
                min: min.to_string(),
                max: max.to_string(),
            },
        ))
    }
}

/// Pairs a longitude and a latitude read with [`optional_degrees`] (`None` where that field had a
/// problem, already reported) into a point: both empty is no point, one without the other is
/// [`Problem::BothOrNeither`] on the missing one.
pub fn point_of(
    longitude: Option<Option<f64>>,
    latitude: Option<Option<f64>>,
) -> Result<Option<(f64, f64)>, FieldError> {
    match (longitude, latitude) {
        (Some(Some(lon)), Some(Some(lat))) => Ok(Some((lon, lat))),
        (Some(Some(_)), Some(None)) => Err(FieldError::new("latitude", Problem::BothOrNeither)),
        (Some(None), Some(Some(_))) => Err(FieldError::new("longitude", Problem::BothOrNeither)),
        _ => Ok(None),
    }
}

/// The first and last years a planning date may fall in.
pub const DATE_YEARS: (i32, i32) = (1990, 2100);

/// A calendar date written as `YYYY-MM-DD`, within [`DATE_YEARS`].
pub fn date(field: &str, raw: &str) -> Result<NaiveDate, FieldError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(FieldError::new(field, Problem::Required));
    }
    let well_formed = text.len() == 10
        && text.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    let parsed = well_formed
        .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| FieldError::new(field, Problem::InvalidDate))?;
    let (min_year, max_year) = DATE_YEARS;
    if !(min_year..=max_year).contains(&parsed.year()) {
        return Err(FieldError::new(
            field,
            Problem::DateOutOfRange { min_year, max_year },
        ));
    }
    Ok(parsed)
}

/// A positive decimal quantity with at most `max_decimals` places and at most `max`.
///
/// Accepts a decimal point or a decimal comma ("120.5", "120,5") and spaces; refuses thousands
/// separators that could be read two ways ("1,234") rather than guess.
pub fn positive_decimal(
    field: &str,
    raw: &str,
    max: Decimal,
    max_decimals: u32,
) -> Result<Decimal, FieldError> {
    let value = bounded_decimal(field, raw, max, max_decimals)?;
    if value <= Decimal::ZERO {
        return Err(FieldError::new(field, Problem::NotPositive));
    }
    Ok(value)
}

/// A decimal quantity of zero or more (a yield in a year without harvest, a baseline of zero
/// hectares), written like [`positive_decimal`].
pub fn non_negative_decimal(
    field: &str,
    raw: &str,
    max: Decimal,
    max_decimals: u32,
) -> Result<Decimal, FieldError> {
    let value = bounded_decimal(field, raw, max, max_decimals)?;
    if value < Decimal::ZERO {
        return Err(FieldError::new(field, Problem::Negative));
    }
    Ok(value)
}

/// An optional [`non_negative_decimal`]: `None` when nothing was typed.
pub fn optional_non_negative_decimal(
    field: &str,
    raw: &str,
    max: Decimal,
    max_decimals: u32,
) -> Result<Option<Decimal>, FieldError> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    non_negative_decimal(field, raw, max, max_decimals).map(Some)
}

/// Reads a decimal written with a point or a comma, at most `max` in size and `max_decimals`
/// places; the sign is checked by the callers.
fn bounded_decimal(
    field: &str,
    raw: &str,
    max: Decimal,
    max_decimals: u32,
) -> Result<Decimal, FieldError> {
    let compact: String = raw
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}')
        .map(|c| if c == '\u{2212}' { '-' } else { c })
        .collect();
    if compact.is_empty() {
        return Err(FieldError::new(field, Problem::Required));
    }
    let commas = compact.matches(',').count();
    let normalized = match (commas, compact.contains('.')) {
        (0, _) => compact,
        (1, false) => {
            let decimals = compact.len() - compact.find(',').unwrap_or(0) - 1;
            if decimals == 3 {
                return Err(FieldError::new(field, Problem::AmbiguousNumber));
            }
            compact.replace(',', ".")
        }
        _ => return Err(FieldError::new(field, Problem::AmbiguousNumber)),
    };
    let plain = normalized.len() <= NUMBER_TEXT_MAX
        && normalized
            .strip_prefix(['-', '+'])
            .unwrap_or(&normalized)
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.');
    let value = plain
        .then(|| Decimal::from_str(&normalized).ok())
        .flatten()
        .ok_or_else(|| FieldError::new(field, Problem::NotANumber))?;
    if value > max {
        return Err(FieldError::new(
            field,
            Problem::TooLarge {
                max: max.normalize().to_string(),
            },
        ));
    }
    if value.normalize().scale() > max_decimals {
        return Err(FieldError::new(
            field,
            Problem::TooManyDecimals { max: max_decimals },
        ));
    }
    Ok(value.normalize())
}

/// A yes/no field: a checkbox (`on`), `true`/`false`, `yes`/`no`, `1`/`0` (`sí` too); empty is no.
pub fn flag(field: &str, raw: &str) -> Result<bool, FieldError> {
    match raw.trim().to_lowercase().as_str() {
        "" | "false" | "no" | "0" | "off" => Ok(false),
        "on" | "true" | "yes" | "1" | "sí" | "si" => Ok(true),
        _ => Err(FieldError::new(field, Problem::UnknownChoice)),
    }
}

/// An optional calendar date (`None` when nothing was typed), like [`date`].
pub fn optional_date(field: &str, raw: &str) -> Result<Option<NaiveDate>, FieldError> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    date(field, raw).map(Some)
}

/// A month written as `YYYY-MM` (a full date `YYYY-MM-DD` is read as its month), within
/// [`DATE_YEARS`]; answered as the month's first day.
pub fn month(field: &str, raw: &str) -> Result<NaiveDate, FieldError> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(FieldError::new(field, Problem::Required));
    }
    // Cut by characters' bytes only where that is a character boundary: typed text may hold
    // any letter, and a byte index inside one would panic.
    let head = if text.len() == 10 {
        text.get(..7)
            .ok_or_else(|| FieldError::new(field, Problem::InvalidMonth))?
    } else {
        text
    };
    if text.len() == 10 {
        date(field, text).map_err(|_| FieldError::new(field, Problem::InvalidMonth))?;
    }
    let well_formed = head.len() == 7
        && head
            .char_indices()
            .all(|(i, c)| if i == 4 { c == '-' } else { c.is_ascii_digit() });
    let parsed = well_formed
        .then(|| NaiveDate::parse_from_str(&format!("{head}-01"), "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| FieldError::new(field, Problem::InvalidMonth))?;
    let (min_year, max_year) = DATE_YEARS;
    if !(min_year..=max_year).contains(&parsed.year()) {
        return Err(FieldError::new(
            field,
            Problem::DateOutOfRange { min_year, max_year },
        ));
    }
    Ok(parsed)
}

/// A whole number within `min..=max` (spaces allowed, no separators or decimals).
pub fn whole_number(field: &str, raw: &str, min: i64, max: i64) -> Result<i64, FieldError> {
    let compact: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() {
        return Err(FieldError::new(field, Problem::Required));
    }
    let value: i64 = compact
        .parse()
        .map_err(|_| FieldError::new(field, Problem::NotAWholeNumber))?;
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(FieldError::new(
            field,
            Problem::OutOfRange {
                min: min.to_string(),
                max: max.to_string(),
            },
        ))
    }
}

/// Reads an option's code with `from_code`; empty or unknown is [`Problem::UnknownChoice`]
/// (or [`Problem::Required`] when empty and `required`).
pub fn choice<T>(
    field: &str,
    raw: &str,
    from_code: impl Fn(&str) -> Option<T>,
) -> Result<T, FieldError> {
    let code = raw.trim();
    if code.is_empty() {
        return Err(FieldError::new(field, Problem::Required));
    }
    from_code(code).ok_or_else(|| FieldError::new(field, Problem::UnknownChoice))
}

/// A crop from a list: [`choice`], with an unknown code reported as an unknown crop.
pub fn crop_choice<T>(
    field: &str,
    raw: &str,
    from_code: impl Fn(&str) -> Option<T>,
) -> Result<T, FieldError> {
    choice(field, raw, from_code).map_err(|e| {
        if e.problem == Problem::UnknownChoice {
            FieldError::new(field, Problem::UnknownCrop)
        } else {
            e
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    fn ha(raw: &str) -> Result<Decimal, Problem> {
        positive_decimal("h", raw, dec!(1000000), 4).map_err(|e| e.problem)
    }

    #[test]
    fn zero_is_accepted_where_quantities_may_be_zero_but_not_below() {
        assert_eq!(
            non_negative_decimal("y", "0", dec!(10), 2).unwrap(),
            dec!(0)
        );
        assert_eq!(
            non_negative_decimal("y", "\u{2212}1", dec!(10), 2)
                .unwrap_err()
                .problem,
            Problem::Negative
        );
        assert_eq!(
            optional_non_negative_decimal("y", " ", dec!(10), 2).unwrap(),
            None
        );
        assert_eq!(
            non_negative_decimal("y", "2,5", dec!(10), 2).unwrap(),
            dec!(2.5)
        );
    }

    #[test]
    fn months_are_read_as_their_first_day_and_full_dates_as_their_month() {
        let first = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        assert_eq!(month("m", "2025-03").unwrap(), first);
        assert_eq!(month("m", " 2025-03-17 ").unwrap(), first);
        // Ten bytes with a letter of two bytes across the seventh: refused, not a panic.
        for bad in [
            "2025-13",
            "2025/03",
            "March",
            "2025-3",
            "2025-02-30",
            "2025-0é-1",
            "ññññ-ñ",
        ] {
            assert_eq!(
                month("m", bad).unwrap_err().problem,
                Problem::InvalidMonth,
                "{bad}"
            );
        }
        assert_eq!(month("m", "").unwrap_err().problem, Problem::Required);
        assert!(matches!(
            month("m", "1890-01").unwrap_err().problem,
            Problem::DateOutOfRange { .. }
        ));
    }

    #[test]
    fn an_endless_number_is_not_a_number_rather_than_a_stack_overflow() {
        // rust_decimal's parser recurses per character: 100,000 zeros would overflow the stack.
        for endless in ["0".repeat(100_000), format!("1{}", "_0".repeat(50_000))] {
            assert_eq!(
                positive_decimal("h", &endless, dec!(1000000), 4)
                    .unwrap_err()
                    .problem,
                Problem::NotANumber
            );
        }
    }

    #[test]
    fn whole_numbers_are_refused_with_decimals_or_out_of_range() {
        assert_eq!(whole_number("n", " 120 ", 1, 1000).unwrap(), 120);
        assert_eq!(
            whole_number("n", "12.5", 1, 1000).unwrap_err().problem,
            Problem::NotAWholeNumber
        );
        assert!(matches!(
            whole_number("n", "0", 1, 1000).unwrap_err().problem,
            Problem::OutOfRange { .. }
        ));
    }

    #[test]
    fn a_choice_is_read_by_its_code_and_an_unknown_one_is_named() {
        let read = |raw: &str| choice("kind", raw, |c| (c == "a").then_some(1));
        assert_eq!(read(" a ").unwrap(), 1);
        assert_eq!(read("b").unwrap_err().problem, Problem::UnknownChoice);
        assert_eq!(read("").unwrap_err().problem, Problem::Required);
    }

    #[test]
    fn a_required_line_is_trimmed_and_must_not_be_empty() {
        assert_eq!(required_line("name", "  Cacao  ", 10).unwrap(), "Cacao");
        assert_eq!(
            required_line("name", "   ", 10).unwrap_err().problem,
            Problem::Required
        );
    }

    #[test]
    fn text_longer_than_the_limit_is_refused_counting_characters_not_bytes() {
        assert!(required_line("name", "ñññññ", 5).is_ok());
        assert_eq!(
            required_line("name", "ññññññ", 5).unwrap_err().problem,
            Problem::TooLong { max: 5 }
        );
    }

    #[test]
    fn control_characters_are_refused_but_line_breaks_are_allowed_in_long_text() {
        assert_eq!(
            required_line("name", "a\u{0}b", 10).unwrap_err().problem,
            Problem::ControlCharacters
        );
        assert_eq!(
            optional_text("d", "line one\r\nline two", 100).unwrap(),
            Some("line one\nline two".to_owned())
        );
        assert_eq!(optional_text("d", "  ", 100).unwrap(), None);
    }

    #[test]
    fn dates_must_be_real_iso_calendar_dates_in_range() {
        assert_eq!(
            date("d", "2025-02-28").unwrap(),
            NaiveDate::from_ymd_opt(2025, 2, 28).unwrap()
        );
        assert_eq!(
            date("d", "2025-02-30").unwrap_err().problem,
            Problem::InvalidDate
        );
        assert_eq!(
            date("d", "28/02/2025").unwrap_err().problem,
            Problem::InvalidDate
        );
        assert_eq!(
            date("d", "2025-2-28").unwrap_err().problem,
            Problem::InvalidDate
        );
        assert_eq!(date("d", "").unwrap_err().problem, Problem::Required);
        assert!(matches!(
            date("d", "1890-01-01").unwrap_err().problem,
            Problem::DateOutOfRange { .. }
        ));
    }

    #[test]
    fn hectares_accept_a_decimal_point_or_a_decimal_comma() {
        assert_eq!(ha("120.5").unwrap(), dec!(120.5));
        assert_eq!(ha("120,5").unwrap(), dec!(120.5));
        assert_eq!(ha(" 1 500 ").unwrap(), dec!(1500));
        assert_eq!(ha("0.0001").unwrap(), dec!(0.0001));
        assert_eq!(ha("12.50").unwrap().to_string(), "12.5");
    }

    #[test]
    fn hectares_that_are_negative_zero_absurd_or_not_numbers_are_refused() {
        assert_eq!(ha("-5").unwrap_err(), Problem::NotPositive);
        assert_eq!(ha("0").unwrap_err(), Problem::NotPositive);
        assert_eq!(
            ha("1000000.5").unwrap_err(),
            Problem::TooLarge {
                max: "1000000".into()
            }
        );
        assert_eq!(ha("abc").unwrap_err(), Problem::NotANumber);
        assert_eq!(ha("1e5").unwrap_err(), Problem::NotANumber);
        assert_eq!(ha("NaN").unwrap_err(), Problem::NotANumber);
        assert_eq!(ha("").unwrap_err(), Problem::Required);
        assert_eq!(
            ha("1.00001").unwrap_err(),
            Problem::TooManyDecimals { max: 4 }
        );
    }

    #[test]
    fn a_thousands_separator_that_could_be_read_two_ways_is_refused_rather_than_guessed() {
        assert_eq!(ha("1,234").unwrap_err(), Problem::AmbiguousNumber);
        assert_eq!(ha("1,234.5").unwrap_err(), Problem::AmbiguousNumber);
        assert_eq!(ha("1.234,5").unwrap_err(), Problem::AmbiguousNumber);
    }

    #[test]
    fn every_problem_has_a_message_in_both_languages_that_differ() {
        let all = [
            Problem::Required,
            Problem::TooLong { max: 3 },
            Problem::ControlCharacters,
            Problem::InvalidDate,
            Problem::DateOutOfRange {
                min_year: 1990,
                max_year: 2100,
            },
            Problem::EndNotAfterStart,
            Problem::UnknownCountry,
            Problem::UnknownCrop,
            Problem::UnknownKind,
            Problem::NotANumber,
            Problem::AmbiguousNumber,
            Problem::NotPositive,
            Problem::TooLarge { max: "1".into() },
            Problem::TooManyDecimals { max: 4 },
            Problem::DuplicateCrop,
            Problem::AtLeastOne,
            Problem::TooMany { max: 20 },
            Problem::NameTaken,
            Problem::InvalidEmail,
            Problem::UnknownRole,
            Problem::OutOfRange {
                min: "-90".into(),
                max: "90".into(),
            },
            Problem::BothOrNeither,
            Problem::InvalidGeometry {
                detail: crate::geometry_problem::GeometryProblem::NoPolygon,
            },
            Problem::UnknownScope,
            Problem::PasswordsDiffer,
            Problem::WrongCurrentPassword,
            Problem::ProjectNotReachable,
            Problem::TokenNeedsProjects,
            Problem::OwnAccount,
            Problem::UploadExpired,
            Problem::InvitationInvalid,
            Problem::BadCredentials,
            Problem::WeakPassword { min: 10 },
            Problem::UnknownChoice,
            Problem::OutsidePeriod {
                start: "2025-01-01".into(),
                end: "2026-12-31".into(),
            },
            Problem::UnknownReference,
            Problem::Negative,
            Problem::InvalidMonth,
            Problem::NotAWholeNumber,
            Problem::WrongLevel,
            Problem::UnknownPeriod,
            Problem::NotComputed,
            Problem::NoExchangeRate,
            Problem::UnknownFileFormat,
            Problem::UnreadableFile,
            Problem::UnreadableXml {
                detail: "line 3: elements nested deeper than 100".into(),
            },
            Problem::EmptyFile,
            Problem::TooManyRows { max: 100 },
            Problem::TooManyColumns {
                sheet: "plots".into(),
                line: 7,
                max: 1000,
            },
            Problem::CellTooLong {
                sheet: "plots".into(),
                line: 7,
                max: 32767,
            },
            Problem::TooMuchData {
                max_cells: 4_000_000,
                max_mib: 64,
            },
            Problem::ArchiveTooLarge {
                max_files: 1000,
                max_mib: 256,
            },
            Problem::InvalidIatiIdentifier,
            Problem::NotApplicable,
            Problem::DuplicatePeriod,
            Problem::UnknownTableLayout,
            Problem::TargetsDoNotFitUnit,
            Problem::NotEmpty,
            Problem::InvalidPhone,
            Problem::InvalidHouseholdCode,
            Problem::HeadNotCounted,
            Problem::ExceedsMembers { max: 3 },
            Problem::DateInFuture,
            Problem::BeforeLastChange {
                date: "2025-01-01".into(),
            },
            Problem::HouseholdWithdrawn,
            Problem::SameStatus,
            Problem::BeforeSigning {
                date: "2025-02-01".into(),
            },
            Problem::DuplicatePlot,
            Problem::InvalidClientId,
            Problem::CellsDoNotAddUp { sum: "3".into() },
            Problem::PeriodLocked,
            Problem::AwaitingApproval,
            Problem::NotAllowedNow,
            Problem::ExceedsAgreement {
                remaining: "10".into(),
            },
            Problem::OutsideEarmark,
        ];
        for p in all {
            let (en, es) = (p.message(Locale::En), p.message(Locale::Es));
            assert!(!en.is_empty() && !es.is_empty() && en != es, "{p:?}");
            assert!(!p.code().is_empty());
        }
    }
}

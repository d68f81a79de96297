//! The translation layer: every user-facing string is a [`Msg`] with an English and a Spanish
//! text. Adding a message means writing both; the compiler refuses a message without them.

use serde::{Deserialize, Serialize};

/// A language the interface is available in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    /// English.
    #[default]
    En,
    /// Spanish.
    Es,
}

impl Locale {
    /// Every supported locale, in the order the language switch shows them.
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Es];

    /// The BCP 47 language code (`en`, `es`).
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Es => "es",
        }
    }

    /// The language's name in itself, as a language switch shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Es => "Español",
        }
    }

    /// Reads a language code such as `es`, `es-CO` or `EN`; `None` for languages we do not have.
    pub fn from_code(code: &str) -> Option<Locale> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Locale::En),
            "es" => Some(Locale::Es),
            _ => None,
        }
    }

    /// Picks the best locale from an HTTP `Accept-Language` header, honouring quality values;
    /// English when nothing matches.
    pub fn negotiate(accept_language: &str) -> Locale {
        let mut best: Option<(Locale, f32)> = None;
        for part in accept_language.split(',') {
            let mut pieces = part.split(';');
            let Some(tag) = pieces.next() else { continue };
            let quality = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(locale) = Locale::from_code(tag)
                && quality > 0.0
                && best.is_none_or(|(_, q)| quality > q)
            {
                best = Some((locale, quality));
            }
        }
        best.map(|(l, _)| l).unwrap_or_default()
    }

    /// Translates a message.
    pub fn t(self, msg: Msg) -> &'static str {
        msg.text(self)
    }
}

macro_rules! messages {
    ($($key:ident => $en:literal, $es:literal;)*) => {
        /// A user-facing message; [`Msg::text`] gives it in a locale.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg { $(#[doc = $en] $key,)* }

        impl Msg {
            /// Every message, for tests that check the catalogue.
            pub const ALL: &'static [Msg] = &[$(Msg::$key,)*];

            /// The message's text in `locale`.
            pub fn text(self, locale: Locale) -> &'static str {
                match (self, locale) {
                    $((Msg::$key, Locale::En) => $en, (Msg::$key, Locale::Es) => $es,)*
                }
            }
        }
    };
}

messages! {
    AppName => "Sembrar", "Sembrar";
    RoleAdministrator => "Administrator", "Administrador";
    RoleProgramOfficer => "Program officer", "Oficial de programa";
    RoleMeOfficer => "M&E officer", "Oficial de monitoreo y evaluación";
    RoleFieldMonitor => "Field monitor", "Monitor de campo";
    RoleDonorViewer => "Donor viewer", "Lector del donante";
    SignIn => "Sign in", "Iniciar sesión";
    SignInTitle => "Sign in to Sembrar", "Iniciar sesión en Sembrar";
    SignOut => "Sign out", "Cerrar sesión";
    Email => "Email", "Correo electrónico";
    Password => "Password", "Contraseña";
    SignedInAs => "Signed in as", "Sesión iniciada como";
    AccountMenu => "Account", "Cuenta";
    ErrUnauthorized => "Sign in to continue.", "Inicie sesión para continuar.";
    ErrForbidden => "You do not have permission to do this.", "No tiene permiso para hacer esto.";
    ErrCsrf => "The form could not be verified. Reload the page and try again.", "No se pudo verificar el formulario. Recargue la página e inténtelo de nuevo.";
    ErrTooManyRequests => "Too many requests. Wait a moment and try again.", "Demasiadas solicitudes. Espere un momento e inténtelo de nuevo.";
    AppTagline => "Alternative development planner", "Planificador de desarrollo alternativo";
    SkipToContent => "Skip to main content", "Saltar al contenido principal";
    MainNavigation => "Main navigation", "Navegación principal";
    Language => "Language", "Idioma";
    Breadcrumbs => "You are here", "Usted está aquí";
    NavPrograms => "Programs", "Programas";
    ProgramsTitle => "Programs", "Programas";
    ProgramsIntro => "Alternative development programs and their crop-substitution projects.", "Programas de desarrollo alternativo y sus proyectos de sustitución de cultivos.";
    NoProgramsYet => "No programs yet. Create the first one.", "Aún no hay programas. Cree el primero.";
    NewProgram => "New program", "Nuevo programa";
    NewProgramTitle => "Create a program", "Crear un programa";
    ProgramName => "Program name", "Nombre del programa";
    ProgramNameHint => "For example: Alternative development in southern Colombia 2025–2030", "Por ejemplo: Desarrollo alternativo en el sur de Colombia 2025–2030";
    Description => "Description", "Descripción";
    DescriptionHint => "Optional. Up to 2,000 characters.", "Opcional. Hasta 2.000 caracteres.";
    CreateProgram => "Create program", "Crear programa";
    Cancel => "Cancel", "Cancelar";
    DemoData => "Demo data", "Datos de demostración";
    DemoDataExplained => "This program is demonstration data, not a real program.", "Este programa son datos de demostración, no un programa real.";
    ProjectsTitle => "Projects", "Proyectos";
    NoProjectsYet => "No projects in this program yet.", "Este programa aún no tiene proyectos.";
    NewProject => "New project", "Nuevo proyecto";
    NewProjectTitle => "Create a project", "Crear un proyecto";
    InProgram => "Program", "Programa";
    ProjectName => "Project name", "Nombre del proyecto";
    ProjectKind => "Type of project", "Tipo de proyecto";
    KindAd => "Alternative development", "Desarrollo alternativo";
    KindPreventiveAd => "Preventive alternative development", "Desarrollo alternativo preventivo";
    Country => "Country", "País";
    ChooseCountry => "Choose a country", "Elija un país";
    StartDate => "Start date", "Fecha de inicio";
    EndDate => "End date", "Fecha de finalización";
    Period => "Period", "Periodo";
    IllicitCropsTargeted => "Illicit crops targeted", "Cultivos ilícitos abordados";
    IllicitCropsHint => "The crops the project helps farmers move away from.", "Los cultivos que el proyecto ayuda a dejar a las familias productoras.";
    PlannedCrops => "Alternative crops planned", "Cultivos alternativos planificados";
    PlannedCropsHint => "One row per licit crop or value chain, with the hectares planned. Leave unused rows empty.", "Una fila por cultivo lícito o cadena de valor, con las hectáreas planificadas. Deje vacías las filas que no use.";
    Crop => "Crop", "Cultivo";
    ChooseCrop => "Choose a crop", "Elija un cultivo";
    Hectares => "Hectares", "Hectáreas";
    HectaresUnit => "ha", "ha";
    Row => "Row", "Fila";
    CreateProject => "Create project", "Crear proyecto";
    Saving => "Saving…", "Guardando…";
    FormHasErrors => "The form has errors. Please correct the fields marked below.", "El formulario tiene errores. Corrija los campos marcados abajo.";
    TotalPlanned => "Total planned", "Total planificado";
    PlannedHectaresByCrop => "Planned hectares by crop", "Hectáreas planificadas por cultivo";
    ChartSummary => "Bar chart of the hectares planned for each alternative crop. The same figures are in the table.", "Gráfico de barras de las hectáreas planificadas por cultivo alternativo. Las mismas cifras están en la tabla.";
    Loading => "Loading…", "Cargando…";
    NotFoundTitle => "Page not found", "Página no encontrada";
    NotFoundText => "There is nothing at this address.", "No hay nada en esta dirección.";
    BackToPrograms => "Back to programs", "Volver a los programas";
    ErrorTitle => "Something went wrong", "Algo salió mal";
    ErrNotFound => "It was not found. It may have been removed, or the address is wrong.", "No se encontró. Puede haber sido eliminado o la dirección es incorrecta.";
    ErrInvalid => "Some fields are not valid.", "Algunos campos no son válidos.";
    ErrBadRequest => "The request could not be read.", "No se pudo leer la solicitud.";
    ErrMethodNotAllowed => "This address does not accept that method.", "Esta dirección no acepta ese método.";
    ErrTooLarge => "The request is too large.", "La solicitud es demasiado grande.";
    ErrUnavailable => "The service is temporarily unavailable. Please try again in a moment.", "El servicio no está disponible por el momento. Inténtelo de nuevo en un momento.";
    ErrInternal => "An unexpected error happened on the server. It has been logged.", "Ocurrió un error inesperado en el servidor. Quedó registrado.";
    ErrNetwork => "The server could not be reached. Check the connection and try again.", "No se pudo contactar al servidor. Revise la conexión e inténtelo de nuevo.";
    ProjectCount => "Projects", "Proyectos";
    CreatedOn => "Created", "Creado";
    Footer => "Sembrar — open-source planning for alternative development programs (UN General Assembly resolution 75/198).", "Sembrar — planificación de código abierto para programas de desarrollo alternativo (resolución 75/198 de la Asamblea General de la ONU).";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_a_non_empty_english_and_spanish_text() {
        for msg in Msg::ALL {
            assert!(!msg.text(Locale::En).trim().is_empty(), "{msg:?} en");
            assert!(!msg.text(Locale::Es).trim().is_empty(), "{msg:?} es");
        }
    }

    #[test]
    fn the_browser_language_picks_the_locale_by_quality() {
        assert_eq!(Locale::negotiate("es-CO,es;q=0.9,en;q=0.8"), Locale::Es);
        assert_eq!(Locale::negotiate("en-US,en;q=0.9,es;q=0.8"), Locale::En);
        assert_eq!(Locale::negotiate("fr-FR,es;q=0.5,en;q=0.4"), Locale::Es);
        assert_eq!(Locale::negotiate("de"), Locale::En);
        assert_eq!(Locale::negotiate(""), Locale::En);
        assert_eq!(Locale::negotiate("es;q=0"), Locale::En);
    }

    #[test]
    fn language_codes_are_read_case_insensitively_with_regions() {
        assert_eq!(Locale::from_code("ES-pe"), Some(Locale::Es));
        assert_eq!(Locale::from_code("en_GB"), Some(Locale::En));
        assert_eq!(Locale::from_code("qu"), None);
    }
}

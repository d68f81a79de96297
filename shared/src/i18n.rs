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
    StatusPlanning => "Planning", "En formulación";
    ProjectStatusActive => "Active", "En ejecución";
    StatusSuspended => "Suspended", "Suspendido";
    StatusCompleted => "Completed", "Finalizado";
    StatusCancelled => "Cancelled", "Cancelado";
    ProjectStatusLabel => "Status", "Estado";
    Currency => "Currency", "Moneda";
    CurrencyOfCountry => "The country's currency", "La moneda del país";
    Donors => "Donors", "Donantes";
    Donor => "Donor", "Donante";
    DonorsHint => "The donors funding this project, from the organisation's list of donors.", "Los donantes que financian este proyecto, de la lista de donantes de la organización.";
    NoDonorsYet => "No donors in the list yet. Add them on the Donors page.", "Aún no hay donantes en la lista. Agréguelos en la página de donantes.";
    NoDonorsNamed => "None named yet", "Ninguno indicado aún";
    SaveChanges => "Save changes", "Guardar cambios";
    SaveAsDraft => "Save as draft", "Guardar como borrador";
    DraftHint => "A draft keeps everything as typed, even what is not valid yet; only you see it.", "Un borrador guarda todo tal como se escribió, aunque aún no sea válido; solo usted lo ve.";
    DraftContinuing => "You are continuing your draft saved on", "Está continuando su borrador guardado el";
    EditProjectTitle => "Edit project", "Editar proyecto";
    EditProject => "Edit project", "Editar proyecto";
    TabOverview => "Overview", "Resumen";
    TabMap => "Map", "Mapa";
    TabPlan => "Plan", "Plan";
    TabResults => "Results framework", "Marco de resultados";
    TabTimeline => "Timeline", "Cronograma";
    ProjectSections => "Project sections", "Secciones del proyecto";
    OpenMapTab => "Open the map and communities", "Abrir el mapa y las comunidades";
    YourDrafts => "Your drafts", "Sus borradores";
    UntitledProject => "Untitled project", "Proyecto sin nombre";
    SavedOn => "saved on", "guardado el";
    DeleteDraft => "Delete draft", "Eliminar borrador";
    IndigenousCommunity => "Indigenous community", "Comunidad indígena";
    IndigenousCommunityLabel => "Indigenous community (resguardo, comunidad nativa): free, prior and informed consent applies", "Comunidad indígena (resguardo, comunidad nativa): aplica el consentimiento libre, previo e informado";
    NavProjects => "Projects", "Proyectos";
    NavDonors => "Donors", "Donantes";
    ProjectsIntro => "Every project you may see, across programs. Filter by country, crop, status, donor or program.", "Todos los proyectos que puede ver, en todos los programas. Filtre por país, cultivo, estado, donante o programa.";
    NameContains => "Name contains", "El nombre contiene";
    AnyOption => "Any", "Cualquiera";
    Program => "Program", "Programa";
    ApplyFilters => "Filter", "Filtrar";
    ClearFilters => "Clear filters", "Quitar filtros";
    ProjectsFound => "Projects found", "Proyectos encontrados";
    NoMatchingProjects => "No project matches these filters.", "Ningún proyecto coincide con estos filtros.";
    PlannedHectaresColumn => "Planned (ha)", "Planificado (ha)";
    AreaHectaresColumn => "Area (ha)", "Área (ha)";
    DonorsTitle => "Donors", "Donantes";
    DonorsIntro => "The governments, agencies and foundations that fund the organisation's projects, with their IATI identifiers for donor reports.", "Los gobiernos, agencias y fundaciones que financian los proyectos de la organización, con sus identificadores IATI para los informes a donantes.";
    DonorName => "Name", "Nombre";
    IatiIdentifier => "IATI organisation identifier", "Identificador IATI de la organización";
    IatiIdentifierHint => "As in the IATI Registry, for example GB-GOV-1 or XM-DAC-41114.", "Como en el registro IATI, por ejemplo GB-GOV-1 o XM-DAC-41114.";
    OrganisationType => "Organisation type", "Tipo de organización";
    AddDonor => "Add donor", "Agregar donante";
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
    NavAccount => "Account", "Cuenta";
    NavUsers => "Users", "Usuarios";
    NavAudit => "Audit trail", "Registro de auditoría";
    UsersTitle => "Users", "Usuarios";
    UsersIntro => "The accounts you administer, their roles and where each role applies.", "Las cuentas que usted administra, sus roles y dónde aplica cada rol.";
    AccountsTable => "Accounts", "Cuentas";
    NoUsersYet => "No accounts yet.", "Aún no hay cuentas.";
    DisplayName => "Name", "Nombre";
    Roles => "Roles", "Roles";
    Status => "Status", "Estado";
    Actions => "Actions", "Acciones";
    StatusActive => "Active", "Activa";
    StatusInvited => "Invitation pending", "Invitación pendiente";
    StatusLocked => "Locked", "Bloqueada";
    StatusDeactivated => "Deactivated", "Desactivada";
    NewInvitationLink => "New invitation link", "Nuevo enlace de invitación";
    CreateAccountTitle => "Create an account", "Crear una cuenta";
    CreateAccountIntro => "The new account gets one role. You receive a link that lets the person choose a password.", "La nueva cuenta recibe un rol. Usted recibe un enlace para que la persona elija una contraseña.";
    CreateAccount => "Create account", "Crear cuenta";
    Role => "Role", "Rol";
    ChooseRole => "Choose a role", "Elija un rol";
    ScopeKind => "Where the role applies", "Dónde aplica el rol";
    ChooseScope => "Choose where", "Elija dónde";
    ScopeGlobal => "Everywhere", "En todo";
    ScopeOrganisation => "Organisation", "Organización";
    ScopeProgram => "Program", "Programa";
    ScopeCommunity => "Community", "Comunidad";
    ScopeProject => "Project", "Proyecto";
    ScopeId => "Organisation, program or project number", "Número de la organización, el programa o el proyecto";
    ScopeIdHint => "The number in its address, such as 3 for /programs/3. Leave it empty for “Everywhere”.", "El número de su dirección, como 3 para /programs/3. Déjelo vacío para «En todo».";
    InvitationLinkFor => "One-time invitation link for", "Enlace de invitación de un solo uso para";
    InvitationShownOnce => "Send this link to the person. It is shown only once, here, and expires in 7 days. If it is lost, make a new one.", "Envíe este enlace a la persona. Se muestra una sola vez, aquí, y vence en 7 días. Si se pierde, cree uno nuevo.";
    Expires => "Expires", "Vence";
    InvitationTitle => "Choose your password", "Elija su contraseña";
    InvitationFor => "This invitation is for", "Esta invitación es para";
    InvitationIntro => "Choose a password; then sign in with your email and this password.", "Elija una contraseña; luego inicie sesión con su correo y esta contraseña.";
    InvitationInvalidTitle => "This invitation link does not work", "Este enlace de invitación no funciona";
    NewPassword => "New password", "Nueva contraseña";
    NewPasswordHint => "At least 10 characters, not all the same and not your email.", "Al menos 10 caracteres, no todos iguales ni su correo.";
    PasswordRepeat => "New password again", "Repita la nueva contraseña";
    SetPassword => "Save password", "Guardar contraseña";
    AccountTitle => "Your account", "Su cuenta";
    ChangePasswordTitle => "Change your password", "Cambiar su contraseña";
    CurrentPassword => "Current password", "Contraseña actual";
    ChangePassword => "Change password", "Cambiar contraseña";
    PasswordChanged => "Your password has been changed. Your other sessions have been signed out.", "Su contraseña se cambió. Se cerraron sus otras sesiones.";
    ApiTokensTitle => "API tokens", "Tokens de API";
    ApiTokensIntro => "A token lets another program, such as a data-collection tool, use the REST API on your behalf with one of your roles.", "Un token permite que otro programa, como una herramienta de recolección de datos, use la API REST en su nombre con uno de sus roles.";
    NoTokensYet => "No API tokens yet.", "Aún no hay tokens de API.";
    TokenName => "Token name", "Nombre del token";
    TokenNameHint => "What it is for, such as “KoboToolbox sync”.", "Para qué sirve, como «Sincronización con KoboToolbox».";
    TokenProjects => "Projects", "Proyectos";
    TokenProjectsHint => "Optional. Project numbers separated by commas, such as 3, 7. Empty: wherever you hold the role.", "Opcional. Números de proyecto separados por comas, como 3, 7. Vacío: dondequiera que tenga el rol.";
    WhereverTheRoleApplies => "Wherever the role applies", "Dondequiera que aplique el rol";
    LastUsed => "Last used", "Último uso";
    Never => "Never", "Nunca";
    TokenActive => "Active", "Activo";
    RevokedOn => "Revoked", "Revocado";
    Revoke => "Revoke", "Revocar";
    CreateTokenTitle => "Create a token", "Crear un token";
    CreateToken => "Create token", "Crear token";
    TokenCreatedTitle => "Your new API token", "Su nuevo token de API";
    TokenShownOnce => "Copy this secret now: it is shown only once. Send it in the header “Authorization: Bearer” followed by the secret.", "Copie este secreto ahora: se muestra una sola vez. Envíelo en el encabezado «Authorization: Bearer» seguido del secreto.";
    TokenRevoked => "The token has been revoked: it no longer works.", "El token fue revocado: ya no funciona.";
    AuditTitle => "Audit trail", "Registro de auditoría";
    AuditIntro => "Who did what, and when, newest first.", "Quién hizo qué, y cuándo, lo más reciente primero.";
    AuditFilter => "Filter the events", "Filtrar los eventos";
    AuditActor => "Actor’s email contains", "El correo de quien actuó contiene";
    AuditAction => "Action", "Acción";
    AuditEntityType => "Entity type", "Tipo de entidad";
    AnyValue => "Any", "Cualquiera";
    FromDate => "From", "Desde";
    ToDate => "To", "Hasta";
    DateHint => "Days are counted in UTC.", "Los días se cuentan en UTC.";
    ApplyFilter => "Filter", "Filtrar";
    ClearFilter => "Clear the filter", "Quitar el filtro";
    AuditEvents => "Events", "Eventos";
    When => "When", "Cuándo";
    Actor => "Actor", "Quién";
    Entity => "Entity", "Entidad";
    Summary => "Summary", "Resumen";
    Changes => "Values", "Valores";
    ShowValues => "Show values", "Ver valores";
    OldValue => "Before", "Antes";
    NewValue => "After", "Después";
    NoAuditEvents => "No events match the filter.", "Ningún evento coincide con el filtro.";
    AuditLimit => "Only the newest 500 matching events are shown. Narrow the filter to see older ones.", "Solo se muestran los 500 eventos más recientes que coinciden. Restrinja el filtro para ver los anteriores.";
    ActionCreate => "Create", "Crear";
    ActionUpdate => "Update", "Modificar";
    ActionApprove => "Approve", "Aprobar";
    ActionExport => "Export", "Exportar";
    ActionViewPersonalData => "View personal data", "Ver datos personales";
    ActionInvite => "New invitation link", "Nuevo enlace de invitación";
    ActionAcceptInvitation => "Accept invitation", "Aceptar la invitación";
    ActionChangePassword => "Change password", "Cambiar la contraseña";
    ActionRevoke => "Revoke", "Revocar";
    ActionSignIn => "Sign in", "Inicio de sesión";
    ActionSignInFailed => "Failed sign-in", "Inicio de sesión fallido";
    ActionSignInLocked => "Sign-in refused: locked", "Inicio de sesión rechazado: bloqueada";
    ActionSignOut => "Sign out", "Cierre de sesión";
    EntityUser => "Account", "Cuenta";
    EntitySession => "Session", "Sesión";
    EntityApiToken => "API token", "Token de API";
    ProjectAreaTitle => "Project area", "Área del proyecto";
    AreaGeodesic => "Area (measured on the WGS84 ellipsoid)", "Área (medida sobre el elipsoide WGS84)";
    NoAreaYet => "No area has been set for this project yet.", "Aún no se ha definido el área de este proyecto.";
    SetArea => "Set the area from GeoJSON or KML", "Definir el área desde GeoJSON o KML";
    AreaGeoJson => "GeoJSON (Polygon, MultiPolygon, Feature or FeatureCollection) or KML, in longitude and latitude", "GeoJSON (Polygon, MultiPolygon, Feature o FeatureCollection) o KML, en longitud y latitud";
    AreaFile => "Upload a GeoJSON or KML file", "Subir un archivo GeoJSON o KML";
    SaveArea => "Save the area", "Guardar el área";
    OutsideProjectArea => "outside the project area", "fuera del área del proyecto";
    Longitude => "Longitude (decimal degrees)", "Longitud (grados decimales)";
    Latitude => "Latitude (decimal degrees)", "Latitud (grados decimales)";
    CommunitiesTitle => "Communities", "Comunidades";
    NoCommunitiesYet => "No communities you can see in this project yet.", "Aún no hay comunidades visibles para usted en este proyecto.";
    AddCommunity => "Add a community", "Agregar una comunidad";
    CommunityName => "Community (village or vereda)", "Comunidad (vereda o centro poblado)";
    Municipality => "Municipality", "Municipio";
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

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
    OrganisationTitle => "Organisation", "Organización";
    OrganisationIntro => "How your organisation names itself in what it publishes: the reporting organisation of its IATI files and the start of its activities' identifiers.", "Cómo se nombra su organización en lo que publica: la organización informante de sus archivos IATI y el comienzo de los identificadores de sus actividades.";
    OrganisationName => "Name", "Nombre";
    OrganisationIatiHint => "Your organisation's identifier in the IATI Registry, for example XM-DAC-41114. IATI files cannot be made without it.", "El identificador de su organización en el registro IATI, por ejemplo XM-DAC-41114. Sin él no se pueden hacer archivos IATI.";
    OrganisationNotSet => "Not set yet", "Aún sin definir";
    OrganisationReadOnly => "Only administrators change these settings.", "Solo los administradores cambian estos ajustes.";
    SaveOrganisation => "Save settings", "Guardar ajustes";
    OrganisationLink => "Organisation's publishing settings", "Ajustes de publicación de la organización";
    IatiTitle => "IATI file", "Archivo IATI";
    IatiIntro => "An IATI 2.03 activity file of the program's projects, for the IATI Registry and donors' systems: participating organisations, budgets by year, transactions, DAC sectors 31165 and 43050, places by municipality (never households or plots) and results by sex and age, with counts of fewer than 5 people withheld.", "Un archivo de actividades IATI 2.03 de los proyectos del programa, para el registro IATI y los sistemas de los donantes: organizaciones participantes, presupuestos por año, transacciones, sectores CAD 31165 y 43050, lugares por municipio (nunca hogares ni parcelas) y resultados por sexo y edad, omitiendo los conteos de menos de 5 personas.";
    IatiDownload => "Download the IATI 2.03 file (XML)", "Descargar el archivo IATI 2.03 (XML)";
    IatiActivities => "Activities in the file", "Actividades del archivo";
    IatiActivityIdentifier => "Activity identifier", "Identificador de la actividad";
    IatiAreas => "Areas", "Zonas";
    IatiBudgets => "Budgets (years)", "Presupuestos (años)";
    IatiTransactions => "Transactions", "Transacciones";
    IatiIndicators => "Indicators", "Indicadores";
    IatiNotesTitle => "What the file leaves out", "Lo que el archivo deja fuera";
    IatiNoNotes => "Nothing is left out.", "No se deja nada fuera.";
    ProgramIatiLink => "IATI file", "Archivo IATI";
    TabOutcomes => "Outcomes", "Resultados en el terreno";
    OutcomesTitle => "Outcomes", "Resultados en el terreno";
    OutcomesIntro => "Worked out from the field records, quarter by quarter: the hectares of illicit and licit crops on the registered plots (each plot as its latest record by the quarter's end shows it), and the hectares households committed to eradicate against those verified eradicated. Each chart can be downloaded as SVG and its numbers as CSV.", "Calculado a partir de los registros de campo, trimestre a trimestre: las hectáreas de cultivos ilícitos y lícitos en las parcelas registradas (cada parcela según su último registro al cierre del trimestre) y las hectáreas que los hogares se comprometieron a erradicar frente a las verificadas como erradicadas. Cada gráfico se descarga en SVG y sus cifras en CSV.";
    OutcomesPeriod => "Period", "Periodo";
    HectaresChartTitle => "Illicit and licit crops", "Cultivos ilícitos y lícitos";
    EradicationChartTitle => "Eradication agreements", "Acuerdos de erradicación";
    HectaresAxis => "Hectares (ha)", "Hectáreas (ha)";
    OutcomeIllicit => "Illicit crops", "Cultivos ilícitos";
    OutcomeLicit => "Licit crops", "Cultivos lícitos";
    OutcomeCommitted => "Committed to eradicate", "Comprometidas para erradicar";
    OutcomeVerified => "Verified eradicated", "Erradicación verificada";
    PlotsRecorded => "Plots recorded", "Parcelas registradas";
    AgreementsSigned => "Agreements signed", "Acuerdos firmados";
    DownloadCsv => "Download the numbers (CSV)", "Descargar las cifras (CSV)";
    ChartNumbers => "The chart's numbers", "Las cifras del gráfico";
    IatiImportTitle => "Import an IATI file", "Importar un archivo IATI";
    IatiImportIntro => "Each activity of the file creates a project of this program, or updates the one imported from it before: its funding organisations become donors, its budgets budget lines, its transactions transactions, its results and indicators the results framework with targets and the actuals as published. What cannot be imported is listed with its line; importing the same file again stores nothing twice.", "Cada actividad del archivo crea un proyecto de este programa, o actualiza el importado antes: sus organizaciones financiadoras pasan a ser donantes, sus presupuestos líneas de presupuesto, sus transacciones transacciones, sus resultados e indicadores el marco de resultados con metas y los valores tal como se publicaron. Lo que no se puede importar se lista con su línea; importar de nuevo el mismo archivo no guarda nada dos veces.";
    IatiFileLabel => "IATI activities file (XML)", "Archivo de actividades IATI (XML)";
    IatiIllicitCrop => "Illicit crop the projects address", "Cultivo ilícito que abordan los proyectos";
    IatiImportSubmit => "Import the file", "Importar el archivo";
    IatiImportReportTitle => "What the import did", "Lo que hizo la importación";
    IatiCreated => "Created", "Creado";
    IatiUpdated => "Updated", "Actualizado";
    IatiActuals => "Actuals", "Valores";
    IatiAlreadyStored => "already stored", "ya guardadas";
    IatiUnmappedTitle => "What could not be imported", "Lo que no se pudo importar";
    IatiAllMapped => "Everything in the file was imported.", "Se importó todo el archivo.";
    IatiLine => "line", "línea";
    IatiDonorsCreated => "Donors added", "Donantes añadidos";
    IatiPlanHint => "IATI files do not say which crops a project deals with: new projects start with the illicit crop above and this licit crop and area, to be corrected on each project's page. Projects imported before keep theirs.", "Los archivos IATI no dicen con qué cultivos trabaja un proyecto: los proyectos nuevos empiezan con el cultivo ilícito de arriba y este cultivo lícito y superficie, que se corrigen en la página de cada proyecto. Los proyectos ya importados conservan los suyos.";
    IatiPlannedCrop => "Licit crop promoted", "Cultivo lícito promovido";
    IatiPlannedHectares => "Hectares planned", "Hectáreas previstas";
    AddDonor => "Add donor", "Agregar donante";
    ProgramMap => "Project areas and communities", "Áreas de los proyectos y comunidades";
    ProgramOverview => "Program overview", "Resumen del programa";
    ProjectsByStatus => "Projects by status", "Proyectos por estado";
    MappedArea => "Project areas", "Áreas de los proyectos";
    ProjectsWithArea => "projects mapped", "proyectos con área";
    IndigenousCommunitiesCount => "indigenous", "indígenas";
    BaselineInCommunities => "Illicit crops in the communities (each project's latest figures)", "Cultivos ilícitos en las comunidades (últimas cifras de cada proyecto)";
    HouseholdsInPlans => "Households in livelihood plans", "Hogares en planes de medios de vida";
    BridgingNeeded => "Bridging support needed", "Apoyo puente necesario";
    SafeguardWarningsByProject => "Safeguard warnings by project", "Alertas de salvaguardas por proyecto";
    Corner => "Corner", "Vértice";
    Corners => "Corners", "Vértices";
    CornersTable => "Corners of the area (longitude, latitude in decimal degrees, WGS84)", "Vértices del área (longitud, latitud en grados decimales, WGS84)";
    DrawnArea => "Drawn area", "Área dibujada";
    RemoveCorner => "Remove corner", "Quitar vértice";
    DrawArea => "Draw or edit the area", "Dibujar o editar el área";
    DrawAreaHelp => "Click the map to add a corner; a click near a side puts a corner on it. Drag a corner to move it, or focus it and use the arrow keys (Shift for larger steps); Delete removes it. The corners can also be typed in the table below.", "Haga clic en el mapa para agregar un vértice; un clic cerca de un lado lo agrega sobre ese lado. Arrastre un vértice para moverlo, o selecciónelo y use las flechas (Mayús para pasos más grandes); Suprimir lo quita. Los vértices también se pueden escribir en la tabla de abajo.";
    DrawAreaOnlyFirstPolygon => "The stored area has several polygons or holes; the editor shows the outline of the first polygon only, and saving replaces the whole area with it.", "El área guardada tiene varios polígonos o huecos; el editor muestra solo el contorno del primer polígono, y al guardar reemplaza toda el área por él.";
    SaveDrawnArea => "Save the drawn area", "Guardar el área dibujada";
    ClearDrawing => "Clear the drawing", "Borrar el dibujo";
    ImportCommunities => "Import community locations", "Importar ubicaciones de comunidades";
    ImportCommunitiesHint => "A GeoJSON file of points or a KML file of placemarks, each with the community's name. A name already in the project sets that community's location; any other adds a community.", "Un archivo GeoJSON de puntos o KML de marcas, cada una con el nombre de la comunidad. Un nombre que ya está en el proyecto fija la ubicación de esa comunidad; cualquier otro agrega una comunidad.";
    PointsFile => "File (GeoJSON or KML)", "Archivo (GeoJSON o KML)";
    PointsText => "Or paste GeoJSON or KML", "O pegue GeoJSON o KML";
    CommunitiesAdded => "Communities added", "Comunidades agregadas";
    CommunitiesLocated => "Communities located", "Comunidades ubicadas";
    FeaturesNotUsed => "Features not used", "Elementos no usados";
    Activity => "Activity", "Actividad";
    AddActivity => "Add activity", "Agregar actividad";
    AddBaselineFigure => "Add baseline figure", "Agregar cifra de línea base";
    AddBridgingBudget => "Add the bridging support to the budget", "Agregar el apoyo puente al presupuesto";
    AddBudgetLine => "Add budget line", "Agregar línea presupuestal";
    AddComponent => "Add component", "Agregar componente";
    AddIndicator => "Add indicator", "Agregar indicador";
    AddMilestone => "Add milestone", "Agregar hito";
    AddResult => "Add result", "Agregar resultado";
    AllCommunities => "All the project's communities", "Todas las comunidades del proyecto";
    Amount => "Amount", "Monto";
    AsWritten => "As written", "Como está escrito";
    AssessedOn => "Assessed on", "Evaluado el";
    BackToPlan => "Back to the plan", "Volver al plan";
    Baseline => "Baseline", "Línea base";
    BaselineFigures => "Baseline figures", "Cifras de línea base";
    BaselineFile => "Table file (CSV)", "Archivo de la tabla (CSV)";
    BaselineIntro => "Hectares of coca bush, opium poppy or cannabis plant before the project, by place, year and source. Figures for the project's communities are kept apart from those of wider places (departments, municipalities, zones), which overlap them.", "Hectáreas de coca, amapola o cannabis antes del proyecto, por lugar, año y fuente. Las cifras de las comunidades del proyecto se muestran aparte de las de lugares más amplios (departamentos, municipios, zonas), que se superponen con ellas.";
    BaselineTable => "Table", "Tabla";
    BaselineTableHint => "Paste the table as published: a place per row and a column per year, or a row per place and year. Commas, semicolons or tabs between cells; thousands separators in either style; \"-\" for zero.", "Pegue la tabla como se publicó: un lugar por fila y una columna por año, o una fila por lugar y año. Comas, punto y coma o tabulaciones entre celdas; separadores de miles en cualquier estilo; \"-\" para cero.";
    BaselineTitle => "Illicit-crop baseline", "Línea base de cultivos ilícitos";
    BaselineTotals => "Baseline by year, crop and source", "Línea base por año, cultivo y fuente";
    BaselineTotalsHint => "Communities and wider places are added up apart and never together, because a department's figure already contains its communities'.", "Las comunidades y los lugares más amplios se suman por separado y nunca juntos, porque la cifra de un departamento ya contiene las de sus comunidades.";
    BaselineYear => "Baseline year", "Año de la línea base";
    BridgingBudgeted => "This plan's bridging support is in the budget; adding it again replaces those lines.", "El apoyo puente de este plan ya está en el presupuesto; agregarlo de nuevo reemplaza esas líneas.";
    BridgingByYear => "Bridging support needed, by year (all households)", "Apoyo puente necesario, por año (todos los hogares)";
    BridgingPerHousehold => "Bridging support per household", "Apoyo puente por hogar";
    BridgingTotal => "Bridging support, all households", "Apoyo puente, todos los hogares";
    BudgetCode => "Code", "Código";
    BudgetComponent => "Component of the budget lines", "Componente de las líneas presupuestales";
    BudgetLine => "Budget line", "Línea presupuestal";
    BudgetTitle => "Budget lines", "Líneas presupuestales";
    Certification => "Certification", "Certificación";
    ChooseOption => "Choose…", "Elija…";
    Column => "Column", "Columna";
    CommunitiesCounted => "Communities with a figure", "Comunidades con cifra";
    CommunitiesHectares => "Communities (ha)", "Comunidades (ha)";
    Community => "Community", "Comunidad";
    Component => "Component", "Componente";
    ComponentBudget => "Budget", "Presupuesto";
    ComponentKind => "Kind of component", "Tipo de componente";
    ComponentsTitle => "Components and activities", "Componentes y actividades";
    CreateLivelihoodPlan => "Create livelihood plan", "Crear plan de medios de vida";
    DataSource => "Data source", "Fuente de datos";
    Delete => "Delete", "Eliminar";
    Difference => "Difference", "Diferencia";
    Disaggregation => "Disaggregation", "Desagregación";
    DownloadSvg => "Download as SVG", "Descargar como SVG";
    DueDate => "Due date", "Fecha prevista";
    Edit => "Edit", "Editar";
    EditActivity => "Edit activity", "Editar actividad";
    EditBudgetLine => "Edit budget line", "Editar línea presupuestal";
    EditComponent => "Edit component", "Editar componente";
    EditIndicator => "Edit indicator", "Editar indicador";
    EditLivelihoodPlan => "Edit livelihood plan", "Editar plan de medios de vida";
    EditMilestone => "Edit milestone", "Editar hito";
    EditResult => "Edit result", "Editar resultado";
    DeleteResult => "Delete result", "Eliminar resultado";
    DeleteIndicator => "Delete", "Eliminar";
    TargetsGoWithIt => "targets are deleted with it", "metas se eliminan con él";
    TabHouseholds => "Households", "Hogares";
    Yes => "Yes", "Sí";
    No => "No", "No";
    HouseholdsTitle => "Household registry", "Registro de hogares";
    HouseholdsIntro => "Households taking part, by pseudonymous code. Members are counted by sex and age band; names and phone numbers are kept encrypted and shown only to roles that need them.", "Hogares participantes, por código seudónimo. Los miembros se cuentan por sexo y grupo de edad; los nombres y teléfonos se guardan cifrados y solo se muestran a los roles que los necesitan.";
    RegisterHousehold => "Register a household", "Registrar un hogar";
    EditHousehold => "Edit household", "Editar hogar";
    HouseholdCode => "Household code", "Código del hogar";
    HouseholdCodeHint => "Eight letters or digits and a check character, such as 7K3M-Q9XD-5.", "Ocho letras o dígitos y un carácter de control, como 7K3M-Q9XD-5.";
    HeadOfHousehold => "Head of household", "Jefatura del hogar";
    HeadSex => "Head of household's sex", "Sexo de la persona jefa de hogar";
    HeadAgeBand => "Head of household's age band", "Grupo de edad de la persona jefa de hogar";
    MembersLegend => "Members by sex and age band", "Miembros por sexo y grupo de edad";
    MembersHint => "Count everyone who lives and eats in the household, the head included. Leave a cell empty for none.", "Cuente a todas las personas que viven y comen en el hogar, incluida la persona jefa. Deje vacía la casilla si no hay nadie.";
    MembersColumn => "Members", "Miembros";
    MembersWomenMen => "women / men", "mujeres / hombres";
    IndigenousHousehold => "Indigenous household", "Hogar indígena";
    CooperativeLegend => "Cooperative or producers' association", "Cooperativa o asociación de productores";
    CooperativeName => "Name of the cooperative", "Nombre de la cooperativa";
    CooperativeMembersFemale => "Women of the household who are members", "Mujeres del hogar que son socias";
    CooperativeMembersMale => "Men of the household who are members", "Hombres del hogar que son socios";
    CooperativeLeadersFemale => "Women in its leadership", "Mujeres en su directiva";
    CooperativeLeadersMale => "Men in its leadership", "Hombres en su directiva";
    CooperativeColumn => "Cooperative", "Cooperativa";
    LandTenureLabel => "Land tenure", "Tenencia de la tierra";
    TitleHolderLabel => "Land title in the name of", "Título de la tierra a nombre de";
    TitleHolderHint => "For titled owners: a woman, a man or both. For collective land: the community, if titled.", "Para propietarios con título: una mujer, un hombre o ambos. Para tierra colectiva: la comunidad, si tiene título.";
    NoTitle => "No title", "Sin título";
    EnrolledOn => "Enrolled on", "Fecha de inscripción";
    HouseholdStatusLabel => "Status", "Estado";
    StatusSince => "since", "desde";
    PersonalDataLegend => "Personal data (optional, kept encrypted)", "Datos personales (opcionales, se guardan cifrados)";
    PersonalDataHint => "Only roles that visit or serve the household see these. They never appear in donor reports or exports.", "Solo los roles que visitan o atienden al hogar los ven. Nunca aparecen en informes a donantes ni en exportaciones.";
    PersonName => "Name of the head of household", "Nombre de la persona jefa de hogar";
    Phone => "Phone", "Teléfono";
    PersonalDataHidden => "Names and phone numbers are not shown to your role.", "Los nombres y teléfonos no se muestran a su rol.";
    NoHouseholdsYet => "No households registered yet.", "Todavía no hay hogares registrados.";
    NoHouseholdsMatch => "No household matches these filters.", "Ningún hogar coincide con estos filtros.";
    HouseholdsShown => "households shown", "hogares mostrados";
    StatusHistory => "Status history", "Historial de estado";
    ChangeStatus => "Change status", "Cambiar estado";
    NewStatus => "New status", "Nuevo estado";
    ChangedOn => "Takes effect on", "Fecha de efecto";
    ReasonHint => "Required for a suspension or a withdrawal.", "Obligatorio para una suspensión o un retiro.";
    RecordedBy => "Recorded by", "Registrado por";
    SaveStatus => "Save the status", "Guardar el estado";
    HouseholdRegistered => "registered", "registrado";
    ChooseCommunity => "Choose a community…", "Elija una comunidad…";
    HouseholdFacts => "Household", "Hogar";
    WithdrawnFinal => "This household has withdrawn; its status no longer changes.", "Este hogar se ha retirado; su estado ya no cambia.";
    Plots => "Plots", "Parcelas";
    PlotsIntro => "The household's plots and what grows on each, licit and illicit, over time.", "Las parcelas del hogar y lo que crece en cada una, lícito e ilícito, a lo largo del tiempo.";
    NoPlotsYet => "No plots recorded yet.", "Todavía no hay parcelas registradas.";
    AddPlot => "Add a plot", "Añadir una parcela";
    EditPlot => "Edit plot", "Editar parcela";
    SavePlot => "Save the plot", "Guardar la parcela";
    PlotTitle => "Plot", "Parcela";
    PlotName => "Name of the plot", "Nombre de la parcela";
    PlotNameHint => "What the household calls it, such as La quebrada.", "Como lo llama el hogar, por ejemplo La quebrada.";
    DeclaredHectares => "Declared area (hectares)", "Área declarada (hectáreas)";
    MeasuredHectares => "Measured area (hectares)", "Área medida (hectáreas)";
    PlotPlaceLegend => "Where it is: a GPS point or a boundary", "Dónde está: un punto GPS o un límite";
    PlotPlaceHint => "Give the GPS point taken at the plot, or paste the boundary walked with a GPS (GeoJSON or KML). Its exact place is shown only to roles that may see personal data.", "Indique el punto GPS tomado en la parcela, o pegue el límite recorrido con un GPS (GeoJSON o KML). Su ubicación exacta solo se muestra a los roles que pueden ver datos personales.";
    PlotBoundary => "Boundary (GeoJSON or KML)", "Límite (GeoJSON o KML)";
    UseMyLocation => "Use this device's location", "Usar la ubicación de este dispositivo";
    Locating => "Finding the location…", "Buscando la ubicación…";
    LocationFound => "Location filled in from this device.", "Ubicación tomada de este dispositivo.";
    LocationUnavailable => "This device could not give its location: type the GPS point.", "Este dispositivo no pudo dar su ubicación: escriba el punto GPS.";
    PlotPlaceHidden => "Plot places are not shown to your role.", "Las ubicaciones de las parcelas no se muestran a su rol.";
    PlotPlace => "Place", "Ubicación";
    PlotPointAt => "GPS point", "Punto GPS";
    PlotBoundaryCentroid => "Boundary, centred at", "Límite, centrado en";
    AreasDisagree => "The declared and measured areas differ by more than a quarter: check them with the household.", "Las áreas declarada y medida difieren en más de una cuarta parte: verifíquelas con el hogar.";
    LatestRecord => "Latest record", "Último registro";
    IllicitHectares => "Illicit (ha)", "Ilícito (ha)";
    LicitHectares => "Licit (ha)", "Lícito (ha)";
    PlotDaysTitle => "Illicit and licit hectares by day", "Hectáreas ilícitas y lícitas por día";
    PlotUsesTitle => "What grew on it", "Lo que se cultivó";
    NoPlotUsesYet => "Nothing recorded on this plot yet.", "Todavía no hay registros en esta parcela.";
    RecordPlotUse => "Record what grows", "Registrar lo que crece";
    RecordPlotUseHint => "One line per crop seen on the day. A new figure for the same crop on the same day replaces the old one; the crops of one day fit the plot's area with 5% to spare.", "Una línea por cultivo visto en el día. Una nueva cifra del mismo cultivo el mismo día reemplaza la anterior; los cultivos de un día caben en el área de la parcela con un 5 % de margen.";
    ObservedOn => "Day observed", "Día de la observación";
    PlotHectares => "Hectares under it", "Hectáreas con este cultivo";
    SaveRecord => "Save the record", "Guardar el registro";
    DeleteRecord => "Delete this record", "Eliminar este registro";
    IllicitCropsGroup => "Illicit crops", "Cultivos ilícitos";
    LicitCropsGroup => "Licit crops", "Cultivos lícitos";
    BackToHousehold => "Back to the household", "Volver al hogar";
    PlotOf => "Plot of household", "Parcela del hogar";
    Agreements => "Eradication agreements", "Acuerdos de erradicación";
    AgreementsIntro => "Voluntary agreements to eradicate illicit crops, their verification visits, and whether livelihood support came first.", "Acuerdos voluntarios de erradicación de cultivos ilícitos, sus visitas de verificación y si el apoyo a los medios de vida llegó antes.";
    NoAgreementsYet => "No agreements recorded yet.", "Todavía no hay acuerdos registrados.";
    RecordAgreement => "Record an agreement", "Registrar un acuerdo";
    SaveAgreement => "Save the agreement", "Guardar el acuerdo";
    AgreementTitle => "Eradication agreement", "Acuerdo de erradicación";
    SignedOn => "Signed on", "Firmado el";
    IllicitCropLabel => "Illicit crop", "Cultivo ilícito";
    CommittedHectares => "Hectares committed", "Hectáreas comprometidas";
    EradicateBy => "To be eradicated by", "Erradicar a más tardar el";
    VerifiedHectares => "Hectares verified eradicated", "Hectáreas verificadas erradicadas";
    AgreementStatusLabel => "Status", "Estado";
    SequencingLabel => "Support before eradication", "Apoyo antes de la erradicación";
    Verifications => "Verification visits", "Visitas de verificación";
    NoVerificationsYet => "No verification visits yet.", "Todavía no hay visitas de verificación.";
    RecordVerification => "Record a verification visit", "Registrar una visita de verificación";
    RecordVerificationHint => "State everything verified as eradicated so far, not only since the last visit, and any illicit crop still or again standing.", "Indique todo lo verificado como erradicado hasta ahora, no solo desde la última visita, y cualquier cultivo ilícito aún o nuevamente en pie.";
    SaveVerification => "Save the visit", "Guardar la visita";
    VisitedOn => "Day of the visit", "Día de la visita";
    VerificationMethodLabel => "Method", "Método";
    EradicatedHectares => "Hectares eradicated so far", "Hectáreas erradicadas hasta ahora";
    IllicitHectaresFound => "Hectares of illicit crops found", "Hectáreas de cultivos ilícitos encontradas";
    ReplantingFound => "Replanting", "Resiembra";
    SupportReceived => "Support received", "Apoyo recibido";
    NoSupportYet => "No support recorded yet.", "Todavía no hay apoyo registrado.";
    RecordSupport => "Record support delivered", "Registrar apoyo entregado";
    SaveSupport => "Save the support", "Guardar el apoyo";
    SupportKindLabel => "Kind of support", "Tipo de apoyo";
    DeliveredOn => "Delivered on", "Entregado el";
    SupportValue => "Value", "Valor";
    TotalsByCurrency => "Totals by currency", "Totales por moneda";
    ProjectAgreementsTitle => "Eradication agreements of the project", "Acuerdos de erradicación del proyecto";
    AgreementsCount => "Agreements", "Acuerdos";
    VerifiedAgreements => "Verified whole", "Verificados en su totalidad";
    ReplantingRate => "Replanting rate", "Tasa de resiembra";
    OverdueAgreements => "Overdue", "Vencidos";
    SequencingBreaches => "Eradicated before support", "Erradicados antes del apoyo";
    AllAgreementsLink => "All agreements of the project", "Todos los acuerdos del proyecto";
    NotYetMeasured => "not yet measurable", "aún no medible";
    Visits => "Monitoring visits", "Visitas de monitoreo";
    RecordVisit => "Record a visit", "Registrar una visita";
    VisitTitle => "Monitoring visit", "Visita de monitoreo";
    NoVisitsYet => "No monitoring visits yet.", "Todavía no hay visitas de monitoreo.";
    VisitGpsLegend => "Where you are (GPS)", "Dónde está (GPS)";
    VisitGpsHint => "Take the point at the household. It is shown only to roles that may see personal data.", "Tome el punto en el hogar. Solo se muestra a los roles que pueden ver datos personales.";
    VisitPlotsLegend => "What each plot holds", "Lo que tiene cada parcela";
    VisitPlotsHint => "Leave a plot's fields empty if you did not visit it. What you enter is added to the plot's history for today's visit.", "Deje vacíos los campos de una parcela que no visitó. Lo que anote se añade al historial de la parcela para esta visita.";
    NoPlotsForVisit => "This household has no plots yet: add them first to record what grows on them.", "Este hogar todavía no tiene parcelas: añádalas primero para registrar lo que crece en ellas.";
    IllicitStanding => "Illicit crop standing", "Cultivo ilícito en pie";
    IllicitStandingHectares => "Hectares of it standing", "Hectáreas en pie";
    LicitCropLabel => "Licit crop", "Cultivo lícito";
    EstablishedHectares => "Hectares established", "Hectáreas establecidas";
    SurvivingHectares => "Hectares surviving", "Hectáreas que sobreviven";
    ProductionLegend => "Harvest and sales since the last visit", "Cosecha y ventas desde la última visita";
    ProductionHint => "Leave empty if the household harvested nothing.", "Deje vacío si el hogar no cosechó nada.";
    HarvestCrop => "Crop harvested", "Cultivo cosechado";
    HarvestedKg => "Kilograms harvested", "Kilogramos cosechados";
    SoldKg => "Kilograms sold", "Kilogramos vendidos";
    PricePerKg => "Price per kilogram", "Precio por kilogramo";
    SalesChannelLabel => "Sold through", "Vendido a través de";
    Income => "Income from the sale", "Ingreso por la venta";
    IncomeHint => "Left empty, it is kilograms sold × price.", "Si se deja vacío, es kilogramos vendidos × precio.";
    SaveVisit => "Save the visit", "Guardar la visita";
    NoneOption => "None", "Ninguno";
    PlotsVisited => "Plots visited", "Parcelas visitadas";
    ActivityReports => "Community activity reports", "Informes de actividades comunitarias";
    ActivityReportsIntro => "Trainings and meetings with their attendance by sex and age band, and the progress of infrastructure works, community by community.", "Capacitaciones y reuniones con su asistencia por sexo y grupo de edad, y el avance de las obras de infraestructura, comunidad por comunidad.";
    NoReportsYet => "No activity reports yet.", "Todavía no hay informes de actividades.";
    RecordReport => "Record an activity", "Registrar una actividad";
    SaveReport => "Save the report", "Guardar el informe";
    ActivityKindLabel => "Kind of activity", "Tipo de actividad";
    HeldOn => "Held on", "Realizada el";
    ActivityTitle => "What it was", "Qué fue";
    ActivityTitleHint => "Such as Grafting cocoa, or Collection centre: roof.", "Por ejemplo Injerto de cacao, o Centro de acopio: techo.";
    AttendanceLegend => "Attendance by sex and age band", "Asistencia por sexo y grupo de edad";
    AttendanceHint => "For a training or a meeting: at least one attendee.", "Para una capacitación o reunión: al menos una persona.";
    ProgressPercent => "Progress of the work (%)", "Avance de la obra (%)";
    ProgressHint => "For infrastructure: 0 to 100.", "Para infraestructura: de 0 a 100.";
    Attendance => "Attendance", "Asistencia";
    AttendanceTotals => "Attendance of all trainings and meetings", "Asistencia a todas las capacitaciones y reuniones";
    ActivityReportsLink => "Community activity reports", "Informes de actividades comunitarias";
    GenderTitle => "Gender view", "Enfoque de género";
    Actuals => "Actuals", "Valores alcanzados";
    ActualsTitle => "Actuals by reporting period", "Valores alcanzados por período";
    ActualsIntro => "Enter what the indicator reached in each period, submit it, and an M&E officer approves it or returns it with a comment. An approved period is locked: a correction is a new revision, shown beside the approved one.", "Ingrese lo que alcanzó el indicador en cada período, envíelo, y un oficial de monitoreo y evaluación lo aprueba o lo devuelve con un comentario. Un período aprobado queda cerrado: una corrección es una nueva revisión, visible junto a la aprobada.";
    ActualValue => "Actual", "Alcanzado";
    ApprovedValue => "Approved value", "Valor aprobado";
    Revision => "Revision", "Revisión";
    EnterActual => "Enter an actual", "Ingresar un valor alcanzado";
    SaveActual => "Save as a draft", "Guardar como borrador";
    SubmitActual => "Submit for approval", "Enviar para aprobación";
    ApproveActual => "Approve", "Aprobar";
    ReturnActual => "Return for correction", "Devolver para corrección";
    ReviseActual => "Correct it (new revision)", "Corregir (nueva revisión)";
    Comment => "Comment", "Comentario";
    CommentHint => "Required to return it: say what to correct.", "Obligatorio para devolverlo: indique qué corregir.";
    TotalLabel => "Total", "Total";
    TotalHint => "For figures that add up, leave it empty to take the sum of the cells.", "Para cifras que se suman, déjelo vacío para tomar la suma de las celdas.";
    CellsLegend => "By disaggregation", "Por desagregación";
    CellsHint => "Every cell or none.", "Todas las celdas o ninguna.";
    StepsHistory => "History", "Historial";
    Superseded => "superseded by a later approved revision", "reemplazada por una revisión aprobada posterior";
    NoActualYet => "Nothing entered yet", "Nada ingresado todavía";
    ImportsTitle => "Import visits from KoboToolbox or ODK", "Importar visitas de KoboToolbox u ODK";
    ImportsIntro => "Upload the export of a monitoring form: KoboToolbox's XLSX (repeat groups as sheets), ODK Central's ZIP of CSV files, or CSV files. You map its columns once per form; the mapping is remembered. Every submission is either imported or listed with its line and reason, and importing the same file again stores nothing twice.", "Suba la exportación de un formulario de monitoreo: el XLSX de KoboToolbox (los grupos de repetición como hojas), el ZIP de archivos CSV de ODK Central o archivos CSV. Las columnas se asignan una vez por formulario y se recuerdan. Cada envío se importa o se lista con su línea y su motivo, e importar de nuevo el mismo archivo no guarda nada dos veces.";
    ImportsLink => "Import visits from KoboToolbox or ODK", "Importar visitas de KoboToolbox u ODK";
    ImportFile => "Export file(s)", "Archivo(s) de exportación";
    ImportFileHint => "XLSX, ZIP of CSV files, or one or more CSV files (the submissions and each repeat group); at most 25 MB.", "XLSX, ZIP de archivos CSV, o uno o varios archivos CSV (los envíos y cada grupo de repetición); como máximo 25 MB.";
    UploadImport => "Read the file", "Leer el archivo";
    EarlierImports => "Imports", "Importaciones";
    NoImportsYet => "No import yet.", "Ninguna importación todavía.";
    ImportForm => "Form", "Formulario";
    ImportFileName => "File", "Archivo";
    ImportStatusLabel => "Status", "Estado";
    MapColumnsTitle => "Map the columns", "Asignar las columnas";
    MapColumnsIntro => "Choose the column that holds each field. Fields left without a column are not imported; the household's code and the day are required.", "Elija la columna que contiene cada campo. Los campos sin columna no se importan; el código del hogar y el día son obligatorios.";
    MappingRemembered => "The mapping used the last time this form was imported is chosen.", "Se eligió la asignación usada la última vez que se importó este formulario.";
    MappingSuggested => "The columns are suggested by their headings: check them.", "Las columnas se sugieren por sus encabezados: revíselas.";
    PlotSheetLabel => "Sheet of the plots (repeat group)", "Hoja de los predios (grupo de repetición)";
    NoPlotSheet => "No plots sheet", "Sin hoja de predios";
    NoColumn => "— not imported —", "— no se importa —";
    VisitFieldsLegend => "The visit", "La visita";
    PlotFieldsLegend => "Each plot (from its sheet)", "Cada predio (de su hoja)";
    StartImport => "Import the visits", "Importar las visitas";
    StartImportAgain => "Start it again", "Iniciarla de nuevo";
    SheetsRead => "Sheets read", "Hojas leídas";
    SheetRows => "rows", "filas";
    FirstRows => "First rows", "Primeras filas";
    ImportProgressLabel => "Progress", "Avance";
    ImportRunningHint => "The import goes on in the background; this page refreshes itself every few seconds.", "La importación sigue en segundo plano; esta página se actualiza sola cada pocos segundos.";
    VisitsImported => "Visits imported", "Visitas importadas";
    AlreadyImported => "Already imported before (not stored twice)", "Ya importadas antes (no se guardan dos veces)";
    RowsNotImported => "Rows not imported", "Filas no importadas";
    NothingLeftOut => "Every row was imported or found already imported.", "Cada fila se importó o ya estaba importada.";
    IssueSheet => "Sheet", "Hoja";
    IssueLine => "Line", "Línea";
    IssueReason => "Reason", "Motivo";
    BackToImports => "All imports", "Todas las importaciones";
    RatesTitle => "Exchange rates", "Tipos de cambio";
    RatesLink => "Exchange rates", "Tipos de cambio";
    RatesIntro => "The rates used to show money in another currency: the European Central Bank's reference rates (daily or historical file), the IMF's annual averages, or rates typed by hand. A conversion uses the rate of its day, or the last one of the week before, else the annual average of its year; every converted figure says which rate it used. Amounts are converted and added exactly and rounded once, half to even, to the currency's minor units.", "Los tipos con que se muestra el dinero en otra moneda: los tipos de referencia del Banco Central Europeo (archivo diario o histórico), los promedios anuales del FMI, o tipos ingresados a mano. Una conversión usa el tipo de su día, o el último de la semana anterior, si no el promedio anual de su año; cada cifra convertida dice qué tipo usó. Los montos se convierten y suman exactamente y se redondean una sola vez, al par más cercano, a los decimales de la moneda.";
    ImportRates => "Import a rates file", "Importar un archivo de tipos";
    RatesFileKind => "File", "Archivo";
    RatesKindEcb => "ECB reference rates (eurofxref.csv or eurofxref-hist.csv)", "Tipos de referencia del BCE (eurofxref.csv o eurofxref-hist.csv)";
    RatesKindImf => "IMF annual averages against the US dollar", "Promedios anuales del FMI frente al dólar";
    RatesFile => "Rates file (CSV)", "Archivo de tipos (CSV)";
    RatesImportedMsg => "Rates stored:", "Tipos guardados:";
    AddRate => "Enter a rate by hand", "Ingresar un tipo a mano";
    RateBase => "One unit of", "Una unidad de";
    RateQuote => "buys (currency)", "compra (moneda)";
    RateDay => "Day", "Día";
    RateValue => "Rate", "Tipo";
    RateSpanLabel => "Counts for", "Vale para";
    RateSpanDay => "Its day (and the week after)", "Su día (y la semana siguiente)";
    RateSpanYear => "The whole year (an annual average)", "Todo el año (un promedio anual)";
    SaveRate => "Save the rate", "Guardar el tipo";
    RatesListed => "Rates", "Tipos";
    RatesFilterCurrency => "Only this currency", "Solo esta moneda";
    RatesShowing => "rates stored; the newest shown", "tipos guardados; se muestran los más recientes";
    NoRatesYet => "No exchange rate yet.", "Ningún tipo de cambio todavía.";
    RateSourceLabel => "Source", "Fuente";
    ConvertTitle => "Convert an amount", "Convertir un monto";
    ConvertAmount => "Amount", "Monto";
    ConvertFrom => "From", "De";
    ConvertTo => "To", "A";
    ConvertSubmit => "Convert", "Convertir";
    ConvertedResult => "Converted:", "Convertido:";
    ShowRates => "Show", "Mostrar";
    TabFunding => "Funding", "Financiación";
    ProjectLabel => "Project", "Proyecto";
    FundingChartTitle => "Funding", "Financiación";
    QuarterAxis => "Quarter", "Trimestre";
    CumulativeAxis => "Cumulative amount", "Monto acumulado";
    FundingBudget => "Budget", "Presupuesto";
    FundingAgreed => "Agreed", "Acordado";
    FundingCommitted => "Committed", "Comprometido";
    FundingDisbursed => "Disbursed", "Desembolsado";
    FundingSpent => "Spent", "Gastado";
    FundingGap => "Funding gap (budget − committed)", "Brecha de financiación (presupuesto − comprometido)";
    FundingToDisburse => "To disburse (committed − disbursed)", "Por desembolsar (comprometido − desembolsado)";
    SpendingRate => "Spending rate", "Tasa de ejecución";
    SpendingRateHint => "spent ÷ disbursed", "gastado ÷ desembolsado";
    FundingTitle => "Funding", "Financiación";
    ProgramFundingIntro => "The program's budget (its projects' budget lines), what donors committed, what reached the program and what it spent, with every agreement and transaction counted.", "El presupuesto del programa (las líneas presupuestales de sus proyectos), lo que los donantes comprometieron, lo que llegó al programa y lo que gastó, con cada acuerdo y transacción contados.";
    ProjectFundingIntro => "The project's budget by component and year, what donors committed, what reached the project and what it spent.", "El presupuesto del proyecto por componente y año, lo que los donantes comprometieron, lo que llegó al proyecto y lo que gastó.";
    DonorFundingIntro => "The donor's funding agreements and what was committed, received and spent under them. For a donor the budget is what its agreements provide.", "Los acuerdos de financiación del donante y lo comprometido, recibido y gastado con ellos. Para un donante, el presupuesto es lo que sus acuerdos aportan.";
    FundingCurrency => "Show the figures in", "Mostrar las cifras en";
    ShowFigures => "Show", "Mostrar";
    FundingAsOf => "Figures to", "Cifras al";
    FundingRuleNote => "Each amount is converted at the rate of its own day, added exactly and rounded once; the gap and what remains to disburse are differences of the totals shown.", "Cada monto se convierte al tipo de su propio día, se suma exactamente y se redondea una vez; la brecha y lo que queda por desembolsar son diferencias de los totales mostrados.";
    MissingRateMsg => "These figures cannot be shown in this currency: no exchange rate for", "Estas cifras no pueden mostrarse en esta moneda: no hay tipo de cambio para";
    MissingRateHint => "Import or enter the rate on the exchange rates page, or choose another currency.", "Importe o ingrese el tipo en la página de tipos de cambio, o elija otra moneda.";
    RatesUsedTitle => "Rates used", "Tipos usados";
    FundingOverTime => "Quarter by quarter (cumulative)", "Trimestre a trimestre (acumulado)";
    QuarterEnd => "Quarter to", "Trimestre al";
    BudgetByComponent => "Budget by component and year", "Presupuesto por componente y año";
    NoYear => "No year", "Sin año";
    NoBudgetYet => "No budget line yet: add them on the timeline tab.", "Aún no hay líneas presupuestales: agréguelas en la pestaña del cronograma.";
    FundingAgreementsTitle => "Funding agreements", "Acuerdos de financiación";
    NoFundingAgreements => "No funding agreement yet.", "Aún no hay acuerdos de financiación.";
    NewFundingAgreement => "New funding agreement", "Nuevo acuerdo de financiación";
    EditFundingAgreement => "Edit funding agreement", "Editar acuerdo de financiación";
    FundingAgreementIntro => "What the donor agreed to give, for what, and when it wants reports.", "Lo que el donante acordó aportar, para qué, y cuándo quiere informes.";
    AgreementTitleLabel => "Title", "Título";
    AgreementReference => "Donor's reference (optional)", "Referencia del donante (opcional)";
    AgreementAmount => "Amount agreed", "Monto acordado";
    AgreementStart => "First day", "Primer día";
    AgreementEnd => "Last day", "Último día";
    AgreementProjectOptional => "Project (optional)", "Proyecto (opcional)";
    AgreementComponentOptional => "Component (optional)", "Componente (opcional)";
    EarmarkedFor => "Earmarked for", "Destinado a";
    WholeProgram => "The whole program", "Todo el programa";
    LongTermFunding => "Long-term funding", "Financiación a largo plazo";
    FlexibleFunding => "Flexible funding (the program may move it between budget lines)", "Financiación flexible (el programa puede moverla entre líneas presupuestales)";
    LongTermShort => "Long-term", "A largo plazo";
    FlexibleShort => "Flexible", "Flexible";
    ShorterThanLongTerm => "Marked long-term, but shorter than three years.", "Marcado a largo plazo, pero dura menos de tres años.";
    ReportingFrequencyLabel => "Reports", "Informes";
    ReportDueDays => "Days after each period its report is due", "Días tras cada período en que vence su informe";
    ReportingRequirements => "What the reports must contain", "Qué deben contener los informes";
    SaveFundingAgreement => "Save agreement", "Guardar acuerdo";
    ReportingPeriodsTitle => "Reporting periods", "Períodos de informe";
    ReportDue => "Report due", "Vence el informe";
    TranchesTitle => "Planned tranches", "Tramos previstos";
    TrancheDue => "Due", "Vence";
    TrancheCondition => "Released when", "Se libera cuando";
    AddTranche => "Add tranche", "Agregar tramo";
    NoTranches => "No tranche planned yet.", "Aún no hay tramos previstos.";
    TranchesPlanned => "Planned in tranches", "Programado en tramos";
    ReceivedByDue => "Received by that day", "Recibido a ese día";
    TransactionsTitle => "Transactions", "Transacciones";
    NoTransactions => "No transaction yet.", "Aún no hay transacciones.";
    AddTransaction => "Record a transaction", "Registrar una transacción";
    TransactionKindLabel => "Kind", "Tipo";
    ValueDate => "Value date", "Fecha valor";
    FundingAgreementLabel => "Funding agreement", "Acuerdo de financiación";
    SaveTransaction => "Save transaction", "Guardar transacción";
    FundingByProject => "By project", "Por proyecto";
    FundingByAgreement => "By agreement", "Por acuerdo";
    FundingOfDonor => "Funding from", "Financiación de";
    DonorPageLink => "Agreements and funding", "Acuerdos y financiación";
    ProgramFundingLink => "Funding", "Financiación";
    FromRecordsTitle => "Worked out from the field records", "Calculado a partir de los registros de campo";
    WorkOutFromRecords => "Work it out from the records", "Calcularlo a partir de los registros";
    ComputedDraft => "Worked out from the records —", "Calculado a partir de los registros —";
    ComputedDraftHint => "Check it, change what the records miss, and save it as a draft; it counts only once submitted and approved.", "Revíselo, corrija lo que los registros no reflejan y guárdelo como borrador; solo cuenta una vez enviado y aprobado.";
    NothingToComputeFrom => "the records hold nothing to work this figure out from yet.", "los registros todavía no tienen nada con qué calcular esta cifra.";
    ActualsAgainstTargets => "Targets and actuals", "Metas y valores alcanzados";
    OfTarget => "of target", "de la meta";
    GenderIntro => "Who takes part and what reaches them, by sex and age band. Support and income reach households: they are shown by the sex and age band of who heads the household. Withdrawn households are left out.", "Quiénes participan y qué les llega, por sexo y grupo de edad. El apoyo y el ingreso llegan a los hogares: se muestran según el sexo y el grupo de edad de quien encabeza el hogar. Los hogares retirados no se cuentan.";
    GenderLink => "Gender view", "Enfoque de género";
    HouseholdsTakingPart => "Households taking part", "Hogares participantes";
    WomenHeaded => "Headed by a woman", "Encabezados por una mujer";
    HeadsBySexAge => "Heads of household", "Jefaturas de hogar";
    Beneficiaries => "Beneficiaries (household members)", "Beneficiarios (miembros de los hogares)";
    SupportByHead => "Support received, by head of household", "Apoyo recibido, por jefatura de hogar";
    IncomeByHead => "Income from sales, by head of household", "Ingreso por ventas, por jefatura de hogar";
    HouseholdsReached => "Households", "Hogares";
    CooperativesTitle => "Women in cooperatives and their leadership", "Mujeres en las cooperativas y en su directiva";
    CooperativeMembersRow => "Members", "Socios";
    CooperativeLeadersRow => "Leadership", "Directiva";
    HouseholdsInCooperative => "Households in a cooperative (women-headed / men-headed)", "Hogares en una cooperativa (con jefa / con jefe)";
    TitlesBySexTitle => "Land titles by sex", "Títulos de tierra por sexo";
    Women => "Women", "Mujeres";
    Men => "Men", "Hombres";
    NothingRecordedYet => "Nothing recorded yet.", "Todavía no hay registros.";
    EradicationMonth => "Month illicit income stops", "Mes en que termina el ingreso ilícito";
    Evidence => "Evidence", "Evidencia";
    EvidenceHint => "What shows the status: minutes of the consent assembly, the assessment report, the agreement. Needed when the safeguard is met, not applicable or breached.", "Lo que respalda el estado: acta de la asamblea de consentimiento, informe de evaluación, acuerdo. Se requiere cuando la salvaguarda se cumple, no aplica o se incumple.";
    FarmGatePrice => "Farm-gate price per kg", "Precio en finca por kg";
    FiguresToImport => "Figures read", "Cifras leídas";
    FrameworkGaps => "What a reviewer would flag", "Lo que señalaría un revisor";
    Frequency => "Reporting frequency", "Frecuencia de reporte";
    FromLibrary => "library", "biblioteca";
    FromLibraryOption => "As in the library", "Como en la biblioteca";
    GanttCaption => "Activities by component, coloured by status; diamonds are milestones; the dashed line is today.", "Actividades por componente, coloreadas según su estado; los rombos son hitos; la línea discontinua es hoy.";
    GanttTitle => "Project timeline", "Cronograma del proyecto";
    HectaresColumn => "Hectares (ha)", "Hectáreas (ha)";
    HectaresPerHousehold => "Hectares per household", "Hectáreas por hogar";
    HorizonMonths => "Months projected", "Meses proyectados";
    Households => "Households", "Hogares";
    IllicitIncomeGivenUp => "Illicit income given up per household per month", "Ingreso ilícito al que renuncia cada hogar por mes";
    IllicitIncomeHint => "What one household earned from the illicit crop each month, in the project's currency; zero in preventive alternative development.", "Lo que un hogar ganaba cada mes con el cultivo ilícito, en la moneda del proyecto; cero en desarrollo alternativo preventivo.";
    ImportBaselineIntro => "See what the table holds before anything is stored: every figure with the community it matches and the figure it replaces, and every line that cannot be read, with its reason.", "Vea lo que contiene la tabla antes de guardar nada: cada cifra con la comunidad a la que corresponde y la cifra que reemplaza, y cada línea que no se puede leer, con su motivo.";
    ImportBaselineTable => "Import a baseline table", "Importar una tabla de línea base";
    ImportDone => "Imported.", "Importado.";
    ImportFigures => "Import the figures", "Importar las cifras";
    ImportNoteHint => "Kept with every figure: the publication and table, for example \"UNODC/SIMCI 2023, table 3\".", "Se guarda con cada cifra: la publicación y la tabla, por ejemplo \"UNODC/SIMCI 2023, cuadro 3\".";
    ImportPreviewTitle => "Preview: nothing stored yet.", "Vista previa: aún no se ha guardado nada.";
    Indicator => "Indicator", "Indicador";
    IndicatorFormIntro => "Pick an indicator from the library of alternative development indicators, so figures add up across projects, or define the project's own.", "Elija un indicador de la biblioteca de indicadores de desarrollo alternativo, para que las cifras se puedan sumar entre proyectos, o defina uno propio del proyecto.";
    IndicatorLibrary => "Indicator library", "Biblioteca de indicadores";
    IndicatorLibraryShow => "Show the library's indicators", "Mostrar los indicadores de la biblioteca";
    IndicatorName => "Name", "Nombre";
    IndicatorNameHint => "Leave empty for a library indicator: readers see its name in their language.", "Déjelo vacío para un indicador de la biblioteca: cada lector ve su nombre en su idioma.";
    Indicators => "Indicators", "Indicadores";
    LibraryIndicator => "Indicator from the library", "Indicador de la biblioteca";
    LibraryIndicatorHint => "Empty unit, disaggregation and source take the library's.", "La unidad, la desagregación y la fuente vacías toman las de la biblioteca.";
    Line => "Line", "Línea";
    LivelihoodPlanFormIntro => "What each household of the plan plants, when, and what it yields year by year: the income transition and the bridging support it needs follow from it.", "Lo que siembra cada hogar del plan, cuándo, y lo que rinde año a año: de ahí salen la transición de ingresos y el apoyo puente que necesita.";
    LivelihoodPlansIntro => "Licit income month by month against the illicit income it replaces: the depth and length of the income valley, and the bridging support that covers it.", "El ingreso lícito mes a mes frente al ingreso ilícito que reemplaza: la profundidad y la duración del valle de ingresos, y el apoyo puente que lo cubre.";
    LivelihoodPlansTitle => "Livelihood plans", "Planes de medios de vida";
    MarketChannel => "Market channel", "Canal de comercialización";
    Milestone => "Milestone", "Hito";
    MilestonesTitle => "Milestones", "Hitos";
    MonthsUnit => "months", "meses";
    Name => "Name", "Nombre";
    NewFigures => "New figures", "Cifras nuevas";
    NewLivelihoodPlan => "New livelihood plan", "Nuevo plan de medios de vida";
    NoActivitiesYet => "No activities yet.", "Aún no hay actividades.";
    NoBaselinesYet => "No baseline figures yet. Add them one by one or import a published table.", "Aún no hay cifras de línea base. Agréguelas una por una o importe una tabla publicada.";
    NoBudgetLine => "No budget line", "Sin línea presupuestal";
    NoBudgetLinesYet => "No budget lines yet.", "Aún no hay líneas presupuestales.";
    NoComponent => "No component", "Sin componente";
    NoComponentsYet => "No components yet.", "Aún no hay componentes.";
    NoLivelihoodPlansYet => "No livelihood plans yet.", "Aún no hay planes de medios de vida.";
    NoMilestonesYet => "No milestones yet.", "Aún no hay hitos.";
    NoParent => "None (the goal)", "Ninguno (el objetivo)";
    NoRecoveryInHorizon => "Not within the months projected", "No dentro de los meses proyectados";
    NoResultsYet => "No results yet. Start with the goal.", "Aún no hay resultados. Empiece por el objetivo.";
    NoSafeguardWarnings => "The plan raises no safeguard warnings.", "El plan no genera alertas de salvaguardas.";
    NoTargetsYet => "No targets yet", "Aún sin metas";
    NotACommunity => "Not one of the communities", "Ninguna de las comunidades";
    Note => "Note", "Nota";
    OneHouseholdChart => "The transition of one household", "La transición de un hogar";
    Overdue => "Overdue", "Vencido";
    OwnIndicator => "The project's own indicator", "Indicador propio del proyecto";
    Partner => "Responsible partner", "Socio responsable";
    PartnerName => "Partner's name", "Nombre del socio";
    PartnerNameHint => "Needed for government agencies, NGOs, cooperatives, buyers and community organisations.", "Se requiere para entidades de gobierno, ONG, cooperativas, compradores y organizaciones comunitarias.";
    PerHouseholdMonth => "household and month", "hogar y mes";
    Place => "Place", "Lugar";
    PlaceHint => "A department, municipality or zone, when the figure is not for one of the communities.", "Un departamento, municipio o zona, cuando la cifra no es de una de las comunidades.";
    PlaceKind => "Kind of place", "Tipo de lugar";
    PlanName => "Plan name", "Nombre del plan";
    PlanTheWork => "Plan the work", "Planificar el trabajo";
    PlantingMonth => "Planting month", "Mes de siembra";
    PreviewImport => "Preview", "Vista previa";
    Published => "Published", "Publicado";
    PublishedTotals => "The table's totals against its rows", "Los totales de la tabla frente a sus filas";
    ReachedOn => "Reached on", "Alcanzado el";
    Reason => "Reason", "Motivo";
    RecordAssessment => "Record the assessment", "Registrar la evaluación";
    RecoveryMonth => "Licit income reaches the illicit income in", "El ingreso lícito alcanza al ilícito en";
    ReplacedFigures => "Figures replaced", "Cifras reemplazadas";
    Replaces => "Replaces (ha)", "Reemplaza (ha)";
    ResponsibleRole => "Who reports it", "Quién lo reporta";
    ResultCode => "Code", "Código";
    ResultLevel => "Level", "Nivel";
    ResultMeasured => "Result it measures", "Resultado que mide";
    ResultParent => "Under", "Bajo";
    ResultStatement => "Statement", "Enunciado";
    ResultStatementHint => "The change sought, as the logframe writes it.", "El cambio buscado, como lo escribe el marco lógico.";
    ResultsIntro => "Goal, outcomes and outputs, each with its indicators, baselines and targets per reporting period.", "Objetivo, resultados y productos, cada uno con sus indicadores, líneas base y metas por período de reporte.";
    DeleteComponent => "Delete component", "Eliminar componente";
    ActivitiesGoWithIt => "activities are deleted with it", "actividades se eliminan con él";
    RowsNotRead => "Cells and lines not read", "Celdas y líneas no leídas";
    LinesWithProblems => "Lines with problems", "Líneas con problemas";
    SafeguardWarnings => "Safeguard warnings", "Alertas de salvaguardas";
    SafeguardsIntro => "What the resolution and the Guiding Principles on Alternative Development ask of every project, with its status and evidence.", "Lo que la resolución y los Principios Rectores sobre Desarrollo Alternativo piden a cada proyecto, con su estado y evidencia.";
    SafeguardsTitle => "Safeguards", "Salvaguardas";
    SaveAssessment => "Save the assessment", "Guardar la evaluación";
    SaveTargets => "Save targets", "Guardar metas";
    SetTargets => "Targets", "Metas";
    Source => "Source", "Fuente";
    SumOfRows => "Sum of the rows", "Suma de las filas";
    SupportAfterEradication => "Livelihood support starts after eradication: the Guiding Principles (18 k) ask for it before or with eradication.", "El apoyo a los medios de vida empieza después de la erradicación: los Principios Rectores (18 k) lo piden antes o junto con la erradicación.";
    Target => "Target", "Meta";
    Targets => "Targets", "Metas";
    TargetsHint => "One target per reporting period, in the indicator's unit. Leave a period empty to set no target for it.", "Una meta por período de reporte, en la unidad del indicador. Deje un período vacío para no fijarle meta.";
    Total => "Total", "Total";
    TransitionChartCaption => "Licit income of all the plan's households, month by month, against the illicit income they give up; the shaded gap is the income valley.", "Ingreso lícito de todos los hogares del plan, mes a mes, frente al ingreso ilícito al que renuncian; la brecha sombreada es el valle de ingresos.";
    Unit => "Unit", "Unidad";
    UnusedColumns => "Columns not used", "Columnas no usadas";
    UpdateBridgingBudget => "Update the bridging support in the budget", "Actualizar el apoyo puente en el presupuesto";
    ValleyDepthHousehold => "Deepest monthly gap per household", "Brecha mensual más profunda por hogar";
    ValleyLength => "Income valley", "Valle de ingresos";
    ValueChains => "Value chains", "Cadenas de valor";
    ValueChainsHint => "What ONE household establishes. Several rows of one crop with different planting months make a planting schedule. Months as YYYY-MM.", "Lo que establece UN hogar. Varias filas de un mismo cultivo con distintos meses de siembra forman un calendario de siembra. Meses como AAAA-MM.";
    MonthFormatHint => "As YYYY-MM, for example 2025-03.", "Como AAAA-MM, por ejemplo 2025-03.";
    WholeProject => "The whole project", "Todo el proyecto";
    WiderPlace => "Wider place", "Lugar más amplio";
    WiderPlacesCounted => "Wider places with a figure", "Lugares amplios con cifra";
    WiderPlacesHectares => "Wider places (ha)", "Lugares amplios (ha)";
    Year => "Year", "Año";
    YieldCurve => "Yield, kg/ha by year since planting", "Rendimiento, kg/ha por año desde la siembra";
    YieldCurveHint => "Yields are typed year by year from planting, separated by semicolons, for example 0; 0; 350; 700; 900. After the last year the yield stays at the last value.", "Los rendimientos se escriben año por año desde la siembra, separados por punto y coma, por ejemplo 0; 0; 350; 700; 900. Después del último año el rendimiento se mantiene en el último valor.";
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
    ScopeDonor => "Donor", "Donante";
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

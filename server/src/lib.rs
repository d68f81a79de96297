//! The Sembrar server: configuration, database, the HTTP router (pages, server functions, REST
//! API, form posts) and the demo seed. `main.rs` only starts it.

// Rendering a page's view types (deeply nested in Leptos) needs more than the default depth.
#![recursion_limit = "512"]

pub mod cli;
pub mod http;
pub mod national;
pub mod png;
pub mod seed;
pub mod settings;
pub mod xlsx;

use crate::http::AppState;
use crate::settings::Settings;
use leptos::config::LeptosOptions;
use services::Services;
use services::db::Db;
use std::sync::Arc;

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The data folder could not be created.
    #[error("cannot create the data folder {path}: {source}")]
    DataDir {
        /// The folder.
        path: std::path::PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The database could not be opened.
    #[error(transparent)]
    Db(#[from] services::db::DbError),
    /// The key for personal data is missing, wrong for the data, or could not be read or made.
    #[error("{0}")]
    PersonalDataKey(String),
    /// The demo could not be seeded.
    #[error("cannot seed the demo program: {0}")]
    Seed(app::error::AppError),
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: std::net::SocketAddr,
        /// Why.
        source: std::io::Error,
    },
    /// The server stopped with an error.
    #[error("the server stopped: {0}")]
    Serve(std::io::Error),
}

/// Opens the database, seeds the demo when asked, binds, prints the address and serves until
/// Ctrl-C or SIGTERM.
pub async fn run(settings: Settings) -> Result<(), StartError> {
    std::fs::create_dir_all(&settings.data_dir).map_err(|source| StartError::DataDir {
        path: settings.data_dir.clone(),
        source,
    })?;
    let db = Db::connect(&settings.database_url, settings.max_connections).await?;
    tracing::info!(engine = db.engine.name(), url = ?settings.database_url, "database ready");
    let sealer = services::sealing::for_database(
        &db,
        settings.personal_data_key.as_ref().map(|k| k.expose()),
        &settings.personal_data_key_file(),
    )
    .await
    .map_err(|e| StartError::PersonalDataKey(e.to_string()))?;
    seed::bootstrap_admin(&db, &settings)
        .await
        .map_err(StartError::Seed)?;
    let demo_accounts = if settings.seed_demo {
        seed::seed_demo_if_new(&db, &sealer)
            .await
            .map_err(StartError::Seed)?
    } else {
        None
    };
    seed::adopt_orphan_programs(&db)
        .await
        .map_err(StartError::Seed)?;

    let listener = tokio::net::TcpListener::bind(settings.addr)
        .await
        .map_err(|source| StartError::Bind {
            addr: settings.addr,
            source,
        })?;
    let addr = listener.local_addr().map_err(StartError::Serve)?;
    let leptos_options = LeptosOptions::builder()
        .output_name("sembrar")
        .site_root(settings.site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .build();
    if !settings.site_root.join("pkg").join("sembrar.js").exists() {
        tracing::warn!(
            site_root = %settings.site_root.display(),
            "no browser bundle found: pages render but will not hydrate (run scripts/build-site.sh)"
        );
    }
    let state = AppState {
        leptos_options,
        services: Arc::new(Services {
            db: db.clone(),
            tiles: settings.tiles.clone(),
            sealer,
            import_upload_days: settings.import_upload_days,
        }),
        db,
        settings: Arc::new(settings),
        limiter: Arc::default(),
    };
    // Uploaded files nobody imports do not keep people's data: emptied on start, every hour,
    // and before each new upload (see `Services::purge_abandoned_uploads`).
    let services = state.services.clone();
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            every.tick().await;
            services.purge_abandoned_uploads().await;
        }
    });
    let app = http::router(state);

    if let Some(accounts) = demo_accounts {
        println!("Demo data seeded. Demo accounts (email / password):");
        for (email, password, role) in accounts {
            println!("  {role:<16} {email:<28} {password}");
        }
    }
    println!("Sembrar is listening on http://{addr}");
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .map_err(StartError::Serve)
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

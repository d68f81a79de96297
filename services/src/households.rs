//! Households and monitoring: the registry, plots and their records, visits, eradication agreements
//! and their verification, activity reports, the offline field sync and imports of field exports.

pub(crate) mod agreements;
pub mod db;
pub(crate) mod field_sync;
pub mod import_files;
pub(crate) mod imports;
pub(crate) mod plots;
pub(crate) mod registry;
pub(crate) mod visits;

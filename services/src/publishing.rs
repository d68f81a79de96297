//! Publishing: the organisation's publishing settings, IATI files written and read.

pub mod db;
pub(crate) mod iati_export;
pub(crate) mod iati_import;
pub(crate) mod iati_results;

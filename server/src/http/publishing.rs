//! Publishing over HTTP: the organisation's publishing settings and IATI files.

pub mod rest;

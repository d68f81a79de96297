//! Funding: exchange rates, funding agreements, tranches and transactions, and the funding figures
//! of a project, program or donor.

pub mod db;
pub(crate) mod figures;
pub(crate) mod funding_records;
pub(crate) mod operations;

/// Which agreements or transactions to list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FundingFilter {
    /// Only this donor's.
    pub donor_id: Option<i64>,
    /// Only those counted in this program.
    pub program_id: Option<i64>,
    /// Only those counted in this project.
    pub project_id: Option<i64>,
    /// Only this agreement's (transactions).
    pub agreement_id: Option<i64>,
}

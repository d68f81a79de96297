//! Offline field entry: what a monitor's device keeps, and the batches of visits it sends.

use crate::error::AppError;
use shared::auth::Caller;
use shared::field_sync::{FieldBundle, SyncBatch, SyncReport};
use shared::i18n::Locale;

/// Offline field entry.
#[async_trait::async_trait]
pub trait FieldSyncBackend {
    /// The households, plots and agreements of the communities where the caller may record
    /// visits, as a device keeps them: codes, never names, phone numbers or places.
    async fn field_bundle(&self, caller: &Caller) -> Result<FieldBundle, AppError>;
    /// Stores a batch of visits entered on a device, each at most once (by its entry id), with
    /// the visit form's validation and rights; an entry whose household changed since the device
    /// copied it comes back as a conflict, unstored. Refusals are described in `locale`.
    async fn sync_visits(
        &self,
        caller: &Caller,
        batch: SyncBatch,
        locale: Locale,
    ) -> Result<SyncReport, AppError>;
}

//! The field-entry page (`/field`): monitoring visits recorded with or without a connection.
//! The server renders the page's frame and every text it needs, translated; the browser script
//! `offline.js` fills `#field-app` — the households kept on the device (IndexedDB), the visit
//! form, the entries with their sync state — and the service worker (`/sw.js`) keeps the page
//! on the device so that it opens with no connection. Without JavaScript the page says where
//! to record visits instead (each household's page, while connected).

use crate::components::field::{coded_options, currency_options};
use crate::i18n::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use shared::agreement::AgreementStatus;
use shared::crop::{AlternativeCrop, IllicitCrop};
use shared::household::HouseholdStatus;
use shared::i18n::{Locale, Msg};
use shared::validation::Problem;
use shared::visit::SalesChannel;
use std::collections::BTreeMap;

/// The texts the script shows, by the key it asks for.
const TEXTS: &[(&str, Msg)] = &[
    ("no_storage", Msg::FieldNoStorage),
    ("status_heading", Msg::FieldStatusHeading),
    ("connection", Msg::FieldConnection),
    ("online", Msg::FieldOnline),
    ("offline", Msg::FieldOffline),
    ("waiting", Msg::FieldWaiting),
    ("sending", Msg::FieldSending),
    ("waiting_count", Msg::FieldWaitingCount),
    ("last_sync", Msg::FieldLastSync),
    ("never", Msg::Never),
    ("storage", Msg::FieldStorage),
    ("storage_kept", Msg::FieldStorageKept),
    ("storage_may_clear", Msg::FieldStorageMayClear),
    ("offline_use", Msg::FieldOfflineUse),
    ("offline_ready", Msg::FieldOfflineReady),
    ("offline_not_ready", Msg::FieldOfflineNotReady),
    ("version", Msg::FieldVersion),
    ("send_now", Msg::FieldSendNow),
    ("signed_out", Msg::FieldSignedOut),
    ("sign_in_again", Msg::FieldSignInAgain),
    ("sync_failed", Msg::FieldSyncFailed),
    ("other_accounts", Msg::FieldOtherAccounts),
    ("entries_heading", Msg::FieldEntriesHeading),
    ("no_entries", Msg::FieldNoEntries),
    ("clear_sent", Msg::FieldClearSent),
    ("state_waiting", Msg::FieldStateWaiting),
    ("state_sending", Msg::FieldStateSending),
    ("state_sent", Msg::FieldStateSent),
    ("state_rejected", Msg::FieldStateRejected),
    ("state_conflict", Msg::FieldStateConflict),
    ("visit_number", Msg::FieldVisitNumber),
    ("conflict_intro", Msg::FieldConflictIntro),
    ("conflict_changed", Msg::FieldConflictChanged),
    ("conflict_status", Msg::FieldConflictStatus),
    ("conflict_members", Msg::FieldConflictMembers),
    ("conflict_plot_added", Msg::FieldConflictPlotAdded),
    ("conflict_plot_changed", Msg::FieldConflictPlotChanged),
    ("conflict_plot_removed", Msg::FieldConflictPlotRemoved),
    ("send_as_is", Msg::FieldSendAsIs),
    ("correct", Msg::FieldCorrect),
    ("discard", Msg::FieldDiscard),
    ("discard_confirm", Msg::FieldDiscardConfirm),
    ("households_heading", Msg::FieldHouseholdsHeading),
    ("no_bundle", Msg::FieldNoBundle),
    ("bundle_made", Msg::FieldBundleMade),
    ("no_communities", Msg::FieldNoCommunities),
    ("no_households", Msg::FieldNoHouseholds),
    ("members", Msg::FieldMembers),
    ("plots_count", Msg::FieldPlotsCount),
    ("agreement_line", Msg::FieldAgreementLine),
    ("agreements", Msg::AgreementsCount),
    ("new_visit", Msg::FieldNewVisit),
    ("new_visit_for", Msg::FieldNewVisitFor),
    ("left_out", Msg::FieldLeftOut),
    ("plot_n", Msg::FieldPlotN),
    ("household_not_on_device", Msg::FieldHouseholdNotOnDevice),
    ("plot_latest", Msg::FieldPlotLatest),
    ("plot_no_record", Msg::FieldPlotNoRecord),
    ("plot_legend", Msg::FieldPlotLegend),
    ("take_position", Msg::FieldTakePosition),
    ("no_position", Msg::FieldNoPosition),
    ("form_title", Msg::FieldFormTitle),
    ("gps_legend", Msg::VisitGpsLegend),
    ("gps_hint", Msg::VisitGpsHint),
    ("plots_legend", Msg::VisitPlotsLegend),
    ("plots_hint", Msg::VisitPlotsHint),
    ("no_plots", Msg::NoPlotsForVisit),
    ("production_legend", Msg::ProductionLegend),
    ("production_hint", Msg::ProductionHint),
    ("income_hint", Msg::IncomeHint),
    ("none", Msg::NoneOption),
    ("save_on_device", Msg::FieldSaveOnDevice),
    ("cancel", Msg::Cancel),
    ("export_copy", Msg::FieldExportCopy),
    ("download_copy", Msg::FieldDownloadCopy),
    ("import_copy", Msg::FieldImportCopy),
    ("import_hint", Msg::FieldImportHint),
    ("import_not_a_copy", Msg::FieldImportNotACopy),
    ("import_done", Msg::FieldImportDone),
    ("cancel_confirm", Msg::FieldCancelConfirm),
    ("draft_kept", Msg::FieldDraftKept),
    ("continue_draft", Msg::FieldContinueDraft),
    ("not_saved", Msg::FieldNotSaved),
    ("saved_on_device", Msg::FieldSavedOnDevice),
    ("error_summary", Msg::FormHasErrors),
    ("f_client_id", Msg::FieldEntryId),
    ("f_entries", Msg::FieldEntries),
    ("f_visited_on", Msg::VisitedOn),
    ("f_longitude", Msg::Longitude),
    ("f_latitude", Msg::Latitude),
    ("f_plot_id", Msg::PlotTitle),
    ("f_illicit_crop", Msg::IllicitStanding),
    ("f_illicit_hectares", Msg::IllicitStandingHectares),
    ("f_licit_crop", Msg::LicitCropLabel),
    ("f_established_hectares", Msg::EstablishedHectares),
    ("f_surviving_hectares", Msg::SurvivingHectares),
    ("f_crop", Msg::HarvestCrop),
    ("f_harvested_kg", Msg::HarvestedKg),
    ("f_sold_kg", Msg::SoldKg),
    ("f_price_per_kg", Msg::PricePerKg),
    ("f_currency", Msg::Currency),
    ("f_sales_channel", Msg::SalesChannelLabel),
    ("f_income", Msg::Income),
    ("f_note", Msg::Note),
];

/// The checks the device makes alone, with the server's own messages.
const PROBLEMS: &[(&str, Problem)] = &[
    ("e_required", Problem::Required),
    ("e_date", Problem::InvalidDate),
    ("e_future", Problem::DateInFuture),
    ("e_number", Problem::NotANumber),
    ("e_negative", Problem::Negative),
    ("e_both", Problem::BothOrNeither),
];

/// Every text of the script in `locale`, as JSON.
pub fn field_texts(locale: Locale) -> String {
    let mut texts: BTreeMap<&str, String> = TEXTS
        .iter()
        .map(|(key, msg)| (*key, locale.t(*msg).to_owned()))
        .collect();
    for (key, problem) in PROBLEMS {
        texts.insert(key, problem.message(locale));
    }
    serde_json::to_string(&texts).unwrap_or_default()
}

/// The choices of the visit form and the names of the codes the device keeps, as JSON.
pub fn field_options(locale: Locale) -> String {
    let options: BTreeMap<&str, Vec<(String, String)>> = [
        (
            "illicit_crops",
            coded_options(
                IllicitCrop::ALL,
                IllicitCrop::code,
                IllicitCrop::name,
                locale,
            ),
        ),
        (
            "licit_crops",
            coded_options(
                AlternativeCrop::ALL,
                AlternativeCrop::code,
                AlternativeCrop::name,
                locale,
            ),
        ),
        (
            "sales_channels",
            coded_options(
                SalesChannel::ALL,
                SalesChannel::code,
                SalesChannel::name,
                locale,
            ),
        ),
        (
            "household_statuses",
            coded_options(
                HouseholdStatus::ALL,
                HouseholdStatus::code,
                HouseholdStatus::name,
                locale,
            ),
        ),
        (
            "agreement_statuses",
            coded_options(
                AgreementStatus::ALL,
                AgreementStatus::code,
                AgreementStatus::name,
                locale,
            ),
        ),
        ("currencies", currency_options(locale)),
    ]
    .into_iter()
    .collect();
    serde_json::to_string(&options).unwrap_or_default()
}

/// The page.
#[component]
pub fn FieldPage() -> impl IntoView {
    let locale = use_locale();
    view! {
        <Title text=locale.t(Msg::FieldEntryNav) />
        <section class="field-page">
            <h1>{locale.t(Msg::FieldEntryTitle)}</h1>
            <p>{locale.t(Msg::FieldEntryIntro)}</p>
            <p id="field-noscript" class="notice">
                {locale.t(Msg::FieldEntryNoScript)}" "
                <a href="/projects">{locale.t(Msg::FieldEntryToHouseholds)}</a>
            </p>
            <div
                id="field-app"
                class="field-app"
                data-locale=locale.code()
                data-strings=field_texts(locale)
                data-options=field_options(locale)
            ></div>
        </section>
    }
}

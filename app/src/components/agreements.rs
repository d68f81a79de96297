//! The agreements table that a household's page and a project's agreements page share: each
//! agreement with its crop, hectares committed and verified, status and sequencing check.

use crate::i18n::use_locale;
use leptos::prelude::*;
use shared::agreement::{Agreement, AgreementStatus, SequencingCheck};
use shared::format;
use shared::i18n::Msg;

/// The badge class of an agreement's status.
pub fn agreement_status_class(status: AgreementStatus) -> &'static str {
    match status {
        AgreementStatus::Verified => "badge badge--ok",
        AgreementStatus::Replanted | AgreementStatus::Overdue => "badge badge--warning",
        AgreementStatus::Signed | AgreementStatus::PartlyVerified => "badge badge--planning",
    }
}

/// The badge class of a sequencing check.
pub fn sequencing_class(check: SequencingCheck) -> &'static str {
    match check {
        SequencingCheck::SupportFirst | SequencingCheck::SupportDelivered => "badge badge--ok",
        SequencingCheck::SupportPending => "badge badge--planning",
        SequencingCheck::EradicationBeforeSupport => "badge badge--warning",
    }
}

/// The short wording of a sequencing check for a table cell.
fn sequencing_short(check: SequencingCheck) -> Msg {
    match check {
        SequencingCheck::SupportFirst | SequencingCheck::SupportDelivered => Msg::Yes,
        SequencingCheck::SupportPending => Msg::NoSupportYet,
        SequencingCheck::EradicationBeforeSupport => Msg::SequencingBreaches,
    }
}

/// The table; `with_household` adds a column with each agreement's household code.
#[component]
pub fn AgreementsTable(
    /// The table's id.
    id: &'static str,
    /// The agreements.
    agreements: Vec<Agreement>,
    /// Whether to show the household column.
    #[prop(optional)]
    with_household: bool,
) -> impl IntoView {
    let locale = use_locale();
    let ha = move |value| format::decimal(value, locale);
    let rows = agreements
        .into_iter()
        .map(|a| {
            let terms = &a.agreement;
            view! {
                <tr>
                    <th scope="row">
                        <a href=format!("/agreements/{}", a.id)>{format::date(terms.signed_on, locale)}</a>
                    </th>
                    {with_household
                        .then(|| {
                            view! {
                                <td>
                                    <a class="household-code" href=format!("/households/{}", a.household_id)>
                                        {a.household_code.clone()}
                                    </a>
                                </td>
                            }
                        })}
                    <td>{terms.crop.name(locale)}</td>
                    <td class="num">{ha(terms.committed_hectares)}</td>
                    <td>{format::date(terms.eradicate_by, locale)}</td>
                    <td class="num">{ha(a.verified_hectares)}</td>
                    <td><span class=agreement_status_class(a.status)>{a.status.name(locale)}</span></td>
                    <td>
                        <span class=sequencing_class(a.sequencing) title=a.sequencing.explain(locale)>
                            {locale.t(sequencing_short(a.sequencing))}
                        </span>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll" role="region" aria-label=locale.t(Msg::Agreements) tabindex="0">
            <table class="table" id=id>
                <caption class="visually-hidden">{locale.t(Msg::Agreements)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{locale.t(Msg::SignedOn)}</th>
                        {with_household.then(|| view! { <th scope="col">{locale.t(Msg::HouseholdCode)}</th> })}
                        <th scope="col">{locale.t(Msg::IllicitCropLabel)}</th>
                        <th scope="col" class="num">{locale.t(Msg::CommittedHectares)}</th>
                        <th scope="col">{locale.t(Msg::EradicateBy)}</th>
                        <th scope="col" class="num">{locale.t(Msg::VerifiedHectares)}</th>
                        <th scope="col">{locale.t(Msg::AgreementStatusLabel)}</th>
                        <th scope="col">{locale.t(Msg::SequencingLabel)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

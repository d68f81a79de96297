//! The organisation's exchange rates (`/exchange-rates`): import the ECB's or the IMF's file (a
//! plain `multipart/form-data` post answered with what was stored and every cell not read),
//! enter a rate by hand (a plain form post that keeps what was typed on an error), list the
//! rates of a currency, and convert an amount (a GET form), each conversion naming its rate.

use crate::api::funding::{RatesPage, get_exchange_rates};
use crate::components::error_view::{ActionFailedNotice, ErrorNotice, ErrorSummary};
use crate::components::field::{SelectField, TextField, currency_options};
use crate::components::form::{CsrfField, FormState};
use crate::i18n::use_locale;
use crate::submission::Made;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use shared::format;
use shared::fx::{RateForm, RateSpan, RatesImported};
use shared::i18n::{Locale, Msg};

fn rate_field_id(field: &str) -> String {
    format!("rate-{field}")
}

fn rate_field_label(field: &str, locale: Locale) -> String {
    locale
        .t(match field {
            "base" => Msg::RateBase,
            "quote" => Msg::RateQuote,
            "day" => Msg::RateDay,
            "span" => Msg::RateSpanLabel,
            _ => Msg::RateValue,
        })
        .to_owned()
}

/// The page.
#[component]
pub fn ExchangeRatesPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let asked = Memo::new(move |_| {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        (
            Some(get("currency")).filter(|c| !c.is_empty()),
            Some((get("amount"), get("from"), get("to"), get("day")))
                .filter(|c| !c.0.trim().is_empty()),
        )
    });
    let data = Resource::new(
        move || asked.get(),
        |(currency, convert)| get_exchange_rates(currency, convert),
    );
    view! {
        <Title text=locale.t(Msg::RatesTitle) />
        <h1>{locale.t(Msg::RatesTitle)}</h1>
        <p class="lead">{locale.t(Msg::RatesIntro)}</p>
        <Suspense fallback=move || view! { <p>{locale.t(Msg::Loading)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(page) => view! { <RatesView page asked=asked.get_untracked() /> }.into_any(),
                    Err(error) => view! { <ErrorNotice error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

type Asked = (Option<String>, Option<(String, String, String, String)>);

#[component]
fn RatesView(page: RatesPage, asked: Asked) -> impl IntoView {
    let locale = use_locale();
    let (submitted, state) = FormState::from_submission::<RateForm>();
    let errors = state.errors;
    let imported = use_context::<Made<RatesImported>>().map(|Made(i)| {
        let problems = i
            .problems
            .iter()
            .map(|p| view! { <li>{p.message(locale)}</li> })
            .collect_view();
        view! {
            <div class="notice notice--success notice--compact" id="rates-imported" role="status">
                <p>{locale.t(Msg::RatesImportedMsg)}" "<strong>{i.stored}</strong></p>
                {(!i.problems.is_empty()).then(|| view! { <ul id="rates-problems">{problems}</ul> })}
            </div>
        }
    });
    let rows = page
        .rates
        .rates
        .iter()
        .map(|r| {
            let when = match r.span {
                RateSpan::Day => format::date(r.day, locale),
                RateSpan::Year => chrono::Datelike::year(&r.day).to_string(),
            };
            view! {
                <tr>
                    <td>{when}</td>
                    <td>{format!("1 {} = {} {}", r.base, format::decimal(r.rate, locale), r.quote)}</td>
                    <td>{r.source.name(locale)}</td>
                </tr>
            }
        })
        .collect_view();
    let (currency, convert) = asked;
    let (amount, from, to, day) = convert.clone().unwrap_or_default();
    let currencies = currency_options(locale);
    let converted = page.converted.clone().map(|result| match result {
        Ok(c) => view! {
            <p class="notice notice--success notice--compact" id="converted" role="status">
                {locale.t(Msg::ConvertedResult)}" "
                <strong>{format::money(c.amount, &c.currency, locale)}</strong>
                " — "{c.rate.describe(locale)}
            </p>
        }
        .into_any(),
        Err(error) => view! {
            <div class="notice notice--error notice--compact" id="convert-error" role="alert">
                {error.field_errors().iter().map(|e| view! { <p>{e.problem.message(locale)}</p> }).collect_view()}
            </div>
        }
        .into_any(),
    });
    let select = |id: &'static str, name: &'static str, label: Msg, selected: String| {
        let options = currencies
            .iter()
            .map(|(code, text)| view! { <option value=code.clone() selected=*code == selected>{text.clone()}</option> })
            .collect_view();
        view! {
            <div class="field">
                <label for=id>{locale.t(label)}</label>
                <select id=id name=name>{options}</select>
            </div>
        }
    };
    let manage = page.rates.can_manage.then(|| {
        let spans = vec![
            ("day".to_owned(), locale.t(Msg::RateSpanDay).to_owned()),
            ("year".to_owned(), locale.t(Msg::RateSpanYear).to_owned()),
        ];
        view! {
            <section class="panel" aria-labelledby="import-rates-heading">
                <h2 id="import-rates-heading">{locale.t(Msg::ImportRates)}</h2>
                <ActionFailedNotice />
                {imported}
                <form id="rates-import-form" class="form" method="post" action="/exchange-rates/import"
                    enctype="multipart/form-data">
                    <CsrfField />
                    <div class="field">
                        <label for="rates-kind">{locale.t(Msg::RatesFileKind)}</label>
                        <select id="rates-kind" name="kind">
                            <option value="ecb">{locale.t(Msg::RatesKindEcb)}</option>
                            <option value="imf">{locale.t(Msg::RatesKindImf)}</option>
                        </select>
                    </div>
                    <div class="field">
                        <label for="rates-file">{locale.t(Msg::RatesFile)}</label>
                        <input type="file" id="rates-file" name="file" accept=".csv,text/csv" required=true />
                    </div>
                    <button id="rates-import" type="submit" class="button button--primary">{locale.t(Msg::ImportRates)}</button>
                </form>
            </section>
            <section class="panel" aria-labelledby="add-rate-heading">
                <h2 id="add-rate-heading">{locale.t(Msg::AddRate)}</h2>
                <form id="rate-form" class="form" method="post" action="/exchange-rates" novalidate>
                    <CsrfField />
                    <ErrorSummary id="rate-errors" errors general=state.general
                        field_id=rate_field_id field_label=rate_field_label />
                    <div class="form__row form__row--wrap">
                        <SelectField id="rate-base" name="base" label=Msg::RateBase options=currencies.clone()
                            selected=submitted.base.clone() errors placeholder=Msg::ChooseOption required=true />
                        <TextField id="rate-rate" name="rate" label=Msg::RateValue value=submitted.rate.clone()
                            errors inputmode="decimal" required=true />
                        <SelectField id="rate-quote" name="quote" label=Msg::RateQuote options=currencies.clone()
                            selected=submitted.quote.clone() errors placeholder=Msg::ChooseOption required=true />
                        <TextField id="rate-day" name="day" label=Msg::RateDay value=submitted.day.clone()
                            errors kind="date" required=true />
                        <SelectField id="rate-span" name="span" label=Msg::RateSpanLabel options=spans
                            selected=submitted.span.clone() errors />
                    </div>
                    <button id="rate-submit" type="submit" class="button button--primary">{locale.t(Msg::SaveRate)}</button>
                </form>
            </section>
        }
    });
    let has_rates = !page.rates.rates.is_empty();
    view! {
        <section class="panel" aria-labelledby="convert-heading">
            <h2 id="convert-heading">{locale.t(Msg::ConvertTitle)}</h2>
            <form id="convert-form" class="form" method="get" action="/exchange-rates">
                <div class="form__row form__row--wrap">
                    <div class="field">
                        <label for="convert-amount">{locale.t(Msg::ConvertAmount)}</label>
                        <input type="text" id="convert-amount" name="amount" inputmode="decimal" value=amount />
                    </div>
                    {select("convert-from", "from", Msg::ConvertFrom, if from.is_empty() { "EUR".to_owned() } else { from })}
                    {select("convert-to", "to", Msg::ConvertTo, if to.is_empty() { "USD".to_owned() } else { to })}
                    <div class="field">
                        <label for="convert-day">{locale.t(Msg::RateDay)}</label>
                        <input type="date" id="convert-day" name="day" value=day />
                    </div>
                </div>
                <button id="convert-submit" type="submit" class="button button--secondary">{locale.t(Msg::ConvertSubmit)}</button>
            </form>
            {converted}
        </section>
        {manage}
        <section class="panel" id="rates" aria-labelledby="rates-heading">
            <h2 id="rates-heading">{locale.t(Msg::RatesListed)}</h2>
            <form id="rates-filter" class="form form--inline" method="get" action="/exchange-rates">
                <div class="field">
                    <label for="rates-currency">{locale.t(Msg::RatesFilterCurrency)}</label>
                    <input type="text" id="rates-currency" name="currency" maxlength="3"
                        value=currency.unwrap_or_default() autocomplete="off" />
                </div>
                <button type="submit" class="button button--secondary">{locale.t(Msg::ShowRates)}</button>
            </form>
            <p class="hint">{format!("{} {}", page.rates.total, locale.t(Msg::RatesShowing))}</p>
            {if has_rates {
                view! {
                    <div class="table-scroll" role="region" aria-label=locale.t(Msg::RatesListed) tabindex="0">
                        <table class="table" id="rates-table">
                            <thead>
                                <tr>
                                    <th scope="col">{locale.t(Msg::RateDay)}</th>
                                    <th scope="col">{locale.t(Msg::RateValue)}</th>
                                    <th scope="col">{locale.t(Msg::RateSourceLabel)}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                    .into_any()
            } else {
                view! { <p class="hint">{locale.t(Msg::NoRatesYet)}</p> }.into_any()
            }}
        </section>
    }
}

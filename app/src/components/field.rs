//! Labelled form fields that show their validation message next to themselves and keep what
//! was typed. Every input has a `<label>`, a hint and an error linked by `aria-describedby`, and
//! `aria-invalid` when its value is not valid.

use crate::i18n::use_locale;
use leptos::prelude::*;
use shared::i18n::Msg;
use shared::validation::{FieldError, problem_for};

/// The message for `field`, if it has a problem, in the page's language.
pub fn error_text(errors: RwSignal<Vec<FieldError>>, field: String) -> Signal<Option<String>> {
    let locale = use_locale();
    Signal::derive(move || errors.with(|e| problem_for(e, &field).map(|p| p.message(locale))))
}

/// The paragraph holding a field's error message, with id `{id}-error`.
#[component]
pub fn FieldErrorText(#[prop(into)] id: String, message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <p class="field-error" id=format!("{id}-error")>
            {move || message.get()}
        </p>
    }
}

/// A field's label (with the required mark and an optional text only screen readers hear, such
/// as the row it is in) and its hint.
#[component]
fn FieldLabel(
    id: String,
    label: Msg,
    required: bool,
    suffix: Option<String>,
    hint: Option<Msg>,
) -> impl IntoView {
    let locale = use_locale();
    view! {
        <label for=id.clone()>
            {locale.t(label)}
            {suffix.map(|s| view! { <span class="visually-hidden">", "{s}</span> })}
            {required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> })}
        </label>
        {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{locale.t(h)}</p> })}
    }
}

/// A labelled single-line input (text, date...).
#[component]
pub fn TextField(
    /// The input's id; its error is `{id}-error`, its hint `{id}-hint`.
    #[prop(into)]
    id: String,
    /// The field's name in the form and in error paths.
    #[prop(into)]
    name: String,
    /// The label.
    label: Msg,
    /// The value to show first.
    #[prop(into)]
    value: String,
    /// The form's field errors.
    errors: RwSignal<Vec<FieldError>>,
    /// An optional hint under the label.
    #[prop(optional)]
    hint: Option<Msg>,
    /// Text only screen readers hear after the label (such as "Row 2").
    #[prop(optional, into)]
    label_suffix: Option<String>,
    /// The input type.
    #[prop(default = "text")]
    kind: &'static str,
    /// The on-screen keyboard to offer (`decimal`, ...).
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// What the browser may fill in (`username`, `current-password`, ...).
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// Whether the field must be filled.
    #[prop(optional)]
    required: bool,
    /// The most characters the input takes.
    #[prop(optional)]
    maxlength: Option<u32>,
) -> impl IntoView {
    let message = error_text(errors, name.clone());
    let described = describedby(&id, hint.is_some());
    view! {
        <div class="field" class:field--invalid=move || message.with(Option::is_some)>
            <FieldLabel id=id.clone() label required suffix=label_suffix hint />
            <input
                type=kind
                id=id.clone()
                name=name
                value=value
                inputmode=inputmode
                autocomplete=autocomplete
                maxlength=maxlength
                aria-required=required.then_some("true")
                aria-invalid=move || message.with(Option::is_some).then_some("true")
                aria-describedby=described
            />
            <FieldErrorText id=id message />
        </div>
    }
}

/// A labelled multi-line text area.
#[component]
pub fn TextArea(
    /// The textarea's id.
    #[prop(into)]
    id: String,
    /// The field's name.
    #[prop(into)]
    name: String,
    /// The label.
    label: Msg,
    /// The value to show first.
    #[prop(into)]
    value: String,
    /// The form's field errors.
    errors: RwSignal<Vec<FieldError>>,
    /// An optional hint.
    #[prop(optional)]
    hint: Option<Msg>,
    /// The most characters.
    #[prop(optional)]
    maxlength: Option<u32>,
) -> impl IntoView {
    let message = error_text(errors, name.clone());
    let described = describedby(&id, hint.is_some());
    view! {
        <div class="field" class:field--invalid=move || message.with(Option::is_some)>
            <FieldLabel id=id.clone() label required=false suffix=None hint />
            <textarea
                id=id.clone()
                name=name
                rows="4"
                maxlength=maxlength
                aria-invalid=move || message.with(Option::is_some).then_some("true")
                aria-describedby=described
            >
                {value}
            </textarea>
            <FieldErrorText id=id message />
        </div>
    }
}

/// A labelled drop-down list. `options` are (value, label) pairs; an empty first option with
/// `placeholder` is added when given.
#[component]
pub fn SelectField(
    /// The select's id.
    #[prop(into)]
    id: String,
    /// The field's name.
    #[prop(into)]
    name: String,
    /// The label.
    label: Msg,
    /// The options as (value, label).
    options: Vec<(String, String)>,
    /// The selected value.
    #[prop(into)]
    selected: String,
    /// The form's field errors.
    errors: RwSignal<Vec<FieldError>>,
    /// The text of an empty first option.
    #[prop(optional)]
    placeholder: Option<Msg>,
    /// Text only screen readers hear after the label (such as "Row 2").
    #[prop(optional, into)]
    label_suffix: Option<String>,
    /// Whether a choice is required.
    #[prop(optional)]
    required: bool,
) -> impl IntoView {
    let locale = use_locale();
    let message = error_text(errors, name.clone());
    view! {
        <div class="field" class:field--invalid=move || message.with(Option::is_some)>
            <FieldLabel id=id.clone() label required suffix=label_suffix hint=None />
            <select
                id=id.clone()
                name=name
                aria-required=required.then_some("true")
                aria-invalid=move || message.with(Option::is_some).then_some("true")
                aria-describedby=format!("{id}-error")
            >
                {placeholder
                    .map(|p| {
                        view! {
                            <option value="" selected=selected.is_empty()>
                                {locale.t(p)}
                            </option>
                        }
                    })}
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let is_selected = value == selected;
                        view! {
                            <option value=value selected=is_selected>
                                {text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <FieldErrorText id=id message />
        </div>
    }
}

fn describedby(id: &str, has_hint: bool) -> String {
    if has_hint {
        format!("{id}-hint {id}-error")
    } else {
        format!("{id}-error")
    }
}

/// The choices of a coded list (crops, statuses, channels) as (code, translated name), in the
/// list's order.
pub fn coded_options<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    name: fn(T, shared::i18n::Locale) -> &'static str,
    locale: shared::i18n::Locale,
) -> Vec<(String, String)> {
    all.iter()
        .map(|c| (code(*c).to_owned(), name(*c, locale).to_owned()))
        .collect()
}

/// The currencies to choose from, as `(code, "code — name")` in the reader's language.
pub fn currency_options(locale: shared::i18n::Locale) -> Vec<(String, String)> {
    shared::currency::CURRENCIES
        .iter()
        .map(|c| {
            (
                c.code.to_owned(),
                format!("{} — {}", c.code, c.name(locale)),
            )
        })
        .collect()
}

/// One count input of a grid by sex and age band (household members, attendance), labelled for
/// screen readers with its sex and band.
#[component]
pub fn CountInput(
    /// The input's id; its error is `{id}-error`.
    #[prop(into)]
    id: String,
    /// The field's name.
    name: String,
    /// What screen readers hear ("Women, 18–29").
    label: String,
    /// The value to show first.
    value: String,
    /// The form's field errors.
    errors: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let message = error_text(errors, name.clone());
    view! {
        <td class="field" class:field--invalid=move || message.with(Option::is_some)>
            <label class="visually-hidden" for=id.clone()>{label}</label>
            <input
                type="text"
                class="input--count"
                id=id.clone()
                name=name
                value=value
                inputmode="numeric"
                size="3"
                aria-invalid=move || message.with(Option::is_some).then_some("true")
                aria-describedby=format!("{id}-error")
            />
            <FieldErrorText id=id message />
        </td>
    }
}

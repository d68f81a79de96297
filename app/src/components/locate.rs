//! "Use this device's location": a button that fills a longitude and a latitude input with the
//! device's GPS position. It shows only once the page runs in the browser; without JavaScript
//! (or without a GPS) the point is typed, and the fields are the same.

use crate::i18n::use_locale;
use leptos::prelude::*;
use shared::i18n::Msg;

/// The button and the line that says how it went.
#[component]
pub fn LocateButton(
    /// The button's id.
    #[prop(into)]
    id: String,
    /// The id of the longitude input to fill.
    #[prop(into)]
    longitude_input: String,
    /// The id of the latitude input to fill.
    #[prop(into)]
    latitude_input: String,
) -> impl IntoView {
    let locale = use_locale();
    let ready = RwSignal::new(false);
    // Effects run in the browser only: the button appears once it can work.
    Effect::new(move |_| ready.set(true));
    let status = RwSignal::new(None::<Msg>);
    let on_click = move |_| {
        #[cfg(feature = "hydrate")]
        locate(longitude_input.clone(), latitude_input.clone(), status);
        #[cfg(not(feature = "hydrate"))]
        let _ = (&longitude_input, &latitude_input);
    };
    let status_id = format!("{id}-status");
    view! {
        <div class="locate" hidden=move || !ready.get()>
            <button
                type="button"
                id=id
                class="button button--secondary"
                aria-describedby=status_id.clone()
                on:click=on_click
            >
                {locale.t(Msg::UseMyLocation)}
            </button>
            <p id=status_id class="hint" role="status" aria-live="polite">
                {move || status.get().map(|m| locale.t(m))}
            </p>
        </div>
    }
}

/// Asks the device for its position and writes it into the two inputs (six decimals: about
/// ten centimetres, finer than any phone's GPS).
#[cfg(feature = "hydrate")]
fn locate(longitude_input: String, latitude_input: String, status: RwSignal<Option<Msg>>) {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;
    let Some(geolocation) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
        status.set(Some(Msg::LocationUnavailable));
        return;
    };
    status.set(Some(Msg::Locating));
    let success = Closure::once_into_js(move |position: web_sys::Position| {
        let coords = position.coords();
        let document = web_sys::window().and_then(|w| w.document());
        let set = |id: &str, value: f64| {
            if let Some(input) = document
                .as_ref()
                .and_then(|d| d.get_element_by_id(id))
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                input.set_value(&format!("{value:.6}"));
            }
        };
        set(&longitude_input, coords.longitude());
        set(&latitude_input, coords.latitude());
        status.set(Some(Msg::LocationFound));
    });
    let failure = Closure::once_into_js(move |_: wasm_bindgen::JsValue| {
        status.set(Some(Msg::LocationUnavailable));
    });
    let options = web_sys::PositionOptions::new();
    options.set_enable_high_accuracy(true);
    options.set_timeout(30_000);
    if geolocation
        .get_current_position_with_error_callback_and_options(
            success.unchecked_ref(),
            Some(failure.unchecked_ref()),
            &options,
        )
        .is_err()
    {
        status.set(Some(Msg::LocationUnavailable));
    }
}

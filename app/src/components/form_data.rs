//! Reading a submitted form in the browser, so the hydrated form and the plain form post parse
//! exactly the same (name, value) pairs with the same functions from `shared`.

use leptos::ev::SubmitEvent;

/// The submitted form's fields as (name, value) pairs, in document order.
pub fn submitted_pairs(ev: &SubmitEvent) -> Vec<(String, String)> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return Vec::new();
        };
        let Ok(data) = web_sys::FormData::new_with_form(&form) else {
            return Vec::new();
        };
        let mut pairs = Vec::new();
        if let Ok(Some(entries)) = js_sys::try_iter(&data) {
            for entry in entries.flatten() {
                let entry: js_sys::Array = entry.unchecked_into();
                let key = entry.get(0).as_string().unwrap_or_default();
                let value = entry.get(1).as_string().unwrap_or_default();
                pairs.push((key, value));
            }
        }
        pairs
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        Vec::new()
    }
}

/// Moves keyboard focus to the form's error summary, so screen-reader users hear the problems.
pub fn focus_error_summary() {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Some(summary) = leptos::prelude::document()
            .get_element_by_id("form-errors")
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = summary.focus();
        }
    }
}

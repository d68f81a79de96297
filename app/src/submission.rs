//! A form posted without JavaScript that came back with errors: the server renders the form page
//! again with what was typed and the errors, from this context.

use crate::error::AppError;
use shared::account::Invitation;
use shared::validation::FieldError;

/// What the user posted, and what is wrong with it.
#[derive(Clone, Debug)]
pub struct Submission<F> {
    /// The posted fields, as typed.
    pub form: F,
    /// The problems found with fields.
    pub errors: Vec<FieldError>,
    /// A problem not about one field (the database was unreachable, say).
    pub error: Option<AppError>,
}

/// Marks a page rendered as the answer to a plain form post: it is sent without the hydration
/// scripts, because the browser that posted it runs no WebAssembly for this page.
#[derive(Clone, Copy, Debug)]
pub struct PlainFormResponse;

/// The session's token against cross-site request forgery, which plain form posts carry in the
/// hidden field `csrf_token`. The server's authentication layer puts it in the request's
/// extensions; the page writes it into `<meta name="csrf-token">` for the browser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsrfToken(pub String);

/// What a plain form post made, for the page answering it to show once: a new account's
/// invitation link, an API token's secret. Never stored; a reload does not show it again.
#[derive(Clone, Debug)]
pub struct Made<T>(pub T);

/// An invitation as the page answering its creation shows it: with the link as a full address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvitationLink {
    /// The invitation (the account and the link's path).
    pub invitation: Invitation,
    /// The link to send: `http://host/invite/inv_...`, or the path alone when the host is not
    /// known.
    pub url: String,
}

/// A plain form post of a button (no fields of its own) that failed: the page answering it says
/// why at the top.
#[derive(Clone, Debug)]
pub struct ActionFailed(pub AppError);

/// What a plain form post of an IATI file import did, for the IATI page answering it.
#[derive(Clone, Debug)]
pub struct IatiImported(pub shared::iati::IatiImportReport);

/// A form a page repeats (one per safeguard, say) as posted, with which one it was, so that the
/// page answering the post shows the errors and the typed values in that one only.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KindedForm<F> {
    /// Which of the repeated forms (a safeguard's kind code, a record's id).
    pub kind: String,
    /// What was typed.
    pub form: F,
}

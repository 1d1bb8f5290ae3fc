//! Facts several features need about the caller's organisation and the
//! instruments: which jurisdiction's rules apply, which instrument version a
//! stored screening used. Lookups, not rules: the rules are in the core.

use haven_core::screening::Instrument;
use haven_store::screenings::ScreeningView;

use super::caller::Caller;
use super::error::WebError;
use super::state::AppState;

/// The instrument a stored screening was made with; refuses to evaluate
/// against a different version than the one that was asked.
pub fn instrument_of(v: &ScreeningView) -> Result<Instrument, WebError> {
    let i = haven_instrument::find_version(&v.instrument_id, &v.instrument_version).ok_or(WebError::NotFound)?;
    if i.hash != v.instrument_hash {
        return Err(WebError::Conflict("the instrument has changed since this screening began".into()));
    }
    Ok(i)
}

/// The reflection period of the law the caller's organisation works under.
/// The law the caller's organisation works under, from its country.
pub async fn jurisdiction(
    state: &AppState,
    caller: &Caller,
) -> Result<&'static haven_core::screening::jurisdiction::Jurisdiction, WebError> {
    let country =
        state.store.list_orgs().await?.into_iter().find(|o| o.id == caller.user.org_id).and_then(|o| o.country);
    Ok(haven_core::screening::jurisdiction::for_country(country.as_deref()))
}

pub async fn reflection_days(state: &AppState, caller: &Caller) -> Result<u32, WebError> {
    Ok(jurisdiction(state, caller).await?.reflection_days)
}

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
pub fn instrument_of(state: &AppState, v: &ScreeningView) -> Result<Instrument, WebError> {
    let i = haven_instrument::find_version(&v.instrument_id, &v.instrument_version).ok_or(WebError::NotFound)?;
    if i.hash != v.instrument_hash {
        return Err(WebError::Conflict("the instrument has changed since this screening began".into()));
    }
    Ok(with_packs(state, i))
}

/// A built-in instrument by id, with this installation's translation packs.
pub fn find_instrument(state: &AppState, id: &str) -> Option<Instrument> {
    haven_instrument::find(id).map(|i| with_packs(state, i))
}

/// The built-in instruments, with this installation's translation packs.
pub fn instruments(state: &AppState) -> Vec<Instrument> {
    haven_instrument::built_in().into_iter().map(|i| with_packs(state, i)).collect()
}

/// The translation packs the operator installed (`haven instrument
/// pack-install`, into DATA_DIR/packs) added to an instrument: languages
/// beyond the nine without a rebuild. Each pack is checked again against the
/// instrument it names; one that does not fit (another instrument, another
/// version) is left out. The questions and rules, and so the hash, are
/// unchanged.
fn with_packs(state: &AppState, instrument: Instrument) -> Instrument {
    let dir = state.store.config().data_dir.join("packs");
    let Ok(entries) = std::fs::read_dir(&dir) else { return instrument };
    let mut paths: Vec<_> =
        entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "toml")).collect();
    paths.sort();
    let mut out = instrument.clone();
    for path in paths {
        let Ok(bytes) = std::fs::read(&path) else { continue };
        let Ok(pack) = haven_instrument::pack::parse(&bytes, &instrument) else { continue };
        // Only the file `haven instrument pack-install` wrote for this
        // language: a second file for it placed beside it is ignored.
        let expected = format!("{}-{}-{}.toml", instrument.id, instrument.version, pack.language.as_str());
        if path.file_name().and_then(|n| n.to_str()) == Some(expected.as_str()) {
            out = pack.apply(&out);
        }
    }
    out
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

/// The other organisations a user may send to: never their own, and a
/// demo organisation only to another demo organisation, so a real person
/// is never referred to a fictional shelter (or a demo one to a real one).
pub async fn other_orgs(state: &AppState, caller: &Caller) -> Result<Vec<haven_store::auth::OrgSummary>, WebError> {
    let all = state.store.list_orgs().await?;
    let own_demo = all.iter().find(|o| o.id == caller.user.org_id).is_some_and(|o| o.demo);
    Ok(all.into_iter().filter(|o| o.id != caller.user.org_id && o.demo == own_demo).collect())
}

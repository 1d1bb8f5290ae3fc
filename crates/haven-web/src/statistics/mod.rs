//! Figures without exposing anyone (R23): counts of the organisation's
//! people by two dimensions, released only through the core's disclosure
//! control, as a page with a chart, JSON, CSV and XLSX. The method is
//! printed on each.

mod api;
mod pages;

use haven_core::disclosure::{Dimension, Released};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kit::prelude::*;
use crate::kit::routes::{self as r, RouteDef};

pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(api::statistics))
        .routes(routes!(api::statistics_csv))
        .routes(routes!(api::statistics_xlsx))
        .routes(routes!(api::ctdc_csv))
}

pub fn pages() -> Vec<RouteDef> {
    vec![
        r::get("/statistics", pages::statistics_page),
        r::get("/statistics.csv", pages::statistics_csv),
        r::get("/statistics.xlsx", pages::statistics_xlsx),
        r::get("/statistics/ctdc.csv", pages::ctdc_csv),
    ]
}

/// Which table to release.
#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(crate) struct TableQuery {
    /// period, nationality, sex, age_band, location, outcome,
    /// country_of_exploitation, form_of_exploitation, decision,
    /// time_to_reasonable_grounds, return_plan or compensation_claim (people);
    /// service_type or referral_status (referrals, the two together).
    /// Default nationality.
    rows: Option<String>,
    /// As `rows` (default sex).
    cols: Option<String>,
    /// The suppression threshold: 11 unless a stricter (larger) one is asked for.
    k: Option<u64>,
}

impl TableQuery {
    fn dims(&self) -> Result<(Dimension, Dimension), WebError> {
        let rows = Dimension::parse(self.rows.as_deref().unwrap_or("nationality"))?;
        let cols = Dimension::parse(self.cols.as_deref().unwrap_or("sex"))?;
        if rows == cols {
            return Err(ValidationError::new("cols", "same_dimension", "choose two different dimensions").into());
        }
        if rows.unit() != cols.unit() {
            return Err(ValidationError::new(
                "cols",
                "mixed_units",
                "referrals are counted by service_type and referral_status together; people by the other dimensions",
            )
            .into());
        }
        Ok((rows, cols))
    }

    /// A release may be stricter than the default, never looser.
    fn k(&self) -> Result<u64, WebError> {
        match self.k {
            None => Ok(haven_core::disclosure::DEFAULT_K),
            Some(k) if (haven_core::disclosure::DEFAULT_K..=1000).contains(&k) => Ok(k),
            Some(_) => Err(ValidationError::new(
                "k",
                "r23_threshold_too_low",
                "the threshold is 11 or more: smaller cells would identify people (R23)",
            )
            .into()),
        }
    }
}

/// A de-identified release takes no parameters: one threshold (CTDC's
/// k = 11) for every release, so that two releases at different
/// thresholds cannot be laid side by side to single someone out (insider
/// review).
#[derive(Deserialize, IntoParams, Default)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub(crate) struct CtdcQuery {}

/// The organisation's people as CTDC's de-identified records (R23): each
/// built from the person's facts and the indicators their latest completed
/// screening found, then generalised and suppressed until every published
/// combination of the quasi-identifiers holds at least k people. The one
/// path from the store's sources to such a file.
pub(crate) async fn ctdc(state: &AppState, caller: &Caller, _: &CtdcQuery) -> Result<Vec<u8>, WebError> {
    use haven_core::ctdc::{k_anonymise, CtdcInput, CtdcRecord};
    use haven_core::screening::Answer;
    let k = haven_core::disclosure::DEFAULT_K;
    // A record-level file, even de-identified, is a bulk copy: for those
    // who may export records, not for everyone who reads figures.
    let scope = caller.scope(state, Permission::ExportRecords).await?;
    let sources = state.store.deidentified_sources(&scope).await?;
    let records: Vec<CtdcRecord> = sources
        .into_iter()
        .map(|s| {
            let read = read_screening(&s);
            let recruiters = match s.screening.as_ref().and_then(|(_, _, a)| a.get("recruited_by_person")) {
                Some(Answer::Multi(v)) => v.iter().cloned().collect(),
                Some(Answer::Choice(c)) => std::iter::once(c.clone()).collect(),
                _ => Default::default(),
            };
            let (indicators, exploited_in) = match read {
                Some(r) => (r.indicators, r.exploited_in),
                None => (None, None),
            };
            CtdcRecord::from_input(&CtdcInput {
                recorded_on: s.facts.recorded_on,
                sex: s.facts.sex,
                birth: s.facts.birth,
                nationality: s.facts.nationality,
                country_of_exploitation: exploited_in,
                indicators,
                recruiters,
            })
        })
        .collect();
    let released =
        k_anonymise(records, k).map_err(|e| WebError::Internal(format!("threshold {} below the minimum", e.0)))?;
    haven_formats::ctdc::write_csv(&released).map_err(|e| WebError::Internal(e.to_string()))
}

/// What the latest completed screening says, read with the instrument the
/// answers were given under, as the person page reads it.
struct ScreeningRead {
    /// `None` when this version does not know the instrument.
    indicators: Option<std::collections::BTreeSet<String>>,
    exploited_in: Option<String>,
    form: Option<&'static str>,
}

fn read_screening(s: &haven_store::statistics::DeidentifiedSource) -> Option<ScreeningRead> {
    use haven_core::screening::Answer;
    let (id, version, answers) = s.screening.as_ref()?;
    let d = haven_instrument::find_version(id, version).map(|instrument| {
        let setting = haven_core::screening::Setting {
            may_be_child: s.facts.birth.is_none_or(|b| b.may_be_child(today())),
            language: None,
            interpreted: false,
        };
        haven_core::screening::evaluate_in(&instrument, answers, &setting)
    });
    Some(ScreeningRead {
        indicators: d
            .as_ref()
            .map(|d| d.elements.iter().flat_map(|e| e.evidence.iter().map(|ev| ev.indicator.clone())).collect()),
        exploited_in: match answers.get("compound_country") {
            Some(Answer::Choice(c)) if haven_core::person::Country::parse(c).is_ok() => Some(c.clone()),
            _ => None,
        },
        form: d.as_ref().map(|d| haven_core::disclosure::main_form(&d.elements)),
    })
}

/// The table, released: the one path from the store's facts to a figure.
pub(crate) async fn released(state: &AppState, caller: &Caller, q: &TableQuery) -> Result<Released, WebError> {
    use haven_core::disclosure::Unit;
    let (rows, cols) = q.dims()?;
    let k = q.k()?;
    let scope = caller.scope(state, Permission::ReadStatistics).await?;
    let counts = match rows.unit() {
        Unit::Referrals => {
            let facts = state.store.referral_facts(&scope).await?;
            haven_core::disclosure::tabulate_referrals(&facts, rows, cols, k)
        }
        Unit::People => {
            // Opening every screening costs time: only for the two
            // dimensions that read the answers.
            let answers = [rows, cols].iter().any(|d| matches!(d, Dimension::ExploitedIn | Dimension::Form));
            let jur = crate::kit::context::jurisdiction(state, caller).await?;
            let facts: Vec<_> = state
                .store
                .statistics_facts(&scope, answers)
                .await?
                .into_iter()
                .map(|s| {
                    let read = answers.then(|| read_screening(&s)).flatten();
                    let mut f = s.facts;
                    f.rg_due = Some(haven_core::tasks::add_working_days(f.recorded_on, jur.rg_target_working_days));
                    if let Some(r) = read {
                        f.exploited_in = r.exploited_in;
                        f.form = r.form.map(str::to_owned);
                    }
                    f
                })
                .collect();
            haven_core::disclosure::tabulate(&facts, rows, cols, today(), k)
        }
    };
    haven_core::disclosure::release(&counts, k)
        .map_err(|e| WebError::Internal(format!("threshold {} below the minimum", e.0)))
}

/// A label for a dimension's value in the reader's language; codes (a
/// nationality, a quarter) stand as they are.
pub(crate) fn value_label(tr: &Tr, dim: Dimension, code: &str) -> String {
    if code == haven_core::disclosure::OTHER {
        return tr.t("stats-val-smaller_groups");
    }
    let word = |key: String| if tr.has(&key) { tr.t(&key) } else { code.to_owned() };
    match dim {
        Dimension::Nationality | Dimension::Period | Dimension::AgeBand => match code {
            "not_recorded" | "unknown" => tr.t(&format!("stats-val-{code}")),
            _ => code.to_owned(),
        },
        Dimension::ExploitedIn => match code {
            "not_recorded" => tr.t("stats-val-not_recorded"),
            _ => labels::country_name(tr, code),
        },
        Dimension::Location => match LocationType::parse(code) {
            Ok(l) => labels::location(tr, l),
            Err(_) => code.to_owned(),
        },
        Dimension::ServiceType => word(format!("svc-type-{code}")),
        Dimension::ReferralStatus => word(format!("ref-status-{code}")),
        Dimension::Sex
        | Dimension::Outcome
        | Dimension::Form
        | Dimension::Decision
        | Dimension::TimeToRg
        | Dimension::ReturnPlan
        | Dimension::CompensationClaim => word(format!("stats-val-{code}")),
    }
}

/// The method as printed, in the reader's language.
pub(crate) fn method(tr: &Tr, rows: Dimension, t: &Released) -> String {
    let method = tr.t_args("stats-method", &[("below", (t.k - 1).to_string()), ("k", t.k.to_string())]);
    match rows.unit() {
        haven_core::disclosure::Unit::People => method,
        haven_core::disclosure::Unit::Referrals => format!("{} {method}", tr.t("stats-referrals-note")),
    }
}

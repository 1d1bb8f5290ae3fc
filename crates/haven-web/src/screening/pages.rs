use crate::kit::prelude::*;

pub(crate) async fn start_screening_submit(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> PageResult {
    // Pairs, not a struct: the preferences are a repeated checkbox.
    let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim().to_owned());
    caller.check_form_csrf(field("csrf").as_deref().unwrap_or(""))?;
    let id: PersonId = id.parse().map_err(|_| WebError::NotFound)?;
    // A language outside the list, typed in, wins over the list's choice.
    let language = field("survivor_language_other")
        .filter(|l| !l.is_empty())
        .or_else(|| field("survivor_language"))
        .unwrap_or_default();
    let input = super::command::StartInput {
        instrument: field("instrument").unwrap_or_default(),
        survivor_language: language,
        interpreter: field("interpreter"),
        interpreter_language: field("interpreter_language"),
        preferences: form.iter().filter(|(k, _)| k == "preference").map(|(_, v)| v.clone()).collect(),
        preference_note: field("preference_note"),
    };
    let sid = super::command::start(&state, &caller, id, input).await?;
    Ok(Redirect::to(&format!("/screenings/{sid}/q/0")).into_response())
}

fn answer_label(tr: &Tr, q: Option<&haven_core::screening::Question>, a: &haven_core::screening::Answer) -> String {
    use haven_core::screening::Answer;
    let option = |c: &str| match q {
        Some(q) => option_label(q, c, tr),
        None => tr.t(&format!("option-{c}")),
    };
    match a {
        Answer::Yes => tr.t("screening-yes"),
        Answer::No => tr.t("screening-no"),
        Answer::PreferNotToSay => tr.t("screening-prefer-not"),
        Answer::DontKnow => tr.t("screening-dont-know"),
        Answer::Choice(c) => option(c),
        Answer::Multi(cs) => cs.iter().map(|c| option(c)).collect::<Vec<_>>().join(", "),
        Answer::Number(n) => n.to_string(),
        Answer::Text(t) => t.clone(),
    }
}

/// An option's label: the instrument's own text where it has one (2.x
/// instruments carry every option in every language), else the catalogue's.
fn option_label(q: &haven_core::screening::Question, code: &str, tr: &Tr) -> String {
    option_label_in(q, code, tr.code(), tr)
}

/// As [`option_label`], in a language that may be a translation pack's
/// rather than one of the catalogue's nine.
fn option_label_in(q: &haven_core::screening::Question, code: &str, lang: &str, tr: &Tr) -> String {
    q.option_text
        .get(code)
        .and_then(|t| t.get(lang).or_else(|| t.get("en")))
        .cloned()
        .unwrap_or_else(|| tr.t(&format!("option-{code}")))
}

#[derive(Template)]
#[template(path = "interview.html")]
struct InterviewPage {
    l: Layout,
    csrf: String,
    id: String,
    index: usize,
    number: usize,
    total: usize,
    progress: String,
    survivor_lang: String,
    text_survivor: String,
    text_ui: String,
    show_both: bool,
    kind: &'static str,
    /// (code, label in the interview language, chosen, label in the UI language)
    options: Vec<(String, String, bool, String)>,
    current: String,
    yes_survivor: String,
    no_survivor: String,
    prefer_survivor: String,
    dontknow_survivor: String,
}

pub(crate) async fn question_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path((id, n)): Path<(String, usize)>,
) -> PageResult {
    let view = state.store.get_screening(&caller.scope(&state, Permission::ReadCase).await?, parse_id(&id)?).await?;
    if view.completed {
        return Ok(Redirect::to(&format!("/screenings/{id}")).into_response());
    }
    let instrument = crate::kit::context::instrument_of(&state, &view)?;
    let Some(q) = instrument.questions.get(n) else {
        return Ok(Redirect::to(&format!("/screenings/{id}")).into_response());
    };
    // The interview's language may be a translation pack's: the questions
    // and options come from the instrument in it; the catalogue's fixed
    // answers (yes, no, ...) fall back to English where it has none.
    let lang = super::command::interview_language(&view, &instrument)?;
    let str_ = Tr::new(&lang);
    let answers = view.answers.clone().unwrap_or_default();
    let current = answers.get(&q.id);
    use haven_core::screening::{Answer, AnswerType};
    let current_code = match current {
        Some(Answer::Yes) => "yes".to_owned(),
        Some(Answer::No) => "no".to_owned(),
        Some(Answer::PreferNotToSay) => "prefer_not_to_say".to_owned(),
        Some(Answer::DontKnow) => "dont_know".to_owned(),
        Some(Answer::Number(x)) => x.to_string(),
        Some(Answer::Text(t)) => t.clone(),
        Some(Answer::Choice(c)) => c.clone(),
        _ => String::new(),
    };
    let options = match &q.answer {
        AnswerType::Choice(opts) | AnswerType::MultiChoice(opts) => opts
            .iter()
            .map(|o| {
                let chosen = match current {
                    Some(Answer::Choice(c)) => c == o,
                    Some(Answer::Multi(cs)) => cs.contains(o),
                    _ => false,
                };
                (o.clone(), option_label_in(q, o, &lang, &str_), chosen, option_label(q, o, &tr))
            })
            .collect(),
        _ => Vec::new(),
    };
    let text = |lang: &str| q.text.get(lang).or_else(|| q.text.get("en")).cloned().unwrap_or_default();
    render(&InterviewPage {
        l: Layout::new(&tr, Some(&caller), &format!("/screenings/{id}/q/{n}")),
        csrf: caller.csrf().to_owned(),
        id: id.clone(),
        index: n,
        number: n + 1,
        total: instrument.questions.len(),
        progress: tr.t_with2("screening-progress", ("n", (n + 1) as i64), ("total", instrument.questions.len() as i64)),
        survivor_lang: lang.clone(),
        text_survivor: text(&lang),
        text_ui: text(tr.code()),
        show_both: lang != tr.code(),
        kind: q.answer.code(),
        options,
        current: current_code,
        yes_survivor: str_.t("screening-yes"),
        no_survivor: str_.t("screening-no"),
        prefer_survivor: str_.t("screening-prefer-not"),
        dontknow_survivor: str_.t("screening-dont-know"),
    })
}

pub(crate) async fn answer_submit(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path((id, n)): Path<(String, usize)>,
    Form(form): Form<std::collections::HashMap<String, String>>,
) -> PageResult {
    caller.check_form_csrf(form.get("csrf").map(String::as_str).unwrap_or(""))?;
    let view = state.store.get_screening(&caller.scope(&state, Permission::ReadCase).await?, parse_id(&id)?).await?;
    let instrument = crate::kit::context::instrument_of(&state, &view)?;
    let q = instrument.questions.get(n).ok_or(WebError::NotFound)?;
    use haven_core::screening::{Answer, AnswerType};
    let value = form.get("value").map(|v| v.trim()).filter(|v| !v.is_empty());
    let answer = match (value, &q.answer) {
        (Some("prefer_not_to_say"), _) => Some(Answer::PreferNotToSay),
        (Some("dont_know"), _) => Some(Answer::DontKnow),
        (Some("yes"), AnswerType::YesNo) => Some(Answer::Yes),
        (Some("no"), AnswerType::YesNo) => Some(Answer::No),
        (Some(v), AnswerType::Choice(opts)) if opts.iter().any(|o| o == v) => Some(Answer::Choice(v.to_owned())),
        (Some(v), AnswerType::Number) => Some(Answer::Number(
            v.parse::<f64>()
                .ok()
                .filter(|x| x.is_finite() && *x >= 0.0)
                .ok_or(WebError::Invalid(ValidationError::new("value", "invalid_number", "enter a number")))?,
        )),
        (Some(v), AnswerType::Date | AnswerType::Place | AnswerType::FreeText) => {
            Some(Answer::Text(v.chars().take(2000).collect()))
        }
        (None, AnswerType::MultiChoice(opts)) => {
            let chosen: Vec<String> = opts.iter().filter(|o| form.contains_key(&format!("opt_{o}"))).cloned().collect();
            (!chosen.is_empty()).then_some(Answer::Multi(chosen))
        }
        (None, _) => None,
        (Some(_), _) => {
            return Err(
                WebError::Invalid(ValidationError::new("value", "invalid_answer", "choose one of the answers")).into()
            )
        }
    };
    if let Some(a) = answer {
        let mut one = std::collections::BTreeMap::new();
        one.insert(q.id.clone(), a);
        state
            .store
            .record_answers(&caller.scope(&state, Permission::WriteCase).await?, parse_id(&id)?, &one, &instrument)
            .await?;
    }
    let next = if n + 1 < instrument.questions.len() {
        format!("/screenings/{id}/q/{}", n + 1)
    } else {
        format!("/screenings/{id}")
    };
    Ok(Redirect::to(&next).into_response())
}

/// A need as the result page shows it: what, how soon, and why.
struct NeedRow {
    code: &'static str,
    label: String,
    urgency: String,
    always_offered: bool,
    reasons: Vec<String>,
    task: String,
    consent_first: bool,
}

fn need_row(
    tr: &Tr,
    instrument: &haven_core::screening::Instrument,
    n: &haven_core::screening::Need,
    qtext: &dyn Fn(&str) -> String,
    answers: &std::collections::BTreeMap<String, haven_core::screening::Answer>,
) -> NeedRow {
    use haven_core::screening::NeedReason;
    let reasons = n
        .reasons
        .iter()
        .map(|r| match r {
            NeedReason::Answer { question, .. } => {
                let a = answers
                    .get(question)
                    .map(|a| answer_label(tr, instrument.question(question), a))
                    .unwrap_or_default();
                format!("{} — {a}", qtext(question))
            }
            NeedReason::MayBeChild => tr.t("need-reason-may_be_child"),
            NeedReason::LanguageNotCovered { language } => {
                tr.t_with("need-reason-language_not_covered", "language", language.clone())
            }
            NeedReason::Interpreted { language } => tr.t_with("need-reason-interpreted", "language", language.clone()),
        })
        .collect();
    NeedRow {
        code: n.kind.as_str(),
        label: tr.t(&format!("need-{}", n.kind.as_str())),
        urgency: tr.t(&format!("urgency-{}", n.urgency.as_str())),
        always_offered: n.always_offered,
        reasons,
        task: n.follow_up.as_ref().map(|f| tr.t(&format!("followup-{}", f.code()))).unwrap_or_default(),
        consent_first: n.consent_first.is_some(),
    }
}

#[derive(Template)]
#[template(path = "screening.html")]
struct ScreeningPage {
    l: Layout,
    csrf: String,
    id: String,
    person_id: String,
    instrument: String,
    status: String,
    answered: String,
    completed: bool,
    next_index: usize,
    outcome_code: String,
    outcome: String,
    elements: Vec<(String, String, Vec<String>)>,
    revisit: Vec<String>,
    needs: Vec<NeedRow>,
    vulnerabilities: Vec<String>,
    /// An identification instrument: a finding, the notice and conclusive
    /// decisions. A vulnerability screen has none of them.
    identification: bool,
    /// Who interpreted, into what, for an interpreted interview.
    interpreted: String,
    /// The child profile applies (R02, R20).
    child: bool,
    /// Kinds of service the needs call for, each with the directory's offers.
    /// (service type, label, fitting providers in the directory).
    suggested: Vec<(&'static str, String, Vec<String>)>,
    version: String,
    rule: String,
    detained: bool,
    corroboration: String,
    /// A confirmation after the notice was sent.
    sent: Option<String>,
    decisions: Vec<(String, String, String)>,
    authorities: Vec<(String, String)>,
    /// The notice's second language: the one the organisation's
    /// authorities read selected.
    notice_languages: Vec<(&'static str, &'static str, bool)>,
    can_decide: bool,
    decide_hint: String,
    /// Until the recovery and reflection period ends, the date a conclusive
    /// decision may be signed from, shown instead of a form that would be
    /// refused.
    decide_from: Option<String>,
    jur_name: String,
    jur_fc: String,
    jur_alternatives: String,
    jur_scope: String,
    jur_deadlines: String,
    jur_decides: String,
}

#[derive(Deserialize, Default)]
pub(crate) struct ScreeningQuery {
    /// Set after a notice was sent, to say so.
    sent: Option<String>,
}

pub(crate) async fn screening_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    Query(q): Query<ScreeningQuery>,
) -> PageResult {
    let view = state.store.get_screening(&caller.scope(&state, Permission::ReadCase).await?, parse_id(&id)?).await?;
    let instrument = crate::kit::context::instrument_of(&state, &view)?;
    let d = super::api::determine(&state, &caller, &view).await?;
    let answers = view.answers.clone().unwrap_or_default();
    let qtext = |qid: &str| {
        instrument
            .question(qid)
            .and_then(|q| q.text.get(tr.code()).or_else(|| q.text.get("en")).cloned())
            .unwrap_or_else(|| qid.to_owned())
    };
    let next_index = instrument.questions.iter().position(|q| !answers.contains_key(&q.id)).unwrap_or(0);
    // The holding organisation's country decides which law applies (R04, R12).
    let jur = crate::kit::context::jurisdiction(&state, &caller).await?;
    let authority_language =
        haven_core::screening::jurisdiction::authority_language(Some(jur.country)).unwrap_or(tr.code());
    let notice_languages =
        crate::kit::i18n::LANGUAGES.iter().map(|(c, n)| (*c, *n, *c == authority_language)).collect();
    let person = state.store.get_person(&caller.scope(&state, Permission::ReadPerson).await?, view.person_id).await?;
    let detained = matches!(&person.state, PersonState::Active(r) if r.location.is_detention())
        && !person.withheld.contains(haven_core::access::Category::ContactLocation);
    let revisit = d.outcome.still_open().1.iter().map(|q| qtext(q)).collect();
    // R09, R19: the needs point to kinds of service, matched to the
    // person; the directory says who offers them.
    let (sex, age, child) = match &person.state {
        PersonState::Active(r) => {
            (haven_core::services::fit_sex(r.sex.as_deref()), r.birth.age_on(today()), r.birth.may_be_child(today()))
        }
        _ => (None, None, false),
    };
    let directory = state
        .store
        .list_services(
            &caller.scope(&state, Permission::ReadCase).await?,
            &haven_store::services::ServiceFilter::default(),
        )
        .await?;
    let suggested = haven_core::services::suggested_types(&d.need_codes(), sex, child)
        .into_iter()
        .map(|t| {
            let offers: Vec<String> = directory
                .iter()
                .filter(|v| v.service.service_type == t && v.service.takes(sex, age.map(u32::from), child))
                .map(|v| format!("{} — {} — {}", v.service.provider, v.service.name, v.service.contact))
                .collect();
            (t, tr.t(&format!("svc-type-{t}")), offers)
        })
        .collect();
    render(&ScreeningPage {
        suggested,
        notice_languages,
        sent: q.sent.is_some().then(|| tr.t("notice-sent")),
        l: Layout::new(&tr, Some(&caller), &format!("/screenings/{id}")),
        csrf: caller.csrf().to_owned(),
        id: id.clone(),
        person_id: view.person_id.to_string(),
        instrument: instrument.title.get(tr.code()).or_else(|| instrument.title.get("en")).cloned().unwrap_or_default(),
        status: tr.t(if view.completed { "screening-completed" } else { "screening-in-progress" }),
        answered: tr.t_with("screening-answered", "n", answers.len() as i64),
        completed: view.completed,
        next_index,
        outcome_code: d.outcome.code().to_owned(),
        // A person who answered everything is not told they "may not be
        // ready to say more" (R06): the answers simply do not show it yet.
        outcome: match d.outcome.openness() {
            haven_core::screening::Openness::Answered if d.outcome.code() == "not_yet_determined" => {
                tr.t("outcome-not_yet_determined-answered")
            }
            _ => tr.t(&format!("outcome-{}", d.outcome.code())),
        },
        elements: d
            .elements
            .iter()
            .map(|e| {
                let status = tr.t(if e.met { "screening-element-met" } else { "screening-element-not-met" });
                let evidence = e
                    .evidence
                    .iter()
                    .map(|ev| {
                        let a = answers
                            .get(&ev.question)
                            .map(|a| answer_label(&tr, instrument.question(&ev.question), a))
                            .unwrap_or_default();
                        format!("{} — {} ({})", qtext(&ev.question), a, ev.strength.as_str())
                    })
                    .collect();
                (tr.t(&format!("element-{}", e.element.as_str())), status, evidence)
            })
            .collect(),
        revisit,
        needs: d.needs.iter().map(|n| need_row(&tr, &instrument, n, &qtext, &answers)).collect(),
        identification: instrument.kind == haven_core::screening::InstrumentKind::Identification,
        child: d.profile == haven_core::screening::ProfileKind::Child,
        interpreted: match super::command::interpretation(&view) {
            Some(i) => tr.t_args(
                "screening-interpreted",
                &[
                    ("name", i.interpreter_name.clone()),
                    ("language", i.interpreter_language.clone()),
                    ("person", i.person_language.as_str().to_owned()),
                ],
            ),
            None => String::new(),
        },
        vulnerabilities: d.vulnerabilities.iter().map(|v| tr.t(&format!("vulnerability-{v}"))).collect(),
        version: format!(
            "{} {} ({})",
            d.instrument_id,
            d.instrument_version,
            &d.instrument_hash[..12.min(d.instrument_hash.len())]
        ),
        rule: d.rule_source.clone(),
        detained,
        decisions: state
            .store
            .list_decisions(&caller.scope(&state, Permission::ReadCase).await?, view.id)
            .await?
            .into_iter()
            .map(|d| {
                let label =
                    tr.t(if d.conclusion == "confirmed" { "decision-confirmed" } else { "decision-not-confirmed" });
                let signed = format!("{} · {}", d.decided_by_name, local_date(d.decided_at_ms));
                (label, signed, d.reasons.unwrap_or_default())
            })
            .collect(),
        authorities: crate::kit::context::other_orgs(&state, &caller)
            .await?
            .into_iter()
            .filter(|o| o.kind.is_enforcement())
            .map(|o| (o.id.to_string(), o.name))
            .collect(),
        can_decide: caller.may(Permission::DecideConclusively),
        decide_hint: tr.t_with("decision-hint", "days", i64::from(jur.reflection_days)),
        decide_from: view
            .completed_at_ms
            .and_then(|ms| time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).ok())
            .map(|done| haven_core::screening::decision::earliest_decision(done.date(), jur.reflection_days))
            .filter(|earliest| crate::kit::time::today() < *earliest)
            .map(|earliest| tr.t_with("decision-from", "date", haven_core::person::format_date(earliest))),
        corroboration: match state
            .store
            .corroboration_count(&caller.scope(&state, Permission::ReadCase).await?, view.id)
            .await?
        {
            0 => String::new(),
            n => tr.t_with("screening-corroborated", "count", n),
        },
        jur_name: jur.name.to_owned(),
        jur_fc: tr.t(if jur.recognises_forced_criminality { "jur-fc-recognised" } else { "jur-fc-not-recognised" }),
        jur_alternatives: jur.alternative_provisions.to_owned(),
        jur_scope: jur.non_punishment_scope.to_owned(),
        jur_deadlines: tr.t_with2(
            "jur-deadlines",
            ("days", i64::from(jur.rg_target_working_days)),
            ("reflection", i64::from(jur.reflection_days)),
        ),
        jur_decides: jur.decides.to_owned(),
    })
}

pub(crate) async fn complete_screening_submit(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> PageResult {
    let view = state.store.get_screening(&caller.scope(&state, Permission::ReadCase).await?, parse_id(&id)?).await?;
    let d = super::api::determine(&state, &caller, &view).await?;
    let follow_ups = super::api::follow_up_tasks(&d);
    state
        .store
        .complete_screening(&caller.scope(&state, Permission::WriteCase).await?, view.id, d.outcome.code(), &follow_ups)
        .await?;
    Ok(Redirect::to(&format!("/screenings/{id}")).into_response())
}

#[derive(Deserialize)]
pub(crate) struct DecisionForm {
    conclusion: String,
    reasons: String,
}

pub(crate) async fn decision_submit(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<DecisionForm>,
) -> PageResult {
    let scope = caller.scope(&state, Permission::DecideConclusively).await?;
    let conclusion = haven_core::screening::decision::Conclusion::parse(&form.conclusion)?;
    let reasons = haven_core::screening::decision::Reasons::parse(&form.reasons)?;
    let days = crate::kit::context::reflection_days(&state, &caller).await?;
    state.store.record_decision(&scope, parse_id(&id)?, conclusion, &reasons, days).await?;
    Ok(Redirect::to(&format!("/screenings/{id}")).into_response())
}

/// An instrument as an XLSForm download, for interviews offline in
/// KoboToolbox or ODK Collect.
pub(crate) async fn xlsform_download(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
) -> PageResult {
    let (instrument, bytes) = super::command::xlsform(&state, &caller, &id)?;
    Ok(attachment(bytes, super::command::XLSX, &super::command::xlsform_filename(&instrument))?)
}

/// Imports a field screening from an uploaded submission file. Multipart
/// bodies are not read by the form extractor, so the token is checked here.
pub(crate) async fn import_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    multipart: axum::extract::Multipart,
) -> PageResult {
    let person: PersonId = id.parse().map_err(|_| WebError::NotFound)?;
    caller.scope(&state, Permission::WriteCase).await?;
    let upload = Upload::read(&caller, multipart).await?;
    let field = |name: &str| upload.text(name);
    let file = upload.file("file").map(|f| f.bytes.clone());
    let Some(bytes) = file.filter(|b| !b.is_empty()) else {
        return Err(WebError::Invalid(ValidationError::new("file", "htcds_no_file", "choose a file")).into());
    };
    let input = super::command::StartInput {
        instrument: field("instrument").unwrap_or_default(),
        survivor_language: field("survivor_language").unwrap_or_default(),
        interpreter: field("interpreter"),
        interpreter_language: field("interpreter_language"),
        preferences: Vec::new(),
        preference_note: None,
    };
    // What is wrong with the file is said on the page: a caseworker back
    // from the field must know which answer to fix, not only that it failed.
    use super::command::ImportFailure;
    let detail = match super::command::import_checked(&state, &caller, person, input, &bytes, None).await {
        Ok(sid) => return Ok(Redirect::to(&format!("/screenings/{sid}")).into_response()),
        Err(ImportFailure::File { error, instrument }) => {
            tr.t_with("odk-import-refused", "detail", file_fault(&tr, &error, &instrument))
        }
        Err(ImportFailure::Web(WebError::BadRequest(detail))) => tr.t_with("odk-import-refused", "detail", detail),
        Err(ImportFailure::Web(WebError::Conflict(_))) => tr.t("odk-import-duplicate"),
        Err(ImportFailure::Web(e)) => return Err(e.into()),
    };
    let page = ErrorPage {
        l: Layout::new(&tr, Some(&caller), &format!("/persons/{person}")),
        message: detail,
        break_glass: None,
        csrf: caller.csrf().to_owned(),
        refusal: true,
        forbidden: false,
    };
    let mut res = render(&page)?;
    *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    Ok(res)
}

/// What is wrong with a field submission, in the reader's language: a
/// question by its wording in that language (its id beside it, as the form
/// shows it), and for a fault haven has no words for, a damaged file, with
/// the technical detail after it for whoever fixes the export.
pub(super) fn file_fault(
    tr: &Tr,
    e: &haven_formats::FormatError,
    instrument: &haven_core::screening::Instrument,
) -> String {
    let question = |id: &str| {
        let words = instrument
            .question(id)
            .and_then(|q| q.text.get(tr.code()).or_else(|| q.text.get("en")))
            .cloned()
            .unwrap_or_default();
        if words.is_empty() {
            id.to_owned()
        } else {
            format!("«{words}» ({id})")
        }
    };
    let args: Vec<(&'static str, String)> =
        e.args.iter().map(|(k, v)| (*k, if *k == "question" { question(v) } else { v.clone() })).collect();
    match e.code {
        Some(code) if tr.has(&format!("odk-fault-{code}")) => tr.t_args(&format!("odk-fault-{code}"), &args),
        _ => format!("{} ({})", tr.t("odk-fault-odk_damaged"), e.message),
    }
}

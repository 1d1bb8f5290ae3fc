use crate::kit::prelude::*;

struct PersonDisplay {
    full_name: String,
    may_be_child: bool,
    detained: bool,
    facts: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "person.html")]
struct PersonPageT {
    l: Layout,
    id: String,
    csrf: String,
    person: Option<PersonDisplay>,
    cases: Vec<(String, String, String)>,
    withheld: String,
    consents: Vec<ConsentRow>,
    access_log: Vec<(String, String, String, String, String, String)>,
    /// The event the next (older) page of the access log starts before.
    log_older: Option<i64>,
    /// Whether this is an older page of the log (a link back to the newest).
    log_paged: bool,
    purposes: Vec<(&'static str, String)>,
    recipients: Vec<(String, String)>,
    categories: Vec<(&'static str, String)>,
    default_expiry: String,
    default_language: String,
    /// The interview languages, the person's own first choice selected.
    survivor_languages: Vec<(&'static str, &'static str, bool)>,
    can_erase: bool,
    /// Supervisors only (R15): the link to the restricted cooperation record.
    may_open_cooperation: bool,
    can_record_consent: bool,
    can_screen: bool,
    /// (id, description, expungement due, current status code)
    penalties: Vec<(String, String, bool, &'static str)>,
    expungement_statuses: Vec<(&'static str, String)>,
    penalty_kinds: Vec<(&'static str, String)>,
    screenings: Vec<(String, String, String)>,
    instruments: Vec<(String, String)>,
    interpreter_preferences: Vec<(&'static str, String)>,
    /// Supervisors: the link to look for duplicates, and the merge buttons.
    can_merge: bool,
    /// Duplicates merged into this record.
    merges_in: Vec<MergeRow>,
    /// The record this one was merged into, if it was.
    merged_into: Option<MergeRow>,
}

struct MergeRow {
    id: String,
    /// The other record of the merge.
    other_id: String,
    other_name: String,
    status: String,
    pending: bool,
}

fn display_person(
    tr: &Tr,
    r: &PersonRecord,
    created_ms: i64,
    withheld: haven_core::access::Categories,
) -> PersonDisplay {
    use haven_core::access::Category;
    let none = || tr.t("person-not-recorded");
    let hidden = |c: Category, v: String| if withheld.contains(c) { tr.t("person-withheld-field") } else { v };
    let join = |v: Vec<&str>| if v.is_empty() { none() } else { v.join(", ") };
    let age = match r.birth {
        Birth::Unknown => none(),
        Birth::DateOfBirth(d) => {
            let years = r.birth.age_on(today()).unwrap_or(0);
            format!("{} ({})", format_date(d), tr.t_with("person-age", "years", i64::from(years)))
        }
        Birth::Estimated { years, uncertain } => tr.t_with(
            if uncertain { "person-age-estimated-uncertain" } else { "person-age-estimated" },
            "years",
            i64::from(years),
        ),
    };
    let facts = vec![
        (tr.t("field-other_names"), join(r.other_names.iter().map(|n| n.as_str()).collect())),
        (tr.t("field-latin_name"), r.latin_name.as_ref().map(|n| n.as_str().to_owned()).unwrap_or_else(none)),
        (tr.t("field-sex"), r.sex.clone().unwrap_or_else(none)),
        (tr.t("field-date_of_birth"), age),
        (tr.t("field-nationalities"), {
            let names: Vec<String> = r.nationalities.iter().map(|c| labels::country_name(tr, c.as_str())).collect();
            join(names.iter().map(String::as_str).collect())
        }),
        (tr.t("field-languages"), {
            let names: Vec<String> = r.languages.iter().map(|l| labels::language_name(l.as_str())).collect();
            join(names.iter().map(String::as_str).collect())
        }),
        (tr.t("field-location"), hidden(Category::ContactLocation, labels::location(tr, r.location))),
        (tr.t("field-contact"), hidden(Category::ContactLocation, r.contact.clone().unwrap_or_else(none))),
        (tr.t("field-notes"), hidden(Category::Narrative, r.notes.clone().unwrap_or_else(none))),
        (tr.t("person-created"), local_date(created_ms)),
    ];
    PersonDisplay {
        full_name: r.full_name.as_str().to_owned(),
        may_be_child: r.birth.may_be_child(today()),
        detained: !withheld.contains(Category::ContactLocation) && r.location.is_detention(),
        facts,
    }
}

/// Access-log events per page of the person page.
const LOG_PAGE: i64 = 20;

#[derive(Deserialize)]
pub(crate) struct LogQuery {
    /// Show the access log from before this event.
    log_before: Option<i64>,
}

struct ConsentRow {
    id: String,
    purpose: String,
    recipient: String,
    categories: String,
    expires: String,
    status: String,
    withdrawable: bool,
    /// Withdrawing it destroys the partner's copy of a transfer: said
    /// beside the button, since the receiving file goes with it.
    cross_border: bool,
}

pub(crate) async fn person_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    Query(saved): Query<Saved>,
    Query(log): Query<LogQuery>,
) -> Response {
    let raw_id = id.clone();
    let result = async {
        let id: PersonId = id.parse().map_err(|_| WebError::NotFound)?;
        let scope = caller.scope(&state, Permission::ReadPerson).await?;
        let view = state.store.get_person(&scope, id).await?;
        let mut page = PersonPageT {
            l: Layout::new(&tr, Some(&caller), &format!("/persons/{id}")).with_flash(&saved),
            id: id.to_string(),
            csrf: caller.csrf().to_owned(),
            person: None,
            cases: Vec::new(),
            withheld: String::new(),
            consents: Vec::new(),
            access_log: Vec::new(),
            log_older: None,
            log_paged: false,
            purposes: haven_core::consent::ConsentPurpose::ALL
                .iter()
                .map(|p| (p.as_str(), tr.t(&format!("consent-purpose-{}", p.as_str()))))
                .collect(),
            recipients: Vec::new(),
            categories: haven_core::access::Category::ALL
                .iter()
                .map(|c| (c.as_str(), labels::category(&tr, *c)))
                .collect(),
            default_expiry: format_date(today().saturating_add(time::Duration::days(365))),
            default_language: tr.code().to_owned(),
            survivor_languages: crate::kit::i18n::LANGUAGES.iter().map(|(c, n)| (*c, *n, *c == tr.code())).collect(),
            can_erase: caller.may(Permission::ErasePerson),
            may_open_cooperation: caller.may(Permission::RecordCooperation),
            can_record_consent: caller.may(Permission::RecordConsent),
            can_screen: caller.may(Permission::WriteCase),
            penalties: Vec::new(),
            expungement_statuses: haven_core::remedy::Expungement::ALL
                .iter()
                .map(|e| (e.as_str(), tr.t(&format!("expungement-{}", e.as_str()))))
                .collect(),
            penalty_kinds: haven_core::remedy::PenaltyKind::ALL
                .iter()
                .map(|k| (k.as_str(), tr.t(&format!("penalty-kind-{}", k.as_str()))))
                .collect(),
            screenings: Vec::new(),
            instruments: crate::kit::context::instruments(&state)
                .into_iter()
                .map(|i| {
                    let title = i.title.get(tr.code()).or_else(|| i.title.get("en")).cloned().unwrap_or_default();
                    (i.id, title)
                })
                .collect(),
            interpreter_preferences: haven_core::screening::interview::InterpreterPreference::ALL
                .iter()
                .map(|p| (p.as_str(), tr.t(&format!("interp-pref-{}", p.as_str()))))
                .collect(),
            can_merge: caller.may(Permission::MergePersons),
            merges_in: Vec::new(),
            merged_into: None,
        };
        for m in state.store.merges_of(&scope, id).await? {
            if m.status == haven_core::merge::MergeStatus::Undone {
                continue;
            }
            let other = if m.kept == id { m.merged } else { m.kept };
            // The other record by name where this reader reaches it.
            let other_name = match state.store.get_person(&scope, other).await {
                Ok(PersonView { state: PersonState::Active(r), .. }) => r.full_name.as_str().to_owned(),
                Ok(_) | Err(haven_store::StoreError::NotFound | haven_store::StoreError::Denied) => {
                    tr.t("merge-other-record")
                }
                Err(e) => return Err(e.into()),
            };
            let pending = m.status == haven_core::merge::MergeStatus::Pending;
            let row = MergeRow {
                id: m.id.to_string(),
                other_id: other.to_string(),
                other_name,
                status: tr.t(if pending { "merge-status-pending" } else { "merge-status-confirmed" }),
                pending,
            };
            if m.kept == id {
                page.merges_in.push(row);
            } else {
                page.merged_into = Some(row);
            }
        }
        if let PersonState::Active(r) = &view.state {
            let listing = state
                .store
                .list_cases(&caller.scope(&state, Permission::ReadCase).await?, Some(id), Page::new(1, 50))
                .await?;
            page.cases = listing
                .items
                .iter()
                .map(|c| (c.id.to_string(), labels::case_status(&tr, c.record.status), format_date(c.record.opened_on)))
                .collect();
            page.person = Some(display_person(&tr, r, view.created_at_ms, view.withheld));
            // The person's own language, where haven has it, is where the
            // interview and the consent's explanation start (R18).
            if let Some(own) = r.languages.iter().find_map(|l| known_language(l.as_str())) {
                page.default_language = own.to_owned();
                page.survivor_languages =
                    crate::kit::i18n::LANGUAGES.iter().map(|(c, n)| (*c, *n, *c == own)).collect();
            }
            if !view.withheld.is_empty() {
                let names: Vec<String> = view.withheld.iter().map(|c| labels::category(&tr, c)).collect();
                page.withheld = format!("{} {}", tr.t("person-withheld"), names.join(", "));
            }
            page.consents = state
                .store
                .list_consents(&scope, id)
                .await?
                .iter()
                .map(|v| {
                    let t = &v.consent.terms;
                    let in_force = v.consent.in_force(today());
                    ConsentRow {
                        id: v.id.to_string(),
                        purpose: tr.t(&format!("consent-purpose-{}", t.purpose.as_str())),
                        recipient: v.recipient_name.clone(),
                        categories: t
                            .categories
                            .iter()
                            .map(|c| labels::category(&tr, c))
                            .collect::<Vec<_>>()
                            .join(", "),
                        expires: format_date(t.expires_on),
                        status: tr.t(match (v.consent.withdrawn_on, in_force) {
                            (Some(_), _) => "consent-withdrawn",
                            (None, true) => "consent-in-force",
                            (None, false) => "consent-expired",
                        }),
                        withdrawable: v.consent.withdrawn_on.is_none(),
                        cross_border: t.purpose == haven_core::consent::ConsentPurpose::CrossBorderTransfer,
                    }
                })
                .collect();
            let events = state.store.access_log(&scope, id, LOG_PAGE, log.log_before).await?;
            // A full page may have more behind it.
            page.log_older = (events.len() as i64 == LOG_PAGE).then(|| events.last().map(|e| e.seq)).flatten();
            page.log_paged = log.log_before.is_some();
            page.access_log = crate::access::access_log_rows(&tr, &events);
            page.penalties = state
                .store
                .list_penalties(&caller.scope(&state, Permission::ReadCase).await?, id)
                .await?
                .into_iter()
                .map(|p| {
                    let due =
                        p.consequence_of_trafficking && p.expungement == haven_core::remedy::Expungement::NotRequested;
                    let mut line = format!(
                        "{} · {} · {}",
                        tr.t(&format!("penalty-kind-{}", p.kind.as_str())),
                        p.country,
                        tr.t(&format!("expungement-{}", p.expungement.as_str()))
                    );
                    if let Some(d) = p.imposed_on {
                        line.push_str(&format!(" · {d}"));
                    }
                    if let Some(o) = p.offence {
                        line.push_str(&format!(" · {o}"));
                    }
                    (p.id.to_string(), line, due, p.expungement.as_str())
                })
                .collect();
            page.screenings = state
                .store
                .list_screenings(&caller.scope(&state, Permission::ReadCase).await?, id)
                .await?
                .iter()
                .map(|s| {
                    let status = match &s.outcome {
                        Some(o) => {
                            tr.t(&format!("outcome-{o}")).split(['.', ':']).next().unwrap_or_default().to_owned()
                        }
                        None => tr.t("screening-in-progress"),
                    };
                    (s.id.to_string(), format!("{} {}", tr.t("screening-started"), local_date(s.started_at_ms)), status)
                })
                .collect();
            page.recipients = crate::kit::context::other_orgs(&state, &caller)
                .await?
                .into_iter()
                .map(|o| (o.id.to_string(), o.name))
                .collect();
        }
        Ok::<Response, WebError>(render(&page)?)
    }
    .await;
    match result {
        Ok(res) => res,
        // Out of reach: say so without a name, and offer emergency access
        // to those whose role allows it.
        Err(WebError::NotFound) if raw_id.parse::<PersonId>().is_ok() => {
            let actor = caller.user.actor();
            let may = haven_core::access::authorize(
                &actor,
                Permission::BreakGlass,
                haven_core::access::Purpose::case_management(),
                "",
            )
            .is_ok();
            let page = ErrorPage {
                l: Layout::new(&tr, Some(&caller), "/persons"),
                message: tr.t("error-not-found"),
                break_glass: may.then_some(raw_id),
                csrf: caller.csrf().to_owned(),
                refusal: false,
                forbidden: false,
            };
            match page.render() {
                Ok(html) => (StatusCode::NOT_FOUND, Html(html)).into_response(),
                Err(_) => StatusCode::NOT_FOUND.into_response(),
            }
        }
        Err(e) => error_page(e),
    }
}

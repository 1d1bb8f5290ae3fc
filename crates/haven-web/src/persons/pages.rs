use crate::kit::prelude::*;

struct PersonRow {
    id: String,
    name: String,
    latin: Option<String>,
    location: String,
    added: String,
    child: bool,
}

/// One select of the filter form: (value, label, chosen), the first "any".
type Choices = Vec<(String, String, bool)>;

#[derive(Template)]
#[template(path = "persons.html")]
struct PersonsPage {
    l: Layout,
    q: String,
    /// Children first and apart (R02, R20); headings only when both appear.
    groups: Vec<(bool, Option<String>, Vec<PersonRow>)>,
    page: u32,
    has_more: bool,
    locations: Choices,
    nationalities: Choices,
    sexes: Choices,
    ages: Choices,
    outcomes: Choices,
    workers: Choices,
    cases: Choices,
    added_from: String,
    added_to: String,
    oldest_first: bool,
    /// Whether any filter narrows the list, to say so when it comes back empty.
    filtered: bool,
    /// The filters, or a name search's query, as a query string for the
    /// pager's links.
    filters: String,
}

fn choices<'a>(any: String, options: impl IntoIterator<Item = (&'a str, String)>, chosen: Option<&str>) -> Choices {
    let mut out = vec![(String::new(), any, chosen.is_none())];
    out.extend(options.into_iter().map(|(v, label)| (v.to_owned(), label, chosen == Some(v))));
    out
}

pub(crate) async fn persons_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Query(query): Query<super::api::ListQuery>,
) -> PageResult {
    use haven_core::person::{AgeBand, SexGroup};
    use haven_store::persons::WorkerFilter;
    let scope = caller.scope(&state, Permission::ReadPerson).await?;
    let q = query.name_query();
    let page = Page::new(query.page_number(), 50);
    let filter = query.filter()?;
    // A name search looks through everyone in reach: the filters do not
    // apply to it, so the form does not pretend they do.
    let filter = if q.is_empty() { filter } else { haven_store::persons::PersonFilter::default() };
    let listing = if q.is_empty() {
        state.store.list_persons_filtered(&scope, page, &filter).await?
    } else {
        state.store.search_persons(&scope, &q, page).await?
    };
    let rows: Vec<PersonRow> = listing
        .items
        .iter()
        .map(|p| PersonRow {
            id: p.id.to_string(),
            name: p.full_name.clone(),
            latin: p.latin_name.clone(),
            location: labels::location(&tr, p.location),
            added: local_date(p.created_at_ms),
            child: p.may_be_child,
        })
        .collect();
    let (children, adults): (Vec<_>, Vec<_>) = rows.into_iter().partition(|r| r.child);
    let both = !children.is_empty() && !adults.is_empty();
    let mut groups = Vec::new();
    if !children.is_empty() {
        groups.push((true, Some(tr.t("persons-children")), children));
    }
    if !adults.is_empty() {
        groups.push((false, both.then(|| tr.t("persons-adults")), adults));
    }
    // Detention first: those are the people an urgent release request is for (R13).
    let mut order = LocationType::ALL.to_vec();
    order.sort_by_key(|l| !l.is_detention());
    let locations = choices(
        tr.t("persons-filter-all"),
        order.iter().map(|l| (l.as_str(), labels::location(&tr, *l))),
        filter.location.map(|l| l.as_str()),
    );
    let nationalities =
        choices(tr.t("persons-filter-any"), labels::countries(&tr), filter.nationality.as_ref().map(|c| c.as_str()));
    let sexes = choices(
        tr.t("persons-filter-any"),
        SexGroup::ALL.iter().map(|g| (g.as_str(), tr.t(&format!("stats-val-{}", g.as_str())))),
        filter.sex.map(|g| g.as_str()),
    );
    let ages = choices(
        tr.t("persons-filter-any"),
        AgeBand::ALL.iter().map(|b| {
            let label = if *b == AgeBand::Unknown { tr.t("stats-val-unknown") } else { b.as_str().to_owned() };
            (b.as_str(), label)
        }),
        filter.age.map(|b| b.as_str()),
    );
    let outcomes = choices(
        tr.t("persons-filter-any"),
        ["reasonable_grounds", "not_yet_determined", "vulnerable_migrant", "not_screened"]
            .into_iter()
            .map(|o| (o, tr.t(&format!("stats-val-{o}")))),
        filter.outcome.map(|o| o.as_str()),
    );
    let users = state.store.colleagues(&scope).await?;
    // Someone who reaches people only through their own cases may filter by
    // their own cases only (the store refuses the rest).
    let org_wide = scope.reach().org_wide.is_some();
    let worker_ids: Vec<(String, String)> = users
        .iter()
        .filter(|u| u.integrity_ok && haven_core::access::role_allows(u.role, Permission::WriteCase))
        .filter(|u| org_wide || u.id == caller.user.id)
        .map(|u| (u.id.to_string(), u.username.clone()))
        .collect();
    let chosen_worker = match filter.worker {
        Some(WorkerFilter::Assigned(u)) => Some(u.to_string()),
        Some(WorkerFilter::Nobody) => Some("nobody".to_owned()),
        None => None,
    };
    let mut worker_options: Vec<(&str, String)> =
        if org_wide { vec![("nobody", tr.t("persons-filter-nobody"))] } else { Vec::new() };
    worker_options.extend(worker_ids.iter().map(|(id, name)| (id.as_str(), name.clone())));
    let workers = choices(tr.t("persons-filter-any"), worker_options, chosen_worker.as_deref());
    let cases = choices(
        tr.t("persons-filter-any"),
        haven_store::persons::CaseFilter::ALL
            .iter()
            .map(|c| (c.as_str(), tr.t(&format!("persons-filter-case-{}", c.as_str())))),
        filter.case.map(|c| c.as_str()),
    );
    let date = |d: Option<time::Date>| d.map(haven_core::person::format_date).unwrap_or_default();
    let (added_from, added_to) = (date(filter.added_from), date(filter.added_to));
    // A name search pages through its matches, so its links carry the
    // query rather than the filters it ignores.
    let filters = if !q.is_empty() {
        serde_urlencoded::to_string([("q", q.as_str())]).unwrap_or_default()
    } else {
        serde_urlencoded::to_string([
            ("location", filter.location.map(|l| l.as_str()).unwrap_or("")),
            ("sort", if filter.oldest_first { "oldest" } else { "newest" }),
            ("nationality", filter.nationality.as_ref().map(|c| c.as_str()).unwrap_or("")),
            ("sex", filter.sex.map(|g| g.as_str()).unwrap_or("")),
            ("age", filter.age.map(|b| b.as_str()).unwrap_or("")),
            ("outcome", filter.outcome.map(|o| o.as_str()).unwrap_or("")),
            ("worker", chosen_worker.as_deref().unwrap_or("")),
            ("case", filter.case.map(|c| c.as_str()).unwrap_or("")),
            ("added_from", added_from.as_str()),
            ("added_to", added_to.as_str()),
        ])
        .unwrap_or_default()
    };
    let filtered =
        filter != haven_store::persons::PersonFilter { oldest_first: filter.oldest_first, ..Default::default() };
    render(&PersonsPage {
        l: Layout::new(&tr, Some(&caller), "/persons"),
        q,
        groups,
        page: page.number,
        has_more: listing.has_more,
        locations,
        nationalities,
        sexes,
        ages,
        outcomes,
        workers,
        cases,
        added_from,
        added_to,
        oldest_first: filter.oldest_first,
        filtered,
        filters,
    })
}

#[derive(Deserialize, Default)]
pub(crate) struct PersonForm {
    #[serde(default)]
    full_name: String,
    #[serde(default)]
    latin_name: String,
    #[serde(default)]
    other_names: String,
    #[serde(default)]
    sex: String,
    #[serde(default)]
    date_of_birth: String,
    #[serde(default)]
    estimated_age: String,
    age_uncertain: Option<String>,
    /// The nationality chosen by name (a code), first in the list.
    #[serde(default)]
    nationality: String,
    /// Any further nationalities, typed as codes.
    #[serde(default)]
    nationalities: String,
    /// The language chosen by name (a tag), first in the list.
    #[serde(default)]
    language: String,
    #[serde(default)]
    languages: String,
    #[serde(default)]
    location: String,
    #[serde(default)]
    contact: String,
    #[serde(default)]
    notes: String,
}

impl PersonForm {
    fn to_input(&self) -> Result<PersonInput, ValidationError> {
        let opt = |s: &str| (!s.trim().is_empty()).then(|| s.to_owned());
        let list = |s: &str, sep: char| s.split(sep).map(|x| x.trim().to_owned()).filter(|x| !x.is_empty()).collect();
        let estimated_age = match self.estimated_age.trim() {
            "" => None,
            a => Some(a.parse::<u16>().map_err(|_| {
                ValidationError::new("estimated_age", "implausible_age", "the age must be between 0 and 120")
            })?),
        };
        Ok(PersonInput {
            full_name: self.full_name.clone(),
            other_names: list(&self.other_names, '\n'),
            latin_name: opt(&self.latin_name),
            sex: opt(&self.sex),
            date_of_birth: opt(&self.date_of_birth),
            estimated_age,
            age_uncertain: self.age_uncertain.is_some(),
            nationalities: first_and_rest(&self.nationality, list(&self.nationalities, ',')),
            languages: first_and_rest(&self.language, list(&self.languages, ',')),
            contact: opt(&self.contact),
            location: opt(&self.location),
            notes: opt(&self.notes),
        })
    }
}

/// The picked value first, then the typed ones (the core drops repeats).
fn first_and_rest(picked: &str, mut typed: Vec<String>) -> Vec<String> {
    let picked = picked.trim();
    if !picked.is_empty() {
        typed.insert(0, picked.to_owned());
    }
    typed
}

/// The interface's nine languages, offered by name in the form.
const LANGUAGE_CODES: [&str; 9] = {
    let mut out = [""; 9];
    let mut i = 0;
    while i < 9 {
        out[i] = crate::kit::i18n::LANGUAGES[i].0;
        i += 1;
    }
    out
};

/// The first recorded value, when the form offers it by name.
fn offered(values: &[String], offer: &[&str]) -> String {
    values.first().filter(|v| offer.iter().any(|o| o.eq_ignore_ascii_case(v))).cloned().unwrap_or_default()
}

/// The values the typed field holds: all but a first one offered by name.
fn rest(values: &[String], offer: &[&str]) -> String {
    let skip = usize::from(!offered(values, offer).is_empty());
    values[skip..].join(", ")
}

#[derive(Template)]
#[template(path = "person_new.html")]
struct NewPersonPage {
    l: Layout,
    csrf: String,
    f: PersonForm,
    countries: Vec<(&'static str, String)>,
    languages: &'static [(&'static str, &'static str)],
    locations: Vec<(&'static str, String)>,
    error: Option<String>,
    /// Where the form posts: a new person, or an existing one's edit.
    action: String,
    title: String,
}

fn new_person_form(tr: &Tr, caller: &Caller, f: PersonForm, error: Option<String>) -> PageResult {
    person_form(tr, caller, f, error, "/persons/new".to_owned(), tr.t("person-new-title"))
}

fn person_form(
    tr: &Tr,
    caller: &Caller,
    f: PersonForm,
    error: Option<String>,
    action: String,
    title: String,
) -> PageResult {
    let locations = LocationType::ALL.iter().map(|l| (l.as_str(), labels::location(tr, *l))).collect();
    render(&NewPersonPage {
        l: Layout::new(tr, Some(caller), &action),
        csrf: caller.csrf().to_owned(),
        f,
        countries: labels::countries(tr),
        languages: &crate::kit::i18n::LANGUAGES,
        locations,
        error,
        action,
        title,
    })
}

impl PersonForm {
    fn from_input(i: PersonInput) -> Self {
        Self {
            full_name: i.full_name,
            latin_name: i.latin_name.unwrap_or_default(),
            other_names: i.other_names.join("\n"),
            sex: i.sex.unwrap_or_default(),
            date_of_birth: i.date_of_birth.unwrap_or_default(),
            estimated_age: i.estimated_age.map(|a| a.to_string()).unwrap_or_default(),
            age_uncertain: i.age_uncertain.then(|| "on".to_owned()),
            nationality: offered(&i.nationalities, &labels::COUNTRIES),
            nationalities: rest(&i.nationalities, &labels::COUNTRIES),
            language: offered(&i.languages, &LANGUAGE_CODES),
            languages: rest(&i.languages, &LANGUAGE_CODES),
            location: i.location.unwrap_or_default(),
            contact: i.contact.unwrap_or_default(),
            notes: i.notes.unwrap_or_default(),
        }
    }
}

/// Only a reader who sees the whole record edits it: a form with withheld
/// fields left blank would erase what the editor could not see.
async fn editable(state: &AppState, caller: &Caller, id: PersonId) -> Result<PersonRecord, WebError> {
    let view = state.store.get_person(&caller.scope(state, Permission::ReadPerson).await?, id).await?;
    match view.state {
        PersonState::Active(r) if view.withheld.is_empty() => Ok(r),
        PersonState::Active(_) => Err(WebError::Forbidden),
        PersonState::Erased { .. } => Err(WebError::Erased),
    }
}

pub(crate) async fn edit_person_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
) -> PageResult {
    let id: PersonId = id.parse().map_err(|_| WebError::NotFound)?;
    caller.scope(&state, Permission::WritePerson).await?;
    let record = editable(&state, &caller, id).await?;
    let f = PersonForm::from_input(record.to_input());
    person_form(&tr, &caller, f, None, format!("/persons/{id}/edit"), tr.t("person-edit-title"))
}

/// Saves an edit: the whole record is parsed again, so the rules that hold
/// for a new person (R02's presumption, plausible dates) hold for a change.
pub(crate) async fn edit_person_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<PersonForm>,
) -> PageResult {
    let id: PersonId = id.parse().map_err(|_| WebError::NotFound)?;
    let scope = caller.scope(&state, Permission::WritePerson).await?;
    let current = editable(&state, &caller, id).await?;
    let record = match form.to_input().and_then(|i| PersonRecord::parse(&i, today())) {
        Ok(r) => r,
        Err(v) => {
            let msg = validation_message(&tr, &v);
            let title = tr.t("person-edit-title");
            let mut res = person_form(&tr, &caller, form, Some(msg), format!("/persons/{id}/edit"), title)?;
            *res.status_mut() = StatusCode::BAD_REQUEST;
            return Ok(res);
        }
    };
    if haven_core::person::changes(&current, &record).is_empty() {
        return Ok(Redirect::to(&format!("/persons/{id}?saved=person-unchanged")).into_response());
    }
    state.store.update_person(&scope, id, |_current| Ok(record)).await?;
    Ok(Redirect::to(&format!("/persons/{id}?saved=person")).into_response())
}

pub(crate) async fn new_person_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
) -> PageResult {
    caller.scope(&state, Permission::WritePerson).await?;
    let f = PersonForm { location: "unknown".into(), ..Default::default() };
    new_person_form(&tr, &caller, f, None)
}

pub(crate) async fn new_person_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    CsrfForm(form): CsrfForm<PersonForm>,
) -> PageResult {
    let scope = caller.scope(&state, Permission::WritePerson).await?;
    let parsed = form.to_input().and_then(|i| PersonRecord::parse(&i, today()));
    let record = match parsed {
        Ok(r) => r,
        Err(v) => {
            // Re-show the form with what was typed, so nothing is lost.
            let msg = validation_message(&tr, &v);
            let mut res = new_person_form(&tr, &caller, form, Some(msg))?;
            *res.status_mut() = StatusCode::BAD_REQUEST;
            return Ok(res);
        }
    };
    let id = state.store.create_person(&scope, &record).await?;
    Ok(Redirect::to(&format!("/persons/{id}")).into_response())
}

#[derive(Deserialize)]
pub(crate) struct EraseForm {
    confirm: Option<String>,
}

pub(crate) async fn erase_submit(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<EraseForm>,
) -> PageResult {
    if form.confirm.as_deref() != Some("yes") {
        return Err(WebError::Invalid(ValidationError::new("confirm", "required", "confirmation required")).into());
    }
    let id: PersonId = id.parse().map_err(|_| WebError::NotFound)?;
    state.store.erase_person(&caller.scope(&state, Permission::ErasePerson).await?, id).await?;
    Ok(Redirect::to(&format!("/persons/{id}")).into_response())
}

struct ChangeRow {
    when: String,
    who: String,
    field: String,
    old: String,
    new: String,
}

#[derive(Template)]
#[template(path = "person_history.html")]
struct HistoryPage {
    l: Layout,
    id: String,
    name: String,
    changes: Vec<ChangeRow>,
}

/// A value as the person page shows it: a birth in words, a place by its
/// name, an empty field as "not recorded".
fn shown_value(tr: &Tr, field: haven_core::person::PersonField, raw: &str) -> String {
    use haven_core::person::PersonField;
    if raw.is_empty() {
        return tr.t("person-not-recorded");
    }
    match field {
        PersonField::Birth => match Birth::decode(raw) {
            Some(Birth::DateOfBirth(d)) => format_date(d),
            Some(Birth::Estimated { years, uncertain }) => tr.t_with(
                if uncertain { "person-age-estimated-uncertain" } else { "person-age-estimated" },
                "years",
                i64::from(years),
            ),
            Some(Birth::Unknown) | None => tr.t("person-not-recorded"),
        },
        PersonField::Location => {
            LocationType::parse(raw).map(|l| labels::location(tr, l)).unwrap_or_else(|_| raw.to_owned())
        }
        PersonField::Nationalities => {
            raw.split(", ").map(|c| labels::country_name(tr, c)).collect::<Vec<_>>().join(", ")
        }
        PersonField::Languages => raw.split(", ").map(labels::language_name).collect::<Vec<_>>().join(", "),
        _ => raw.to_owned(),
    }
}

/// Who changed what and when: a corrected name or date of birth stays
/// traceable to the colleague who corrected it.
pub(crate) async fn history_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
) -> PageResult {
    let id: PersonId = id.parse().map_err(|_| WebError::NotFound)?;
    let scope = caller.scope(&state, Permission::ReadPerson).await?;
    let record = editable(&state, &caller, id).await?;
    let entries = state.store.person_history(&scope, id).await?;
    let colleagues = state.store.colleagues(&scope).await?;
    let changes = entries
        .into_iter()
        .rev()
        .map(|e| {
            let f = e.change.field;
            ChangeRow {
                when: local_time(e.changed_at_ms),
                who: colleagues
                    .iter()
                    .find(|u| u.id.to_string() == e.changed_by)
                    .map(|u| u.username.clone())
                    .unwrap_or_else(|| tr.t("case-assigned-elsewhere")),
                field: tr.t(&format!(
                    "field-{}",
                    if f == haven_core::person::PersonField::Birth { "date_of_birth" } else { f.as_str() }
                )),
                old: shown_value(&tr, f, &e.change.old),
                new: shown_value(&tr, f, &e.change.new),
            }
        })
        .collect();
    render(&HistoryPage {
        l: Layout::new(&tr, Some(&caller), &format!("/persons/{id}/history")),
        id: id.to_string(),
        name: record.full_name.as_str().to_owned(),
        changes,
    })
}

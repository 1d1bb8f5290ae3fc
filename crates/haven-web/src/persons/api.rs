use crate::kit::prelude::*;

/// A new person. Only `full_name` is required; nothing else is mandatory,
/// because a person may prefer not to say.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct PersonCreate {
    /// The whole name as the person writes it, in any script.
    full_name: String,
    #[serde(default)]
    other_names: Vec<String>,
    latin_name: Option<String>,
    /// Sex as the person describes it.
    sex: Option<String>,
    /// YYYY-MM-DD.
    date_of_birth: Option<String>,
    estimated_age: Option<u16>,
    #[serde(default)]
    age_uncertain: bool,
    /// ISO 3166-1 alpha-3 codes.
    #[serde(default)]
    nationalities: Vec<String>,
    /// BCP 47 tags.
    #[serde(default)]
    languages: Vec<String>,
    contact: Option<String>,
    /// shelter, community, immigration_detention, police_custody, hospital, in_compound, unknown.
    location: Option<String>,
    notes: Option<String>,
}

/// A partial update: absent fields stay as they are; an empty string clears.
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct PersonPatch {
    full_name: Option<String>,
    other_names: Option<Vec<String>>,
    latin_name: Option<String>,
    sex: Option<String>,
    date_of_birth: Option<String>,
    estimated_age: Option<u16>,
    age_uncertain: Option<bool>,
    nationalities: Option<Vec<String>>,
    languages: Option<Vec<String>>,
    contact: Option<String>,
    location: Option<String>,
    notes: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct PersonOut {
    id: String,
    full_name: String,
    other_names: Vec<String>,
    latin_name: Option<String>,
    sex: Option<String>,
    date_of_birth: Option<String>,
    estimated_age: Option<u16>,
    age_uncertain: bool,
    /// True when the person is or may be under 18 (R02).
    may_be_child: bool,
    nationalities: Vec<String>,
    languages: Vec<String>,
    contact: Option<String>,
    /// Null when the contact and location category is withheld from this reader.
    location: Option<String>,
    notes: Option<String>,
    created_at: String,
    updated_at: String,
    /// Data categories this reader may not see; their fields are empty.
    withheld: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct PersonSummaryOut {
    id: String,
    full_name: String,
    latin_name: Option<String>,
    location: String,
    created_at: String,
}

#[derive(Serialize, ToSchema)]
pub struct PersonList {
    items: Vec<PersonSummaryOut>,
    page: u32,
    per_page: u32,
    has_more: bool,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// Name search, any script or romanised. The filters below do not apply to it.
    q: Option<String>,
    /// 1-based.
    page: Option<u32>,
    /// 1-100, default 50.
    per_page: Option<u32>,
    /// Only people at this location: shelter, community,
    /// immigration_detention, police_custody, hospital, in_compound, unknown.
    location: Option<String>,
    /// `newest` (default) or `oldest` first.
    sort: Option<String>,
    /// ISO 3166-1 alpha-3 code: people with this among their nationalities.
    nationality: Option<String>,
    /// female, male, transgender, other or not_recorded, grouped from the
    /// word recorded.
    sex: Option<String>,
    /// 0-11, 12-17, 18-24, 25-34, 35-44, 45+ or unknown.
    age: Option<String>,
    /// The latest completed screening's result here: reasonable_grounds,
    /// not_yet_determined, vulnerable_migrant, or not_screened.
    outcome: Option<String>,
    /// A user id: people in an open case assigned to them; `nobody`: people
    /// with no assigned open case.
    worker: Option<String>,
    /// open: a case here not yet closed; closed: cases here, all closed;
    /// none: no case here.
    case: Option<String>,
    /// YYYY-MM-DD: first recorded on or after this day (UTC).
    added_from: Option<String>,
    /// YYYY-MM-DD: first recorded on or before this day (UTC).
    added_to: Option<String>,
}

impl ListQuery {
    pub(crate) fn name_query(&self) -> String {
        self.q.as_deref().unwrap_or_default().trim().to_owned()
    }

    pub(crate) fn page_number(&self) -> u32 {
        self.page.unwrap_or(1)
    }
}

impl ListQuery {
    /// The filters, as the API and the page (which reads the same query)
    /// apply them. A blank value means "any", as an untouched form control
    /// sends it.
    pub(crate) fn filter(&self) -> Result<haven_store::persons::PersonFilter, WebError> {
        use haven_store::persons::{OutcomeFilter, PersonFilter, WorkerFilter};
        let given = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
        let date = |field: &'static str, v: &Option<String>| -> Result<Option<time::Date>, WebError> {
            match given(v) {
                None => Ok(None),
                Some(d) => haven_core::person::parse_date(&d)
                    .map(Some)
                    .ok_or_else(|| ValidationError::new(field, "invalid_date", "write the date as YYYY-MM-DD").into()),
            }
        };
        let oldest_first = match given(&self.sort).as_deref() {
            None | Some("newest") => false,
            Some("oldest") => true,
            Some(_) => {
                return Err(ValidationError::new("sort", "invalid_sort", "sort by newest or oldest").into());
            }
        };
        let worker = match given(&self.worker).as_deref() {
            None => None,
            Some("nobody") => Some(WorkerFilter::Nobody),
            Some(w) => Some(WorkerFilter::Assigned(
                w.parse()
                    .map_err(|_| ValidationError::new("worker", "invalid_worker", "choose a colleague, or nobody"))?,
            )),
        };
        let filter = PersonFilter {
            location: given(&self.location).map(|l| LocationType::parse(&l)).transpose()?,
            oldest_first,
            nationality: given(&self.nationality).map(|n| haven_core::person::Country::parse(&n)).transpose()?,
            sex: given(&self.sex).map(|v| haven_core::person::SexGroup::parse(&v)).transpose()?,
            age: given(&self.age).map(|v| haven_core::person::AgeBand::parse(&v)).transpose()?,
            outcome: given(&self.outcome).map(|v| OutcomeFilter::parse(&v)).transpose()?,
            worker,
            case: given(&self.case).map(|c| haven_store::persons::CaseFilter::parse(&c)).transpose()?,
            added_from: date("added_from", &self.added_from)?,
            added_to: date("added_to", &self.added_to)?,
        };
        if let (Some(from), Some(to)) = (filter.added_from, filter.added_to) {
            if from > to {
                return Err(ValidationError::new(
                    "added_to",
                    "date_range_reversed",
                    "the end of the date range is before its start",
                )
                .into());
            }
        }
        Ok(filter)
    }
}

impl PersonCreate {
    fn into_input(self) -> PersonInput {
        PersonInput {
            full_name: self.full_name,
            other_names: self.other_names,
            latin_name: self.latin_name,
            sex: self.sex,
            date_of_birth: self.date_of_birth,
            estimated_age: self.estimated_age,
            age_uncertain: self.age_uncertain,
            nationalities: self.nationalities,
            languages: self.languages,
            contact: self.contact,
            location: self.location,
            notes: self.notes,
        }
    }
}

impl PersonPatch {
    fn apply(self, mut i: PersonInput) -> PersonInput {
        // A date of birth and an estimate are alternatives: setting one alone
        // replaces the other.
        let (dob_given, age_given) = (self.date_of_birth.is_some(), self.estimated_age.is_some());
        if let Some(v) = self.full_name {
            i.full_name = v;
        }
        if let Some(v) = self.other_names {
            i.other_names = v;
        }
        if let Some(v) = self.latin_name {
            i.latin_name = Some(v);
        }
        if let Some(v) = self.sex {
            i.sex = Some(v);
        }
        if let Some(v) = self.date_of_birth {
            i.date_of_birth = Some(v);
            if !age_given {
                i.estimated_age = None;
            }
        }
        if let Some(v) = self.estimated_age {
            i.estimated_age = Some(v);
            if !dob_given {
                i.date_of_birth = None;
            }
        }
        if let Some(v) = self.age_uncertain {
            i.age_uncertain = v;
        }
        if let Some(v) = self.nationalities {
            i.nationalities = v;
        }
        if let Some(v) = self.languages {
            i.languages = v;
        }
        if let Some(v) = self.contact {
            i.contact = Some(v);
        }
        if let Some(v) = self.location {
            i.location = Some(v);
        }
        if let Some(v) = self.notes {
            i.notes = Some(v);
        }
        i
    }
}

pub(crate) fn person_out(
    id: PersonId,
    r: &PersonRecord,
    created: i64,
    updated: i64,
    withheld: haven_core::access::Categories,
) -> PersonOut {
    let (date_of_birth, estimated_age, age_uncertain) = match r.birth {
        Birth::Unknown => (None, None, false),
        Birth::DateOfBirth(d) => (Some(format_date(d)), None, false),
        Birth::Estimated { years, uncertain } => (None, Some(u16::from(years)), uncertain),
    };
    PersonOut {
        id: id.to_string(),
        full_name: r.full_name.as_str().to_owned(),
        other_names: r.other_names.iter().map(|n| n.as_str().to_owned()).collect(),
        latin_name: r.latin_name.as_ref().map(|n| n.as_str().to_owned()),
        sex: r.sex.clone(),
        date_of_birth,
        estimated_age,
        age_uncertain,
        may_be_child: r.birth.may_be_child(today()),
        nationalities: r.nationalities.iter().map(|c| c.as_str().to_owned()).collect(),
        languages: r.languages.iter().map(|l| l.as_str().to_owned()).collect(),
        contact: r.contact.clone(),
        location: (!withheld.contains(haven_core::access::Category::ContactLocation))
            .then(|| r.location.as_str().to_owned()),
        notes: r.notes.clone(),
        created_at: rfc3339(created),
        updated_at: rfc3339(updated),
        withheld: withheld.iter().map(|c| c.as_str().to_owned()).collect(),
    }
}

fn summary_out(p: &PersonSummary) -> PersonSummaryOut {
    PersonSummaryOut {
        id: p.id.to_string(),
        full_name: p.full_name.clone(),
        latin_name: p.latin_name.clone(),
        location: p.location.as_str().to_owned(),
        created_at: rfc3339(p.created_at_ms),
    }
}

fn view_out(v: PersonView) -> Result<PersonOut, WebError> {
    match v.state {
        PersonState::Active(r) => Ok(person_out(v.id, &r, v.created_at_ms, v.updated_at_ms, v.withheld)),
        PersonState::Erased { .. } => Err(WebError::Erased),
    }
}

#[utoipa::path(post, path = "/api/v1/persons", request_body = PersonCreate, tag = "persons",
    responses((status = 201, body = Created), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub(crate) async fn create_person(
    State(state): State<AppState>,
    caller: Caller,
    JsonBody(body): JsonBody<PersonCreate>,
) -> Result<impl IntoResponse, WebError> {
    let scope = caller.scope(&state, Permission::WritePerson).await?;
    let record = PersonRecord::parse(&body.into_input(), today())?;
    let id = state.store.create_person(&scope, &record).await?;
    Ok((StatusCode::CREATED, Json(Created { id: id.to_string() })))
}

#[utoipa::path(get, path = "/api/v1/persons", params(ListQuery), tag = "persons",
    responses((status = 200, body = PersonList), (status = 401, body = ErrorBody)))]
pub(crate) async fn list_persons(
    State(state): State<AppState>,
    caller: Caller,
    QueryParams(q): QueryParams<ListQuery>,
) -> Result<Json<PersonList>, WebError> {
    let scope = caller.scope(&state, Permission::ReadPerson).await?;
    let page = Page::new(q.page.unwrap_or(1), q.per_page.unwrap_or(50));
    let filter = q.filter()?;
    let listing = match q.q.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(query) => state.store.search_persons(&scope, query, page).await?,
        None => state.store.list_persons_filtered(&scope, page, &filter).await?,
    };
    Ok(Json(PersonList {
        items: listing.items.iter().map(summary_out).collect(),
        page: page.number,
        per_page: page.size,
        has_more: listing.has_more,
    }))
}

#[utoipa::path(get, path = "/api/v1/persons/{id}", params(("id" = String, Path)), tag = "persons",
    responses((status = 200, body = PersonOut), (status = 404, body = ErrorBody), (status = 410, description = "erased", body = ErrorBody)))]
pub(crate) async fn get_person(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<PersonOut>, WebError> {
    let scope = caller.scope(&state, Permission::ReadPerson).await?;
    let view = state.store.get_person(&scope, parse_id(&id)?).await?;
    Ok(Json(view_out(view)?))
}

#[utoipa::path(patch, path = "/api/v1/persons/{id}", params(("id" = String, Path)), request_body = PersonPatch, tag = "persons",
    responses((status = 200, body = PersonOut), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub(crate) async fn update_person(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    JsonBody(patch): JsonBody<PersonPatch>,
) -> Result<Json<PersonOut>, WebError> {
    let scope = caller.scope(&state, Permission::WritePerson).await?;
    let id: PersonId = parse_id(&id)?;
    let view = state
        .store
        .update_person(&scope, id, |current| Ok(PersonRecord::parse(&patch.apply(current.to_input()), today())?))
        .await?;
    Ok(Json(view_out(view)?))
}

#[utoipa::path(post, path = "/api/v1/persons/{id}/erase", params(("id" = String, Path)), tag = "persons",
    responses((status = 204, description = "erased; the record's key is destroyed"), (status = 404, body = ErrorBody), (status = 410, body = ErrorBody)))]
pub(crate) async fn erase_person(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<StatusCode, WebError> {
    let scope = caller.scope(&state, Permission::ErasePerson).await?;
    state.store.erase_person(&scope, parse_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// One changed field of a person's record.
#[derive(Serialize, ToSchema)]
pub struct PersonChangeOut {
    /// RFC 3339.
    changed_at: String,
    /// The user id of whoever changed it.
    changed_by: String,
    /// full_name, other_names, latin_name, sex, birth, nationalities, languages, contact, location, notes.
    field: &'static str,
    /// The value before, in the record's stable text form (birth as
    /// `dob:YYYY-MM-DD`, `est:YEARS:certain|uncertain` or `unknown`; lists
    /// joined by `, `); empty when the field was empty.
    old: String,
    new: String,
}

#[derive(Serialize, ToSchema)]
pub struct PersonHistory {
    /// Oldest first.
    changes: Vec<PersonChangeOut>,
}

#[utoipa::path(get, path = "/api/v1/persons/{id}/history", params(("id" = String, Path)), tag = "persons",
    description = "Who changed which field of a person's record, when, and from what to what. Only for readers who see the whole record (R17): a withheld field's old values would leak through its history.",
    responses((status = 200, body = PersonHistory), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub(crate) async fn person_history(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<PersonHistory>, WebError> {
    let scope = caller.scope(&state, Permission::ReadPerson).await?;
    let entries = state.store.person_history(&scope, parse_id(&id)?).await?;
    Ok(Json(PersonHistory {
        changes: entries
            .into_iter()
            .map(|e| PersonChangeOut {
                changed_at: rfc3339(e.changed_at_ms),
                changed_by: e.changed_by,
                field: e.change.field.as_str(),
                old: e.change.old,
                new: e.change.new,
            })
            .collect(),
    }))
}

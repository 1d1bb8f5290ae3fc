use crate::kit::prelude::*;

struct ServiceRow {
    type_code: &'static str,
    type_label: String,
    provider: String,
    name: String,
    languages: String,
    location: String,
    eligibility: String,
    capacity: String,
    contact: String,
    /// Set when the reader's organisation added it and may remove it.
    remove_id: Option<String>,
}

#[derive(Template)]
#[template(path = "services.html")]
pub(crate) struct ServicesPage {
    l: Layout,
    csrf: String,
    message: Option<String>,
    error: Option<String>,
    services: Vec<ServiceRow>,
    types: Vec<(&'static str, String)>,
    sexes: Vec<(&'static str, String)>,
    filter_type: String,
    filter_country: String,
    filter_language: String,
    filter_q: String,
}

fn service_row(tr: &Tr, s: &haven_core::services::Service, remove_id: Option<String>) -> ServiceRow {
    let mut elig = vec![tr.t(&format!("svc-sex-{}", s.sex))];
    match (s.min_age, s.max_age) {
        (Some(a), Some(b)) => elig.push(format!("{a}–{b}")),
        (Some(a), None) => elig.push(format!("{a}+")),
        (None, Some(b)) => elig.push(format!("≤{b}")),
        (None, None) => {}
    }
    ServiceRow {
        type_code: s.service_type,
        type_label: tr.t(&format!("svc-type-{}", s.service_type)),
        provider: s.provider.clone(),
        name: s.name.clone(),
        languages: s.languages.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(", "),
        location: format!("{} {}", s.location, s.country.as_str()).trim().to_owned(),
        eligibility: elig.join(" · "),
        capacity: s.capacity.map(|c| c.to_string()).unwrap_or_default(),
        contact: s.contact.clone(),
        remove_id,
    }
}

pub(crate) async fn services_view(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    q: &super::api::ServiceQuery,
    message: Option<String>,
    error: Option<String>,
) -> Result<ServicesPage, WebError> {
    let scope = caller.scope(state, Permission::ReadCase).await?;
    let list = state.store.list_services(&scope, &q.filter()).await?;
    Ok(ServicesPage {
        l: Layout::new(tr, Some(caller), "/services"),
        csrf: caller.csrf().to_owned(),
        message,
        error,
        services: list.iter().map(|v| service_row(tr, &v.service, v.own.then(|| v.id.to_string()))).collect(),
        types: haven_core::services::SERVICE_TYPES.iter().map(|t| (*t, tr.t(&format!("svc-type-{t}")))).collect(),
        sexes: haven_core::services::ELIGIBLE_SEX.iter().map(|s| (*s, tr.t(&format!("svc-sex-{s}")))).collect(),
        filter_type: q.service_type.clone().unwrap_or_default(),
        filter_country: q.country.clone().unwrap_or_default(),
        filter_language: q.language.clone().unwrap_or_default(),
        filter_q: q.q.clone().unwrap_or_default(),
    })
}

pub(crate) async fn services_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Query(q): Query<super::api::ServiceQuery>,
) -> PageResult {
    render(&services_view(&state, &tr, &caller, &q, None, None).await?)
}

pub(crate) async fn services_csv(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Query(q): Query<super::api::ServiceQuery>,
) -> PageResult {
    Ok(super::api::csv_response(&state, &caller, &q).await?)
}

pub(crate) async fn services_xlsx(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Query(q): Query<super::api::ServiceQuery>,
) -> PageResult {
    Ok(super::api::xlsx_response(&state, &caller, &q).await?)
}

/// Imports an uploaded CSV or XLSX file (multipart form), all rows or none.
pub(crate) async fn service_file_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    form: axum::extract::Multipart,
) -> PageResult {
    let upload = Upload::read(&caller, form).await?;
    let file = upload.file("file").map(|f| (f.content_type.clone(), f.bytes.clone()));
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let q = super::api::ServiceQuery::default();
    let parsed = match &file {
        Some((t, bytes)) if !bytes.is_empty() => {
            haven_formats::directory::parse_spreadsheet(t.as_deref(), bytes).map_err(WebError::from)
        }
        _ => Err(WebError::BadRequest(tr.t("svc-import-no-file"))),
    };
    service_import_outcome(&state, &tr, &caller, &scope, &q, parsed).await
}

pub(crate) async fn service_remove_submit(
    State(state): State<AppState>,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<NoFields>,
) -> PageResult {
    state.store.remove_service(&caller.scope(&state, Permission::WriteCase).await?, parse_id(&id)?).await?;
    Ok(Redirect::to("/services").into_response())
}

/// Adds one entry, or shows the page again with what is wrong.
pub(crate) async fn service_add_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Form(mut form): Form<std::collections::BTreeMap<String, String>>,
) -> PageResult {
    caller.check_form_csrf(form.remove("csrf").as_deref().unwrap_or_default())?;
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let q = super::api::ServiceQuery::default();
    match haven_core::services::Service::parse(&form) {
        Ok(s) => {
            state.store.add_services(&scope, std::slice::from_ref(&s)).await?;
            Ok(Redirect::to("/services").into_response())
        }
        Err(v) => {
            let page = services_view(&state, &tr, &caller, &q, None, Some(validation_message(&tr, &v))).await?;
            let mut res = render(&page)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
    }
}

#[derive(Deserialize)]
pub(crate) struct ImportForm {
    csv: String,
}

/// Imports pasted CSV: all rows or none.
pub(crate) async fn service_import_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    CsrfForm(form): CsrfForm<ImportForm>,
) -> PageResult {
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    let q = super::api::ServiceQuery::default();
    let parsed = haven_formats::directory::parse_csv(form.csv.as_bytes()).map_err(WebError::from);
    service_import_outcome(&state, &tr, &caller, &scope, &q, parsed).await
}

/// Adds what was parsed, or shows the page again with why nothing was added.
pub(crate) async fn service_import_outcome(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    scope: &haven_core::access::Scope,
    q: &super::api::ServiceQuery,
    parsed: Result<Vec<haven_core::services::Service>, WebError>,
) -> PageResult {
    match parsed {
        Ok(services) => {
            state.store.add_services(scope, &services).await?;
            let msg = tr.t_with("svc-imported", "n", services.len() as i64);
            render(&services_view(state, tr, caller, q, Some(msg), None).await?)
        }
        Err(e) => {
            let msg = format!("{}: {e}", tr.t("svc-import-refused"));
            let page = services_view(state, tr, caller, q, None, Some(msg)).await?;
            let mut res = render(&page)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
    }
}

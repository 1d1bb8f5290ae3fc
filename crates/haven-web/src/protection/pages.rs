use crate::kit::prelude::*;

/// One record on the protection page, with its fields labelled.
struct ProtectionRow {
    kind: &'static str,
    label: String,
    status_code: String,
    status: String,
    made_on: String,
    fields: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "protection.html")]
pub(crate) struct ProtectionPage {
    l: Layout,
    csrf: String,
    id: String,
    name: String,
    child: bool,
    error: Option<String>,
    return_rows: Vec<ProtectionRow>,
    child_rows: Vec<ProtectionRow>,
    claim_rows: Vec<ProtectionRow>,
    losses: Vec<(&'static str, String)>,
    claim_statuses: Vec<(&'static str, String)>,
    stay: Vec<String>,
    risks: Vec<(&'static str, String)>,
    levels: Vec<(&'static str, String)>,
    /// A return risk may also be recorded as not assessed yet (R21): only
    /// the risks R21 names must be rated before a return is planned.
    risk_levels: Vec<(&'static str, String)>,
    recommendations: Vec<(&'static str, String)>,
    today: String,
    /// A refused form comes back filled in as it was sent, and open.
    refused: Option<(&'static str, std::collections::BTreeMap<String, String>)>,
}

impl ProtectionPage {
    fn is_open(&self, kind: &str) -> bool {
        self.refused.as_ref().is_some_and(|(k, _)| *k == kind)
    }

    fn val(&self, kind: &str, field: &str) -> &str {
        match &self.refused {
            Some((k, f)) if *k == kind => f.get(field).map(String::as_str).unwrap_or_default(),
            _ => "",
        }
    }

    fn picked(&self, kind: &str, field: &str, value: &str) -> bool {
        self.val(kind, field) == value
    }
}

/// How a stored value reads on the page: codes are translated, text is not.
fn protection_value(tr: &Tr, field: &str, value: &str) -> String {
    let key = match field {
        f if haven_core::protection::RETURN_RISKS.contains(&f) || f == "level" => format!("prot-level-{value}"),
        "recommendation" => format!("prot-rec-{value}"),
        "travel_documents" => format!("prot-docs-{value}"),
        "claim_status" => format!("prot-status-{value}"),
        "consent_free_prior_informed" | "child_heard" => "prot-yes".to_owned(),
        _ => return value.to_owned(),
    };
    if tr.has(&key) {
        tr.t(&key)
    } else {
        value.to_owned()
    }
}

pub(crate) async fn protection_view(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    id: &str,
    error: Option<String>,
) -> Result<ProtectionPage, WebError> {
    let pid: PersonId = id.parse().map_err(|_| WebError::NotFound)?;
    let person = state.store.get_person(&caller.scope(state, Permission::ReadPerson).await?, pid).await?;
    let PersonState::Active(r) = person.state else { return Err(WebError::Erased) };
    let (rows, child) = state.store.list_protection(&caller.scope(state, Permission::ReadCase).await?, pid).await?;
    let records: Vec<_> = rows.iter().map(|v| v.record.clone()).collect();
    let stay =
        haven_core::protection::stay_pathways(&records).iter().map(|p| tr.t(&format!("prot-stay-{p}"))).collect();
    let mut return_rows = Vec::new();
    let mut child_rows = Vec::new();
    let mut claim_rows = Vec::new();
    for v in rows {
        let kind = v.record.kind;
        let status_key = format!("prot-status-{}", v.record.status);
        let row = ProtectionRow {
            kind: kind.as_str(),
            label: tr.t(&format!("prot-kind-{}", kind.as_str())),
            status: if tr.has(&status_key) { tr.t(&status_key) } else { v.record.status.clone() },
            status_code: v.record.status,
            made_on: format_date(v.record.made_on),
            fields: v
                .record
                .fields
                .iter()
                .filter(|(_, val)| !val.is_empty())
                .map(|(f, val)| (tr.t(&format!("prot-field-{f}")), protection_value(tr, f, val)))
                .collect(),
        };
        if kind == haven_core::protection::Kind::NeedsAssessment {
            // Shown with the referrals it drives.
            continue;
        } else if kind == haven_core::protection::Kind::CompensationClaim {
            claim_rows.push(row);
        } else if kind.child_only() {
            child_rows.push(row);
        } else {
            return_rows.push(row);
        }
    }
    let level_codes = ["low", "medium", "high"];
    Ok(ProtectionPage {
        l: Layout::new(tr, Some(caller), &format!("/persons/{id}/protection")),
        csrf: caller.csrf().to_owned(),
        id: id.to_owned(),
        name: r.full_name.as_str().to_owned(),
        child,
        error,
        return_rows,
        child_rows,
        claim_rows,
        losses: haven_core::protection::LOSS_KINDS.iter().map(|k| (*k, tr.t(&format!("prot-field-{k}")))).collect(),
        claim_statuses: haven_core::protection::CLAIM_STATUSES
            .iter()
            .map(|k| (*k, tr.t(&format!("prot-status-{k}"))))
            .collect(),
        stay,
        risks: haven_core::protection::RETURN_RISKS.iter().map(|k| (*k, tr.t(&format!("prot-field-{k}")))).collect(),
        levels: level_codes.iter().map(|k| (*k, tr.t(&format!("prot-level-{k}")))).collect(),
        risk_levels: level_codes
            .iter()
            .chain(std::iter::once(&haven_core::protection::NOT_ASSESSED))
            .map(|k| (*k, tr.t(&format!("prot-level-{k}"))))
            .collect(),
        recommendations: haven_core::protection::BEST_INTERESTS_RECOMMENDATIONS
            .iter()
            .map(|k| (*k, tr.t(&format!("prot-rec-{k}"))))
            .collect(),
        today: format_date(today()),
        refused: None,
    })
}

/// The person's return, stay and child-protection file.
pub(crate) async fn protection_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
) -> PageResult {
    render(&protection_view(&state, &tr, &caller, &id, None).await?)
}

/// Records a step, or shows the page again with the rule that refused it.
pub(crate) async fn protection_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path((id, kind)): Path<(String, String)>,
    Form(mut form): Form<std::collections::BTreeMap<String, String>>,
) -> PageResult {
    caller.check_form_csrf(form.remove("csrf").as_deref().unwrap_or_default())?;
    let pid: PersonId = id.parse().map_err(|_| WebError::NotFound)?;
    let kind = haven_core::protection::Kind::parse(&kind)?;
    let scope = caller.scope(&state, Permission::WriteCase).await?;
    // The needs assessment is recorded from the referrals page, and returns there.
    let back = if form.remove("back").as_deref() == Some("referrals") { "referrals" } else { "protection" };
    match state.store.record_protection(&scope, pid, kind, &form).await {
        Ok(_) => Ok(Redirect::to(&format!("/persons/{id}/{back}")).into_response()),
        Err(haven_store::StoreError::Invalid(v)) => {
            let mut page = protection_view(&state, &tr, &caller, &id, Some(validation_message(&tr, &v))).await?;
            page.refused = Some((kind.as_str(), form));
            let mut res = render(&page)?;
            *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            Ok(res)
        }
        Err(e) => Err(e.into()),
    }
}

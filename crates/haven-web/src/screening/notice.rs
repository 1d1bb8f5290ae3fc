use crate::kit::prelude::*;

#[derive(Template)]
#[template(path = "notice.html")]
pub(crate) struct NoticePage {
    ui: Tr,
    /// The caseworker's language first, then the authority's, if different.
    languages: Vec<Tr>,
    date: String,
    name: String,
    latin: String,
    nationalities: String,
    org: String,
    detained: bool,
    scope_note: String,
    reference: String,
    /// The first of the person's languages that haven speaks, if any: the
    /// PDF is written in it and in the authority's language.
    person_language: Option<&'static str>,
}

/// A printable notice asking authorities not to punish or detain a person
/// with reasonable grounds, in the caseworker's and the authority's
/// languages. Only available once reasonable grounds are found (R11); its
/// scope is open-ended (R12).
pub(crate) async fn notice_page(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    Query(q): Query<NoticeQuery>,
) -> PageResult {
    render(&build_notice(&state, &tr, &caller, &id, q.lang.as_deref()).await?.0)
}

/// The same notice as a PDF to download, print or hand over (R11, R12).
pub(crate) async fn notice_pdf(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    Query(q): Query<NoticeQuery>,
) -> PageResult {
    Ok(notice_pdf_response(&state, &tr, &caller, &id, q.lang.as_deref()).await?)
}

/// The notice PDF for the browser and the API alike.
pub(crate) async fn notice_pdf_response(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    id: &str,
    lang: Option<&str>,
) -> Result<Response, WebError> {
    let (page, _) = build_notice(state, tr, caller, id, lang).await?;
    // The person's language first, so that they can read what they carry;
    // then the authority's. The caseworker's only when neither is known.
    let langs = document_languages(tr, [page.person_language, lang.map(|l| Tr::new(l).code())]);
    pdf_attachment(&notice_doc(&page, &langs), &format!("non-punishment-notice-{}.pdf", page.reference))
}

/// The notice's text, block by block, once per language.
fn notice_doc(page: &NoticePage, languages: &[Tr]) -> haven_pdf::Doc {
    use haven_pdf::Block;
    let mut blocks = Vec::new();
    for (i, tr) in languages.iter().enumerate() {
        if i > 0 {
            blocks.push(Block::Space);
        }
        blocks.push(Block::Title(tr.t("notice-title")));
        blocks.push(Block::Para(tr.t("notice-to")));
        blocks.push(Block::Para(tr.t_with("notice-finding", "date", page.date.clone())));
        blocks.push(Block::Heading(format!("{}: {}", tr.t("field-full_name"), page.name)));
        if !page.latin.is_empty() {
            blocks.push(Block::Para(format!("{}: {}", tr.t("field-latin_name"), page.latin)));
        }
        if !page.nationalities.is_empty() {
            blocks.push(Block::Para(format!("{}: {}", tr.t("field-nationalities"), page.nationalities)));
        }
        blocks.push(Block::Para(format!("{}: {}", tr.t("notice-issued-by"), page.org)));
        blocks.push(Block::Para(tr.t("notice-principle")));
        for key in ["notice-scope-immigration", "notice-scope-status", "notice-scope-crimes"] {
            blocks.push(Block::Bullet(tr.t(key)));
        }
        blocks.push(Block::Para(tr.t("notice-not-exhaustive")));
        if page.detained {
            blocks.push(Block::Heading(tr.t("notice-release")));
        }
        blocks.push(Block::Small(format!("{} {}", tr.t("notice-law"), page.scope_note)));
        blocks.push(Block::Small(format!("{}: {}", tr.t("notice-reference"), page.reference)));
    }
    haven_pdf::Doc {
        title: languages.first().map(|t| t.t("notice-title")).unwrap_or_default(),
        lang: languages.first().map(|t| t.code().to_owned()).unwrap_or_default(),
        blocks,
    }
}

/// The notice for a screening with reasonable grounds, and the person it names.
pub(crate) async fn build_notice(
    state: &AppState,
    tr: &Tr,
    caller: &Caller,
    id: &str,
    lang: Option<&str>,
) -> Result<(NoticePage, PersonId), WebError> {
    {
        let scope = caller.scope(state, Permission::ReadCase).await?;
        let view = state.store.get_screening(&scope, parse_id(id)?).await?;
        if view.outcome.as_deref() != Some("reasonable_grounds") {
            return Err(WebError::NotFound);
        }
        let person =
            state.store.get_person(&caller.scope(state, Permission::ReadPerson).await?, view.person_id).await?;
        let PersonState::Active(r) = person.state else { return Err(WebError::Erased) };
        let orgs = state.store.list_orgs().await?;
        let own = orgs.iter().find(|o| o.id == caller.user.org_id);
        let jur = haven_core::screening::jurisdiction::for_country(own.and_then(|o| o.country.as_deref()));
        // The language the person was interviewed in speaks for them
        // better than a list of languages they know.
        let person_language = std::iter::once(view.survivor_language.as_str())
            .chain(r.languages.iter().map(|l| l.as_str()))
            .find_map(crate::kit::download::known_language);
        // The person's language and the authority's, as in the PDF: what is
        // printed, shown and sent to an inbox is one document.
        let authority = lang.and_then(crate::kit::download::known_language);
        let languages = document_languages(tr, [person_language, authority]);
        let page = NoticePage {
            ui: tr.clone(),
            languages,
            date: view.completed_at_ms.map(local_date).unwrap_or_default(),
            name: r.full_name.as_str().to_owned(),
            latin: r.latin_name.as_ref().map(|n| n.as_str().to_owned()).unwrap_or_default(),
            nationalities: r.nationalities.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", "),
            org: own.map(|o| o.name.clone()).unwrap_or_default(),
            detained: r.location.is_detention()
                && !person.withheld.contains(haven_core::access::Category::ContactLocation),
            scope_note: jur.non_punishment_scope.to_owned(),
            reference: view.id.to_string(),
            person_language,
        };
        Ok((page, view.person_id))
    }
}

#[derive(Deserialize)]
pub(crate) struct SendNoticeForm {
    recipient_org_id: String,
    lang: Option<String>,
}

/// Sends the notice to an authority's inbox, if the person consented to
/// exactly that (R17); the authority sees the notice and nothing else (R16).
pub(crate) async fn send_notice_submit(
    State(state): State<AppState>,
    tr: Tr,
    PageCaller(caller): PageCaller,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<SendNoticeForm>,
) -> PageResult {
    let recipient = form.recipient_org_id.parse().map_err(|_| WebError::NotFound)?;
    let (page, person) = build_notice(&state, &tr, &caller, &id, form.lang.as_deref()).await?;
    let html = page.render().map_err(|e| WebError::Internal(format!("template: {e}")))?;
    let write = caller.scope(&state, Permission::WriteCase).await?;
    let read = caller.scope(&state, Permission::ReadPerson).await?;
    state.store.send_to_inbox(&write, &read, person, recipient, "non_punishment_notice", &html).await?;
    Ok(Redirect::to(&format!("/screenings/{id}?sent=1")).into_response())
}

#[derive(Deserialize)]
pub(crate) struct NoticeQuery {
    /// The authority's language.
    pub(crate) lang: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// R11, R12: the notice's wording is a legal text; any change to it shows
    /// up as a snapshot diff to be read before it ships.
    #[test]
    fn r12_notice_text_snapshot() {
        let page = NoticePage {
            ui: Tr::new("en"),
            languages: vec![Tr::new("en"), Tr::new("th")],
            date: "2026-11-25".into(),
            name: "Nguyễn Thị Hoa".into(),
            latin: String::new(),
            nationalities: "VNM".into(),
            org: "Example Shelter".into(),
            detained: true,
            scope_note: haven_core::screening::jurisdiction::for_country(Some("THA")).non_punishment_scope.into(),
            reference: "00000000-0000-4000-8000-000000000000".into(),
            person_language: Some("vi"),
        };
        insta::assert_snapshot!(page.render().unwrap());
    }

    /// R12, R13: the PDF carries the same open-ended scope and, for a
    /// detained person, the request for release, in every language asked.
    #[test]
    fn r12_r13_notice_pdf_has_the_open_scope_and_the_release_request_in_each_language() {
        let page = NoticePage {
            ui: Tr::new("en"),
            languages: vec![Tr::new("en")],
            date: "2026-11-25".into(),
            name: "Nguyễn Thị Hoa".into(),
            latin: String::new(),
            nationalities: "VNM".into(),
            org: "Example Shelter".into(),
            detained: true,
            scope_note: String::new(),
            reference: "ref".into(),
            person_language: Some("vi"),
        };
        let langs = [Tr::new("vi"), Tr::new("th")];
        let doc = notice_doc(&page, &langs);
        assert_eq!(doc.lang, "vi");
        for tr in &langs {
            for key in [
                "notice-scope-immigration",
                "notice-scope-status",
                "notice-scope-crimes",
                "notice-not-exhaustive",
                "notice-release",
            ] {
                let want = tr.t(key);
                assert!(
                    doc.blocks.iter().any(|b| matches!(b, haven_pdf::Block::Bullet(t) | haven_pdf::Block::Para(t) | haven_pdf::Block::Heading(t) if *t == want)),
                    "{} lacks {key}",
                    tr.code()
                );
            }
        }
        let pdf = haven_pdf::render(&doc).unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        let not_detained = NoticePage { detained: false, ..page };
        let doc = notice_doc(&not_detained, &langs);
        let release = Tr::new("vi").t("notice-release");
        assert!(!doc.blocks.iter().any(|b| matches!(b, haven_pdf::Block::Heading(t) if *t == release)));
    }
}

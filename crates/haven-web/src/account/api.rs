use crate::kit::prelude::*;

#[derive(Serialize, ToSchema)]
pub struct MeOut {
    id: String,
    username: String,
    role: String,
    org_id: String,
    org_kind: String,
}

#[utoipa::path(get, path = "/api/v1/me", tag = "access", responses((status = 200, body = MeOut), (status = 401, body = ErrorBody)))]
pub(crate) async fn me(caller: Caller) -> Json<MeOut> {
    Json(MeOut {
        id: caller.user.id.to_string(),
        username: caller.user.username.clone(),
        role: caller.user.role.as_str().to_owned(),
        org_id: caller.user.org_id.to_string(),
        org_kind: caller.user.org_kind.as_str().to_owned(),
    })
}

/// Where one's own "you have new notifications" e-mails go. The e-mail
/// says how many and links to haven; never what or whom.
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NotificationEmail {
    /// Null or absent: no e-mails.
    email: Option<String>,
    /// The language of the e-mails (one of haven's nine); defaults to the request's.
    #[serde(default)]
    language: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/account/notification-email", tag = "access",
    responses((status = 200, body = NotificationEmail), (status = 401, body = ErrorBody)))]
pub(crate) async fn get_notification_email(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<NotificationEmail>, WebError> {
    let email = state.store.notification_email(caller.user.id).await?;
    Ok(Json(NotificationEmail { email, language: None }))
}

#[utoipa::path(put, path = "/api/v1/account/notification-email", tag = "access", request_body = NotificationEmail,
    responses((status = 204, description = "saved"), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub(crate) async fn set_notification_email(
    State(state): State<AppState>,
    tr: Tr,
    caller: Caller,
    JsonBody(body): JsonBody<NotificationEmail>,
) -> Result<StatusCode, WebError> {
    // Where the account's news goes is a change to the account: a token
    // made only to read cannot redirect it.
    if let Credential::Bearer { scopes } = &caller.credential {
        if !scopes.contains(&haven_core::access::TokenScope::Write) {
            return Err(WebError::Forbidden);
        }
    }
    let email = body
        .email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(haven_core::notify::EmailAddress::parse)
        .transpose()?;
    let language = match body.language.as_deref() {
        None => tr.code().to_owned(),
        Some(l) => crate::kit::i18n::LANGUAGES
            .iter()
            .find(|(code, _)| *code == l.trim())
            .map(|(code, _)| (*code).to_owned())
            .ok_or_else(|| {
                ValidationError::new("language", "invalid_language", "choose one of haven's nine languages")
            })?,
    };
    state.store.set_notification_email(caller.user.id, email.as_ref(), &language).await?;
    Ok(StatusCode::NO_CONTENT)
}

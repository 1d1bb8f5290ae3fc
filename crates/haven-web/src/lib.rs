//! haven's HTTP layer: the JSON API under `/api/v1`, its OpenAPI document,
//! and the server-rendered web UI. This is the only crate that knows HTTP
//! and HTML; it turns requests into core types, asks the core's policy for a
//! scope, and calls the store with it.
//!
//! The crate is a kit and rooms (see ARCHITECTURE.md). [`kit`] holds the
//! mechanism: state, errors, the caller and extractors, the page layout,
//! translations, security headers, downloads. Each feature is a folder with
//! its `api()` (JSON handlers, registered once with utoipa-axum, which also
//! documents them) and its `pages()`. A feature uses the kit, the core and
//! the store, never another feature; this file and [`views`] (pages that
//! compose features, like a person's file) are the only places that name
//! features. `tests/it/architecture.rs` in the `haven` crate holds that.

pub mod kit;

mod access;
mod account;
mod admin;
mod ads;
mod cases;
mod consent;
mod cooperation;
mod directory;
mod exchange;
mod family_tracing;
mod inbox;
mod interop;
mod merges;
mod persons;
mod protection;
mod referrals;
mod remedies;
mod screening;
mod statistics;
mod system;
mod tasks;
mod views;

use std::net::SocketAddr;

use axum::extract::DefaultBodyLimit;
use axum::http::Method;
use axum::Router;
use haven_store::Store;
use tokio::net::TcpListener;
use utoipa::openapi::OpenApi as OpenApiDoc;
use utoipa::{Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_swagger_ui::SwaggerUi;

pub use exchange::push::{client as exchange_client, push_due as exchange_push_due, run as exchange_worker};
pub use kit::error::WebError;
pub use kit::mail::{mail_worker, send_due as send_due_mail, MailConfig};
pub use kit::security::IpNet;
pub use kit::state::{WebConfig, MAX_BODY_BYTES};

#[derive(OpenApi)]
#[openapi(
    info(title = "haven API", description = "Case work for people trafficked into scam compounds. \
        Every call is audited with its purpose (header `x-haven-purpose`, default `case_management`)."),
    components(schemas(kit::error::ErrorBody)),
    security(("bearer" = [])),
)]
struct ApiDoc;

/// Every feature's API, with the OpenAPI document they make together.
fn api_router() -> OpenApiRouter<kit::AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(system::api())
        .merge(account::api())
        .merge(persons::api())
        .merge(merges::api())
        .merge(cases::api())
        .merge(consent::api())
        .merge(access::api())
        .merge(admin::api())
        .merge(inbox::api())
        .merge(screening::api())
        .merge(tasks::api())
        .merge(remedies::api())
        .merge(directory::api())
        .merge(protection::api())
        .merge(referrals::api())
        .merge(cooperation::api())
        .merge(ads::api())
        .merge(statistics::api())
        .merge(exchange::api())
        .merge(family_tracing::api())
        .merge(interop::api())
}

/// Every feature's pages, and the pages that compose features.
fn page_routes() -> Vec<kit::routes::RouteDef> {
    [
        system::pages(),
        account::pages(),
        persons::pages(),
        merges::pages(),
        cases::pages(),
        consent::pages(),
        access::pages(),
        admin::pages(),
        inbox::pages(),
        screening::pages(),
        tasks::pages(),
        remedies::pages(),
        directory::pages(),
        protection::pages(),
        referrals::pages(),
        cooperation::pages(),
        ads::pages(),
        statistics::pages(),
        exchange::pages(),
        family_tracing::pages(),
        interop::pages(),
        views::pages(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// The OpenAPI document, with the bearer scheme and the error answers every
/// operation can give.
fn openapi() -> OpenApiDoc {
    let (_, mut doc) = api_router().split_for_parts();
    kit::openapi::BearerAuth.modify(&mut doc);
    kit::openapi::CommonErrors.modify(&mut doc);
    doc
}

/// The whole application as one router.
pub fn app(store: Store, config: WebConfig) -> Router {
    let tls = config.tls;
    // Catalogues a native reviewer corrected (`haven i18n import`), each
    // checked again and applied whole or not at all.
    for r in kit::i18n::load_overrides(&store.config().data_dir.join("i18n")) {
        tracing::warn!(language = r.lang, "reviewed catalogue refused: {}", r.problems.join("; "));
    }
    let state = kit::AppState::new(store, config);
    let (api, _) = api_router().split_for_parts();
    let router = Router::new()
        .merge(api)
        .merge(kit::routes::build(page_routes()))
        .merge(SwaggerUi::new("/api/docs").url("/api/openapi.json", openapi()))
        .route("/api/{*rest}", axum::routing::any(system::api_not_found))
        .fallback(system::not_found_page)
        .method_not_allowed_fallback(|| async { WebError::MethodNotAllowed })
        .layer(axum::middleware::from_fn(kit::page::render_page_errors))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES));
    kit::security::harden(router, tls).with_state(state)
}

/// Every application route as (method, path), API and pages, for the
/// authorisation matrix.
pub fn route_list() -> Vec<(Method, String)> {
    let doc = openapi();
    let mut out = Vec::new();
    for (path, item) in &doc.paths.paths {
        for (method, op) in [
            (Method::GET, &item.get),
            (Method::POST, &item.post),
            (Method::PUT, &item.put),
            (Method::PATCH, &item.patch),
            (Method::DELETE, &item.delete),
        ] {
            if op.is_some() {
                out.push((method, path.clone()));
            }
        }
    }
    out.extend(page_routes().into_iter().map(|d| (d.method, d.path.to_owned())));
    out
}

/// The OpenAPI document as JSON, for tools that want it without a server.
pub fn openapi_json() -> String {
    openapi().to_pretty_json().unwrap_or_default()
}

/// Serves until `shutdown` resolves. Connection info is kept so the login
/// rate limit can key on the client address.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await
}

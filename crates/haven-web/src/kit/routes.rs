//! The pages each feature serves, as data.
//!
//! API routes are registered with utoipa-axum (one registration per
//! endpoint, which also puts it in the OpenAPI document); pages are listed
//! here. `lib.rs` builds the router from both and nothing else, so the
//! authorisation matrix test (`tests/it/matrix.rs` in the `haven` crate) can
//! enumerate exactly the routes that exist: a route without an entry in
//! `docs/authz-matrix.txt` fails that test.

use axum::handler::Handler;
use axum::http::Method;
use axum::routing::MethodRouter;
use axum::Router;

use super::state::AppState;

pub struct RouteDef {
    pub method: Method,
    pub path: &'static str,
    handler: MethodRouter<AppState>,
}

macro_rules! route_fn {
    ($name:ident, $method:ident, $router:ident) => {
        pub fn $name<H, T>(path: &'static str, h: H) -> RouteDef
        where
            H: Handler<T, AppState>,
            T: 'static,
        {
            RouteDef { method: Method::$method, path, handler: axum::routing::$router(h) }
        }
    };
}

route_fn!(get, GET, get);
route_fn!(post, POST, post);
route_fn!(patch, PATCH, patch);
route_fn!(delete, DELETE, delete);

impl RouteDef {
    /// A larger request-body limit for this route only (imports).
    pub fn with_body_limit(mut self, bytes: usize) -> Self {
        self.handler = self.handler.layer(axum::extract::DefaultBodyLimit::max(bytes));
        self
    }
}

pub fn build(defs: Vec<RouteDef>) -> Router<AppState> {
    defs.into_iter().fold(Router::new(), |r, d| r.route(d.path, d.handler))
}

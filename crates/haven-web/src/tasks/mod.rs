//! The task list: what is urgent and due, from the person's file (R13, R20, R22).

mod api;
mod pages;

use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::kit::routes::{self as r, RouteDef};
use crate::kit::AppState;

/// The JSON API: one registration per endpoint, which also documents it.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(api::tasks))
}

/// The pages.
pub fn pages() -> Vec<RouteDef> {
    vec![r::get("/tasks", pages::tasks_page)]
}

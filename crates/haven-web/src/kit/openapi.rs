//! The OpenAPI document's shared parts: the bearer scheme and the error
//! answers every operation can give. Each feature contributes its own paths
//! (utoipa-axum); `lib.rs` assembles them.

use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::Modify;

pub struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The error answers every operation can give, declared on each so the
/// document lists every status code the API really returns: a missing or
/// bad credential (401), a refusal, a failed CSRF check or a password that
/// must change first (403), an unknown id (404), a conflict or a row that
/// failed its integrity check (409), too many guesses (429), bad query
/// parameters (400); and for operations with a body, a body too large
/// (413), of the wrong type (415) or that does not fit the schema (422).
pub struct CommonErrors;

impl Modify for CommonErrors {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{path::Operation, RefOr, Response};
        let error = |description: &str| -> RefOr<Response> {
            RefOr::T(
                utoipa::openapi::ResponseBuilder::new()
                    .description(description)
                    .content(
                        "application/json",
                        utoipa::openapi::ContentBuilder::new()
                            .schema(Some(utoipa::openapi::Ref::from_schema_name("ErrorBody")))
                            .build(),
                    )
                    .build(),
            )
        };
        let always: [(&str, &str); 6] = [
            ("400", "Bad query parameters or an invalid value"),
            ("401", "Authentication required"),
            ("403", "Not permitted, a failed CSRF check, or the password must be changed first"),
            ("404", "Not found, or not yours to see"),
            ("409", "A conflict, or a record that failed its integrity check"),
            ("429", "Too many attempts"),
        ];
        let with_body: [(&str, &str); 3] = [
            ("413", "The body is too large"),
            ("415", "The body is not of the expected type"),
            ("422", "The body does not fit the schema"),
        ];
        let add = |op: &mut Operation, has_id: bool| {
            let has_body = op.request_body.is_some();
            for (code, text) in always.iter().chain(if has_body { with_body.iter() } else { [].iter() }) {
                op.responses.responses.entry((*code).to_owned()).or_insert_with(|| error(text));
            }
            if has_id {
                op.responses
                    .responses
                    .entry("410".to_owned())
                    .or_insert_with(|| error("The person's record has been erased"));
            }
        };
        for (path, item) in openapi.paths.paths.iter_mut() {
            let has_id = path.contains('{');
            for op in
                [item.get.as_mut(), item.post.as_mut(), item.put.as_mut(), item.patch.as_mut(), item.delete.as_mut()]
                    .into_iter()
                    .flatten()
            {
                add(op, has_id);
            }
        }
    }
}

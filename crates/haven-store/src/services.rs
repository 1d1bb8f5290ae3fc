//! The service directory (R19). Providers and what they offer are not
//! personal data, so nothing here is sealed; who added what is audited.

use std::collections::BTreeMap;

use haven_core::access::{Permission, Scope};
use haven_core::audit::{Action, RecordKind};
use haven_core::ids::ServiceId;
use haven_core::services::Service;
use sqlx::Row;

use crate::{new_id_bytes, now_ms, require, Result, Store};

/// Filters for a directory search; empty means any.
#[derive(Debug, Clone, Default)]
pub struct ServiceFilter {
    pub service_type: Option<String>,
    pub country: Option<String>,
    /// A language tag the service must speak.
    pub language: Option<String>,
    /// Words in the provider, name or location.
    pub text: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ServiceView {
    pub id: ServiceId,
    pub service: Service,
    /// Added by the reader's organisation, which alone may remove it.
    pub own: bool,
}

fn row_service(r: &sqlx::any::AnyRow) -> Result<Service> {
    let mut m = BTreeMap::new();
    for c in ["provider", "name", "service_type", "languages", "country", "location", "sex", "contact"] {
        m.insert(c.to_owned(), r.try_get::<String, _>(c)?);
    }
    for c in ["min_age", "max_age", "capacity"] {
        if let Some(n) = r.try_get::<Option<i64>, _>(c)? {
            m.insert(c.to_owned(), n.to_string());
        }
    }
    Ok(Service::parse(&m)?)
}

impl Store {
    /// Adds entries to the directory, all or none: an import with one bad
    /// row adds nothing.
    pub async fn add_services(&self, scope: &Scope, services: &[Service]) -> Result<Vec<ServiceId>> {
        require(scope, Permission::WriteCase)?;
        let mut tx = self.begin().await?;
        let mut ids = Vec::with_capacity(services.len());
        let now = now_ms();
        for s in services {
            let typed = ServiceId::from_random_bytes(new_id_bytes());
            let id = typed.to_string();
            sqlx::query(
                "INSERT INTO services (id, added_by_org, provider, name, service_type, languages, country, location, \
                 sex, min_age, max_age, capacity, contact, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
            )
            .bind(&id)
            .bind(scope.org().to_string())
            .bind(&s.provider)
            .bind(&s.name)
            .bind(s.service_type)
            .bind(s.languages.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(" "))
            .bind(s.country.as_str())
            .bind(&s.location)
            .bind(s.sex)
            .bind(s.min_age.map(i64::from))
            .bind(s.max_age.map(i64::from))
            .bind(s.capacity.map(i64::from))
            .bind(&s.contact)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            ids.push(typed);
        }
        let detail = format!("services added: {}", services.len());
        self.append_scoped(&mut tx, scope, Action::Create, RecordKind::System, "services", &detail).await?;
        tx.commit().await?;
        Ok(ids)
    }

    /// Removes an entry the caller's organisation added (a closed shelter,
    /// a service that moved). Another organisation's entries are not found.
    pub async fn remove_service(&self, scope: &Scope, id: ServiceId) -> Result<()> {
        require(scope, Permission::WriteCase)?;
        let id: &str = &id.to_string();
        let mut tx = self.begin().await?;
        let done = sqlx::query("DELETE FROM services WHERE id = $1 AND added_by_org = $2")
            .bind(id)
            .bind(scope.org().to_string())
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(crate::StoreError::NotFound);
        }
        self.append_scoped(&mut tx, scope, Action::Update, RecordKind::System, id, "service_removed").await?;
        tx.commit().await?;
        Ok(())
    }

    /// Searches the directory, ordered by type, country and provider.
    pub async fn list_services(&self, scope: &Scope, f: &ServiceFilter) -> Result<Vec<ServiceView>> {
        require(scope, Permission::ReadCase)?;
        let rows = sqlx::query(
            "SELECT * FROM services WHERE ($1 = '' OR service_type = $1) AND ($2 = '' OR country = $2) \
             ORDER BY service_type, country, provider, name LIMIT 5000",
        )
        .bind(f.service_type.clone().unwrap_or_default())
        .bind(f.country.clone().unwrap_or_default())
        .fetch_all(&self.pool)
        .await?;
        let words: Vec<String> =
            f.text.as_deref().unwrap_or_default().split_whitespace().map(str::to_lowercase).collect();
        let mut out = Vec::new();
        for r in &rows {
            let service = row_service(r)?;
            if let Some(l) = f.language.as_deref().filter(|l| !l.is_empty()) {
                if !service.languages.iter().any(|t| t.as_str() == l || t.as_str().starts_with(&format!("{l}-"))) {
                    continue;
                }
            }
            let hay = format!("{} {} {}", service.provider, service.name, service.location).to_lowercase();
            if !words.iter().all(|w| hay.contains(w)) {
                continue;
            }
            let own = r.try_get::<String, _>("added_by_org")? == scope.org().to_string();
            out.push(ServiceView { id: r.try_get::<String, _>("id")?.parse()?, service, own });
        }
        Ok(out)
    }
}

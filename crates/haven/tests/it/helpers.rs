use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::Output;

use haven_store::testdb;
use haven_store::{Backend, Store, StoreConfig};
use reqwest::{Client, RequestBuilder, Response};
use serde_json::{json, Value};

pub struct TestApp {
    pub dir: tempfile::TempDir,
    pub addr: SocketAddr,
    pub store: Store,
    pub token: String,
    pub client: Client,
    pub database_url: Option<String>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

pub fn backend() -> Backend {
    testdb::backend_under_test()
}

impl TestApp {
    pub async fn spawn() -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let database_url = match backend() {
            Backend::Postgres => Some(testdb::fresh_postgres_url().await.unwrap()),
            Backend::Sqlite => None,
        };
        let config = StoreConfig {
            data_dir: dir.path().join("data"),
            database_url: database_url.clone(),
            master_key_file: None,
            create_key: true,
        };
        let store = Store::open(config).await.unwrap();
        store.bootstrap().await.unwrap().unwrap();
        // The bootstrap admin is a system administrator and reads no case
        // data; tests act as a supervisor of the first organisation.
        let org = store.org_by_name("Local organisation").await.unwrap();
        store
            .create_user(
                &haven_core::access::OrgAdmin::key_holder(org),
                "sup",
                haven_core::access::Role::Supervisor,
                "a-long-test-password",
                false,
            )
            .await
            .unwrap();
        let (_, token) = store.create_confirmed_token("sup").await.unwrap();
        let app = haven_web::app(store.clone(), haven_web::WebConfig::new(false, true));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(haven_web::serve(listener, app, async move {
            let _ = rx.await;
        }));
        TestApp { dir, addr, store, token, client: Client::new(), database_url, shutdown: Some(tx) }
    }

    /// Creates a user (and their organisation if new) and returns a token.
    pub async fn user_token(&self, org: &str, kind: &str, role: &str, username: &str) -> String {
        let org_id = match self.store.org_by_name(org).await {
            Ok(id) => id,
            Err(_) => self.store.create_org(org, kind, Some("THA")).await.unwrap(),
        };
        let role = haven_core::access::Role::parse(role).unwrap();
        self.store
            .create_user(
                &haven_core::access::OrgAdmin::key_holder(org_id),
                username,
                role,
                "a-long-test-password",
                false,
            )
            .await
            .unwrap();
        self.store.create_confirmed_token(username).await.unwrap().1
    }

    /// A page as `username` sees it in a signed-in browser session (second
    /// factor done), in English.
    pub async fn page_as(&self, username: &str, path: &str) -> String {
        let user = self.store.user_by_username(username).await.unwrap();
        let (secret, _) = self.store.create_session(&user, true).await.unwrap();
        self.client
            .get(self.url(path))
            .header("cookie", format!("haven_session={secret}; haven_lang=en"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub fn get(&self, path: &str) -> RequestBuilder {
        self.client.get(self.url(path)).bearer_auth(&self.token)
    }

    pub fn post(&self, path: &str) -> RequestBuilder {
        self.client.post(self.url(path)).bearer_auth(&self.token)
    }

    pub fn patch(&self, path: &str) -> RequestBuilder {
        self.client.patch(self.url(path)).bearer_auth(&self.token)
    }

    pub async fn create_person(&self, body: Value) -> String {
        let res = self.post("/api/v1/persons").json(&body).send().await.unwrap();
        assert_eq!(res.status(), 201, "{:?}", res.text().await);
        res.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned()
    }

    /// An adult of known age. A person whose age nobody knows is presumed a
    /// child (R02), so tests about adults say the age.
    pub async fn create_named(&self, name: &str) -> String {
        self.create_person(json!({ "full_name": name, "estimated_age": 30 })).await
    }

    /// Starts a forced-criminality screening of a person; returns its id.
    pub async fn start_screening(&self, person: &str, language: &str) -> String {
        let res = self
            .post(&format!("/api/v1/persons/{person}/screenings"))
            .json(&json!({"instrument": "forced-criminality", "survivor_language": language}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 201);
        res.json::<Value>().await.unwrap()["id"].as_str().unwrap().to_owned()
    }

    /// Answers a screening with an account that meets act, means and purpose.
    pub async fn answer_reasonable_grounds(&self, screening: &str) {
        let res = self
            .post(&format!("/api/v1/screenings/{screening}/answers"))
            .json(
                &json!({"answers": {"job_differed": "yes", "taken_to_compound": "yes", "crossed_border_unaware": "yes",
                                      "passport_taken": "yes", "confined": "yes", "forced_to_scam": "yes",
                                      "targets_and_scripts": "yes"}}),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
    }

    /// Lets every caseworker of an organisation see every case of it, as
    /// only its own administrator may (R16): made here for the purpose.
    pub async fn widen_caseworker_reach(&self, org_name: &str) {
        let org = self.store.org_by_name(org_name).await.unwrap();
        let username = format!("reach.admin.{}", self.count("users").await);
        self.store
            .create_user(
                &haven_core::access::OrgAdmin::key_holder(org),
                &username,
                haven_core::access::Role::OrgAdmin,
                "a-long-test-password",
                false,
            )
            .await
            .unwrap();
        let admin = self.store.user_by_username(&username).await.unwrap();
        self.store.set_org_caseworkers_see_all(&admin.actor(), org, true).await.unwrap();
    }

    /// Arguments that point a CLI command at this app's data.
    pub fn data_args(&self) -> Vec<String> {
        let mut args = vec!["--data-dir".to_owned(), self.data_dir().display().to_string()];
        if let Some(url) = &self.database_url {
            args.push("--database-url".into());
            args.push(url.clone());
        }
        args
    }

    pub fn cli(&self, args: &[&str]) -> Output {
        let mut all: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        all.extend(self.data_args());
        haven(&all)
    }

    pub async fn count(&self, table: &str) -> i64 {
        use sqlx::Row;
        sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table}"))
            .fetch_one(self.store.pool())
            .await
            .unwrap()
            .try_get("n")
            .unwrap()
    }

    /// Runs SQL as an insider would, then stands for the wait after which
    /// the server reads tokens' owners afresh (`TOKEN_CACHE_TTL`);
    /// `insiders::r16_a_token_re_pointed_in_sql_is_caught_once_its_cached_owner_lapses`
    /// covers that wait itself.
    pub async fn exec(&self, sql: &str) {
        sqlx::query(sql).execute(self.store.pool()).await.unwrap();
        self.store.forget_cached_token_owners();
    }

    /// Runs SQL that stands for time passing (an expiry moved into the past)
    /// and then re-makes the integrity MACs of `table`, as only haven, with
    /// the master key, can. Without this the edit is (rightly) caught as
    /// tampering.
    pub async fn backdate(&self, sql: &str, table: &str) {
        use sqlx::Row;
        self.exec(sql).await;
        let id_col = if table == "sessions" { "id_hash" } else { "id" };
        let rows =
            sqlx::query(&format!("SELECT {id_col} AS id FROM {table}")).fetch_all(self.store.pool()).await.unwrap();
        for r in rows {
            let id: String = r.try_get("id").unwrap();
            self.store.reseal(table, &id).await.unwrap();
        }
    }
}

pub fn haven<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_haven"))
        .args(args)
        .env_remove("HAVEN_MASTER_KEY_FILE")
        .env_remove("HAVEN_DATA_DIR")
        .env_remove("HAVEN_DATABASE_URL")
        .output()
        .unwrap()
}

pub async fn json(res: Response) -> Value {
    res.json().await.unwrap()
}

/// Every file under `dir`, recursively.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let p = entry.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A signed-in browser session: (cookie header, csrf token).
pub async fn session(app: &TestApp, username: &str) -> (String, String) {
    let user = app.store.user_by_username(username).await.unwrap();
    let (secret, csrf) = app.store.create_session(&user, true).await.unwrap();
    (format!("haven_session={secret}; haven_lang=en"), csrf)
}

/// A client that shows redirects instead of following them.
pub fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

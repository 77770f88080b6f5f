//! Configuration: Confluent's keys accepted as-is from a string map, beside a typed builder.
//!
//! Unknown keys are ignored (a converter receives the whole `value.converter.*` family, most of it for others);
//! a bad value is rejected naming its key. Secrets are held in [`Secret`], which never prints its value.

use std::collections::HashMap;
use std::time::Duration;

use url::Url;

use super::auth::{Auth, Secret};
use super::error::ConfigError;
use super::tls::Tls;
use crate::subject::SubjectNameStrategy;

/// Registry client and serializer settings. Build with [`Config::builder`] or [`Config::from_map`].
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Config {
    /// Registry base URLs (credentials removed), tried in order with failover. `mock://scope` is in-process.
    pub urls: Vec<Url>,
    pub auth: Auth,
    pub tls: Tls,
    /// `http.connect.timeout.ms` (Confluent's default 60 s).
    pub connect_timeout: Duration,
    /// `http.read.timeout.ms` (Confluent's default 60 s): the longest wait for each read. A whole answer must also
    /// arrive within `connect_timeout + read_timeout` of the request's start (a server dribbling bytes can't hold
    /// a call without bound).
    pub read_timeout: Duration,
    /// `max.retries`: further attempts after the first on connect errors, timeouts, 408, 429 and 5xx.
    pub max_retries: u32,
    /// `retries.wait.ms`: the first back-off; doubles each retry, with jitter.
    pub retries_wait: Duration,
    /// `retries.max.wait.ms`: the largest back-off (also the cap on a `Retry-After`).
    pub retries_max_wait: Duration,
    /// `max.schemas.per.subject`: bounds each client cache's entry count.
    pub max_schemas_per_subject: u64,
    /// `latest.cache.ttl.sec`: how long a subject's latest version is cached (`None`: no expiry).
    pub latest_cache_ttl: Option<Duration>,
    /// `missing.cache.ttl.sec` (also `missing.{id,schema,version}.cache.ttl.sec`): how long a 404 is remembered
    /// (default 1 s; Confluent's default is 0, off). A schema registered meanwhile by another client is seen once
    /// this expires; registrations through this client clear it at once.
    pub missing_cache_ttl: Duration,
    /// Cap on a registry answer's body (a misbehaving server can't make us allocate without bound).
    pub max_response_bytes: usize,
    /// `auto.register.schemas` (default true).
    pub auto_register_schemas: bool,
    /// `use.latest.version`.
    pub use_latest_version: bool,
    /// `use.schema.id` (-1, i.e. `None`, by default).
    pub use_schema_id: Option<u32>,
    /// `latest.compatibility.strict` (default true).
    pub latest_compatibility_strict: bool,
    /// `normalize.schemas`: send `?normalize=true` when registering and looking up.
    pub normalize_schemas: bool,
    pub key_subject_name_strategy: SubjectNameStrategy,
    pub value_subject_name_strategy: SubjectNameStrategy,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            urls: Vec::new(),
            auth: Auth::None,
            tls: Tls::default(),
            connect_timeout: Duration::from_secs(60),
            read_timeout: Duration::from_secs(60),
            max_retries: 3,
            retries_wait: Duration::from_millis(1000),
            retries_max_wait: Duration::from_millis(20_000),
            max_schemas_per_subject: 1000,
            latest_cache_ttl: Some(Duration::from_secs(60)),
            missing_cache_ttl: Duration::from_secs(1),
            max_response_bytes: 16 << 20,
            auto_register_schemas: true,
            use_latest_version: false,
            use_schema_id: None,
            latest_compatibility_strict: true,
            normalize_schemas: false,
            key_subject_name_strategy: SubjectNameStrategy::TopicName,
            value_subject_name_strategy: SubjectNameStrategy::TopicName,
        }
    }
}

impl Config {
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder { config: Config::default(), error: None, url_auth: None }
    }

    /// Reads Confluent's configuration keys. Unknown keys are ignored; a bad value fails naming its key.
    pub fn from_map(map: &HashMap<String, String>) -> Result<Config, ConfigError> {
        let get = |k: &str| map.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());
        let mut b = Config::builder();
        let urls = get("schema.registry.url").ok_or_else(|| ConfigError::new("schema.registry.url", "missing"))?;
        b = b.urls(urls);
        let c = &mut b.config;
        if let Some(v) = get("http.connect.timeout.ms") {
            c.connect_timeout = Duration::from_millis(num("http.connect.timeout.ms", v)?);
        }
        if let Some(v) = get("http.read.timeout.ms") {
            c.read_timeout = Duration::from_millis(num("http.read.timeout.ms", v)?);
        }
        if let Some(v) = get("max.retries") {
            c.max_retries = num("max.retries", v)?;
        }
        if let Some(v) = get("retries.wait.ms") {
            c.retries_wait = Duration::from_millis(num("retries.wait.ms", v)?);
        }
        if let Some(v) = get("retries.max.wait.ms") {
            c.retries_max_wait = Duration::from_millis(num("retries.max.wait.ms", v)?);
        }
        if let Some(v) = get("max.schemas.per.subject") {
            c.max_schemas_per_subject = num("max.schemas.per.subject", v)?;
            if c.max_schemas_per_subject == 0 {
                return Err(ConfigError::new("max.schemas.per.subject", "must be at least 1"));
            }
        }
        if let Some(v) = get("latest.cache.ttl.sec") {
            let ttl: i64 = num("latest.cache.ttl.sec", v)?;
            c.latest_cache_ttl = (ttl >= 0).then(|| Duration::from_secs(ttl as u64));
        }
        for key in ["missing.cache.ttl.sec", "missing.id.cache.ttl.sec", "missing.schema.cache.ttl.sec", "missing.version.cache.ttl.sec"] {
            if let Some(v) = get(key) {
                c.missing_cache_ttl = Duration::from_secs(num(key, v)?);
            }
        }
        for (key, slot) in [
            ("auto.register.schemas", &mut c.auto_register_schemas),
            ("use.latest.version", &mut c.use_latest_version),
            ("latest.compatibility.strict", &mut c.latest_compatibility_strict),
            ("normalize.schemas", &mut c.normalize_schemas),
        ] {
            if let Some(v) = get(key) {
                *slot = boolean(key, v)?;
            }
        }
        if let Some(v) = get("use.schema.id") {
            let id: i64 = num("use.schema.id", v)?;
            c.use_schema_id = match id {
                -1 => None,
                0..=0xFFFF_FFFF => Some(id as u32),
                _ => return Err(ConfigError::new("use.schema.id", format!("{id} is not a schema id"))),
            };
        }
        for (key, slot) in [
            ("key.subject.name.strategy", &mut c.key_subject_name_strategy),
            ("value.subject.name.strategy", &mut c.value_subject_name_strategy),
        ] {
            if let Some(v) = get(key) {
                *slot = v.parse().map_err(|e| ConfigError::new(key, e))?;
            }
        }

        // Authentication: basic (from the URL or basic.auth.user.info) or a static bearer token, not both.
        let source = get("basic.auth.credentials.source").unwrap_or("URL");
        let user_info = get("basic.auth.user.info").or_else(|| get("schema.registry.basic.auth.user.info"));
        let basic = match source.to_ascii_uppercase().as_str() {
            "URL" => b.url_auth.clone(),
            "USER_INFO" => Some(
                Auth::basic_from_user_info(user_info.ok_or_else(|| {
                    ConfigError::new("basic.auth.user.info", "missing (basic.auth.credentials.source is USER_INFO)")
                })?)
                .ok_or_else(|| ConfigError::new("basic.auth.user.info", "must be user:password"))?,
            ),
            _ => {
                return Err(ConfigError::new(
                    "basic.auth.credentials.source",
                    format!("{source:?} is not supported (URL or USER_INFO)"),
                ))
            }
        };
        let bearer = match get("bearer.auth.credentials.source").map(str::to_ascii_uppercase).as_deref() {
            None | Some("STATIC_TOKEN") => get("bearer.auth.token").map(|t| Auth::Bearer(Secret::new(t))),
            Some(other) => {
                return Err(ConfigError::new(
                    "bearer.auth.credentials.source",
                    format!("{other:?} is not supported (STATIC_TOKEN)"),
                ))
            }
        };
        b.config.auth = match (basic, bearer) {
            (Some(_), Some(_)) => {
                return Err(ConfigError::new(
                    "bearer.auth.token",
                    "only one of basic authentication and a bearer token may be given",
                ))
            }
            (Some(a), None) | (None, Some(a)) => a,
            (None, None) => Auth::None,
        };
        b.url_auth = None;
        b.config.tls = Tls::from_map(map)?;
        b.build()
    }
}

fn num<T: std::str::FromStr>(key: &str, v: &str) -> Result<T, ConfigError> {
    v.parse().map_err(|_| ConfigError::new(key, format!("{v:?} is not a valid number")))
}

fn boolean(key: &str, v: &str) -> Result<bool, ConfigError> {
    match v.to_ascii_lowercase().as_str() {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(ConfigError::new(key, format!("{v:?} is not true or false"))),
    }
}

/// Splits `schema.registry.url` and removes credentials from each URL; returns the first URL's credentials.
fn parse_urls(list: &str) -> Result<(Vec<Url>, Option<Auth>), ConfigError> {
    let key = "schema.registry.url";
    let mut urls = Vec::new();
    let mut auth = None;
    for (i, raw) in list.split(',').map(str::trim).filter(|s| !s.is_empty()).enumerate() {
        // The message must not echo the URL: it may hold a password.
        let mut url = Url::parse(raw).map_err(|e| ConfigError::new(key, format!("URL #{} is invalid: {e}", i + 1)))?;
        match url.scheme() {
            "http" | "https" | "mock" => {}
            s => return Err(ConfigError::new(key, format!("URL #{}: unsupported scheme {s:?}", i + 1))),
        }
        if !url.username().is_empty() || url.password().is_some() {
            let user = percent_encoding::percent_decode_str(url.username()).decode_utf8_lossy().into_owned();
            let password = url.password().map(|p| percent_encoding::percent_decode_str(p).decode_utf8_lossy().into_owned());
            auth.get_or_insert(Auth::Basic { user, password: Secret::new(password.unwrap_or_default()) });
            let _ = url.set_username("");
            let _ = url.set_password(None);
        }
        urls.push(url);
    }
    if urls.is_empty() {
        return Err(ConfigError::new(key, "no URL given"));
    }
    if urls.iter().any(|u| u.scheme() == "mock") && urls.len() > 1 {
        return Err(ConfigError::new(key, "a mock:// URL can't be combined with other URLs"));
    }
    Ok((urls, auth))
}

/// Typed construction of a [`Config`], in the style of `reqwest::ClientBuilder`.
#[derive(Debug)]
#[must_use]
pub struct ConfigBuilder {
    config: Config,
    error: Option<ConfigError>,
    url_auth: Option<Auth>,
}

impl ConfigBuilder {
    /// One URL or a comma-separated list (`schema.registry.url`). Credentials in a URL become basic auth.
    pub fn urls(mut self, list: &str) -> Self {
        match parse_urls(list) {
            Ok((urls, auth)) => {
                self.config.urls = urls;
                if let Some(a) = auth {
                    self.config.auth = a.clone();
                    self.url_auth = Some(a);
                }
            }
            Err(e) => {
                self.error.get_or_insert(e);
            }
        }
        self
    }

    pub fn basic_auth(mut self, user: impl Into<String>, password: impl Into<Secret>) -> Self {
        self.config.auth = Auth::Basic { user: user.into(), password: password.into() };
        self
    }

    pub fn bearer_token(mut self, token: impl Into<Secret>) -> Self {
        self.config.auth = Auth::Bearer(token.into());
        self
    }

    pub fn tls(mut self, tls: Tls) -> Self {
        self.config.tls = tls;
        self
    }

    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.config.connect_timeout = d;
        self
    }

    pub fn read_timeout(mut self, d: Duration) -> Self {
        self.config.read_timeout = d;
        self
    }

    /// `max.retries`, `retries.wait.ms`, `retries.max.wait.ms`.
    pub fn retries(mut self, max_retries: u32, wait: Duration, max_wait: Duration) -> Self {
        self.config.max_retries = max_retries;
        self.config.retries_wait = wait;
        self.config.retries_max_wait = max_wait;
        self
    }

    pub fn max_schemas_per_subject(mut self, n: u64) -> Self {
        self.config.max_schemas_per_subject = n.max(1);
        self
    }

    pub fn latest_cache_ttl(mut self, ttl: Option<Duration>) -> Self {
        self.config.latest_cache_ttl = ttl;
        self
    }

    pub fn missing_cache_ttl(mut self, ttl: Duration) -> Self {
        self.config.missing_cache_ttl = ttl;
        self
    }

    pub fn max_response_bytes(mut self, n: usize) -> Self {
        self.config.max_response_bytes = n;
        self
    }

    pub fn auto_register_schemas(mut self, on: bool) -> Self {
        self.config.auto_register_schemas = on;
        self
    }

    pub fn use_latest_version(mut self, on: bool) -> Self {
        self.config.use_latest_version = on;
        self
    }

    pub fn use_schema_id(mut self, id: Option<u32>) -> Self {
        self.config.use_schema_id = id;
        self
    }

    pub fn latest_compatibility_strict(mut self, on: bool) -> Self {
        self.config.latest_compatibility_strict = on;
        self
    }

    pub fn normalize_schemas(mut self, on: bool) -> Self {
        self.config.normalize_schemas = on;
        self
    }

    pub fn key_subject_name_strategy(mut self, s: SubjectNameStrategy) -> Self {
        self.config.key_subject_name_strategy = s;
        self
    }

    pub fn value_subject_name_strategy(mut self, s: SubjectNameStrategy) -> Self {
        self.config.value_subject_name_strategy = s;
        self
    }

    pub fn build(self) -> Result<Config, ConfigError> {
        if let Some(e) = self.error {
            return Err(e);
        }
        if self.config.urls.is_empty() {
            return Err(ConfigError::new("schema.registry.url", "missing"));
        }
        Ok(self.config)
    }
}

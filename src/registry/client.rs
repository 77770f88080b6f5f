//! The async registry client: the REST calls a serializer, deserializer and converter need, behind caches.

use std::future::Future;
use std::sync::Arc;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::cache::{Caches, TextKey};
use super::config::Config;
use super::error::{ConfigError, ErrorKind, RegistryError};
use super::http::{Method, Request, Transport};
use crate::Schema;

/// Everything but RFC 3986's unreserved characters is escaped in a path segment (a subject may hold `/` or `:`).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// A schema fetched by id: its text as the registry holds it and the parsed schema.
#[derive(Clone, Debug, PartialEq)]
pub struct RegisteredSchema {
    pub id: u32,
    pub text: Arc<str>,
    pub schema: Arc<Schema>,
}

/// A schema under a subject at a version.
#[derive(Clone, Debug, PartialEq)]
pub struct VersionedSchema {
    pub subject: String,
    pub version: u32,
    pub id: u32,
    pub text: Arc<str>,
    pub schema: Arc<Schema>,
}

/// A `(subject, version)` pair.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct SubjectVersion {
    pub subject: String,
    pub version: u32,
}

/// A cached schema-registry client. Cheap to clone (clones share caches and connections).
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    transport: Transport,
    caches: Caches,
    config: Config,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let urls: Vec<&str> = self.inner.config.urls.iter().map(|u| u.as_str()).collect();
        f.debug_struct("Client").field("urls", &urls).finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct IdAnswer {
    id: u32,
}

#[derive(Deserialize)]
struct SchemaAnswer {
    schema: String,
    #[serde(rename = "schemaType")]
    schema_type: Option<String>,
}

#[derive(Deserialize)]
struct VersionAnswer {
    subject: Option<String>,
    version: u32,
    id: u32,
    schema: String,
    #[serde(rename = "schemaType")]
    schema_type: Option<String>,
}

#[derive(Deserialize)]
struct CompatibilityAnswer {
    is_compatible: bool,
}

impl Client {
    /// A client for `config.urls`. No request is made here.
    pub fn new(config: Config) -> Result<Client, ConfigError> {
        let transport = Transport::new(&config)?;
        let caches = Caches::new(&config);
        Ok(Client { inner: Arc::new(Inner { transport, caches, config }) })
    }

    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// Each cache's name and entry count (all bounded by `max.schemas.per.subject`), for diagnostics.
    pub async fn cache_entry_counts(&self) -> Vec<(&'static str, u64)> {
        self.inner.caches.entry_counts().await
    }

    /// Registers an Avro schema under `subject` (`POST /subjects/{subject}/versions`) and returns its id.
    /// Registering the same text again is answered from the cache.
    pub async fn register(&self, subject: &str, schema: &str, normalize: bool) -> Result<u32, RegistryError> {
        self.register_typed(subject, schema, "AVRO", normalize).await
    }

    /// [`register`](Self::register) of a schema the caller has parsed already (the serializers): the id cache
    /// takes it as it is, sparing a first call a second parse (for `wide`, about a quarter of that call).
    pub(crate) async fn register_parsed(
        &self,
        subject: &str,
        text: &str,
        parsed: &Arc<Schema>,
        normalize: bool,
    ) -> Result<u32, RegistryError> {
        self.register_with(subject, text, "AVRO", normalize, Some(parsed.clone())).await
    }

    /// [`register`](Self::register) for any schema type (`AVRO`, `JSON`, `PROTOBUF`).
    pub async fn register_typed(
        &self,
        subject: &str,
        schema: &str,
        schema_type: &str,
        normalize: bool,
    ) -> Result<u32, RegistryError> {
        self.register_with(subject, schema, schema_type, normalize, None).await
    }

    async fn register_with(
        &self,
        subject: &str,
        schema: &str,
        schema_type: &str,
        normalize: bool,
        parsed: Option<Arc<Schema>>,
    ) -> Result<u32, RegistryError> {
        let key: TextKey = (subject.into(), schema.into(), normalize);
        let avro = schema_type.eq_ignore_ascii_case("AVRO");
        let load = async {
            // Validate locally first: a schema we can't parse gets a precise error and no request.
            let parsed = match parsed {
                Some(p) => Some(p),
                None if avro => Some(parse(schema).map_err(|e| e.with_subject(subject))?),
                None => None,
            };
            let req = Request {
                method: Method::Post,
                path: format!("/subjects/{}/versions", enc(subject)),
                query: if normalize { "normalize=true".into() } else { String::new() },
                body: Some(schema_body(schema, schema_type)),
            };
            let answer: IdAnswer = self.call(&req, Some(subject)).await?;
            // Not-found answers remembered before this registration may now be wrong; registrations are rare.
            self.inner.caches.missing.invalidate_all();
            if let Some(parsed) = parsed {
                // Ids never change meaning: what we registered is what the id means (Confluent caches it too).
                let entry = RegisteredSchema { id: answer.id, text: schema.into(), schema: parsed };
                self.inner.caches.by_id.entry(answer.id).or_insert(Arc::new(entry)).await;
            }
            Ok(answer.id)
        };
        flight(self.inner.caches.registered.try_get_with(key, load)).await
    }

    /// Finds the version of `subject` holding this schema (`POST /subjects/{subject}`).
    pub async fn lookup(
        &self,
        subject: &str,
        schema: &str,
        normalize: bool,
        deleted: bool,
    ) -> Result<Arc<VersionedSchema>, RegistryError> {
        let key = ((subject.into(), schema.into(), normalize), deleted);
        let req = Request {
            method: Method::Post,
            path: format!("/subjects/{}", enc(subject)),
            query: format!("normalize={normalize}&deleted={deleted}"),
            body: Some(schema_body(schema, "AVRO")),
        };
        let load = self.negative(req, Some(subject), |this, req| async move {
            let a: VersionAnswer = this.call(&req, Some(subject)).await?;
            this.versioned(subject, a)
        });
        flight(self.inner.caches.lookups.try_get_with(key, load)).await
    }

    /// The schema with this id (`GET /schemas/ids/{id}`). Cached without expiry: an id's schema never changes.
    pub async fn schema_by_id(&self, id: u32) -> Result<Arc<RegisteredSchema>, RegistryError> {
        let req = Request { method: Method::Get, path: format!("/schemas/ids/{id}"), query: String::new(), body: None };
        let load = self.negative(req, None, |this, req| async move {
            let a: SchemaAnswer = this.call(&req, None).await?;
            check_avro(a.schema_type.as_deref(), id)?;
            Ok(Arc::new(RegisteredSchema { id, schema: parse(&a.schema)?, text: a.schema.into() }))
        });
        flight(self.inner.caches.by_id.try_get_with(id, load)).await
    }

    /// The `(subject, version)` pairs that hold schema `id` (`GET /schemas/ids/{id}/versions`): how a reader learns
    /// the writer's version without a content lookup (which Apicurio answers by raw text).
    /// When the registry can't be reached (a retriable error), the last list fetched is the answer, if any.
    pub async fn versions_of_id(&self, id: u32) -> Result<Arc<[SubjectVersion]>, RegistryError> {
        or_last(self.fetch_versions_of_id(id).await, self.inner.caches.id_versions_last.get(&id)).await
    }

    /// [`versions_of_id`](Self::versions_of_id) without the last list as a fallback.
    async fn fetch_versions_of_id(&self, id: u32) -> Result<Arc<[SubjectVersion]>, RegistryError> {
        let req =
            Request { method: Method::Get, path: format!("/schemas/ids/{id}/versions"), query: String::new(), body: None };
        let load = self.negative(req, None, |this, req| async move {
            let v: Vec<SubjectVersion> = this.call(&req, None).await?;
            let v: Arc<[SubjectVersion]> = Arc::from(v);
            this.inner.caches.id_versions_last.insert(id, v.clone()).await;
            Ok(v)
        });
        flight(self.inner.caches.id_versions.try_get_with(id, load)).await
    }

    /// The version of schema `id` under `subject` (what a reader puts in the Connect schema), or `None` when the
    /// registry lists the id under other subjects only. A cached list that lacks `subject` is fetched once more:
    /// ids are shared across subjects, so the same schema may have been registered under `subject` since.
    pub async fn version_of_id(&self, id: u32, subject: &str) -> Result<Option<u32>, RegistryError> {
        let find = |versions: &[SubjectVersion]| {
            versions.iter().filter(|v| v.subject == subject).map(|v| v.version).max()
        };
        if let Some(version) = find(&self.versions_of_id(id).await?) {
            return Ok(Some(version));
        }
        self.inner.caches.id_versions.invalidate(&id).await;
        // Not the last list here: it lacks the subject, and a version missing from a reader plan would stay missing.
        Ok(find(&self.fetch_versions_of_id(id).await?))
    }

    /// The latest version of `subject`, cached for `latest.cache.ttl.sec`. When the registry can't be reached (a
    /// retriable error), the last latest version fetched is the answer, if any.
    pub async fn latest(&self, subject: &str) -> Result<Arc<VersionedSchema>, RegistryError> {
        let req = Request {
            method: Method::Get,
            path: format!("/subjects/{}/versions/latest", enc(subject)),
            query: String::new(),
            body: None,
        };
        let load = self.negative(req, Some(subject), |this, req| async move {
            let a: VersionAnswer = this.call(&req, Some(subject)).await?;
            let latest = this.versioned(subject, a)?;
            this.inner.caches.latest_last.insert(Arc::from(subject), latest.clone()).await;
            Ok(latest)
        });
        let fetched = flight(self.inner.caches.latest.try_get_with(Arc::from(subject), load)).await;
        or_last(fetched, self.inner.caches.latest_last.get(subject)).await
    }

    /// Version `version` of `subject`.
    pub async fn version(&self, subject: &str, version: u32) -> Result<Arc<VersionedSchema>, RegistryError> {
        let req = Request {
            method: Method::Get,
            path: format!("/subjects/{}/versions/{version}", enc(subject)),
            query: String::new(),
            body: None,
        };
        let load = self.negative(req, Some(subject), |this, req| async move {
            let a: VersionAnswer = this.call(&req, Some(subject)).await?;
            this.versioned(subject, a)
        });
        flight(self.inner.caches.versions.try_get_with((Arc::from(subject), version), load)).await
    }

    /// Whether `schema` is compatible with the latest version of `subject`
    /// (`POST /compatibility/subjects/{subject}/versions/latest`). Not cached.
    pub async fn is_compatible(&self, subject: &str, schema: &str) -> Result<bool, RegistryError> {
        let req = Request {
            method: Method::Post,
            path: format!("/compatibility/subjects/{}/versions/latest", enc(subject)),
            query: String::new(),
            body: Some(schema_body(schema, "AVRO")),
        };
        let a: CompatibilityAnswer = self.call(&req, Some(subject)).await?;
        Ok(a.is_compatible)
    }

    fn versioned(&self, subject: &str, a: VersionAnswer) -> Result<Arc<VersionedSchema>, RegistryError> {
        check_avro(a.schema_type.as_deref(), a.id)?;
        Ok(Arc::new(VersionedSchema {
            subject: a.subject.unwrap_or_else(|| subject.to_owned()),
            version: a.version,
            id: a.id,
            schema: parse(&a.schema)?,
            text: a.schema.into(),
        }))
    }

    /// Wraps a load so that a not-found answer is remembered for `missing.cache.ttl.sec`.
    async fn negative<'a, T, F, Fut>(
        &'a self,
        req: Request,
        subject: Option<&'a str>,
        load: F,
    ) -> Result<T, RegistryError>
    where
        F: FnOnce(&'a Client, Request) -> Fut,
        Fut: Future<Output = Result<T, RegistryError>>,
    {
        let key = format!("{}?{}\n{}", req.path, req.query, req.body.as_deref().unwrap_or_default());
        let missing = &self.inner.caches.missing;
        if let Some(e) = missing.get(&key).await {
            return Err(e);
        }
        let out = load(self, req).await;
        if let Err(e) = &out {
            if e.is_not_found() && !self.inner.config.missing_cache_ttl.is_zero() {
                missing.insert(key, e.clone()).await;
            }
        }
        out.map_err(|e| match subject {
            Some(s) => e.with_subject(s),
            None => e,
        })
    }

    async fn call<T: DeserializeOwned>(&self, req: &Request, subject: Option<&str>) -> Result<T, RegistryError> {
        self.inner.transport.send(req).await.map_err(|e| match subject {
            Some(s) => e.with_subject(s),
            None => e,
        })
    }
}

fn schema_body(schema: &str, schema_type: &str) -> String {
    #[derive(serde::Serialize)]
    struct Body<'a> {
        schema: &'a str,
        #[serde(rename = "schemaType", skip_serializing_if = "Option::is_none")]
        schema_type: Option<String>,
    }
    let schema_type = (!schema_type.eq_ignore_ascii_case("AVRO")).then(|| schema_type.to_ascii_uppercase());
    // `to_string` writes into a Vec; a `json!` value's `Display` escaped through `fmt::Write` a few bytes at a time,
    // a quarter of a first serialize's instructions on a 2 KB schema (callgrind).
    serde_json::to_string(&Body { schema, schema_type }).expect("a struct of strings serializes")
}

fn parse(text: &str) -> Result<Arc<Schema>, RegistryError> {
    Schema::parse(text)
        .map(Arc::new)
        .map_err(|e| RegistryError::new(ErrorKind::InvalidSchema, e.to_string()))
}

fn check_avro(schema_type: Option<&str>, id: u32) -> Result<(), RegistryError> {
    match schema_type {
        None => Ok(()),
        Some(t) if t.eq_ignore_ascii_case("AVRO") => Ok(()),
        Some(t) => Err(RegistryError::new(ErrorKind::Usage, format!("schema {id} is a {t} schema, not Avro"))),
    }
}

fn enc(segment: &str) -> String {
    utf8_percent_encode(segment, SEGMENT).to_string()
}

/// The last answer instead of an error that the registry's absence caused (a retriable one), when there is one.
async fn or_last<T>(
    fetched: Result<T, RegistryError>,
    last: impl Future<Output = Option<T>>,
) -> Result<T, RegistryError> {
    match fetched {
        Err(e) if e.is_retriable() => last.await.ok_or(e),
        other => other,
    }
}

/// moka shares one load among concurrent callers and hands each the error behind an `Arc`.
async fn flight<T>(f: impl Future<Output = Result<T, Arc<RegistryError>>>) -> Result<T, RegistryError> {
    f.await.map_err(|e| (*e).clone())
}

//! Registry errors: decided on the HTTP status first, then refined by the Confluent `error_code` (Apicurio 2.x sends
//! `error_code: 0` for unmapped errors, so the code alone can't be trusted).

use std::fmt;

/// What went wrong talking to the registry.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// 40401.
    SubjectNotFound,
    /// 40402.
    VersionNotFound,
    /// 40403, or a 404 for a schema id.
    SchemaNotFound,
    /// Another 404 (an unknown path: a wrong base URL such as a missing `/apis/ccompat/v7`).
    NotFound,
    /// 422 / 42201: the registry rejected the schema.
    InvalidSchema,
    /// 409: incompatible with an earlier version of the subject.
    Incompatible,
    /// 401.
    Unauthenticated,
    /// 403.
    Forbidden,
    /// 408.
    RequestTimeout,
    /// 429.
    RateLimited,
    /// 5xx.
    Server,
    /// Another 4xx.
    BadRequest,
    /// Could not connect (refused, DNS, TLS handshake).
    Connect,
    /// No answer within the read timeout.
    Timeout,
    /// The connection broke while the request or the response was under way.
    Io,
    /// A 2xx answer that is not what the API promises (not JSON, wrong shape, wrong content type).
    InvalidResponse,
    /// The answer was larger than the cap on response bodies.
    ResponseTooLarge,
    /// The schema can't be used here (e.g. RecordNameStrategy with a schema that is not a record).
    Usage,
    /// The blocking client was called from inside an async runtime.
    BlockingInAsync,
}

impl ErrorKind {
    fn describe(self) -> &'static str {
        match self {
            ErrorKind::SubjectNotFound => "subject not found",
            ErrorKind::VersionNotFound => "version not found",
            ErrorKind::SchemaNotFound => "schema not found",
            ErrorKind::NotFound => "not found (is the registry URL's path right, e.g. /apis/ccompat/v7 for Apicurio?)",
            ErrorKind::InvalidSchema => "invalid schema",
            ErrorKind::Incompatible => "schema is incompatible with an earlier version",
            ErrorKind::Unauthenticated => "authentication failed (401): check basic.auth.user.info or bearer.auth.token",
            ErrorKind::Forbidden => "not authorized (403)",
            ErrorKind::RequestTimeout => "request timeout (408)",
            ErrorKind::RateLimited => "rate limited (429)",
            ErrorKind::Server => "registry server error",
            ErrorKind::BadRequest => "request rejected",
            ErrorKind::Connect => "cannot connect to the registry",
            ErrorKind::Timeout => "registry did not answer in time",
            ErrorKind::Io => "connection to the registry broke",
            ErrorKind::InvalidResponse => "invalid registry response",
            ErrorKind::ResponseTooLarge => "registry response too large",
            ErrorKind::Usage => "cannot use this schema",
            ErrorKind::BlockingInAsync => "the blocking registry client was called from an async context; use the async client",
        }
    }
}

/// A registry failure, with the subject, the URL (never with credentials) and the registry's own message.
#[derive(Clone, Debug, PartialEq)]
pub struct RegistryError {
    kind: ErrorKind,
    status: Option<u16>,
    code: Option<i64>,
    subject: Option<String>,
    url: Option<String>,
    message: String,
    attempts: u32,
}

impl RegistryError {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        RegistryError { kind, status: None, code: None, subject: None, url: None, message: message.into(), attempts: 0 }
    }

    /// Classifies an HTTP error answer: status first, then the Confluent error code.
    pub(crate) fn from_status(status: u16, code: Option<i64>, message: String) -> Self {
        let kind = match (status, code) {
            (404, Some(40401)) => ErrorKind::SubjectNotFound,
            (404, Some(40402)) => ErrorKind::VersionNotFound,
            (404, Some(40403)) => ErrorKind::SchemaNotFound,
            (404, _) => ErrorKind::NotFound,
            (409, _) => ErrorKind::Incompatible,
            (422, Some(42202)) | (422, Some(42203)) => ErrorKind::BadRequest,
            (422, _) => ErrorKind::InvalidSchema,
            (401, _) => ErrorKind::Unauthenticated,
            (403, _) => ErrorKind::Forbidden,
            (408, _) => ErrorKind::RequestTimeout,
            (429, _) => ErrorKind::RateLimited,
            (500..=599, _) => ErrorKind::Server,
            _ => ErrorKind::BadRequest,
        };
        RegistryError { status: Some(status), code, ..RegistryError::new(kind, message) }
    }

    pub(crate) fn with_subject(mut self, subject: &str) -> Self {
        self.subject.get_or_insert_with(|| subject.to_owned());
        self
    }

    /// `url` must already be free of credentials.
    pub(crate) fn with_url(mut self, url: String) -> Self {
        self.url = Some(url);
        self
    }

    pub(crate) fn with_attempts(mut self, attempts: u32) -> Self {
        self.attempts = attempts;
        self
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The HTTP status of the answer, when there was one.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The registry's `error_code`, when it sent one.
    pub fn error_code(&self) -> Option<i64> {
        self.code
    }

    pub fn subject(&self) -> Option<&str> {
        self.subject.as_deref()
    }

    /// The request URL, without credentials.
    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    /// The registry's message (or the transport's).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// How many requests were made before giving up (0 when none was needed to fail).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }

    /// Whether trying again later may succeed: connection problems, timeouts, 408, 429, 5xx and 2xx answers that
    /// are not the JSON the API promises (a proxy's page, a garbled body: a fault of the path to the registry,
    /// not of the record). The Connect converter maps these to `RetriableException`.
    pub fn is_retriable(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::Connect
                | ErrorKind::Timeout
                | ErrorKind::Io
                | ErrorKind::RequestTimeout
                | ErrorKind::RateLimited
                | ErrorKind::Server
                | ErrorKind::InvalidResponse
        )
    }

    /// Whether the registry said the subject, version or schema does not exist.
    pub fn is_not_found(&self) -> bool {
        matches!(self.kind, ErrorKind::SubjectNotFound | ErrorKind::VersionNotFound | ErrorKind::SchemaNotFound)
    }
}

impl fmt::Display for RegistryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kind.describe())?;
        if let Some(subject) = &self.subject {
            write!(f, " (subject {subject:?})")?;
        }
        if !self.message.is_empty() {
            write!(f, ": {}", self.message)?;
        }
        match (self.status, self.code) {
            (Some(s), Some(c)) => write!(f, " [HTTP {s}, error code {c}]")?,
            (Some(s), None) => write!(f, " [HTTP {s}]")?,
            _ => {}
        }
        if let Some(url) = &self.url {
            write!(f, " at {url}")?;
        }
        if self.attempts > 1 {
            write!(f, " after {} attempts", self.attempts)?;
        }
        Ok(())
    }
}

impl std::error::Error for RegistryError {}

/// A configuration value that can't be used. Names the key, never shows a secret's value.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("invalid configuration {key}: {reason}")]
pub struct ConfigError {
    pub key: String,
    pub reason: String,
}

impl ConfigError {
    pub(crate) fn new(key: impl Into<String>, reason: impl Into<String>) -> Self {
        ConfigError { key: key.into(), reason: reason.into() }
    }
}

//! Sending a REST request: over HTTP (reqwest + rustls) with failover across URLs and retries, or to the
//! in-process `mock://` store. Both end in the same `(status, body)` shape, so errors are decided in one place.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use serde::de::DeserializeOwned;
use serde_json::Value as JsonValue;
use url::Url;

use super::auth::Auth;
use super::config::Config;
use super::error::{ConfigError, ErrorKind, RegistryError};
use super::mock::MemoryRegistry;
use super::retry;

const CONTENT_TYPE_V1: &str = "application/vnd.schemaregistry.v1+json";
const ACCEPT_ALL: &str = "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, application/json";

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub(crate) enum Method {
    Get,
    Post,
}

/// A request relative to the API root: `path` is percent-encoded and starts with `/`; `query` has no `?`.
#[derive(Debug)]
pub(crate) struct Request {
    pub method: Method,
    pub path: String,
    pub query: String,
    pub body: Option<String>,
}

/// A successful (2xx) answer.
#[derive(Debug)]
pub(crate) struct Response {
    pub body: Bytes,
    pub content_type: Option<String>,
    /// The request URL, without credentials: for error messages.
    pub url: String,
}

pub(crate) enum Transport {
    Http(HttpTransport),
    Mock(Arc<MemoryRegistry>),
}

impl Transport {
    pub(crate) fn new(config: &Config) -> Result<Transport, ConfigError> {
        match config.urls.first() {
            Some(url) if url.scheme() == "mock" => {
                let scope = format!("{}{}", url.host_str().unwrap_or_default(), url.path().trim_end_matches('/'));
                Ok(Transport::Mock(MemoryRegistry::scope(&scope)))
            }
            _ => Ok(Transport::Http(HttpTransport::new(config)?)),
        }
    }

    /// Sends `req` and parses the 2xx answer as `T`.
    pub(crate) async fn send<T: DeserializeOwned>(&self, req: &Request) -> Result<T, RegistryError> {
        match self {
            Transport::Http(h) => h.send(req).await,
            Transport::Mock(store) => {
                let method = match req.method {
                    Method::Get => "GET",
                    Method::Post => "POST",
                };
                let (status, body) =
                    store.handle(method, &req.path, &req.query, req.body.as_deref().unwrap_or_default().as_bytes());
                let url = format!("mock://{}", req.path);
                if (200..300).contains(&status) {
                    decode(&Response { body: Bytes::from(body), content_type: Some(CONTENT_TYPE_V1.into()), url })
                } else {
                    Err(error_from_answer(status, body.as_bytes()).with_url(url).with_attempts(1))
                }
            }
        }
    }
}

/// An error from a non-2xx answer: the status decides, `error_code` refines, `message` is kept.
pub(crate) fn error_from_answer(status: u16, body: &[u8]) -> RegistryError {
    let parsed: Option<JsonValue> = serde_json::from_slice(body).ok();
    let code = parsed.as_ref().and_then(|v| v.get("error_code")).and_then(JsonValue::as_i64).filter(|&c| c != 0);
    let message = match parsed.as_ref().and_then(|v| v.get("message")).and_then(JsonValue::as_str) {
        Some(m) => m.to_owned(),
        None => snippet(body),
    };
    RegistryError::from_status(status, code, message)
}

/// Parses a 2xx body. A body that isn't the JSON we expect (an HTML proxy page, a truncated answer) is an
/// `InvalidResponse` naming the content type.
fn decode<T: DeserializeOwned>(resp: &Response) -> Result<T, RegistryError> {
    serde_json::from_slice(&resp.body).map_err(|e| {
        let ct = resp.content_type.as_deref().unwrap_or("none");
        RegistryError::new(
            ErrorKind::InvalidResponse,
            format!("{e} (content type {ct}; body starts: {})", snippet(&resp.body)),
        )
        .with_url(resp.url.clone())
    })
}

/// The start of a body that is not the JSON we expected, for a message.
pub(crate) fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(200)]);
    let mut s: String = text.chars().filter(|c| !c.is_control() || *c == ' ').collect();
    if body.len() > 200 {
        s.push_str("...");
    }
    s
}

pub(crate) struct HttpTransport {
    client: reqwest::Client,
    urls: Vec<Url>,
    /// The URL that answered last: requests start there, so a dead first URL costs one failed connect, not one
    /// per request.
    preferred: AtomicUsize,
    max_retries: u32,
    wait: std::time::Duration,
    max_wait: std::time::Duration,
    max_body: usize,
}

impl HttpTransport {
    fn new(config: &Config) -> Result<HttpTransport, ConfigError> {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static(ACCEPT_ALL));
        headers.insert("Confluent-Accept-Unknown-Properties", HeaderValue::from_static("true"));
        match &config.auth {
            Auth::None => {}
            Auth::Basic { user, password } => {
                use std::io::Write;
                let mut raw = Vec::new();
                let _ = write!(raw, "{user}:{}", password.expose());
                let mut v = HeaderValue::from_str(&format!("Basic {}", base64(&raw)))
                    .map_err(|_| ConfigError::new("basic.auth.user.info", "contains characters not allowed in a header"))?;
                v.set_sensitive(true);
                headers.insert(AUTHORIZATION, v);
            }
            Auth::Bearer(token) => {
                let mut v = HeaderValue::from_str(&format!("Bearer {}", token.expose()))
                    .map_err(|_| ConfigError::new("bearer.auth.token", "contains characters not allowed in a header"))?;
                v.set_sensitive(true);
                headers.insert(AUTHORIZATION, v);
            }
        }
        let mut builder = reqwest::Client::builder()
            .default_headers(headers)
            .connect_timeout(config.connect_timeout)
            .read_timeout(config.read_timeout)
            // The read timeout is per read: a server dribbling a byte at a time would hold a call without bound.
            // The whole answer must arrive within both timeouts of the request's start.
            .timeout(config.connect_timeout.saturating_add(config.read_timeout))
            .pool_max_idle_per_host(8)
            .use_rustls_tls();
        if let Some(ca) = &config.tls.ca_pem {
            let certs = reqwest::Certificate::from_pem_bundle(ca.as_bytes())
                .map_err(|e| ConfigError::new("schema.registry.ssl.truststore.location", format!("bad PEM: {e}")))?;
            for cert in certs {
                builder = builder.add_root_certificate(cert);
            }
        }
        if let Some(identity) = &config.tls.identity_pem {
            // The error text of a PEM parser may quote the key material: don't pass it on.
            let id = reqwest::Identity::from_pem(identity.expose().as_bytes())
                .map_err(|_| ConfigError::new("schema.registry.ssl.keystore.location", "the client certificate or key PEM can't be read"))?;
            builder = builder.identity(id);
        }
        let client = builder.build().map_err(|e| ConfigError::new("schema.registry.url", format!("HTTP client: {e}")))?;
        Ok(HttpTransport {
            client,
            urls: config.urls.clone(),
            preferred: AtomicUsize::new(0),
            max_retries: config.max_retries,
            wait: config.retries_wait,
            max_wait: config.retries_max_wait,
            max_body: config.max_response_bytes,
        })
    }

    /// `req` under `base`, whose path may hold a prefix (`/apis/ccompat/v6`). Built on the parsed base rather than
    /// as text, which reqwest would parse again, host and all.
    fn full_url(base: &Url, req: &Request) -> Url {
        let mut url = base.clone();
        url.set_path(&format!("{}{}", base.path().trim_end_matches('/'), req.path));
        url.set_query((!req.query.is_empty()).then_some(&req.query));
        url
    }

    /// Up to `1 + max.retries` attempts. Within an attempt a connect failure moves on to the next URL at once;
    /// other retriable failures (timeouts, resets, 408, 429, 5xx, a 2xx body that does not parse) end the
    /// attempt, and the next one starts at the next URL after a jittered back-off (or the server's `Retry-After`).
    async fn send<T: DeserializeOwned>(&self, req: &Request) -> Result<T, RegistryError> {
        let n = self.urls.len();
        let mut requests = 0u32;
        let mut retry = 0u32;
        loop {
            let start = self.preferred.load(Ordering::Relaxed) % n;
            let mut failure = None;
            for k in 0..n {
                let i = (start + k) % n;
                requests += 1;
                // A garbled answer (a proxy's page, a body cut short with a consistent length) says nothing about
                // the request: parsed here, so that it is retried like a 5xx.
                let answer = self.send_once(&self.urls[i], req).await.and_then(|r| decode(&r).map_err(|e| (e, None)));
                match answer {
                    Ok(parsed) => {
                        self.preferred.store(i, Ordering::Relaxed);
                        return Ok(parsed);
                    }
                    Err((e, _)) if !e.is_retriable() => return Err(e.with_attempts(requests)),
                    Err((e, after)) => {
                        let connect = e.kind() == ErrorKind::Connect;
                        self.preferred.store((i + 1) % n, Ordering::Relaxed);
                        failure = Some((e, after));
                        if !connect {
                            break;
                        }
                    }
                }
            }
            let (e, after) = failure.expect("at least one URL");
            if retry >= self.max_retries {
                return Err(e.with_attempts(requests));
            }
            let wait = after.unwrap_or_else(|| retry::backoff(self.wait, self.max_wait, retry));
            tokio::time::sleep(wait).await;
            retry += 1;
        }
    }

    /// One request to one URL; a failure comes with the server's `Retry-After`, if any.
    async fn send_once(
        &self,
        base: &Url,
        req: &Request,
    ) -> Result<Response, (RegistryError, Option<std::time::Duration>)> {
        let target = Self::full_url(base, req);
        let url = target.as_str().to_owned();
        let fail = |e: RegistryError| (e.with_url(url.clone()), None);
        let mut rb = match req.method {
            Method::Get => self.client.get(target),
            Method::Post => self.client.post(target),
        };
        if let Some(body) = &req.body {
            rb = rb.header(CONTENT_TYPE, CONTENT_TYPE_V1).body(body.clone());
        }
        let mut resp = rb.send().await.map_err(|e| fail(transport_error(&e)))?;
        let status = resp.status().as_u16();
        let header = |name| resp.headers().get(name).and_then(|v: &HeaderValue| v.to_str().ok()).map(str::to_owned);
        let content_type = header(CONTENT_TYPE.as_str());
        let after = retry::retry_after(header("retry-after").as_deref(), self.max_wait);
        if resp.content_length().is_some_and(|len| len > self.max_body as u64) {
            return Err(fail(too_large(self.max_body)));
        }
        let mut body = Vec::new();
        loop {
            match resp.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() + chunk.len() > self.max_body {
                        return Err(fail(too_large(self.max_body)));
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => break,
                Err(e) => return Err(fail(transport_error(&e))),
            }
        }
        if (200..300).contains(&status) {
            return Ok(Response { body: Bytes::from(body), content_type, url });
        }
        Err((error_from_answer(status, &body).with_url(url), after))
    }
}

fn too_large(max: usize) -> RegistryError {
    RegistryError::new(ErrorKind::ResponseTooLarge, format!("the answer is larger than {max} bytes"))
}

/// A reqwest failure as a typed error. reqwest's messages hold the URL, which we carry separately, credential-free.
fn transport_error(e: &reqwest::Error) -> RegistryError {
    let kind = if e.is_timeout() {
        ErrorKind::Timeout
    } else if e.is_connect() {
        ErrorKind::Connect
    } else {
        ErrorKind::Io
    };
    let mut cause = String::new();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        cause = match tls_error(s) {
            Some(tls) => tls_failure(tls),
            None => s.to_string(),
        };
        source = s.source();
    }
    // The URL in reqwest's own text is free of credentials (they were moved out of the configured URLs).
    RegistryError::new(kind, if cause.is_empty() { e.to_string() } else { cause })
}

/// The rustls error inside a transport error's chain link: the handshake's arrives wrapped in one or two
/// `io::Error`s, whose `source()` skips what they wrap.
fn tls_error<'a>(e: &'a (dyn std::error::Error + 'static)) -> Option<&'a rustls::Error> {
    let mut e = e;
    loop {
        if let Some(tls) = e.downcast_ref::<rustls::Error>() {
            return Some(tls);
        }
        e = e.downcast_ref::<std::io::Error>()?.get_ref()?;
    }
}

/// A TLS failure in words that say which side and which setting to look at, then rustls' own text (e.g. "certificate
/// expired: verification time ..., but certificate is not valid after ...").
fn tls_failure(e: &rustls::Error) -> String {
    use rustls::{AlertDescription as Alert, CertificateError as Cert, Error as E};
    let what = match e {
        E::InvalidCertificate(Cert::UnknownIssuer) => {
            "the registry's certificate is not signed by a trusted CA (schema.registry.ssl.truststore.*)"
        }
        E::InvalidCertificate(Cert::Expired | Cert::ExpiredContext { .. }) => "the registry's certificate has expired",
        E::InvalidCertificate(Cert::NotValidYet | Cert::NotValidYetContext { .. }) => {
            "the registry's certificate is not valid yet"
        }
        E::InvalidCertificate(Cert::NotValidForName | Cert::NotValidForNameContext { .. }) => {
            "the registry's certificate is not for this host name"
        }
        E::InvalidCertificate(_) => "the registry's certificate was refused",
        E::AlertReceived(Alert::CertificateRequired) => {
            "the registry requires a client certificate (schema.registry.ssl.keystore.*)"
        }
        E::AlertReceived(
            Alert::BadCertificate | Alert::UnknownCA | Alert::CertificateExpired | Alert::CertificateRevoked
            | Alert::CertificateUnknown | Alert::UnsupportedCertificate | Alert::AccessDenied,
        ) => "the registry refused our client certificate (schema.registry.ssl.keystore.*)",
        _ => "handshake failed",
    };
    format!("TLS: {what}: {e}")
}

/// Standard base64 (for the basic-auth header); a dozen lines instead of a dependency.
fn base64(input: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (b[0] as u32) << 16 | (b[1] as u32) << 8 | b[2] as u32;
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_first_then_code() {
        // Apicurio 2.x sends error_code 0 for unmapped errors: treated as no code.
        let e = error_from_answer(404, br#"{"error_code":0,"message":"gone"}"#);
        assert_eq!((e.kind(), e.error_code(), e.message()), (ErrorKind::NotFound, None, "gone"));
        let e = error_from_answer(404, br#"{"error_code":40401,"message":"Subject 's' not found."}"#);
        assert_eq!(e.kind(), ErrorKind::SubjectNotFound);
        // A code that disagrees with the status does not override it.
        let e = error_from_answer(500, br#"{"error_code":40403,"message":"boom"}"#);
        assert_eq!(e.kind(), ErrorKind::Server);
        assert!(e.is_retriable());
        let e = error_from_answer(502, b"<html>\n<h1>Bad Gateway</h1></html>");
        assert_eq!((e.kind(), e.message()), (ErrorKind::Server, "<html><h1>Bad Gateway</h1></html>"));
        let e = error_from_answer(422, br#"{"error_code":42201,"message":"Invalid schema"}"#);
        assert_eq!(e.kind(), ErrorKind::InvalidSchema);
    }

    #[test]
    fn base64_matches_rfc4648() {
        for (i, o) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("user:pa:ss", "dXNlcjpwYTpzcw==")] {
            assert_eq!(super::base64(i.as_bytes()), o);
        }
    }
}

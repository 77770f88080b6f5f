//! A Confluent/Apicurio-compatible schema registry served over real HTTP on 127.0.0.1, for tests.
//!
//! It serves avroconv's in-memory store ([`MemoryRegistry`], the same one behind `mock://`) under `/`,
//! `/apis/ccompat/v6` and `/apis/ccompat/v7`, counts the requests it gets, and can misbehave on demand
//! ([`Fault`]): deterministic, one queued fault per request, in order.
//!
//! Built on hyper directly (it is already in the tree through reqwest): the routing is a prefix strip, and faults
//! such as a connection dropped mid-body need control of the raw response body.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::BodyExt;
use hyper::body::{Body, Frame, Incoming, SizeHint};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::sync::watch;

pub use avroconv::registry::mock::{Identity, MemoryRegistry};

pub mod proxy;
pub use proxy::{FaultProxy, ProxyMode};

pub mod pki;
pub use pki::TestPki;

/// API roots served: Confluent's, Apicurio 2.x's (deprecated v6) and Apicurio's v7.
pub const PREFIXES: [&str; 2] = ["/apis/ccompat/v6", "/apis/ccompat/v7"];

/// A misbehaviour for one request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Answer with this status and a Confluent error body (`error_code` = status).
    Status(u16),
    /// 429 with `Retry-After: secs`.
    RateLimited { retry_after_secs: u64 },
    /// Wait this long, then answer normally.
    Stall(Duration),
    /// Send a 200 with a `Content-Length` larger than the bytes sent, then close the connection.
    DropMidBody,
    /// A 200 whose body is not JSON.
    GarbageJson,
    /// A 200 HTML page (`text/html`), as a login proxy would send.
    WrongContentType,
}

#[derive(Debug)]
struct Shared {
    store: Arc<MemoryRegistry>,
    faults: Mutex<VecDeque<Fault>>,
    /// Every request, in arrival order.
    log: Mutex<Vec<Logged>>,
}

/// One request as the registry saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Logged {
    pub method: String,
    /// The API root the request came under (one of [`PREFIXES`], or "" for Confluent's root).
    pub root: String,
    /// Relative to the API root (no `/apis/ccompat/v7`), still percent-encoded.
    pub path: String,
    pub query: String,
    /// The `Authorization` header, to check what credentials a client sends.
    pub authorization: Option<String>,
}

/// A running registry. Stops when dropped.
pub struct TestRegistry {
    addr: SocketAddr,
    scheme: &'static str,
    shared: Arc<Shared>,
    stop: Option<watch::Sender<bool>>,
    stopped: Option<std::sync::mpsc::Receiver<()>>,
    rt: Option<tokio::runtime::Runtime>,
}

impl TestRegistry {
    /// A Confluent-mode registry on an ephemeral port.
    pub fn start() -> TestRegistry {
        TestRegistry::start_with(Identity::Confluent, 0).expect("bind 127.0.0.1:0")
    }

    /// A registry with this identity mode on `port` (0: any free port).
    pub fn start_with(identity: Identity, port: u16) -> io::Result<TestRegistry> {
        TestRegistry::start_opts(identity, port, None)
    }

    /// A registry served over HTTPS (`https://127.0.0.1:port`).
    pub fn start_tls(tls: ServerTls) -> io::Result<TestRegistry> {
        TestRegistry::start_opts(Identity::Confluent, 0, Some(tls))
    }

    /// A registry with this identity mode on `port` (0: any free port), over HTTPS when `tls` is given.
    pub fn start_opts(identity: Identity, port: u16, tls: Option<ServerTls>) -> io::Result<TestRegistry> {
        let acceptor = tls.map(|t| t.acceptor()).transpose()?;
        let scheme = if acceptor.is_some() { "https" } else { "http" };
        let listener = std::net::TcpListener::bind(("127.0.0.1", port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("test-registry")
            .enable_all()
            .build()?;
        let shared = Arc::new(Shared {
            store: Arc::new(MemoryRegistry::new(identity)),
            faults: Mutex::default(),
            log: Mutex::default(),
        });
        let (stop_tx, stop_rx) = watch::channel(false);
        let (done_tx, done_rx) = std::sync::mpsc::channel();
        let served = shared.clone();
        rt.spawn(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("tokio listener");
            let mut stop = stop_rx.clone();
            loop {
                tokio::select! {
                    _ = stop.changed() => break,
                    accepted = listener.accept() => {
                        let Ok((socket, _)) = accepted else { continue };
                        let shared = served.clone();
                        let stop = stop_rx.clone();
                        match acceptor.clone() {
                            None => { tokio::spawn(serve_connection(socket, shared, stop)); }
                            Some(acceptor) => {
                                tokio::spawn(async move {
                                    // A failed handshake (untrusted or missing client certificate) just closes.
                                    if let Ok(tls) = acceptor.accept(socket).await {
                                        serve_connection(tls, shared, stop).await;
                                    }
                                });
                            }
                        }
                    }
                }
            }
            drop(listener);
            let _ = done_tx.send(());
        });
        Ok(TestRegistry { addr, scheme, shared, stop: Some(stop_tx), stopped: Some(done_rx), rt: Some(rt) })
    }

    /// `http://127.0.0.1:port` (Confluent's root); `https://` when serving TLS.
    pub fn url(&self) -> String {
        format!("{}://{}", self.scheme, self.addr)
    }

    /// The URL under an API root such as `/apis/ccompat/v7`.
    pub fn url_at(&self, prefix: &str) -> String {
        format!("{}://{}{prefix}", self.scheme, self.addr)
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// The store behind the server (to inspect it, or to mark subjects incompatible).
    pub fn store(&self) -> &MemoryRegistry {
        &self.shared.store
    }

    /// Queues `fault` for the next `times` requests (after those already queued).
    pub fn inject(&self, fault: Fault, times: usize) {
        let mut q = self.shared.faults.lock().unwrap();
        q.extend((0..times).map(|_| fault.clone()));
    }

    /// Drops queued faults.
    pub fn clear_faults(&self) {
        self.shared.faults.lock().unwrap().clear();
    }

    /// Requests received so far.
    pub fn requests(&self) -> usize {
        self.shared.log.lock().unwrap().len()
    }

    /// Requests with this method whose path (relative to the API root) starts with `path_prefix`.
    pub fn count(&self, method: &str, path_prefix: &str) -> usize {
        self.shared.log.lock().unwrap().iter().filter(|r| r.method == method && r.path.starts_with(path_prefix)).count()
    }

    /// Every request so far.
    pub fn log(&self) -> Vec<Logged> {
        self.shared.log.lock().unwrap().clone()
    }

    pub fn reset_counts(&self) {
        self.shared.log.lock().unwrap().clear();
    }

    /// Stops listening and closes open connections; the port then refuses connections.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(true);
        }
        if let Some(done) = self.stopped.take() {
            let _ = done.recv_timeout(Duration::from_secs(5));
        }
        if let Some(rt) = self.rt.take() {
            rt.shutdown_background();
        }
    }
}

impl Drop for TestRegistry {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// TLS material for [`TestRegistry::start_tls`], as PEM text ([`TestPki::server_tls`] makes one).
#[derive(Clone)]
pub struct ServerTls {
    pub cert_pem: String,
    pub key_pem: String,
    /// When set, clients must present a certificate signed by this CA (mutual TLS).
    pub client_ca_pem: Option<String>,
}

/// The key is not printed, even in tests.
impl std::fmt::Debug for ServerTls {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerTls").field("mutual", &self.client_ca_pem.is_some()).finish_non_exhaustive()
    }
}

impl ServerTls {
    fn acceptor(self) -> io::Result<tokio_rustls::TlsAcceptor> {
        use rustls::pki_types::pem::PemObject;
        use rustls::pki_types::{CertificateDer, PrivateKeyDer};
        let bad = |e: &dyn std::fmt::Display| io::Error::new(io::ErrorKind::InvalidInput, e.to_string());
        let certs: Vec<CertificateDer<'static>> =
            CertificateDer::pem_slice_iter(self.cert_pem.as_bytes()).collect::<Result<_, _>>().map_err(|e| bad(&e))?;
        let key = PrivateKeyDer::from_pem_slice(self.key_pem.as_bytes()).map_err(|e| bad(&e))?;
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        // Mutual TLS on TLS 1.2 only: TLS 1.3 checks the client's certificate after the client has finished its
        // handshake, so a refusal raced the first request and sometimes reached the client as a broken connection
        // instead of the alert the tests check for; 1.2 refuses inside the handshake.
        let versions: &[&rustls::SupportedProtocolVersion] =
            if self.client_ca_pem.is_some() { &[&rustls::version::TLS12] } else { rustls::DEFAULT_VERSIONS };
        let builder = rustls::ServerConfig::builder_with_provider(provider.clone())
            .with_protocol_versions(versions)
            .map_err(|e| bad(&e))?;
        let builder = match &self.client_ca_pem {
            None => builder.with_no_client_auth(),
            Some(ca) => {
                let mut roots = rustls::RootCertStore::empty();
                for cert in CertificateDer::pem_slice_iter(ca.as_bytes()) {
                    roots.add(cert.map_err(|e| bad(&e))?).map_err(|e| bad(&e))?;
                }
                let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(Arc::new(roots), provider)
                    .build()
                    .map_err(|e| bad(&e))?;
                builder.with_client_cert_verifier(verifier)
            }
        };
        let config = builder.with_single_cert(certs, key).map_err(|e| bad(&e))?;
        Ok(tokio_rustls::TlsAcceptor::from(Arc::new(config)))
    }
}

async fn serve_connection<I>(io: I, shared: Arc<Shared>, mut stop: watch::Receiver<bool>)
where
    I: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let service = service_fn(move |req| serve(shared.clone(), req));
    let conn = http1::Builder::new().serve_connection(TokioIo::new(io), service);
    tokio::select! {
        _ = conn => {}
        _ = stop.changed() => {}
    }
}

/// A response body that can fail after its first chunk (to drop a connection mid-body).
struct Reply {
    data: Option<Bytes>,
    fail_after: bool,
}

impl Body for Reply {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        if let Some(d) = self.data.take() {
            return Poll::Ready(Some(Ok(Frame::data(d))));
        }
        if self.fail_after {
            self.fail_after = false;
            return Poll::Ready(Some(Err(io::Error::new(io::ErrorKind::ConnectionReset, "fault: dropped mid-body"))));
        }
        Poll::Ready(None)
    }

    fn is_end_stream(&self) -> bool {
        self.data.is_none() && !self.fail_after
    }

    fn size_hint(&self) -> SizeHint {
        match (&self.data, self.fail_after) {
            (Some(d), false) => SizeHint::with_exact(d.len() as u64),
            (None, false) => SizeHint::with_exact(0),
            _ => SizeHint::default(),
        }
    }
}

fn reply(status: u16, content_type: &str, body: impl Into<Bytes>) -> Response<Reply> {
    Response::builder()
        .status(status)
        .header("content-type", content_type)
        .body(Reply { data: Some(body.into()), fail_after: false })
        .expect("valid response")
}

const JSON: &str = "application/vnd.schemaregistry.v1+json";

async fn serve(shared: Arc<Shared>, req: Request<Incoming>) -> Result<Response<Reply>, Infallible> {
    let method = req.method().as_str().to_owned();
    let full_path = req.uri().path().to_owned();
    let query = req.uri().query().unwrap_or_default().to_owned();
    let authorization = req.headers().get("authorization").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let prefix = PREFIXES.iter().find(|p| {
        full_path.strip_prefix(**p).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    });
    let path = prefix.map_or(full_path.as_str(), |p| &full_path[p.len()..]).to_owned();
    // Apicurio 2.x's deprecated v6 API ignores `normalize` (research.md 2.1).
    let query = match (shared.store.identity(), prefix) {
        (Identity::Apicurio, Some(&"/apis/ccompat/v6")) => query.replace("normalize=true", "normalize=false"),
        _ => query,
    };
    // Read the whole request body (tests send small ones).
    let body = match req.into_body().collect().await {
        Ok(b) => b.to_bytes(),
        Err(_) => Bytes::new(),
    };
    shared.log.lock().unwrap().push(Logged {
        method: method.clone(),
        root: prefix.map_or("", |p| *p).to_owned(),
        path: path.clone(),
        query: query.clone(),
        authorization,
    });
    let fault = shared.faults.lock().unwrap().pop_front();
    match fault {
        Some(Fault::Status(s)) => {
            let body = format!(r#"{{"error_code":{s},"message":"injected fault: HTTP {s}"}}"#);
            return Ok(reply(s, JSON, body));
        }
        Some(Fault::RateLimited { retry_after_secs }) => {
            let mut r = reply(429, JSON, r#"{"error_code":429,"message":"injected fault: rate limited"}"#);
            r.headers_mut().insert("retry-after", retry_after_secs.to_string().parse().expect("digits"));
            return Ok(r);
        }
        Some(Fault::Stall(d)) => tokio::time::sleep(d).await,
        Some(Fault::DropMidBody) => {
            let r = Response::builder()
                .status(200)
                .header("content-type", JSON)
                .header("content-length", "1000")
                .body(Reply { data: Some(Bytes::from_static(b"{\"schema\":\"")), fail_after: true })
                .expect("valid response");
            return Ok(r);
        }
        Some(Fault::GarbageJson) => return Ok(reply(200, JSON, "{\"id\": 1, oops")),
        Some(Fault::WrongContentType) => {
            return Ok(reply(200, "text/html", "<html><body>Please log in</body></html>"));
        }
        None => {}
    }
    let (status, text) = shared.store.handle(&method, &path, &query, &body);
    Ok(reply(status, JSON, text))
}

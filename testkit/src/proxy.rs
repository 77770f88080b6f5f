//! A fault-injecting HTTP proxy on 127.0.0.1, put in front of a registry to take it away and give it back while
//! clients run: connections refused or reset, requests stalled, 500, 429 with `Retry-After`, bodies cut short,
//! garbage JSON, answers dribbled a byte at a time. The mode is switched at any time ([`FaultProxy::set_mode`],
//! or `mode ...` on the `avroconv-fault-proxy` binary's stdin); requests are counted per mode.
//!
//! Unlike [`Fault`](crate::Fault), which queues one misbehaviour per request inside the test registry, the proxy
//! holds a mode for as long as an outage lasts and works in front of any registry (another process included).

use std::collections::BTreeMap;
use std::fmt;
use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::BodyExt;
use hyper::body::{Body, Frame, Incoming, SizeHint};
use hyper::header::{HeaderValue, CONNECTION, CONTENT_LENGTH, CONTENT_TYPE, HOST, TRANSFER_ENCODING};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, Uri};
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpSocket, TcpStream};
use tokio::sync::watch;

/// How the proxy treats traffic, until switched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProxyMode {
    /// Forward everything.
    Pass,
    /// Nothing listens on the port (connections are refused); open connections are closed.
    Refuse,
    /// Connections are accepted, then reset (RST); open connections are closed. Counted per connection.
    Reset,
    /// Requests are held, unanswered, until the mode changes (then handled by the new mode).
    Stall,
    /// Answer this status with a Confluent error body, without forwarding.
    Status(u16),
    /// 429 with `Retry-After: secs`, without forwarding.
    RateLimited { retry_after_secs: u64 },
    /// Forward, then send the upstream's headers (its `Content-Length` too) and half its body, and close.
    Truncate,
    /// A 200 whose body is not JSON, without forwarding.
    Garbage,
    /// Forward, then send the body one byte per `every` (headers at once).
    Trickle { every: Duration },
}

impl ProxyMode {
    /// The name requests are counted under: `pass`, `refuse`, `reset`, `stall`, the status (`500`), `429`,
    /// `truncate`, `garbage`, `trickle`.
    pub fn name(&self) -> String {
        match self {
            ProxyMode::Pass => "pass".into(),
            ProxyMode::Refuse => "refuse".into(),
            ProxyMode::Reset => "reset".into(),
            ProxyMode::Stall => "stall".into(),
            ProxyMode::Status(s) => s.to_string(),
            ProxyMode::RateLimited { .. } => "429".into(),
            ProxyMode::Truncate => "truncate".into(),
            ProxyMode::Garbage => "garbage".into(),
            ProxyMode::Trickle { .. } => "trickle".into(),
        }
    }
}

impl fmt::Display for ProxyMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProxyMode::RateLimited { retry_after_secs } => write!(f, "429 {retry_after_secs}"),
            ProxyMode::Trickle { every } => write!(f, "trickle {}", every.as_millis()),
            other => f.write_str(&other.name()),
        }
    }
}

/// `pass`, `refuse`, `reset`, `stall`, a status `500` (any 5xx/4xx but 429), `429 [RETRY_AFTER_SECS=1]`,
/// `truncate`, `garbage`, `trickle [MS_PER_BYTE=50]`: what [`Display`](fmt::Display) prints.
impl FromStr for ProxyMode {
    type Err = String;

    fn from_str(s: &str) -> Result<ProxyMode, String> {
        let mut words = s.split_whitespace();
        let head = words.next().ok_or("empty mode")?;
        let arg = words.next().map(|a| a.parse::<u64>().map_err(|_| format!("{a:?} is not a number")));
        if let Some(extra) = words.next() {
            return Err(format!("unexpected {extra:?}"));
        }
        let none = |m: ProxyMode, arg: &Option<Result<u64, String>>| match arg {
            None => Ok(m),
            Some(_) => Err(format!("mode {head} takes no argument")),
        };
        match head {
            "pass" => none(ProxyMode::Pass, &arg),
            "refuse" => none(ProxyMode::Refuse, &arg),
            "reset" => none(ProxyMode::Reset, &arg),
            "stall" => none(ProxyMode::Stall, &arg),
            "truncate" => none(ProxyMode::Truncate, &arg),
            "garbage" => none(ProxyMode::Garbage, &arg),
            "429" => Ok(ProxyMode::RateLimited { retry_after_secs: arg.transpose()?.unwrap_or(1) }),
            "trickle" => Ok(ProxyMode::Trickle { every: Duration::from_millis(arg.transpose()?.unwrap_or(50)) }),
            status => match status.parse::<u16>() {
                Ok(s) if (400..600).contains(&s) => none(ProxyMode::Status(s), &arg),
                _ => Err(format!("unknown mode {s:?}")),
            },
        }
    }
}

struct Shared {
    upstream: Upstream,
    mode: watch::Sender<ProxyMode>,
    /// Bumped to close every open connection (on entering `refuse` or `reset`).
    epoch: watch::Sender<u64>,
    counts: Mutex<BTreeMap<String, u64>>,
}

impl Shared {
    fn count(&self, mode: &ProxyMode) {
        *self.counts.lock().unwrap().entry(mode.name()).or_default() += 1;
    }
}

/// Where requests go: `host:port` and a path prefix put before the request's path.
#[derive(Clone, Debug)]
struct Upstream {
    authority: String,
    prefix: String,
}

/// A running proxy. Stops when dropped.
pub struct FaultProxy {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: Option<watch::Sender<bool>>,
    rt: Option<tokio::runtime::Runtime>,
}

impl FaultProxy {
    /// A proxy on an ephemeral port of 127.0.0.1 forwarding to `upstream` (`http://host:port[/prefix]`), in mode
    /// `pass`.
    pub fn start(upstream: &str) -> io::Result<FaultProxy> {
        FaultProxy::start_on(upstream, 0)
    }

    /// As [`start`](Self::start), on `port` (0: any free port).
    pub fn start_on(upstream: &str, port: u16) -> io::Result<FaultProxy> {
        let bad = |why: &str| io::Error::new(io::ErrorKind::InvalidInput, format!("upstream {upstream:?}: {why}"));
        let uri: Uri = upstream.parse().map_err(|_| bad("not a URL"))?;
        if uri.scheme_str() != Some("http") {
            return Err(bad("only http:// upstreams are supported"));
        }
        let authority = uri.authority().ok_or_else(|| bad("no host"))?.to_string();
        let prefix = uri.path().trim_end_matches('/').to_owned();
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("fault-proxy")
            .enable_all()
            .build()?;
        let listener = {
            let _guard = rt.enter();
            listen(SocketAddr::from(([127, 0, 0, 1], port)))?
        };
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            upstream: Upstream { authority, prefix },
            mode: watch::channel(ProxyMode::Pass).0,
            epoch: watch::channel(0).0,
            counts: Mutex::default(),
        });
        let (stop_tx, stop_rx) = watch::channel(false);
        rt.spawn(accept_loop(listener, addr, shared.clone(), stop_rx));
        Ok(FaultProxy { addr, shared, stop: Some(stop_tx), rt: Some(rt) })
    }

    /// `http://127.0.0.1:port`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The URL under an API root such as `/apis/ccompat/v7`.
    pub fn url_at(&self, prefix: &str) -> String {
        format!("http://{}{prefix}", self.addr)
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Switches the mode; takes effect for requests that arrive from now on (and for stalled ones).
    pub fn set_mode(&self, mode: ProxyMode) {
        if matches!(mode, ProxyMode::Refuse | ProxyMode::Reset) {
            // Mode first, so that no connection accepted after the bump is served in the old mode.
            self.shared.mode.send_replace(mode);
            self.shared.epoch.send_modify(|e| *e += 1);
        } else {
            self.shared.mode.send_replace(mode);
        }
    }

    pub fn mode(&self) -> ProxyMode {
        self.shared.mode.borrow().clone()
    }

    /// Requests received (connections, in mode `reset`) since the last [`reset_counts`](Self::reset_counts).
    pub fn requests(&self) -> u64 {
        self.shared.counts.lock().unwrap().values().sum()
    }

    /// Requests received in the mode named `name` (see [`ProxyMode::name`]).
    pub fn count(&self, name: &str) -> u64 {
        self.shared.counts.lock().unwrap().get(name).copied().unwrap_or(0)
    }

    /// Every mode's count, by name.
    pub fn counts(&self) -> BTreeMap<String, u64> {
        self.shared.counts.lock().unwrap().clone()
    }

    pub fn reset_counts(&self) {
        self.shared.counts.lock().unwrap().clear();
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(true);
        }
        if let Some(rt) = self.rt.take() {
            rt.shutdown_background();
        }
    }
}

/// A listening socket with `SO_REUSEADDR`, so that the port can be taken back after `refuse`.
fn listen(addr: SocketAddr) -> io::Result<TcpListener> {
    let socket = TcpSocket::new_v4()?;
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(1024)
}

async fn accept_loop(
    listener: TcpListener,
    addr: SocketAddr,
    shared: Arc<Shared>,
    mut stop: watch::Receiver<bool>,
) {
    let mut modes = shared.mode.subscribe();
    let mut listener = Some(listener);
    loop {
        if matches!(*modes.borrow_and_update(), ProxyMode::Refuse) {
            listener = None;
            // The port stays bound but does not listen: connections are refused, and no one else can take it.
            let reserved = TcpSocket::new_v4().and_then(|s| {
                s.set_reuseaddr(true)?;
                s.bind(addr)?;
                Ok(s)
            });
            tokio::select! {
                _ = stop.changed() => return,
                _ = modes.changed() => {}
            }
            drop(reserved);
            continue;
        }
        if listener.is_none() {
            match listen(addr) {
                Ok(l) => listener = Some(l),
                Err(e) => {
                    eprintln!("avroconv-fault-proxy: cannot listen on {addr} again: {e}");
                    return;
                }
            }
        }
        let l = listener.as_ref().expect("listening");
        tokio::select! {
            _ = stop.changed() => return,
            // Looked at again at the loop's top.
            _ = modes.changed() => {}
            accepted = l.accept() => {
                let Ok((socket, _)) = accepted else { continue };
                let mode = shared.mode.borrow().clone();
                if mode == ProxyMode::Reset {
                    shared.count(&mode);
                    // Zero linger: closing sends RST rather than FIN.
                    let _ = socket.set_zero_linger();
                    drop(socket);
                    continue;
                }
                tokio::spawn(serve_connection(socket, shared.clone(), stop.clone()));
            }
        }
    }
}

async fn serve_connection(socket: TcpStream, shared: Arc<Shared>, mut stop: watch::Receiver<bool>) {
    let mut epoch = shared.epoch.subscribe();
    let served = shared.clone();
    let service = service_fn(move |req| handle(served.clone(), req));
    let conn = http1::Builder::new().serve_connection(TokioIo::new(socket), service);
    // Dropping the connection closes the socket, whatever is in flight.
    tokio::select! {
        _ = conn => {}
        _ = epoch.changed() => {}
        _ = stop.changed() => {}
    }
}

async fn handle(shared: Arc<Shared>, req: Request<Incoming>) -> Result<Response<ProxyBody>, io::Error> {
    let mut modes = shared.mode.subscribe();
    let mut mode = modes.borrow_and_update().clone();
    shared.count(&mode);
    while mode == ProxyMode::Stall {
        if modes.changed().await.is_err() {
            return Err(io::Error::other("proxy stopped"));
        }
        mode = modes.borrow_and_update().clone();
    }
    let fixed = |status: u16, body: String| {
        let mut r = Response::new(ProxyBody::whole(Bytes::from(body)));
        *r.status_mut() = hyper::StatusCode::from_u16(status).expect("a valid status");
        r.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static(JSON));
        r
    };
    match mode {
        // Only reached by a request that was stalled when the mode changed: its connection is closed.
        ProxyMode::Refuse | ProxyMode::Reset | ProxyMode::Stall => Err(io::Error::other("fault: connection closed")),
        ProxyMode::Status(s) => Ok(fixed(s, format!(r#"{{"error_code":{s},"message":"fault proxy: HTTP {s}"}}"#))),
        ProxyMode::RateLimited { retry_after_secs } => {
            let mut r = fixed(429, r#"{"error_code":429,"message":"fault proxy: rate limited"}"#.into());
            r.headers_mut().insert("retry-after", HeaderValue::from(retry_after_secs));
            Ok(r)
        }
        ProxyMode::Garbage => Ok(fixed(200, "{\"schema\": \"{\\\"type\\\": oops".into())),
        ProxyMode::Pass | ProxyMode::Truncate | ProxyMode::Trickle { .. } => {
            let (parts, body) = match forward(&shared.upstream, req).await {
                Ok(answer) => answer,
                Err(e) => {
                    return Ok(fixed(502, format!(r#"{{"error_code":502,"message":"fault proxy: upstream: {e}"}}"#)))
                }
            };
            let mut r = Response::from_parts(parts, ProxyBody::whole(Bytes::new()));
            r.headers_mut().remove(TRANSFER_ENCODING);
            r.headers_mut().remove(CONNECTION);
            r.headers_mut().insert(CONTENT_LENGTH, HeaderValue::from(body.len()));
            *r.body_mut() = match mode {
                ProxyMode::Truncate => ProxyBody::truncated(body),
                ProxyMode::Trickle { every } => ProxyBody::trickle(body, every),
                _ => ProxyBody::whole(body),
            };
            Ok(r)
        }
    }
}

const JSON: &str = "application/vnd.schemaregistry.v1+json";

/// Sends `req` upstream on a new connection and reads the whole answer.
async fn forward(
    upstream: &Upstream,
    req: Request<Incoming>,
) -> Result<(hyper::http::response::Parts, Bytes), Box<dyn std::error::Error + Send + Sync>> {
    let (mut parts, body) = req.into_parts();
    let body = body.collect().await?.to_bytes();
    let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    parts.uri = format!("{}{path}", upstream.prefix).parse()?;
    parts.headers.insert(HOST, HeaderValue::from_str(&upstream.authority)?);
    parts.headers.remove(CONNECTION);
    let stream = TcpStream::connect(&upstream.authority).await?;
    let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(conn);
    let answer = sender.send_request(Request::from_parts(parts, http_body_util::Full::new(body))).await?;
    let (parts, body) = answer.into_parts();
    Ok((parts, body.collect().await?.to_bytes()))
}

/// A response body: whole, cut short (then an error, which makes hyper close the connection), or dribbled.
struct ProxyBody {
    rest: Bytes,
    /// Bytes to send before failing (truncate), or `None`.
    fail_at: Option<usize>,
    every: Option<Duration>,
    sleep: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl ProxyBody {
    fn whole(body: Bytes) -> ProxyBody {
        ProxyBody { rest: body, fail_at: None, every: None, sleep: None }
    }

    fn truncated(body: Bytes) -> ProxyBody {
        let half = body.len() / 2;
        ProxyBody { rest: body, fail_at: Some(half), every: None, sleep: None }
    }

    fn trickle(body: Bytes, every: Duration) -> ProxyBody {
        ProxyBody { rest: body, fail_at: None, every: Some(every), sleep: None }
    }
}

impl Body for ProxyBody {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        let this = &mut *self;
        if let Some(n) = this.fail_at {
            if n > 0 {
                this.fail_at = Some(0);
                return Poll::Ready(Some(Ok(Frame::data(this.rest.split_to(n)))));
            }
            // A pause before failing, so that hyper writes the headers and the first half out before it closes.
            let pause = this.sleep.get_or_insert_with(|| Box::pin(tokio::time::sleep(Duration::from_millis(20))));
            if pause.as_mut().poll(cx).is_pending() {
                return Poll::Pending;
            }
            this.sleep = None;
            this.fail_at = None;
            this.rest.clear();
            return Poll::Ready(Some(Err(io::Error::new(io::ErrorKind::ConnectionReset, "fault: body cut short"))));
        }
        if this.rest.is_empty() {
            return Poll::Ready(None);
        }
        let Some(every) = this.every else {
            return Poll::Ready(Some(Ok(Frame::data(std::mem::take(&mut this.rest)))));
        };
        let sleep = this.sleep.get_or_insert_with(|| Box::pin(tokio::time::sleep(every)));
        if sleep.as_mut().poll(cx).is_pending() {
            return Poll::Pending;
        }
        this.sleep = None;
        Poll::Ready(Some(Ok(Frame::data(this.rest.split_to(1)))))
    }

    fn is_end_stream(&self) -> bool {
        self.rest.is_empty() && self.fail_at.is_none()
    }

    fn size_hint(&self) -> SizeHint {
        match self.fail_at {
            None => SizeHint::with_exact(self.rest.len() as u64),
            Some(_) => SizeHint::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_print_and_parse() {
        for text in ["pass", "refuse", "reset", "stall", "500", "503", "429 3", "truncate", "garbage", "trickle 20"] {
            assert_eq!(text.parse::<ProxyMode>().unwrap().to_string(), text);
        }
        assert_eq!("429".parse::<ProxyMode>().unwrap(), ProxyMode::RateLimited { retry_after_secs: 1 });
        assert!("200".parse::<ProxyMode>().is_err());
        assert!("pass 1".parse::<ProxyMode>().is_err());
        assert!("trickle x".parse::<ProxyMode>().is_err());
    }
}

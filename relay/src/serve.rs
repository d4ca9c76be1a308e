//! The accept loop: HTTP/1 and HTTP/2 over hyper with limits a hostile client cannot talk
//! its way past. Headers must arrive within `header_seconds`, a body may not pause longer
//! than `body_seconds`, a connection silent for `idle_seconds` is closed, and open
//! connections are capped in all and per address (a trusted proxy is not counted), below the
//! process's open-file limit. A connection over a cap is answered 503 and closed, so the
//! clients already connected keep being served.

use crate::config::LimitsConfig;
use axum::{Router, body::Body, extract::ConnectInfo};
use hyper_util::{
    rt::{TokioExecutor, TokioIo, TokioTimer},
    server::conn::auto,
};
use std::{
    collections::HashMap,
    future::Future,
    net::{IpAddr, SocketAddr},
    pin::Pin,
    sync::{
        Arc, Mutex, PoisonError,
        atomic::{AtomicU64, Ordering},
    },
    task::{Context, Poll},
    time::Duration,
};
use tokio::{
    io::{AsyncRead, AsyncWrite, AsyncWriteExt, ReadBuf},
    net::{TcpListener, TcpStream},
    sync::{OwnedSemaphorePermit, Semaphore, watch},
    time::Instant,
};
use tower::ServiceExt;
use tower_http::timeout::TimeoutBody;

/// File descriptors kept for the database, media files and outgoing calls.
const RESERVED_FILES: u64 = 256;
/// What a refused connection is told before it is closed.
const BUSY: &[u8] = b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Type: text/plain\r\nContent-Length: 43\r\nConnection: close\r\n\r\nToo many connections: try again in a moment";

/// Raises the soft open-file limit to the hard one and returns how many connections fit
/// under it with room for everything else the relay opens.
pub fn connection_capacity(wanted: usize) -> usize {
    use rustix::process::{Resource, getrlimit, setrlimit};
    let mut limit = getrlimit(Resource::Nofile);
    if let (Some(current), Some(hard)) = (limit.current, limit.maximum)
        && current < hard
    {
        limit.current = Some(hard);
        if let Err(error) = setrlimit(Resource::Nofile, limit) {
            tracing::warn!(%error, current, hard, "cannot raise the open-file limit");
        }
    }
    let files = getrlimit(Resource::Nofile).current.unwrap_or(u64::MAX);
    let fit = usize::try_from(files.saturating_sub(RESERVED_FILES).max(16)).unwrap_or(usize::MAX);
    if fit < wanted {
        tracing::warn!(
            files,
            connections = fit,
            wanted,
            "the open-file limit allows fewer connections than [limits] max_connections: raise `ulimit -n`"
        );
    }
    wanted.min(fit)
}

/// Serves `router` on `listener` until `shutdown` resolves, then lets open connections end
/// (feeds are told by their own signal) for up to 10 seconds.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: LimitsConfig,
    trusted: Arc<[IpAddr]>,
    shutdown: impl Future<Output = ()>,
) -> std::io::Result<()> {
    let capacity = connection_capacity(limits.max_connections);
    let open = Arc::new(Semaphore::new(capacity));
    let per_address = Arc::new(Addresses::default());
    let (stop, stopping) = watch::channel(false);
    let mut builder = auto::Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(Duration::from_secs(limits.header_seconds));
    builder
        .http2()
        .timer(TokioTimer::new())
        .keep_alive_interval(Duration::from_secs(limits.idle_seconds));
    let builder = Arc::new(builder);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors, most often: wait for some to close.
                    tracing::warn!(%error, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let slot = if trusted.contains(&peer.ip()) {
            None
        } else {
            match per_address.take(peer.ip(), limits.connections_per_address) {
                Some(slot) => Some(slot),
                None => {
                    refuse(stream);
                    continue;
                }
            }
        };
        let Ok(permit) = Arc::clone(&open).try_acquire_owned() else {
            refuse(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let io = Watched {
            inner: stream,
            activity: Arc::new(Activity::default()),
            _permit: permit,
            _slot: slot,
        };
        tokio::spawn(connection(
            Arc::clone(&builder),
            router.clone(),
            io,
            peer,
            limits,
            stopping.clone(),
        ));
    }
    drop(listener);
    let _ = stop.send(true);
    let everyone = u32::try_from(capacity).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(Duration::from_secs(10), open.acquire_many(everyone)).await;
    Ok(())
}

/// Serves one connection, closing it when it has been silent for `idle_seconds` or the relay
/// stops (a request in flight still gets its answer).
async fn connection(
    builder: Arc<auto::Builder<TokioExecutor>>,
    router: Router,
    io: Watched,
    peer: SocketAddr,
    limits: LimitsConfig,
    mut stopping: watch::Receiver<bool>,
) {
    let activity = Arc::clone(&io.activity);
    let body_timeout = Duration::from_secs(limits.body_seconds);
    let service = hyper::service::service_fn(move |request: hyper::Request<_>| {
        let mut request = request.map(|body| Body::new(TimeoutBody::new(body_timeout, body)));
        request.extensions_mut().insert(ConnectInfo(peer));
        router.clone().oneshot(request)
    });
    let connection = builder.serve_connection_with_upgrades(TokioIo::new(io), service);
    tokio::pin!(connection);
    let idle = Duration::from_secs(limits.idle_seconds);
    let mut check = tokio::time::interval(idle.min(Duration::from_secs(5)));
    let mut closing = false;
    loop {
        tokio::select! {
            result = connection.as_mut() => {
                if let Err(error) = result {
                    tracing::debug!(%error, %peer, "connection ended");
                }
                return;
            }
            _ = check.tick(), if !closing => {
                if activity.silent_for() >= idle {
                    connection.as_mut().graceful_shutdown();
                    closing = true;
                }
            }
            Ok(()) = stopping.changed(), if !closing => {
                connection.as_mut().graceful_shutdown();
                closing = true;
            }
        }
    }
}

/// Answers 503 and closes, off the accept loop.
fn refuse(mut stream: TcpStream) {
    tokio::spawn(async move {
        let answer = async {
            stream.write_all(BUSY).await?;
            stream.shutdown().await
        };
        let _ = tokio::time::timeout(Duration::from_secs(1), answer).await;
    });
}

/// Open connections per address.
#[derive(Default)]
struct Addresses(Mutex<HashMap<IpAddr, usize>>);

impl Addresses {
    fn take(self: &Arc<Self>, address: IpAddr, most: usize) -> Option<AddressSlot> {
        let mut open = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let count = open.entry(address).or_default();
        if *count >= most {
            return None;
        }
        *count += 1;
        Some(AddressSlot {
            addresses: Arc::clone(self),
            address,
        })
    }
}

/// One connection's place in its address's count, given back when the connection closes.
struct AddressSlot {
    addresses: Arc<Addresses>,
    address: IpAddr,
}

impl Drop for AddressSlot {
    fn drop(&mut self) {
        let mut open = self
            .addresses
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(count) = open.get_mut(&self.address) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.address);
            }
        }
    }
}

/// When a connection last moved a byte.
struct Activity {
    start: Instant,
    last_ms: AtomicU64,
}

impl Default for Activity {
    fn default() -> Self {
        Self {
            start: Instant::now(),
            last_ms: AtomicU64::new(0),
        }
    }
}

impl Activity {
    fn touch(&self) {
        let ms = u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last_ms.store(ms, Ordering::Relaxed);
    }

    fn silent_for(&self) -> Duration {
        let last = Duration::from_millis(self.last_ms.load(Ordering::Relaxed));
        self.start.elapsed().saturating_sub(last)
    }
}

/// The TCP stream with its activity, its connection permit and its address slot: all three
/// follow the stream into an upgraded WebSocket and are released when it closes.
struct Watched {
    inner: TcpStream,
    activity: Arc<Activity>,
    _permit: OwnedSemaphorePermit,
    _slot: Option<AddressSlot>,
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if matches!(polled, Poll::Ready(Ok(()))) && buf.filled().len() > before {
            self.activity.touch();
        }
        polled
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, buf);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        polled
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.touch();
        }
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

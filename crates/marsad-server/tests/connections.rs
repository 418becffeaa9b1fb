//! Connection limits over a real loopback socket: a client that sends half
//! a header, keeps a connection idle or stalls a body is disconnected in
//! bounded time, one that is slow but moving is not, and a shutdown ends
//! even with a request that never finishes.

use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::routing::{get, post};
use axum::Router;
use marsad_server::Limits;
use std::io::{Read, Write};
use std::net::TcpStream;

use tokio::net::TcpListener;

const LIMITS: Limits =
    Limits { header_read: Duration::from_secs(1), idle: Duration::from_secs(3), shutdown: Duration::from_secs(2) };

fn app() -> Router {
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/echo", post(|body: Bytes| async move { body.len().to_string() }))
        .route("/forever", get(std::future::pending::<&'static str>))
}

/// The server on a free loopback port, stopped when the sender is dropped
/// or sent to; the handle ends when the server has returned.
async fn start() -> (std::net::SocketAddr, tokio::sync::oneshot::Sender<()>, tokio::task::JoinHandle<()>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(marsad_server::run(listener, app(), LIMITS, async {
        let _ = stopped.await;
    }));
    (addr, stop, server)
}

/// Reads until the server closes the connection; what it sent, and when.
/// The client is a plain blocking socket, on the blocking pool.
async fn read_to_close(stream: &TcpStream, within: Duration) -> (String, Duration) {
    let mut stream = stream.try_clone().unwrap();
    tokio::task::spawn_blocking(move || {
        let started = Instant::now();
        stream.set_read_timeout(Some(within)).unwrap();
        let mut got = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            match stream.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => got.extend_from_slice(&buf[..n]),
                Err(e) if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) => {
                    panic!("still open after {within:?}; got {:?}", String::from_utf8_lossy(&got))
                }
                Err(_) => break,
            }
        }
        (String::from_utf8_lossy(&got).into_owned(), started.elapsed())
    })
    .await
    .unwrap()
}

fn connect(addr: std::net::SocketAddr, send: &[u8]) -> TcpStream {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.write_all(send).unwrap();
    stream
}

#[test]
fn the_limits_are_the_documented_ones() {
    let d = Limits::default();
    assert_eq!((d.header_read.as_secs(), d.idle.as_secs(), d.shutdown.as_secs()), (10, 60, 10));
}

/// issue 20: a slowloris connection (half a header) stayed open for good.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn half_a_header_is_cut_at_the_header_deadline() {
    let (addr, _stop, _server) = start().await;
    let client = connect(addr, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ");
    let (_, after) = read_to_close(&client, LIMITS.header_read * 3).await;
    assert!(after >= LIMITS.header_read - Duration::from_millis(200), "cut too early: {after:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_idle_kept_alive_connection_is_closed() {
    let (addr, _stop, _server) = start().await;
    let client = connect(addr, b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    let (answer, _) = read_to_close(&client, LIMITS.header_read * 3).await;
    assert!(answer.starts_with("HTTP/1.1 200") && answer.ends_with("ok"), "{answer}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_body_is_cut_and_a_slow_moving_one_is_not() {
    let (addr, _stop, _server) = start().await;
    let head = b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nConnection: close\r\n\r\n";

    let stalled = connect(addr, &[&head[..], b"12345"].concat());
    let (answer, after) = read_to_close(&stalled, LIMITS.idle * 2).await;
    assert!(after >= LIMITS.idle - Duration::from_millis(200), "cut too early: {after:?}");
    assert!(!answer.contains("200 OK"), "{answer}");

    // One byte every 0.6 s: 6 s in all, twice the idle limit, never idle for it.
    let mut slow = connect(addr, head);
    for byte in b"0123456789" {
        tokio::time::sleep(Duration::from_millis(600)).await;
        slow.write_all(&[*byte]).unwrap();
    }
    let (answer, _) = read_to_close(&slow, LIMITS.idle).await;
    assert!(answer.starts_with("HTTP/1.1 200") && answer.ends_with("10"), "{answer}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_ends_within_its_deadline_with_a_request_that_never_finishes() {
    let (addr, stop, server) = start().await;
    let _client = connect(addr, b"GET /forever HTTP/1.1\r\nHost: x\r\n\r\n");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let started = Instant::now();
    stop.send(()).unwrap();
    tokio::time::timeout(LIMITS.shutdown * 2, server).await.expect("the server did not stop").unwrap();
    let took = started.elapsed();
    assert!(took >= LIMITS.shutdown - Duration::from_millis(200), "gave up too early: {took:?}");
    assert!(TcpStream::connect(addr).is_err(), "still accepting after shutdown");
}

//! A local HTTP server on 127.0.0.x for fetcher and feed tests (never the
//! internet): an axum router on its own runtime, with a log of requests.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::extract::Request;
use axum::middleware::Next;
use axum::Router;

/// A request as the server saw it: path, If-None-Match, User-Agent.
#[derive(Debug, Clone)]
pub struct Hit {
    pub path: String,
    pub if_none_match: Option<String>,
    pub user_agent: Option<String>,
}

pub struct Server {
    pub addr: SocketAddr,
    pub hits: Arc<Mutex<Vec<Hit>>>,
    _runtime: tokio::runtime::Runtime,
}

impl Server {
    pub fn start(ip: &str, router: Router) -> Server {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
        let listener = runtime.block_on(tokio::net::TcpListener::bind((ip, 0))).unwrap();
        let addr = listener.local_addr().unwrap();
        let hits: Arc<Mutex<Vec<Hit>>> = Arc::default();
        let log = hits.clone();
        let router = router.layer(axum::middleware::from_fn(move |req: Request, next: Next| {
            let log = log.clone();
            async move {
                let hit = {
                    let header = |n: &str| req.headers().get(n).and_then(|v| v.to_str().ok()).map(str::to_owned);
                    Hit {
                        path: req.uri().path().to_owned(),
                        if_none_match: header("if-none-match"),
                        user_agent: header("user-agent"),
                    }
                };
                log.lock().unwrap().push(hit);
                next.run(req).await
            }
        }));
        runtime.spawn(async move { axum::serve(listener, router).await.unwrap() });
        Server { addr, hits, _runtime: runtime }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn paths(&self) -> Vec<String> {
        self.hits.lock().unwrap().iter().map(|h| h.path.clone()).collect()
    }
}

//! The polite fetcher: how Marsad reads the web (feeds and their pages).
//!
//! - robots.txt is obeyed (RFC 9309: a missing file allows all, a server
//!   error disallows all), Crawl-delay included, for the `Marsad` agent;
//! - one request at a time per host, at least `host_interval` apart;
//! - conditional GET with the ETag / Last-Modified of the previous fetch;
//! - timeouts on connect and on the whole request, and a body size limit;
//! - redirects followed by hand, at most `max_redirects`, each hop checked
//!   again (scheme, robots.txt, address);
//! - a User-Agent that names Marsad;
//! - no connection to a private, loopback, link-local or other
//!   special-purpose address unless the caller allows it: the check runs in
//!   the resolver, on the addresses actually connected to, so neither a
//!   redirect nor a DNS answer that changes between lookups gets around it.

pub mod address;
mod robots;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::{DefaultConnector, NextTimeout};
use url::Url;

/// What Marsad says it is, and the token robots.txt rules are matched on.
pub const USER_AGENT: &str = concat!("Marsad/", env!("CARGO_PKG_VERSION"), " (Arabic news monitor; robots.txt obeyed)");
pub const ROBOTS_AGENT: &str = "Marsad";

#[derive(Debug, Clone)]
pub struct FetchConfig {
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub max_body: u64,
    pub max_redirects: u32,
    /// The least time between two requests to the same host.
    pub host_interval: Duration,
    /// The longest Crawl-delay honoured (a larger one is capped to it).
    pub max_crawl_delay: Duration,
    /// Which addresses are not the public internet (and why): those are
    /// refused unless a fetch allows private addresses.
    pub special_purpose: fn(IpAddr) -> Option<&'static str>,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            max_body: 16 * 1024 * 1024,
            max_redirects: 5,
            host_interval: Duration::from_secs(1),
            max_crawl_delay: Duration::from_secs(30),
            special_purpose: address::special_purpose,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("{url}: not a valid URL: {reason}")]
    Url { url: String, reason: String },
    #[error("{url}: only http and https URLs are fetched")]
    Scheme { url: String },
    #[error("{url}: refused: {reason}; Marsad does not fetch from private or special-purpose addresses unless the feed is added with --allow-private")]
    Forbidden { url: String, reason: String },
    #[error("{url}: disallowed by the site's robots.txt")]
    Robots { url: String },
    #[error("{url}: more than {max} redirects")]
    TooManyRedirects { url: String, max: u32 },
    #[error("{url}: redirect ({status}) without a usable Location")]
    BadRedirect { url: String, status: u16 },
    #[error("{url}: body larger than {max} bytes")]
    TooLarge { url: String, max: u64 },
    #[error("{url}: HTTP status {status}")]
    Status { url: String, status: u16 },
    #[error("{url}: {message}")]
    Http { url: String, message: String },
}

/// Validators of an earlier fetch, for a conditional GET.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A successful fetch.
#[derive(Debug, Clone)]
pub struct Page {
    /// The URL the body came from, after redirects.
    pub url: String,
    pub content_type: Option<String>,
    pub validators: Validators,
    pub body: Vec<u8>,
    pub fetched_at: chrono::DateTime<chrono::FixedOffset>,
}

#[derive(Debug)]
pub enum Fetched {
    Page(Page),
    /// 304: unchanged since the validators were given.
    NotModified,
}

pub struct Fetcher {
    config: FetchConfig,
    guarded: ureq::Agent,
    open: ureq::Agent,
    /// When each host may next be asked.
    next_slot: Mutex<HashMap<String, Instant>>,
    robots: Mutex<HashMap<String, robots::Rules>>,
}

impl Fetcher {
    pub fn new(config: FetchConfig) -> Fetcher {
        let agent = |allow_private| {
            let ureq_config = ureq::Agent::config_builder()
                .user_agent(USER_AGENT)
                .max_redirects(0)
                .http_status_as_error(false)
                // A proxy would be connected to instead of the checked address.
                .proxy(None)
                .timeout_global(Some(config.timeout))
                .timeout_connect(Some(config.connect_timeout))
                .build();
            ureq::Agent::with_parts(
                ureq_config,
                DefaultConnector::default(),
                GuardedResolver { allow_private, special_purpose: config.special_purpose },
            )
        };
        Fetcher {
            guarded: agent(false),
            open: agent(true),
            config,
            next_slot: Mutex::new(HashMap::new()),
            robots: Mutex::new(HashMap::new()),
        }
    }

    /// GETs `url`, following redirects, obeying robots.txt; conditional on
    /// `validators` when given.
    pub fn get(&self, url: &str, validators: &Validators, allow_private: bool) -> Result<Fetched, FetchError> {
        let mut current = parse_url(url)?;
        for _hop in 0..=self.config.max_redirects {
            let rules = self.robots_for(&current, allow_private)?;
            if !rules.allowed(current.as_str()) {
                return Err(FetchError::Robots { url: current.to_string() });
            }
            let response = self.request(&current, validators, allow_private, rules.delay)?;
            let status = response.status().as_u16();
            if (300..400).contains(&status) && status != 304 {
                let location = response.headers().get("location").and_then(|v| v.to_str().ok());
                let next = location.and_then(|l| current.join(l).ok());
                let Some(next) = next else {
                    return Err(FetchError::BadRedirect { url: current.to_string(), status });
                };
                tracing::debug!(from = %current, to = %next, status, "redirect");
                current = check_scheme(next)?;
                continue;
            }
            if status == 304 {
                return Ok(Fetched::NotModified);
            }
            if !(200..300).contains(&status) {
                return Err(FetchError::Status { url: current.to_string(), status });
            }
            return self.read_page(current, response).map(Fetched::Page);
        }
        Err(FetchError::TooManyRedirects { url: url.to_owned(), max: self.config.max_redirects })
    }

    fn request(
        &self,
        url: &Url,
        validators: &Validators,
        allow_private: bool,
        crawl_delay: Option<Duration>,
    ) -> Result<ureq::http::Response<ureq::Body>, FetchError> {
        self.wait_turn(url, crawl_delay);
        let agent = if allow_private { &self.open } else { &self.guarded };
        let mut request = agent.get(url.as_str());
        if let Some(etag) = &validators.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(modified) = &validators.last_modified {
            request = request.header("If-Modified-Since", modified);
        }
        request.call().map_err(|e| http_error(url, e))
    }

    fn read_page(&self, url: Url, mut response: ureq::http::Response<ureq::Body>) -> Result<Page, FetchError> {
        let header =
            |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(|v| v.trim().to_owned());
        let content_type = header("content-type");
        let validators = Validators { etag: header("etag"), last_modified: header("last-modified") };
        let max = self.config.max_body;
        let body = response.body_mut().with_config().limit(max).read_to_vec().map_err(|e| match e {
            ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge { url: url.to_string(), max },
            e => http_error(&url, e),
        })?;
        Ok(Page { url: url.to_string(), content_type, validators, body, fetched_at: chrono::Utc::now().fixed_offset() })
    }

    /// Sleeps until the host's next slot and books the one after it.
    fn wait_turn(&self, url: &Url, crawl_delay: Option<Duration>) {
        let interval = crawl_delay
            .map_or(self.config.host_interval, |d| d.min(self.config.max_crawl_delay).max(self.config.host_interval));
        let key = host_key(url);
        let wait = {
            let mut slots = self.next_slot.lock().unwrap_or_else(|e| e.into_inner());
            let now = Instant::now();
            let slot = slots.get(&key).copied().unwrap_or(now).max(now);
            slots.insert(key, slot + interval);
            slot - now
        };
        if !wait.is_zero() {
            std::thread::sleep(wait);
        }
    }

    fn robots_for(&self, url: &Url, allow_private: bool) -> Result<robots::Rules, FetchError> {
        let origin = url.origin().ascii_serialization();
        if let Some(rules) = self.robots.lock().unwrap_or_else(|e| e.into_inner()).get(&origin) {
            return Ok(rules.clone());
        }
        let robots_url =
            url.join("/robots.txt").map_err(|e| FetchError::Url { url: url.to_string(), reason: e.to_string() })?;
        let rules = self.fetch_robots(&robots_url, allow_private)?;
        self.robots.lock().unwrap_or_else(|e| e.into_inner()).insert(origin, rules.clone());
        Ok(rules)
    }

    /// robots.txt, with up to five redirects as RFC 9309 asks.
    fn fetch_robots(&self, robots_url: &Url, allow_private: bool) -> Result<robots::Rules, FetchError> {
        let mut current = robots_url.clone();
        for _ in 0..5 {
            let mut response = match self.request(&current, &Validators::default(), allow_private, None) {
                Ok(r) => r,
                Err(e @ FetchError::Forbidden { .. }) => return Err(e),
                // Unreachable: assume complete disallow (RFC 9309 2.3.1.4).
                Err(e) => {
                    tracing::warn!("robots.txt unreachable, nothing fetched from this site: {e}");
                    return Ok(robots::Rules::disallow_all());
                }
            };
            let status = response.status().as_u16();
            match status {
                200..=299 => {
                    let body = response.body_mut().with_config().limit(500 * 1024).read_to_vec().unwrap_or_default();
                    return Ok(robots::Rules::parse(ROBOTS_AGENT, &body));
                }
                300..=399 => {
                    let next = response
                        .headers()
                        .get("location")
                        .and_then(|v| v.to_str().ok())
                        .and_then(|l| current.join(l).ok());
                    match next {
                        Some(next) if matches!(next.scheme(), "http" | "https") => current = next,
                        _ => return Ok(robots::Rules::allow_all()),
                    }
                }
                400..=499 => return Ok(robots::Rules::allow_all()),
                _ => return Ok(robots::Rules::disallow_all()),
            }
        }
        Ok(robots::Rules::allow_all())
    }
}

fn parse_url(url: &str) -> Result<Url, FetchError> {
    let parsed = Url::parse(url).map_err(|e| FetchError::Url { url: url.to_owned(), reason: e.to_string() })?;
    check_scheme(parsed)
}

fn check_scheme(url: Url) -> Result<Url, FetchError> {
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(FetchError::Scheme { url: url.to_string() });
    }
    Ok(url)
}

/// Checks that a URL is one the fetcher can read (http or https, with a host).
pub fn validate_url(url: &str) -> Result<Url, FetchError> {
    parse_url(url)
}

fn host_key(url: &Url) -> String {
    format!("{}:{}", url.host_str().unwrap_or(""), url.port_or_known_default().unwrap_or(0))
}

/// The marker the resolver puts in its refusal, to tell it from other I/O errors.
const REFUSED: &str = "marsad-refused:";

fn http_error(url: &Url, e: ureq::Error) -> FetchError {
    let message = e.to_string();
    if let Some((_, reason)) = message.split_once(REFUSED) {
        return FetchError::Forbidden { url: url.to_string(), reason: reason.trim().to_owned() };
    }
    FetchError::Http { url: url.to_string(), message }
}

/// The default resolver, refusing special-purpose addresses unless allowed.
#[derive(Debug)]
struct GuardedResolver {
    allow_private: bool,
    special_purpose: fn(IpAddr) -> Option<&'static str>,
}

impl Resolver for GuardedResolver {
    fn resolve(
        &self,
        uri: &ureq::http::Uri,
        config: &ureq::config::Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        let addrs = DefaultResolver::default().resolve(uri, config, timeout)?;
        if !self.allow_private {
            if let Some((addr, kind)) =
                addrs.iter().find_map(|a: &SocketAddr| (self.special_purpose)(a.ip()).map(|kind| (a, kind)))
            {
                let host = uri.host().unwrap_or("").trim_matches(['[', ']']);
                let ip = addr.ip();
                let what = if host == ip.to_string() {
                    format!("{ip} is a {kind} address")
                } else {
                    format!("{host} resolves to {ip}, a {kind} address")
                };
                return Err(ureq::Error::Io(std::io::Error::new(
                    std::io::ErrorKind::PermissionDenied,
                    format!("{REFUSED} {what}"),
                )));
            }
        }
        Ok(addrs)
    }
}

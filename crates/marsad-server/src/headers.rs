//! What every API response carries beyond its body: hardening headers (the
//! UI's pages have their own, `marsad-web`), and errors as the documented
//! JSON even when axum or a layer produced them (413, 405, 408, a path
//! that is not UTF-8), not its plain text or an empty body.

use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::{ApiError, MAX_INGEST_BYTES};

/// JSON loads nothing, so nothing is allowed; `sandbox` keeps a response a
/// browser is tricked into rendering as a document from running anything.
pub(crate) const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; frame-ancestors 'none'; sandbox";

const HEADERS: [(HeaderName, &str); 5] = [
    (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::X_FRAME_OPTIONS, "DENY"),
    (header::REFERRER_POLICY, "no-referrer"),
    // Other sites may not embed API answers (no-cors reads); CORS, if ever
    // offered, is unaffected.
    (HeaderName::from_static("cross-origin-resource-policy"), "same-origin"),
];

/// The longest error text read back from a response before it is rewritten.
const MAX_ERROR_TEXT: usize = 4096;

pub(crate) async fn api(response: Response) -> Response {
    let mut response = json_errors(response).await;
    let headers = response.headers_mut();
    for (name, value) in HEADERS {
        headers.entry(name).or_insert(HeaderValue::from_static(value));
    }
    response
}

async fn json_errors(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/json"));
    if is_json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = match axum::body::to_bytes(body, MAX_ERROR_TEXT).await {
        Ok(bytes) => String::from_utf8_lossy(&bytes).trim().to_owned(),
        Err(_) => String::new(),
    };
    let message = match status {
        StatusCode::PAYLOAD_TOO_LARGE => {
            format!("body: larger than {} MiB ({MAX_INGEST_BYTES} bytes)", MAX_INGEST_BYTES >> 20)
        }
        StatusCode::REQUEST_TIMEOUT => "the request took too long and was stopped".to_owned(),
        _ if !text.is_empty() => text,
        _ => status.canonical_reason().unwrap_or("error").to_lowercase(),
    };
    let mut rewritten = ApiError::new(status, message).into_response();
    // Keep what the original said beyond its body (Allow on a 405).
    for (name, value) in parts.headers {
        if let Some(name) = name.filter(|n| *n != header::CONTENT_TYPE && *n != header::CONTENT_LENGTH) {
            rewritten.headers_mut().entry(name).or_insert(value);
        }
    }
    rewritten
}

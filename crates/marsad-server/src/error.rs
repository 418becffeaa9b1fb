use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// An error as the API reports it: `{"error": "..."}` with its status.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError { status, message: message.into() }
    }
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if self.status.is_server_error() {
            tracing::error!(status = %self.status, message = %self.message, "request failed");
        }
        let mut response = (self.status, Json(serde_json::json!({ "error": self.message }))).into_response();
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            response.headers_mut().insert(axum::http::header::RETRY_AFTER, axum::http::HeaderValue::from_static("1"));
        }
        response
    }
}

impl From<marsad_store::StoreError> for ApiError {
    fn from(e: marsad_store::StoreError) -> Self {
        match e {
            marsad_store::StoreError::Index(marsad_store::index::IndexError::Query(m)) => {
                ApiError::bad_request(format!("cannot read the query: {m}"))
            }
            marsad_store::StoreError::Ambiguous(_)
            | marsad_store::StoreError::Index(marsad_store::index::IndexError::BeyondWindow { .. }) => {
                ApiError::bad_request(e.to_string())
            }
            e if e.is_overload() => {
                ApiError::new(StatusCode::SERVICE_UNAVAILABLE, format!("the server is busy, retry shortly: {e}"))
            }
            e => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        }
    }
}

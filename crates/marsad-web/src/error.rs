//! Errors as Arabic pages with the right status. The technical detail of a
//! server error goes to the log, not to the reader.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

#[derive(Debug)]
pub struct WebError {
    pub status: StatusCode,
    /// What the reader is told, in Arabic.
    pub message: String,
    /// What the log is told.
    pub detail: Option<String>,
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    title: &'a str,
    message: &'a str,
    status: u16,
    not_found: bool,
}

impl WebError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> WebError {
        WebError { status, message: message.into(), detail: None }
    }

    pub fn not_found(message: impl Into<String>) -> WebError {
        WebError::new(StatusCode::NOT_FOUND, message)
    }

    pub fn bad_request(message: impl Into<String>) -> WebError {
        WebError::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn internal(detail: impl Into<String>) -> WebError {
        WebError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: "حدث خطأ في الخادم أثناء تحضير هذه الصفحة. أعد المحاولة بعد قليل.".into(),
            detail: Some(detail.into()),
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        if self.status.is_server_error() {
            tracing::error!(status = %self.status, detail = self.detail.as_deref().unwrap_or(""), "page failed");
        }
        let title = match self.status {
            StatusCode::NOT_FOUND => "الصفحة غير موجودة",
            StatusCode::BAD_REQUEST => "طلب غير صالح",
            StatusCode::REQUEST_TIMEOUT => "انتهت مهلة الطلب",
            StatusCode::SERVICE_UNAVAILABLE => "الخادم مشغول",
            _ => "خطأ في الخادم",
        };
        let page = ErrorPage {
            title,
            message: &self.message,
            status: self.status.as_u16(),
            not_found: self.status == StatusCode::NOT_FOUND,
        };
        let retry = (self.status == StatusCode::SERVICE_UNAVAILABLE)
            .then_some((axum::http::header::RETRY_AFTER, axum::http::HeaderValue::from_static("1")));
        match page.render() {
            Ok(html) => (self.status, retry.into_iter().collect::<axum::http::HeaderMap>(), Html(html)).into_response(),
            Err(e) => {
                tracing::error!(error = %e, "error page failed to render");
                (self.status, self.message).into_response()
            }
        }
    }
}

impl From<marsad_store::StoreError> for WebError {
    fn from(e: marsad_store::StoreError) -> Self {
        match e {
            marsad_store::StoreError::Index(marsad_store::index::IndexError::Query(m)) => WebError {
                detail: Some(m),
                ..WebError::bad_request("تعذّرت قراءة عبارة البحث: تحقّق من علامات التنصيص والأقواس.")
            },
            marsad_store::StoreError::Index(marsad_store::index::IndexError::BeyondWindow { .. }) => WebError {
                detail: Some(e.to_string()),
                ..WebError::bad_request("هذه الصفحة أبعد مما يُعرض من النتائج: ضيّق البحث بالتاريخ أو المصدر.")
            },
            marsad_store::StoreError::Ambiguous(id) => {
                WebError::bad_request(format!("المعرّف «{id}» يطابق أكثر من خبر: اكتب أحرفاً أكثر منه."))
            }
            e if e.is_overload() => WebError {
                detail: Some(e.to_string()),
                ..WebError::new(StatusCode::SERVICE_UNAVAILABLE, "الخادم مشغول الآن: أعد المحاولة بعد لحظات.")
            },
            e => WebError::internal(e.to_string()),
        }
    }
}

impl From<askama::Error> for WebError {
    fn from(e: askama::Error) -> Self {
        WebError::internal(format!("template: {e}"))
    }
}

/// Renders a page template, or the error page when that fails.
pub(crate) fn render(page: &impl Template) -> Result<Html<String>, WebError> {
    Ok(Html(page.render()?))
}
